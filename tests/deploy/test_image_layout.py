"""The AWS config layout packaging/Containerfile gives a workbench, read by the real AWS CLI and boto3.

A temp root stands in for the image: /etc/oc-role-assume/aws-config (packaging/aws-config with the
Containerfile's own `sed` for the region applied), the entrypoint (packaging/entrypoint.sh) and the
workbench's home /opt/app-root/src, owned by uid 1001, gid 0 as on OpenShift. No container engine is
needed. When the tests run as root, every workbench process runs as uid 1001 (setpriv), as in the pod;
otherwise as the current user. The helper is a stub at the same path under the temp root that prints
credential_process JSON; the seeded config is the real file with only that path rewritten.

What it shows: with no per-user step every SDK finds `credential_process` in ~/.aws/config, the user
can add profiles of their own (which survive restarts), and the old layout (AWS_CONFIG_FILE pointing
at a file in /etc) hid the user's profiles and made `aws configure` fail.
"""

import json
import os
import pathlib
import re
import shutil
import stat
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VENV_BIN = pathlib.Path(sys.executable).parent
UID, GID = 1001, 0
HELPER = "/usr/local/bin/oc-role-assume"
REGION = "eu-central-1"
STUB_KEY = "ASIASTUBHELPERKEY"
AS_WORKBENCH_USER = os.geteuid() == 0 and shutil.which("setpriv") is not None
AWS_V2 = pathlib.Path("/usr/bin/aws")  # Debian's awscli package is the AWS CLI v2
# Under CI (`CI` set, as .ci/run and `cargo test` give it) nothing here may drop out: a missing AWS
# CLI v2 or a run as non-root is a failure, not a skip.
IN_CI = bool(os.environ.get("CI"))


def has_aws_v2():
    """Whether the AWS CLI v2 cross-checks can run; under CI its absence fails the test."""
    if not AWS_V2.exists() and IN_CI:
        pytest.fail("no AWS CLI v2 at /usr/bin/aws and CI is set: apt-get install awscli")
    return AWS_V2.exists()


def containerfile_region_sed():
    """The Containerfile's own sed expression that writes the build's region into the config."""
    text = (ROOT / "packaging/Containerfile").read_text()
    found = re.search(r'sed -i "(s\|\^region = \.\*\|region = \$\{AWS_REGION\}\|)"', text)
    assert found, "the Containerfile no longer sets the region with sed"
    return found.group(1)


@pytest.fixture()
def image():
    root = pathlib.Path(tempfile.mkdtemp(prefix="image-"))
    try:
        os.chmod(root, 0o755)
        seed = root / "etc/oc-role-assume/aws-config"
        seed.parent.mkdir(parents=True)
        shutil.copy(ROOT / "packaging/aws-config", seed)
        # As the Containerfile's RUN does it: through the shell, which fills in ${AWS_REGION}.
        subprocess.run(["sh", "-c", f'sed -i "{containerfile_region_sed()}" "$1"', "sh", str(seed)],
                       check=True, env={"PATH": "/usr/bin:/bin", "AWS_REGION": REGION})
        text = seed.read_text()
        assert f"credential_process = {HELPER}\n" in text
        assert f"region = {REGION}\n" in text
        seed.write_text(text.replace(HELPER, str(root) + HELPER))
        os.chmod(seed, 0o644)
        helper = root / HELPER.lstrip("/")
        helper.parent.mkdir(parents=True)
        helper.write_text(
            "#!/bin/sh\n"
            f'printf \'{{"Version":1,"AccessKeyId":"{STUB_KEY}","SecretAccessKey":"s","SessionToken":"t",'
            '"Expiration":"2099-01-01T00:00:00Z"}\\n\'\n')
        os.chmod(helper, 0o755)
        entrypoint = helper.parent / "oc-role-assume-entrypoint"
        shutil.copy(ROOT / "packaging/entrypoint.sh", entrypoint)
        os.chmod(entrypoint, 0o755)
        home = root / "opt/app-root/src"
        home.mkdir(parents=True)
        for d in (root / "opt", root / "opt/app-root"):
            os.chmod(d, 0o755)
        os.chmod(home, 0o770)
        if AS_WORKBENCH_USER:
            os.chown(home, UID, GID)
        yield root
    finally:
        shutil.rmtree(root)


def run(image, argv, env=None, check=True):
    """One workbench process: as uid 1001 (when root), in a clean environment with HOME on the
    workbench's volume, started by the image's entrypoint like everything in the pod."""
    home = image / "opt/app-root/src"
    full_env = {
        "PATH": f"{VENV_BIN}:/usr/bin:/bin",
        "HOME": str(home),
        "OC_ROLE_ASSUME_ENTRYPOINT_SEED": str(image / "etc/oc-role-assume/aws-config"),
        "OC_ROLE_ASSUME_ENTRYPOINT_BIN": str(image / HELPER.lstrip("/")),
        "OC_ROLE_ASSUME_ENTRYPOINT_COMMAND": "start-notebook.sh",
        # argv stands in for the workbench's command here: it replaces start-notebook.sh.
        "OC_ROLE_ASSUME_ENTRYPOINT_ARGS": "replace",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    full_env.update(env or {})
    cmd = [str(image / "usr/local/bin/oc-role-assume-entrypoint"), *argv]
    if AS_WORKBENCH_USER:
        cmd = ["setpriv", f"--reuid={UID}", f"--regid={GID}", "--clear-groups", *cmd]
    done = subprocess.run(cmd, env=full_env, capture_output=True, text=True, cwd=home)
    if check:
        assert done.returncode == 0, done
    return done


BOTO3 = """
import json, sys, boto3
s = boto3.Session(profile_name=sys.argv[1] if len(sys.argv) > 1 else None)
c = s.get_credentials()
print(json.dumps({"key": c.get_frozen_credentials().access_key, "method": c.method,
                  "region": s.region_name}))
"""


def boto3_view(image, profile=None, env=None):
    argv = [str(VENV_BIN / "python"), "-c", BOTO3] + ([profile] if profile else [])
    return json.loads(run(image, argv, env=env).stdout)


def test_the_workbench_user_can_run_the_venv():
    if not AS_WORKBENCH_USER:
        if IN_CI:
            pytest.fail("not root and CI is set: the workbench user (uid 1001) checks need root")
        pytest.skip("not root: processes run as the current user")
    done = subprocess.run(["setpriv", f"--reuid={UID}", f"--regid={GID}", "--clear-groups",
                           str(VENV_BIN / "python"), "-c", "import boto3, awscli"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done


def test_first_start_seeds_a_config_owned_by_the_user_for_group_0(image):
    # The home is 0770, group 0 (any UID the restricted SCC picks is in group 0): the seed follows it.
    home = image / "opt/app-root/src"
    run(image, ["true"])
    config = home / ".aws/config"
    st = config.stat()
    assert stat.S_IMODE(st.st_mode) == 0o660
    assert stat.S_IMODE((home / ".aws").stat().st_mode) == 0o770
    if AS_WORKBENCH_USER:
        assert (st.st_uid, st.st_gid) == (UID, GID)
    assert config.read_text() == (image / "etc/oc-role-assume/aws-config").read_text()


def test_boto3_and_the_aws_cli_run_the_helper_with_no_per_user_step(image):
    view = boto3_view(image)
    assert view == {"key": STUB_KEY, "method": "custom-process", "region": REGION}
    listed = run(image, ["aws", "configure", "list"]).stdout
    assert re.search(r"access_key\s+\*+RKEY\s+custom-process", listed), listed
    assert re.search(rf"region\s+{REGION}\s+config-file", listed), listed


def test_the_aws_cli_v2_runs_the_helper_too(image):
    if not has_aws_v2():
        pytest.skip("no AWS CLI v2 (Debian package awscli)")
    done = run(image, [str(AWS_V2), "configure", "export-credentials", "--format", "process"])
    assert json.loads(done.stdout)["AccessKeyId"] == STUB_KEY
    assert run(image, [str(AWS_V2), "configure", "get", "region"]).stdout.strip() == REGION


def test_the_user_adds_profiles_of_their_own_and_they_survive_restarts(image):
    run(image, ["true"])
    for argv in (["aws", "configure", "set", "aws_access_key_id", "AKIAUSERSOWNKEY", "--profile",
                  "minio"],
                 ["aws", "configure", "set", "aws_secret_access_key", "secret", "--profile",
                  "minio"],
                 ["aws", "configure", "set", "region", "eu-west-1", "--profile", "minio"]):
        run(image, argv)
    config = image / "opt/app-root/src/.aws/config"
    edited = config.read_text()
    assert "[profile minio]" in edited and "credential_process" in edited
    # A restart of the workbench (the entrypoint again) leaves it alone.
    run(image, ["true"])
    assert config.read_text() == edited
    assert boto3_view(image, "minio") == {"key": "AKIAUSERSOWNKEY", "method": "shared-credentials-file",
                                          "region": "eu-west-1"}
    assert boto3_view(image)["key"] == STUB_KEY


def test_region_variables_beat_the_config_and_botocore_reads_only_aws_default_region(image):
    # Why the manifests and the image set both names.
    assert boto3_view(image, env={"AWS_REGION": "eu-north-1"})["region"] == REGION
    assert boto3_view(image, env={"AWS_DEFAULT_REGION": "eu-north-1"})["region"] == "eu-north-1"
    if has_aws_v2():
        done = run(image, [str(AWS_V2), "configure", "list"], env={"AWS_REGION": "eu-north-1"})
        assert re.search(r"region\s+eu-north-1\s+env", done.stdout), done.stdout


def test_the_old_layout_hid_the_users_profiles_and_broke_aws_configure(image):
    # AWS_CONFIG_FILE=/etc/aws/config (root's, read-only), as packaging/Containerfile used to set.
    etc = image / "etc/aws/config"
    etc.parent.mkdir()
    etc.write_text(f"[default]\ncredential_process = {image}{HELPER}\n")
    os.chmod(etc, 0o644)
    home = image / "opt/app-root/src"
    run(image, ["true"], env={"AWS_CONFIG_FILE": str(etc)})
    assert not (home / ".aws/config").exists()  # nothing is seeded where no SDK would look
    (home / ".aws").mkdir(exist_ok=True)
    (home / ".aws/config").write_text("[profile mine]\nregion = eu-west-1\n")
    if AS_WORKBENCH_USER:
        os.chown(home / ".aws", UID, GID)
        os.chown(home / ".aws/config", UID, GID)
    env = {"AWS_CONFIG_FILE": str(etc)}
    done = run(image, [str(VENV_BIN / "python"), "-c", BOTO3, "mine"], env=env, check=False)
    assert done.returncode != 0 and "ProfileNotFound" in done.stderr, done
    if AS_WORKBENCH_USER:
        done = run(image, ["aws", "configure", "set", "region", "eu-west-1", "--profile", "x"],
                   env=env, check=False)
        assert done.returncode != 0 and "Permission denied" in done.stderr, done


def test_a_data_connections_keys_win_the_default_chain_and_an_explicit_profile_gets_the_helper(image):
    # What the README tells users: a dashboard data connection exports static keys, which every
    # SDK's default chain takes before credential_process; botocore and the AWS CLI give the profile's
    # credential_process precedence only when the profile is named explicitly.
    connection = {"AWS_ACCESS_KEY_ID": "MINIOCONNECTIONKEY", "AWS_SECRET_ACCESS_KEY": "minio-secret",
                  "AWS_S3_ENDPOINT": "https://minio.example:9000", "AWS_DEFAULT_REGION": "us-east-1"}
    assert boto3_view(image, env=connection)["key"] == "MINIOCONNECTIONKEY"
    assert boto3_view(image, "default", env=connection)["key"] == STUB_KEY
    listed = run(image, ["aws", "--profile", "default", "configure", "list"], env=connection).stdout
    assert re.search(r"access_key\s+\*+RKEY\s+custom-process", listed), listed
    # AWS_PROFILE is not explicit enough for botocore: the keys still win.
    env = dict(connection, AWS_PROFILE="default")
    assert boto3_view(image, env=env)["key"] == "MINIOCONNECTIONKEY"
    if has_aws_v2():
        done = run(image, [str(AWS_V2), "--profile", "default", "configure", "export-credentials"],
                   env=connection)
        assert json.loads(done.stdout)["AccessKeyId"] == STUB_KEY
