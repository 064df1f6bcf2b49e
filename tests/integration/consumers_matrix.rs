//! The consumer matrix, fast part: boto3 and the AWS CLI (from the test venv) in every setup the
//! README names — `credential_process` from the packaged AWS config; `exec --server` with a
//! region-only config, with the packaged config, and with the IRSA webhook's variable names; `exec`
//! env mode. Each lists a bucket and reads an object; moto's recorder shows that every S3 request was
//! signed by the tagged Target session, and a counting wrapper around the helper shows how often it
//! ran. `tests/consumers.sh` runs the slow rest (pyarrow, polars, s3fs, DuckDB, the JS and Rust SDKs,
//! the AWS CLI v2, rclone) outside CI.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::harness::moto::Moto;
use crate::harness::{BASE_ARN, Run, TestEnv, bin, chains, venv, workbench_with_moto};

const BUCKET: &str = "consumer-data";
const KEY: &str = "hello.txt";
const BODY: &str = "hello from moto";
const TARGET_SESSION: &str = "alice@example.com";

#[derive(Clone, Copy, Debug)]
enum Setup {
    /// The packaged AWS config (`credential_process` = the helper); SDKs run the helper.
    CredentialProcess,
    /// `exec --server` with an AWS config that only names the region.
    ServerRegionOnly,
    /// `exec --server` with the packaged config: SDKs run the helper, which answers from the endpoint.
    ServerPackaged,
    /// As `ServerPackaged`, but the wrapper gets the IRSA webhook's `AWS_ROLE_ARN` and
    /// `AWS_WEB_IDENTITY_TOKEN_FILE` instead of the `OC_ROLE_ASSUME_*` names.
    ServerIrsaNames,
    /// `exec` env mode, with the packaged config.
    ExecEnv,
}

#[derive(Clone, Copy, Debug)]
enum Consumer {
    Boto3,
    AwsCli,
}

impl Consumer {
    /// The command line: list the bucket, read the object, and (boto3) say which account the
    /// credentials carry.
    fn argv(self) -> Vec<String> {
        match self {
            Consumer::Boto3 => vec![
                venv().join("bin/python").display().to_string(),
                "-c".into(),
                format!(
                    "import boto3\n\
                     session = boto3.Session()\n\
                     s3 = session.client('s3')\n\
                     print([o['Key'] for o in s3.list_objects_v2(Bucket='{BUCKET}')['Contents']])\n\
                     print(s3.get_object(Bucket='{BUCKET}', Key='{KEY}')['Body'].read().decode())\n\
                     print(session.get_credentials().get_frozen_credentials().account_id)\n"
                ),
            ],
            Consumer::AwsCli => vec![
                "/bin/sh".into(),
                "-c".into(),
                format!("aws s3 ls s3://{BUCKET}/ && aws s3 cp s3://{BUCKET}/{KEY} -"),
            ],
        }
    }
}

/// A workbench with a bucket and an object in moto, a helper-counting wrapper, and the AWS config of
/// `setup`; returns the wrapper's path.
fn prepare(t: &mut TestEnv, setup: Setup) -> std::path::PathBuf {
    let path = format!("{}:{}", venv().join("bin").display(), t.env["PATH"]);
    t.set("PATH", &path)
        .set("AWS_EC2_METADATA_DISABLED", "true");
    let seed = t.python(&format!(
        "import boto3\n\
         s3 = boto3.client('s3', region_name='us-east-1', aws_access_key_id='AKIASEEDSEEDSEED', aws_secret_access_key='x')\n\
         s3.create_bucket(Bucket='{BUCKET}')\n\
         s3.put_object(Bucket='{BUCKET}', Key='{KEY}', Body=b'{BODY}')\n"
    ));
    seed.assert_ok();
    let counter = t.write(
        "count-runs",
        &format!(
            "#!/bin/sh\necho run >>'{}'\nexec \"$@\"\n",
            t.path("runs").display()
        ),
    );
    std::fs::set_permissions(&counter, std::fs::Permissions::from_mode(0o755)).unwrap();
    let packaged =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/aws-config"))
            .unwrap();
    let helper = format!("{} {}", counter.display(), bin().display());
    let config = match setup {
        Setup::ServerRegionOnly => "[default]\nregion = us-east-1\n".to_owned(),
        _ => packaged.replace("/usr/local/bin/oc-role-assume", &helper),
    };
    assert!(config.contains("region = us-east-1"), "{config}");
    t.write("aws-config", &config);
    if let Setup::ServerIrsaNames = setup {
        let token = t.env["OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE"].clone();
        t.unset("OC_ROLE_ASSUME_BASE_ROLE_ARN")
            .unset("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE")
            .set("AWS_ROLE_ARN", BASE_ARN)
            .set("AWS_WEB_IDENTITY_TOKEN_FILE", &token);
    }
    counter
}

/// Run `consumer` in `setup`: directly, or under the counted helper's `exec [--server]`.
fn run(t: &TestEnv, setup: Setup, consumer: Consumer, counter: &Path) -> Run {
    let helper = [counter.display().to_string(), bin().display().to_string()];
    let mut argv: Vec<String> = match setup {
        Setup::CredentialProcess => vec![],
        Setup::ExecEnv => [&helper[..], &["exec".into(), "--".into()]].concat(),
        _ => [
            &helper[..],
            &["exec".into(), "--server".into(), "--".into()],
        ]
        .concat(),
    };
    argv.extend(consumer.argv());
    let out = Command::new(&argv[0])
        .args(&argv[1..])
        .env_clear()
        .envs(&t.env)
        .current_dir(t.dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("run the consumer");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The consumer read the object; every S3 request after the seeding was signed by the one Target
/// session the helper made, tagged with the user; the helper ran `runs` times.
fn check(setup: Setup, consumer: Consumer, runs: usize) {
    let (mut t, moto): (TestEnv, Moto) = workbench_with_moto();
    let counter = prepare(&mut t, setup);
    let seeded = moto.requests().len();
    let out = run(&t, setup, consumer, &counter);
    out.assert_ok();
    assert!(
        out.stdout.contains(KEY) && out.stdout.contains(BODY),
        "{setup:?} {consumer:?}: {out:?}"
    );
    if let Consumer::Boto3 = consumer {
        // The account from the helper's JSON or the endpoint's; env mode exports no account.
        let account = match setup {
            Setup::ExecEnv => "None",
            _ => "123456789012",
        };
        assert!(out.stdout.ends_with(&format!("\n{account}\n")), "{out:?}");
    }
    let counted = std::fs::read_to_string(t.path("runs")).unwrap_or_default();
    assert_eq!(
        counted.lines().count(),
        runs,
        "{setup:?} {consumer:?}: helper runs"
    );
    assert_eq!(chains(&moto), (1, 1), "{setup:?} {consumer:?}: one chain");
    let tag = &moto.sts("AssumeRole")[0].form()["Tags.member.1.Value"];
    assert_eq!(tag, TARGET_SESSION);

    // The Target key, from the cache the helper filled (a direct run, not counted).
    let target = t.run(&[]);
    target.assert_ok();
    let key = target.json()["AccessKeyId"].as_str().unwrap().to_owned();
    assert_eq!(
        chains(&moto),
        (1, 1),
        "the check itself was served from the cache"
    );
    let s3: Vec<_> = moto.requests()[seeded..]
        .iter()
        .filter(|r| r.url.contains(BUCKET))
        .cloned()
        .collect();
    assert!(!s3.is_empty(), "{setup:?} {consumer:?}: no S3 request");
    for request in &s3 {
        assert_eq!(
            request.signed_by().as_deref(),
            Some(key.as_str()),
            "{setup:?} {consumer:?}: {request:?}"
        );
    }
}

#[test]
fn boto3_with_credential_process_from_the_packaged_config() {
    check(Setup::CredentialProcess, Consumer::Boto3, 1);
}

#[test]
fn aws_cli_with_credential_process_from_the_packaged_config() {
    // Two CLI processes, one helper run each (the second from the cache).
    check(Setup::CredentialProcess, Consumer::AwsCli, 2);
}

#[test]
fn boto3_under_exec_server_with_a_region_only_config() {
    check(Setup::ServerRegionOnly, Consumer::Boto3, 1);
}

#[test]
fn aws_cli_under_exec_server_with_a_region_only_config() {
    check(Setup::ServerRegionOnly, Consumer::AwsCli, 1);
}

#[test]
fn boto3_under_exec_server_with_the_packaged_config() {
    // The server, then the helper botocore runs, which answers from the endpoint.
    check(Setup::ServerPackaged, Consumer::Boto3, 2);
}

#[test]
fn aws_cli_under_exec_server_with_the_packaged_config() {
    check(Setup::ServerPackaged, Consumer::AwsCli, 3);
}

#[test]
fn boto3_under_exec_server_with_the_irsa_webhook_names() {
    check(Setup::ServerIrsaNames, Consumer::Boto3, 2);
}

#[test]
fn aws_cli_under_exec_server_with_the_irsa_webhook_names() {
    check(Setup::ServerIrsaNames, Consumer::AwsCli, 3);
}

#[test]
fn boto3_under_exec_env_mode() {
    check(Setup::ExecEnv, Consumer::Boto3, 1);
}

#[test]
fn aws_cli_under_exec_env_mode() {
    check(Setup::ExecEnv, Consumer::AwsCli, 1);
}
