"""boto3 sessions whose credentials come from the oc-role-assume binary, run as a credential_process.

The provider is botocore's own ProcessProvider, so refreshing works as for any `credential_process`
profile (botocore runs the helper again from 15 minutes before expiry) and the helper's on-disk cache
is the one every other SDK and CLI in the workbench shares.

It goes first in the session's credential chain. botocore otherwise asks the environment first: the
IRSA webhook's `AWS_ROLE_ARN` + `AWS_WEB_IDENTITY_TOKEN_FILE` would give the untagged Base role, and a
data connection's `AWS_ACCESS_KEY_ID` some other account's keys. The provider never returns "not
here": it gives the Target credentials or raises, so nothing later in the chain is ever asked.
"""

from __future__ import annotations

import shlex
from typing import Optional

import boto3
import botocore.session
from botocore.credentials import ProcessProvider

from . import _helper

DEFAULT_REGION = "us-east-1"  # the reference library's default, and the helper's
_PROFILE = "oc-role-assume"


class HelperProvider(ProcessProvider):
    """ProcessProvider for the bundled binary; the binary is looked up when credentials are first needed."""

    METHOD = "oc-role-assume"

    def __init__(self) -> None:
        super().__init__(profile_name=_PROFILE, load_config=self._config, popen=_helper.Process)

    @staticmethod
    def _config() -> dict:
        command = shlex.join([_helper.binary()])
        return {"profiles": {_PROFILE: {"credential_process": command}}}


def get_boto3_session(region_name: Optional[str] = None) -> boto3.Session:
    """A new boto3 Session acting as the Target role, tagged with the user; credentials refresh themselves.

    Region: `region_name`, else the usual `AWS_REGION` / `AWS_DEFAULT_REGION` / config file, else
    us-east-1 (as in the reference library). Like any boto3 Session, use one per thread.
    """
    core = botocore.session.get_session()
    core.get_component("credential_provider").providers.insert(0, HelperProvider())
    if region_name is None and core.get_config_variable("region") is None:
        region_name = DEFAULT_REGION
    return boto3.Session(botocore_session=core, region_name=region_name)
