"""Finding and running the bundled oc-role-assume binary, and turning its failures into one exception.

All credential and identity logic lives in the binary; this file only starts it and reads what it says:
stdout for results, and on failure its two stderr lines `oc-role-assume: error: ...` and `hint: ...`.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import os
import shutil
import subprocess
import sysconfig
from typing import Any, Iterator, Optional, Sequence, Union

from botocore.exceptions import CredentialRetrievalError

NAME = "oc-role-assume"
BIN_ENV = "OC_ROLE_ASSUME_BIN"
_ERROR_PREFIX = NAME + ": error: "
_HINT_PREFIX = "hint: "
log = logging.getLogger("oc_role_assume")


class OcRoleAssumeError(CredentialRetrievalError):
    """The helper failed (or could not be run); carries its one-line message and its hint.

    A `botocore.exceptions.CredentialRetrievalError`, so code that already handles botocore's credential
    errors handles this one too. `str(error)` is the helper's own two lines.
    """

    fmt = "{error_msg}"

    def __init__(
        self,
        message: str,
        hint: Optional[str] = None,
        exit_code: Optional[int] = None,
        stderr: str = "",
    ) -> None:
        text = _ERROR_PREFIX + message + ("\n" + _HINT_PREFIX + hint if hint else "")
        super().__init__(provider=NAME, error_msg=text)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code
        self.stderr = stderr

    def __reduce__(self):  # botocore's own __reduce__ would call __init__ with its kwargs
        return (type(self), (self.message, self.hint, self.exit_code, self.stderr))


def error_from(stderr: Union[bytes, str], exit_code: Optional[int]) -> OcRoleAssumeError:
    """The exception for a failed run, from the helper's stderr and exit status."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    message = next((ln[len(_ERROR_PREFIX) :] for ln in lines if ln.startswith(_ERROR_PREFIX)), None)
    hint = next((ln[len(_HINT_PREFIX) :] for ln in lines if ln.startswith(_HINT_PREFIX)), None)
    if message is None:
        # Not the helper's own report: a usage error from its parser, or a crash or a signal.
        message = next((ln for ln in lines if ln.startswith("error:")), None) or (
            lines[0] if lines else _status(exit_code)
        )
    return OcRoleAssumeError(message, hint, exit_code, text)


def _status(exit_code: Optional[int]) -> str:
    if exit_code is not None and exit_code < 0:
        return f"{NAME} was killed by signal {-exit_code}"
    return f"{NAME} exited with status {exit_code} and said nothing"


def _candidates() -> Iterator[str]:
    # Where pip put this distribution's script, whatever the scheme (venv, --user, --prefix, --target).
    try:
        files = importlib.metadata.distribution(NAME).files or ()
    except importlib.metadata.PackageNotFoundError:
        files = ()
    for file in files:
        if file.name == NAME:
            yield os.path.normpath(str(file.locate()))
    # This interpreter's scripts dir (a venv's bin), then PATH (an image with the release binary).
    scripts = sysconfig.get_path("scripts")
    if scripts:
        yield os.path.join(scripts, NAME)
    on_path = shutil.which(NAME)
    if on_path:
        yield on_path


def binary() -> str:
    """Path of the oc-role-assume binary: `$OC_ROLE_ASSUME_BIN`, else the one installed with this wheel."""
    override = os.environ.get(BIN_ENV)
    if override:
        return override
    for candidate in _candidates():
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise OcRoleAssumeError(
        f"the {NAME} binary was not found next to this Python ({sysconfig.get_path('scripts')}) "
        "nor on PATH",
        f"pip install {NAME} into this environment, or set {BIN_ENV} to the binary's path",
    )


def _cannot_run(path: str, exc: OSError) -> OcRoleAssumeError:
    return OcRoleAssumeError(
        f"cannot run {path}: {exc.strerror or exc}",
        f"reinstall {NAME}, or set {BIN_ENV} to an executable oc-role-assume binary",
    )


class Process:
    """`subprocess.Popen` for botocore's ProcessProvider that raises OcRoleAssumeError on failure.

    botocore would raise a generic CredentialRetrievalError with the raw stderr; raising here keeps the
    helper's message, hint and exit code. When it succeeds, what it said on stderr (a warning, such as
    an unusable cache dir) goes to the `oc_role_assume` logger, where botocore would drop it. stdin is
    closed: the helper never reads it, and in a notebook kernel it must not take the kernel's.
    """

    def __init__(self, args: Sequence[str], **kwargs: Any) -> None:
        kwargs.setdefault("stdin", subprocess.DEVNULL)
        try:
            self._process = subprocess.Popen(args, **kwargs)
        except OSError as exc:
            raise _cannot_run(args[0], exc) from None

    @property
    def returncode(self) -> Optional[int]:
        return self._process.returncode

    def communicate(self, *args: Any, **kwargs: Any):
        stdout, stderr = self._process.communicate(*args, **kwargs)
        if self._process.returncode != 0:
            raise error_from(stderr or b"", self._process.returncode)
        for line in (stderr or b"").decode("utf-8", "replace").splitlines():
            if line.strip():
                log.warning("%s", line.rstrip())
        return stdout, stderr


def run(*args: str) -> str:
    """Runs the helper with `args` and returns its stdout; raises OcRoleAssumeError if it fails."""
    process = Process([binary(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, _ = process.communicate()
    return stdout.decode("utf-8")


def whoami() -> dict:
    """`oc-role-assume whoami --json`: user, source, platform_set, namespace, pod. No AWS call."""
    return json.loads(run("whoami", "--json"))


def get_user() -> str:
    """The OpenShift user name the credentials are tagged with (the reference library's `get_user()`).

    Unlike the reference library there is no silent `unknown_user`: when no source names the user this
    raises OcRoleAssumeError (set `OC_ROLE_ASSUME_FALLBACK_USER` to opt in to a fixed name).
    """
    return whoami()["user"]
