"""Finding and running the bundled oc-role-assume binary, and turning its failures into one exception.

All credential and identity logic lives in the binary; this file only starts it and reads what it says:
stdout for results, and on failure its two stderr lines `oc-role-assume: error: ...` and `hint: ...`.
"""

from __future__ import annotations

import base64
import glob
import hashlib
import importlib.metadata
import json
import logging
import os
import pathlib
import stat
import subprocess
from typing import Any, Iterator, Optional, Sequence, Set, Tuple, Union

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


# Where this module was imported from, made absolute once, at import: a later chdir changes nothing.
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_SITE_DIR = os.path.dirname(_PACKAGE_DIR)
_verified: Set[Tuple[str, int, int, int, int]] = set()  # binaries whose hash matched, by stat identity


def _own_dist_infos() -> Iterator[importlib.metadata.Distribution]:
    # Only the dist-info that pip wrote beside this package (same directory), never the first one on
    # sys.path: a notebook's directory is sys.path[0], and anything in it could name itself
    # oc_role_assume-*.dist-info.
    pattern = os.path.join(glob.escape(_SITE_DIR), "oc_role_assume-*.dist-info")
    for path in sorted(glob.glob(pattern)):
        yield importlib.metadata.PathDistribution(pathlib.Path(path))


def _matches(path: str, file: importlib.metadata.PackagePath) -> bool:
    """Whether `path` is the regular, executable file that RECORD describes (size and sha256)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or not os.access(path, os.X_OK):
        return False
    if file.size is not None and st.st_size != file.size:
        return False
    key = (path, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    if key in _verified:
        return True
    if file.hash is None:
        return False
    try:
        digest = hashlib.new(file.hash.mode)
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except (OSError, ValueError):
        return False
    if base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode() != file.hash.value:
        return False
    _verified.add(key)
    return True


def installed_binary() -> Optional[str]:
    """The binary pip installed with this module, as an absolute path; None if there is none.

    The script recorded in the RECORD of this module's own dist-info (the one beside the package
    directory), at the path RECORD gives relative to that directory, or in its `bin/` (where
    `pip install --target` puts scripts while RECORD points elsewhere). Either is used only if its
    size and sha256 are the ones RECORD holds: it is the file pip installed, not one found by name.
    """
    for dist in _own_dist_infos():
        for file in dist.files or ():
            if file.name != NAME:
                continue
            recorded = os.path.normpath(os.path.join(_SITE_DIR, str(file)))
            for candidate in (recorded, os.path.join(_SITE_DIR, "bin", NAME)):
                if _matches(candidate, file):
                    return candidate
    return None


def binary() -> str:
    """Absolute path of the binary to run: `$OC_ROLE_ASSUME_BIN`, else the one installed with it.

    `OC_ROLE_ASSUME_BIN` is an explicit opt-in (tests, or a release binary elsewhere) and must be an
    absolute path: a relative one would be looked up from whatever the cwd is when credentials are
    refreshed. Without it, only the binary recorded by this module's own installation is run; never one
    found on PATH, in the interpreter's scripts dir or through another distribution's metadata.
    """
    override = os.environ.get(BIN_ENV)
    if override:
        if not os.path.isabs(override):
            raise OcRoleAssumeError(
                f"{BIN_ENV} must be an absolute path, not {override!r}",
                f"set {BIN_ENV} to the binary's absolute path, or unset it to use the one installed "
                f"with this module",
            )
        return override
    found = installed_binary()
    if found:
        return found
    raise OcRoleAssumeError(
        f"the {NAME} binary installed with this module was not found: no oc_role_assume-*.dist-info "
        f"in {_SITE_DIR} records one that is there unchanged",
        f"reinstall it (pip install --force-reinstall {NAME}), or set {BIN_ENV} to the absolute "
        f"path of an {NAME} binary",
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
