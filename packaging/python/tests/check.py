"""The Python side of packaging/python/test.sh: the reference library's calls against moto.

    python check.py GROUP      (a key of GROUPS at the end)

Each group runs in its own process, in the environment test.sh builds (moto endpoint, the IRSA
webhook's variables, TARGET_ROLE_ARN, a downward-API file naming the user). Prints `ok NAME` or
`FAIL NAME: why` per check; test.sh counts them. Expected values come from CHECK_* variables.
"""

import datetime
import os
import pickle
import sys
import traceback

results = []


def check(name):
    def run(fn):
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - a failed check is reported, the rest still run
            frames = traceback.extract_tb(e.__traceback__)
            line = next((f.lineno for f in reversed(frames) if f.name not in ("expect", "raised")), 0)
            what = "".join(traceback.format_exception_only(type(e), e)).strip().replace("\n", " | ")
            print(f"FAIL {name}: {what} (check.py:{line})", flush=True)
            results.append(False)
        else:
            print(f"ok {name}", flush=True)
            results.append(True)
        return fn

    return run


def expect(actual, expected):
    assert actual == expected, f"got {actual!r}, expected {expected!r}"


TARGET_ARN = os.environ.get("CHECK_TARGET_SESSION_ARN", "")
BASE_ARN_PREFIX = os.environ.get("CHECK_BASE_SESSION_PREFIX", "")
USER = os.environ.get("CHECK_USER", "")


def main():
    import boto3
    import oc_role_assume
    from oc_role_assume import aws, get_boto3_session, get_user

    @check("the module is the one under test and finds its binary")
    def _():
        expect(os.path.dirname(oc_role_assume.__file__), os.environ["CHECK_MODULE_DIR"])
        expect(os.path.realpath(oc_role_assume.binary()), os.environ["CHECK_BIN"])

    @check("aws.client('s3') creates and lists buckets")
    def _():
        s3 = aws.client("s3")
        s3.create_bucket(Bucket="fraud-detection-data")
        names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
        assert "fraud-detection-data" in names, names

    @check("aws.resource('s3') writes and reads an object")
    def _():
        bucket = aws.resource("s3").Bucket("fraud-detection-data")
        bucket.put_object(Key=f"users/{USER}/hello.txt", Body=b"hello")
        body = bucket.Object(f"users/{USER}/hello.txt").get()["Body"].read()
        expect(body, b"hello")

    @check("get_boto3_session() is the tagged Target session, not the IRSA Base role")
    def _():
        session = get_boto3_session()
        expect(session.client("sts").get_caller_identity()["Arn"], TARGET_ARN)
        expect(session.region_name, "us-east-1")

    @check("the credentials come from the helper and refresh themselves")
    def _():
        creds = get_boto3_session().get_credentials()
        expect(creds.method, "oc-role-assume")
        left = creds._expiry_time - datetime.datetime.now(datetime.timezone.utc)
        assert datetime.timedelta(minutes=50) < left <= datetime.timedelta(hours=1), left
        # Inside botocore's mandatory-refresh window: the next use runs the helper again, which answers
        # from its cache (test.sh checks that no second STS chain was made).
        creds._expiry_time = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)
        frozen = creds.get_frozen_credentials()
        assert frozen.access_key, "no access key after refresh"
        left = creds._expiry_time - datetime.datetime.now(datetime.timezone.utc)
        assert left > datetime.timedelta(minutes=50), f"not refreshed: {left} left"

    @check("get_user() is the downward-API file's user (labelled user-controlled: not the default path)")
    def _():
        expect(get_user(), USER)
        who = oc_role_assume.whoami()
        expect((who["platform_set"], who["source"].startswith("downward-API")), (False, True))

    @check("clients from aws.client() share one session")
    def _():
        assert aws.client("sts")._request_signer._credentials is aws.client("s3")._request_signer._credentials

    @check("boto3 itself is left alone")
    def _():
        expect(boto3.DEFAULT_SESSION, None)


def again():
    from oc_role_assume import aws

    @check("a second process gets the Target session (from the helper's cache)")
    def _():
        expect(aws.client("sts").get_caller_identity()["Arn"], TARGET_ARN)


def data_connection():
    from oc_role_assume import aws

    @check("data-connection keys in the environment do not shadow the helper")
    def _():
        assert os.environ.get("AWS_ACCESS_KEY_ID"), "test.sh did not export AWS_ACCESS_KEY_ID"
        expect(aws.client("sts").get_caller_identity()["Arn"], TARGET_ARN)


def aarch64():
    from oc_role_assume import aws, get_user

    @check("the aarch64 wheel's binary (under qemu) serves the session and the user")
    def _():
        assert os.environ["OC_ROLE_ASSUME_BIN"].endswith("/aarch64"), os.environ["OC_ROLE_ASSUME_BIN"]
        expect(aws.client("sts").get_caller_identity()["Arn"], TARGET_ARN)
        expect(get_user(), USER)


def shadowed():
    import boto3

    @check("plain boto3 in the same environment gets the untagged Base role (the trap avoided)")
    def _():
        arn = boto3.client("sts", region_name="us-east-1").get_caller_identity()["Arn"]
        assert arn.startswith(BASE_ARN_PREFIX), f"{arn!r} is not the Base role {BASE_ARN_PREFIX!r}"


def warning():
    import logging

    from oc_role_assume import get_boto3_session

    @check("a warning from the helper reaches the oc_role_assume logger; the credentials still come")
    def _():
        records = []
        handler = logging.Handler()
        handler.emit = records.append
        logging.getLogger("oc_role_assume").addHandler(handler)
        expect(get_boto3_session().client("sts").get_caller_identity()["Arn"], TARGET_ARN)
        said = [r.getMessage() for r in records]
        assert any("warning: not caching credentials" in m for m in said), said


def failure():
    from botocore.exceptions import CredentialRetrievalError

    from oc_role_assume import OcRoleAssumeError, aws, get_boto3_session, get_user

    def raised(call):
        try:
            call()
        except OcRoleAssumeError as e:
            return e
        raise AssertionError("no OcRoleAssumeError")

    @check("no identity: aws.client() raises the helper's message and hint")
    def _():
        e = raised(lambda: aws.client("s3"))
        assert e.message.startswith("no user identity found ("), e.message
        assert e.hint and "RHOAI_USER" in e.hint, e.hint
        expect(e.exit_code, 3)
        expect(str(e), f"oc-role-assume: error: {e.message}\nhint: {e.hint}")
        assert isinstance(e, CredentialRetrievalError)

    @check("no identity: get_boto3_session() clients and get_user() raise it too")
    def _():
        expect(raised(lambda: get_boto3_session().client("sts")).exit_code, 3)
        expect(raised(get_user).message, raised(lambda: aws.client("s3")).message)

    @check("the error survives pickling (multiprocessing, Spark)")
    def _():
        e = raised(get_user)
        copy = pickle.loads(pickle.dumps(e))
        expect((copy.message, copy.hint, copy.exit_code, str(copy)), (e.message, e.hint, 3, str(e)))

    @check("OC_ROLE_ASSUME_FALLBACK_USER=unknown_user gives the reference library's default back")
    def _():
        os.environ["OC_ROLE_ASSUME_FALLBACK_USER"] = "unknown_user"
        try:
            expect(get_user(), "unknown_user")
        finally:
            del os.environ["OC_ROLE_ASSUME_FALLBACK_USER"]

    @check("a missing binary is an OcRoleAssumeError that says what to do")
    def _():
        saved = dict(os.environ)
        os.environ["OC_ROLE_ASSUME_BIN"] = "/nonexistent/oc-role-assume"
        try:
            e = raised(get_user)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        expect(e.message, "cannot run /nonexistent/oc-role-assume: No such file or directory")
        assert "OC_ROLE_ASSUME_BIN" in e.hint, e.hint


PLANTED_SCRIPT = """#!/bin/sh
echo "$0 $*" >>"$(dirname "$0")/../planted-ran"
printf '{"Version":1,"AccessKeyId":"AKIAPLANTEDPLANTED00","SecretAccessKey":"planted",\
"SessionToken":"planted","Expiration":"2099-01-01T00:00:00Z"}\n'
"""


def plant(directory):
    """A dist-info that names a script of its own, as anything in a notebook's directory could."""
    dist = os.path.join(directory, "oc_role_assume-99.0.dist-info")
    os.makedirs(os.path.join(directory, "bin"))
    os.mkdir(dist)
    with open(os.path.join(dist, "METADATA"), "w") as f:
        f.write("Metadata-Version: 2.1\nName: oc-role-assume\nVersion: 99.0\n")
    with open(os.path.join(dist, "RECORD"), "w") as f:  # relative: resolved against the cwd
        f.write("bin/oc-role-assume,,\noc_role_assume/__init__.py,,\noc_role_assume/_helper.py,,\n")
    script = os.path.join(directory, "bin", "oc-role-assume")
    with open(script, "w") as f:
        f.write(PLANTED_SCRIPT)
    os.chmod(script, 0o755)
    return os.path.join(directory, "planted-ran")


def planted():
    import tempfile

    # A notebook kernel: the notebook's directory is the cwd and sys.path[0] ('' and its path).
    notebook = tempfile.mkdtemp(prefix="notebook-", dir=os.environ["HOME"])  # test.sh removes it
    ran = plant(notebook)
    os.chdir(notebook)
    sys.path[0:0] = ["", notebook]

    import oc_role_assume
    from oc_role_assume import OcRoleAssumeError, get_boto3_session, get_user

    @check("a planted oc_role_assume-*.dist-info in the notebook's dir (sys.path[0], cwd) is never run")
    def _():
        expect(os.path.dirname(oc_role_assume.__file__), os.environ["CHECK_MODULE_DIR"])
        session = get_boto3_session()
        key = session.get_credentials().get_frozen_credentials().access_key
        assert not key.startswith("AKIAPLANTED"), key
        expect(session.client("sts").get_caller_identity()["Arn"], TARGET_ARN)
        expect(os.path.exists(ran), False)
        expect(os.path.realpath(oc_role_assume.binary()), os.environ["CHECK_BIN"])

    @check("the binary is the installed one, by absolute path, whatever the cwd")
    def _():
        found = oc_role_assume.binary()
        assert os.path.isabs(found), found
        os.chdir("/")
        try:
            expect(oc_role_assume.binary(), found)
        finally:
            os.chdir(notebook)
        expect(get_user(), USER)
        expect(os.path.exists(ran), False)

    @check("a relative OC_ROLE_ASSUME_BIN is refused, not looked up from the cwd")
    def _():
        os.environ["OC_ROLE_ASSUME_BIN"] = "bin/oc-role-assume"
        try:
            get_user()
        except OcRoleAssumeError as e:
            expect(e.message, "OC_ROLE_ASSUME_BIN must be an absolute path, not 'bin/oc-role-assume'")
        else:
            raise AssertionError("no OcRoleAssumeError")
        finally:
            del os.environ["OC_ROLE_ASSUME_BIN"]
        expect(os.path.exists(ran), False)


def target():
    import oc_role_assume
    from oc_role_assume import get_user

    @check("pip install --target: the module runs the binary in the target's bin/ (not RECORD's path)")
    def _():
        expect(os.path.dirname(oc_role_assume.__file__), os.environ["CHECK_MODULE_DIR"])
        expect(os.path.realpath(oc_role_assume.binary()), os.environ["CHECK_BIN"])
        expect(get_user(), USER)


def tampered():
    from oc_role_assume import OcRoleAssumeError, get_user

    @check("a binary that is not the one its RECORD describes (size, sha256) is not run")
    def _():
        try:
            get_user()
        except OcRoleAssumeError as e:
            prefix = "the oc-role-assume binary installed with this module was not found"
            assert e.message.startswith(prefix), e.message
            assert "OC_ROLE_ASSUME_BIN" in e.hint, e.hint
        else:
            raise AssertionError("no OcRoleAssumeError")
        expect(os.path.exists(os.environ["CHECK_MARKER"]), False)


GROUPS = {
    "main": main,
    "again": again,
    "data-connection": data_connection,
    "aarch64": aarch64,
    "shadowed": shadowed,
    "warning": warning,
    "failure": failure,
    "planted": planted,
    "target": target,
    "tampered": tampered,
}

if __name__ == "__main__":
    GROUPS[sys.argv[1]]()
    sys.exit(0 if results and all(results) else 1)
