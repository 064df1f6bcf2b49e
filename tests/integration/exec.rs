//! `exec`: env mode (keys in the child's env, competing variables removed) and server mode (a
//! loopback credential endpoint with a token); exit status and signals belong to the child.

use std::io::{BufRead, BufReader, Read as _, Write as _};
use std::os::unix::process::ExitStatusExt;

use crate::harness::{BASE_ARN, TestEnv, chains, workbench_with_moto};

/// Variables a pod may carry that would make an SDK pick other credentials before ours.
fn with_competing_variables(t: &mut TestEnv) {
    t.set("AWS_ROLE_ARN", BASE_ARN)
        .set(
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
        )
        .set("AWS_ROLE_SESSION_NAME", "x")
        .set("AWS_SECURITY_TOKEN", "stale-token-botocore-reads-first")
        .set("AWS_PROFILE", "other")
        .set("AWS_DEFAULT_PROFILE", "other")
        .set(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "/v2/credentials/x",
        )
        .set(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://169.254.170.23/v1/credentials",
        )
        .set(
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            "/var/run/secrets/pods.eks.amazonaws.com/token",
        );
}

fn env_of(output: &str) -> std::collections::BTreeMap<String, String> {
    output
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn exec_env_mode_gives_the_child_the_keys_and_removes_competing_variables() {
    let (mut t, _moto) = workbench_with_moto();
    t.set("AWS_REGION", "eu-west-1");
    with_competing_variables(&mut t);
    let creds = t.run(&[]).assert_ok().json();
    let run = t.run(&["exec", "--", "env"]);
    run.assert_ok();
    let env = env_of(&run.stdout);
    assert_eq!(
        env["AWS_ACCESS_KEY_ID"],
        creds["AccessKeyId"].as_str().unwrap()
    );
    assert_eq!(
        env["AWS_SECRET_ACCESS_KEY"],
        creds["SecretAccessKey"].as_str().unwrap()
    );
    assert_eq!(
        env["AWS_SESSION_TOKEN"],
        creds["SessionToken"].as_str().unwrap()
    );
    assert_eq!(
        env["AWS_CREDENTIAL_EXPIRATION"],
        creds["Expiration"].as_str().unwrap()
    );
    assert_eq!(
        (
            env["AWS_REGION"].as_str(),
            env["AWS_DEFAULT_REGION"].as_str()
        ),
        ("eu-west-1", "eu-west-1")
    );
    for gone in [
        "AWS_ROLE_ARN",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_SESSION_NAME",
        "AWS_SECURITY_TOKEN",
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    ] {
        assert!(!env.contains_key(gone), "{gone} must be removed");
    }
    assert_eq!(
        env["RHOAI_USER"], "alice@example.com",
        "everything else is passed on"
    );
}

#[test]
fn exec_env_mode_credentials_work_in_the_aws_cli_despite_web_identity_variables() {
    let (mut t, _moto) = workbench_with_moto();
    with_competing_variables(&mut t);
    t.unset("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        .unset("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        .unset("AWS_PROFILE");
    let run = t.run_with_venv(&["exec", "--", "aws", "sts", "get-caller-identity"]);
    run.assert_ok();
    assert_eq!(
        run.json()["Arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
}

#[test]
fn exec_exit_codes_and_signal_deaths_are_the_childs() {
    let (t, _moto) = workbench_with_moto();
    assert_eq!(t.run(&["exec", "--", "true"]).code, Some(0));
    assert_eq!(t.run(&["exec", "--", "sh", "-c", "exit 7"]).code, Some(7));
    let child = t.spawn(&["exec", "--", "sh", "-c", "kill -TERM $$"]);
    let status = child.wait_with_output().unwrap().status;
    assert_eq!(
        status.signal(),
        Some(15),
        "env mode is the child: it dies of the same signal"
    );
    assert_eq!(
        t.run(&["exec", "--server", "--", "sh", "-c", "exit 7"])
            .code,
        Some(7)
    );
    assert_eq!(
        t.run(&["exec", "--server", "--", "sh", "-c", "kill -KILL $$"])
            .code,
        Some(128 + 9)
    );
}

#[test]
fn exec_reports_missing_and_non_executable_commands_like_a_shell() {
    let (t, _moto) = workbench_with_moto();
    let script = t.write("not-executable.sh", "echo hi\n");
    for server in [false, true] {
        let mode: &[&str] = if server {
            &["exec", "--server", "--"]
        } else {
            &["exec", "--"]
        };
        t.run(&[mode, &["no-such-command-anywhere"]].concat())
            .assert_error(
                127,
                "oc-role-assume: error: command not found: no-such-command-anywhere\n\
             hint: check the command's name and PATH\n",
            );
        t.run(&[mode, &[script.to_str().unwrap()]].concat())
            .assert_error(
                126,
                &format!(
                    "oc-role-assume: error: command not executable: {}\n\
                 hint: make it executable (chmod +x) or run it through its interpreter\n",
                    script.display()
                ),
            );
    }
}

#[test]
fn exec_server_mode_boto3_and_aws_cli_get_target_credentials_with_no_keys_in_their_env() {
    let (mut t, _moto) = workbench_with_moto();
    with_competing_variables(&mut t);
    t.set("AWS_ACCESS_KEY_ID", "AKIASTATICKEYNOTUSED")
        .set("AWS_SECRET_ACCESS_KEY", "static")
        .set("AWS_ACCESS_KEY", "AKIAJAVAV1NAME")
        .set("AWS_SECRET_KEY", "static");
    let code = "import boto3, os\n\
                assert not any(k in os.environ for k in ('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'AWS_ROLE_ARN', 'AWS_PROFILE'))\n\
                print(boto3.client('sts').get_caller_identity()['Arn'])\n";
    let run = t.run_with_venv(&["exec", "--server", "--", "python", "-c", code]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com\n"
    );
    let run = t.run_with_venv(&[
        "exec",
        "--server",
        "--",
        "aws",
        "sts",
        "get-caller-identity",
    ]);
    run.assert_ok();
    assert_eq!(
        run.json()["Arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
}

/// Start `exec --server` with a child that prints the endpoint and its token, then waits.
fn server_with_waiting_child(
    t: &TestEnv,
    extra: &[&str],
    child: &str,
) -> (crate::harness::Group, String, String) {
    let mut wrapper = t.spawn(&[extra, &["exec", "--server", "--", "sh", "-c", child]].concat());
    let mut line = String::new();
    BufReader::new(wrapper.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let (uri, token) = line
        .trim()
        .split_once(' ')
        .unwrap_or_else(|| panic!("child printed {line:?}"));
    (wrapper, uri.to_owned(), token.to_owned())
}

const PRINT_ENDPOINT_AND_WAIT: &str = "echo \"$AWS_CONTAINER_CREDENTIALS_FULL_URI $AWS_CONTAINER_AUTHORIZATION_TOKEN\"; exec sleep 60";

/// One raw HTTP GET; returns the status code and body.
fn http_get(addr: &str, path: &str, token: Option<&str>) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let auth = token
        .map(|t| format!("Authorization: {t}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).unwrap().parse().unwrap();
    (
        status,
        response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default(),
    )
}

fn send_sigterm(child: &std::process::Child) {
    // SAFETY: kill(2) on a child we started and have not reaped.
    unsafe { libc::kill(i32::try_from(child.id()).unwrap(), libc::SIGTERM) };
}

#[test]
fn exec_server_endpoint_checks_the_token_and_listens_on_loopback_only() {
    let (t, _moto) = workbench_with_moto();
    let (mut wrapper, uri, token) = server_with_waiting_child(&t, &[], PRINT_ENDPOINT_AND_WAIT);
    let rest = uri
        .strip_prefix("http://127.0.0.1:")
        .expect("a loopback URI");
    let (port, path) = rest.split_once('/').unwrap();
    let addr = format!("127.0.0.1:{port}");
    assert_eq!(token.len(), 64, "256 bits as hex");

    let (status, body) = http_get(&addr, &format!("/{path}"), Some(&token));
    assert_eq!(status, 200, "{body}");
    let creds: serde_json::Value = serde_json::from_str(&body).unwrap();
    let keys: Vec<&str> = creds
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "AccessKeyId",
            "AccountId",
            "Expiration",
            "SecretAccessKey",
            "Token"
        ]
    );
    assert_eq!(creds["AccountId"], "123456789012");
    assert_eq!(http_get(&addr, &format!("/{path}"), None).0, 401);
    assert_eq!(
        http_get(&addr, &format!("/{path}"), Some(&"0".repeat(64))).0,
        403
    );
    assert_eq!(
        http_get(&addr, &format!("/{path}"), Some(&token[..63])).0,
        403
    );
    let elsewhere = std::net::TcpStream::connect(format!("127.0.0.2:{port}"));
    assert!(
        elsewhere.is_err(),
        "bound to 127.0.0.1 only, not to every address"
    );

    // SIGTERM to the wrapper reaches the child (sleep dies of it: 128 + 15).
    send_sigterm(&wrapper);
    assert_eq!(wrapper.wait().unwrap().code(), Some(143));
}

#[test]
fn exec_server_forwards_sigterm_to_the_child_and_exits_with_its_code() {
    let (t, _moto) = workbench_with_moto();
    let child =
        "trap 'echo child-got-TERM; exit 3' TERM; echo \"ready -\"; while :; do sleep 0.05; done";
    let (mut wrapper, _, _) = server_with_waiting_child(&t, &[], child);
    send_sigterm(&wrapper);
    let status = wrapper.wait().unwrap();
    let mut rest = String::new();
    wrapper
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut rest)
        .unwrap();
    assert_eq!(rest, "child-got-TERM\n");
    assert_eq!(status.code(), Some(3));
}

#[test]
fn exec_server_removes_its_token_file_whatever_catchable_signal_ends_it() {
    let (t, _moto) = workbench_with_moto();
    let child = "echo \"$AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE -\"; exec sleep 60";
    for signal in [
        libc::SIGUSR1,
        libc::SIGALRM,
        libc::SIGRTMIN() + 2,
        libc::SIGHUP,
    ] {
        let (mut wrapper, file, _) = server_with_waiting_child(&t, &[], child);
        let file = std::path::PathBuf::from(file);
        assert!(file.is_file(), "{}", file.display());
        // SAFETY: kill(2) on a child we started and have not reaped.
        unsafe { libc::kill(i32::try_from(wrapper.id()).unwrap(), signal) };
        let status = wrapper.wait().unwrap();
        // The child (sleep) died of the forwarded signal; the wrapper exits with its code.
        assert_eq!(
            (status.signal(), status.code()),
            (None, Some(128 + signal)),
            "signal {signal}"
        );
        assert!(!file.exists(), "signal {signal} left {}", file.display());
        assert!(!file.parent().unwrap().exists(), "signal {signal}");
    }
}

#[test]
fn exec_server_refreshes_credentials_for_a_child_that_outlives_them() {
    let (t, moto) = workbench_with_moto();
    // 900 s sessions, refreshed once fewer than 895 s remain: the first refresh is due after ~5 s.
    let code = "import boto3, json, os, time, urllib.request\n\
                def get():\n\
                \x20   req = urllib.request.Request(os.environ['AWS_CONTAINER_CREDENTIALS_FULL_URI'], headers={'Authorization': os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN']})\n\
                \x20   c = json.load(urllib.request.urlopen(req))\n\
                \x20   sts = boto3.client('sts', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['Token'])\n\
                \x20   return c['AccessKeyId'], c['Expiration'], sts.get_caller_identity()['Arn']\n\
                start = time.time()\n\
                first = get()\n\
                print(f'{time.time() - start:.1f}s', *first, flush=True)\n\
                while time.time() - start < 60:\n\
                \x20   time.sleep(0.5)\n\
                \x20   now = get()\n\
                \x20   if now[0] != first[0]: break\n\
                print(f'{time.time() - start:.1f}s', *now, flush=True)\n";
    let run = t.run_with_venv(&[
        "--duration",
        "900",
        "--min-remaining",
        "895",
        "exec",
        "--server",
        "--",
        "python",
        "-c",
        code,
    ]);
    run.assert_ok();
    eprintln!("refresh timeline:\n{}", run.stdout);
    let lines: Vec<Vec<&str>> = run.stdout.lines().map(|l| l.split(' ').collect()).collect();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert_ne!(
        lines[0][1], lines[1][1],
        "the second call got new credentials"
    );
    assert!(lines[1][2] > lines[0][2], "with a later expiration");
    for line in &lines {
        assert_eq!(
            line[3],
            "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
        );
    }
    assert_eq!(chains(&moto), (2, 2), "exactly one refresh");
}

/// The IRSA webhook's setup: its two variables (the only place the Base role and the token are
/// named), the Target role and a credential_process profile, as the image's workbench has them.
fn irsa_workbench() -> (TestEnv, crate::harness::moto::Moto) {
    let (mut t, moto) = workbench_with_moto();
    let token = t.path("token").to_str().unwrap().to_owned();
    t.unset("OC_ROLE_ASSUME_BASE_ROLE_ARN")
        .unset("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE")
        .set("AWS_ROLE_ARN", BASE_ARN)
        .set("AWS_WEB_IDENTITY_TOKEN_FILE", &token);
    t.credential_process_config("");
    (t, moto)
}

#[test]
fn exec_server_child_whoami_verify_and_doctor_use_the_endpoint_and_say_so() {
    let (t, moto) = irsa_workbench();
    let helper = crate::harness::bin().display().to_string();
    let script = format!("{helper} whoami --verify && {helper} doctor");
    let run = t.run(&["exec", "--server", "--", "sh", "-c", &script]);
    run.assert_ok();
    assert!(
        run.stdout.contains(
            "arn:       arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
        ),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("via:       the exec --server endpoint at 127.0.0.1:"),
        "{run:?}"
    );
    // doctor names the setup and the endpoint, and every step the child can check passes: the child
    // keeps the webhook's settings under the helper's own names.
    assert!(
        run.stdout.lines().any(|l| l.starts_with("PASS  setup")
            && l.contains("runs under exec --server")
            && l.contains("the exec --server endpoint at 127.0.0.1:")),
        "{}",
        run.stdout
    );
    for step in ["settings", "Base role", "Target role", "shadowing"] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(&format!("PASS  {step} "))),
            "{step}: {}",
            run.stdout
        );
    }
    assert!(!run.stdout.contains("FAIL"), "{}", run.stdout);
    let _ = moto;
}

#[test]
fn exec_server_child_whoami_verify_works_when_the_server_had_its_settings_as_flags() {
    let (mut t, _moto) = irsa_workbench();
    t.unset("TARGET_ROLE_ARN");
    let helper = crate::harness::bin().display().to_string();
    let run = t.run(&[
        "--target-role-arn",
        crate::harness::TARGET_ARN,
        "exec",
        "--server",
        "--",
        "sh",
        "-c",
        &format!("{helper} whoami --verify --json"),
    ]);
    run.assert_ok();
    let json = run.json();
    assert_eq!(
        json["arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
    assert!(
        json["credentials_from"]
            .as_str()
            .unwrap()
            .starts_with("the exec --server endpoint at 127.0.0.1:"),
        "{json}"
    );
}

#[test]
fn exec_children_keep_the_web_identity_settings_under_the_helpers_own_names() {
    let (t, _moto) = irsa_workbench();
    let token = t.path("token").to_str().unwrap().to_owned();
    for mode in [&["exec", "--"][..], &["exec", "--server", "--"][..]] {
        let run = t.run(&[mode, &["env"]].concat());
        run.assert_ok();
        let env = env_of(&run.stdout);
        assert!(!env.contains_key("AWS_ROLE_ARN"), "{mode:?}");
        assert!(!env.contains_key("AWS_WEB_IDENTITY_TOKEN_FILE"), "{mode:?}");
        assert_eq!(env["OC_ROLE_ASSUME_BASE_ROLE_ARN"], BASE_ARN, "{mode:?}");
        assert_eq!(
            env["OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE"], token,
            "{mode:?}"
        );
    }
    // Our own names, when set, are the child's as they are.
    let run = t
        .clone_with(
            "OC_ROLE_ASSUME_BASE_ROLE_ARN",
            "arn:aws:iam::123456789012:role/Ours",
        )
        .run(&["exec", "--", "env"]);
    assert_eq!(
        env_of(&run.stdout)["OC_ROLE_ASSUME_BASE_ROLE_ARN"],
        "arn:aws:iam::123456789012:role/Ours"
    );
}

#[test]
fn exec_server_keeps_its_token_file_private_in_dev_shm_when_the_temp_dir_is_not_writable() {
    use std::os::unix::fs::PermissionsExt;
    if !std::path::Path::new("/dev/shm").is_dir() {
        eprintln!("skipped: no /dev/shm here");
        return;
    }
    let (mut t, _moto) = workbench_with_moto();
    // A read-only root with no emptyDir at /tmp: mkdtemp there fails, as under a missing TMPDIR.
    let gone = t.path("no-such-tmp");
    t.set("TMPDIR", gone.to_str().unwrap());
    let (mut wrapper, file, _) = server_with_waiting_child(
        &t,
        &[],
        "echo \"$AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE x\"; exec sleep 60",
    );
    let file = std::path::PathBuf::from(file);
    assert!(file.starts_with("/dev/shm"), "{}", file.display());
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    send_sigterm(&wrapper);
    wrapper.wait().unwrap();
    assert!(!file.exists(), "the token file goes with the wrapper");
    assert!(!file.parent().unwrap().exists());
}
