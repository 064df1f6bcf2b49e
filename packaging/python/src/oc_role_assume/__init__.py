"""Per-user AWS credentials for OpenShift AI workbenches, from Python.

The calls of the reference library `aws_openshift_role_assume`, on top of the `oc-role-assume` binary
that pip installs with this package (as a script, so also on the environment's PATH):

    from oc_role_assume import aws, get_boto3_session, get_user

    s3 = aws.client("s3")                  # Target role, session tag user=<you>, refreshes itself
    bucket = aws.resource("s3").Bucket("my-bucket")
    session = get_boto3_session()          # a boto3.Session for anything else
    print(get_user())                      # who the credentials are tagged with

No credential logic lives here: the binary resolves the user, calls STS and caches the result on disk
(shared with every other SDK and CLI in the workbench); failures raise OcRoleAssumeError with its
message and hint. The binary run is the one recorded in this package's own RECORD (beside it, checked
against its sha256), never one found on PATH or through another dist-info on sys.path;
`OC_ROLE_ASSUME_BIN`, an absolute path, is the explicit opt-in for another one (tests, a release binary).
"""

from . import aws
from ._helper import OcRoleAssumeError, binary, get_user, whoami
from ._session import get_boto3_session

__all__ = ["OcRoleAssumeError", "aws", "binary", "get_boto3_session", "get_user", "whoami"]
