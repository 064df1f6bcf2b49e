//! A hostile neighbour in the pod, and ordinary settings that must neither leak nor bypass: the
//! `exec --server` endpoint under attack, where the web-identity token may go, URLs with secrets in
//! them, a stopped lock holder, `configure` fed newlines, and what may call itself platform-set.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::harness::{
    BASE_ARN, Group, TestEnv, bin, cache_dir, chains, wait_until, workbench_in_cluster,
    workbench_with_moto,
};

/// A loopback listener that only records whether anyone connected: where a token must never go.
struct Decoy {
    listener: TcpListener,
    url: String,
}

impl Decoy {
    fn start() -> Decoy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        Decoy { listener, url }
    }

    fn was_contacted(&self) -> bool {
        self.listener.accept().is_ok()
    }
}

/// Run under a fresh network namespace: nothing can leave the machine, and a name does not resolve.
const NO_NETWORK: &[&str] = &["unshare", "--net"];

#[test]
fn the_global_endpoint_url_never_receives_the_web_identity_token() {
    let (mut t, moto) = workbench_with_moto();
    let decoy = Decoy::start();
    t.set("AWS_ENDPOINT_URL", &decoy.url);
    t.run(&[]).assert_ok();
    assert_eq!(chains(&moto), (1, 1));
    assert!(!decoy.was_contacted(), "STS went to AWS_ENDPOINT_URL");

    // Without an STS-specific setting the SDK's regional default is used, never the global one.
    t.unset("AWS_ENDPOINT_URL_STS");
    let run = t.run_under(NO_NETWORK, &["--no-cache", "--timeout", "2"]);
    assert_eq!(run.code, Some(4), "{run:?}");
    assert!(
        run.stderr.starts_with(
            "oc-role-assume: error: cannot reach STS at https://sts.us-east-1.amazonaws.com"
        ),
        "{run:?}"
    );
    assert!(!decoy.was_contacted());
}

#[test]
fn the_config_files_sts_block_is_honoured_and_its_global_endpoint_url_is_not() {
    let (mut t, moto) = workbench_with_moto();
    let decoy = Decoy::start();
    t.unset("AWS_ENDPOINT_URL").unset("AWS_ENDPOINT_URL_STS");
    t.write(
        "aws-config",
        &format!(
            "[default]\nendpoint_url = {}\nservices = corp\n\n[services corp]\ns3 =\n  endpoint_url = {0}\nsts =\n  endpoint_url = {}\n",
            decoy.url, moto.url
        ),
    );
    t.run(&[]).assert_ok();
    assert_eq!(chains(&moto), (1, 1));
    assert!(!decoy.was_contacted());
    // A profile with only a global endpoint_url: STS goes to the regional default, not there.
    t.write(
        "aws-config",
        &format!("[default]\nendpoint_url = {}\n", decoy.url),
    );
    let run = t.run_under(NO_NETWORK, &["--no-cache", "--timeout", "2"]);
    assert!(
        run.stderr.starts_with(
            "oc-role-assume: error: cannot reach STS at https://sts.us-east-1.amazonaws.com"
        ),
        "{run:?}"
    );
}

#[test]
fn plain_http_sts_to_another_machine_is_refused_before_any_request() {
    let (mut t, moto) = workbench_with_moto();
    t.set("AWS_ENDPOINT_URL_STS", "http://sts.corp.example:8080");
    t.run(&[]).assert_error(
        2,
        "oc-role-assume: error: STS endpoint \"http://sts.corp.example:8080\" from AWS_ENDPOINT_URL_STS is plain http to another machine\n\
         hint: use https:// (the web-identity token would cross the network in clear); plain http is accepted for 127.0.0.1, ::1 and localhost only\n",
    );
    t.unset("AWS_ENDPOINT_URL_STS");
    t.write(
        "aws-config",
        "[default]\nservices = corp\n[services corp]\nsts =\n  endpoint_url = http://192.0.2.10\n",
    );
    let run = t.run(&[]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr
            .contains("\"http://192.0.2.10\" from the sts block of profile default"),
        "{run:?}"
    );
    assert!(moto.requests().is_empty());
}

#[test]
fn user_info_in_an_endpoint_url_is_never_printed() {
    let mut t = TestEnv::workbench();
    let refusing = crate::harness::RefusingPort::new();
    let port = refusing.port;
    t.set(
        "AWS_ENDPOINT_URL_STS",
        &format!("http://svc-user:s3cretpass@127.0.0.1:{port}"),
    );
    let run = t.run(&[]);
    assert_eq!(run.code, Some(4), "{run:?}");
    assert!(
        run.stderr
            .contains(&format!("cannot reach STS at http://127.0.0.1:{port}")),
        "{run:?}"
    );
    assert!(
        !run.stderr.contains("s3cretpass") && !run.stderr.contains("svc-user"),
        "{run:?}"
    );
    t.set(
        "AWS_ENDPOINT_URL_STS",
        "http://svc-user:s3cretpass@sts.corp.example",
    );
    let run = t.run(&[]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(!run.stderr.contains("s3cretpass"), "{run:?}");
}

/// Start `exec --server` with a child that prints the endpoint and its token, then waits.
fn waiting_server(t: &TestEnv) -> (crate::harness::Group, u16, String) {
    let mut wrapper = t.spawn(&[
        "exec",
        "--server",
        "--",
        "sh",
        "-c",
        "echo \"$AWS_CONTAINER_CREDENTIALS_FULL_URI $AWS_CONTAINER_AUTHORIZATION_TOKEN\"; exec sleep 60",
    ]);
    let line = crate::harness::first_line(&mut wrapper);
    let (uri, token) = line.split_once(' ').unwrap();
    let port = uri
        .strip_prefix("http://127.0.0.1:")
        .and_then(|r| r.strip_suffix("/credentials"))
        .unwrap()
        .parse()
        .unwrap();
    (wrapper, port, token.to_owned())
}

/// The status of one GET of the endpoint; 0 when the connection was refused, reset or closed
/// without an answer.
fn get_credentials(port: u16, token: &str) -> u16 {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return 0;
    };
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let request = format!("GET /credentials HTTP/1.1\r\nAuthorization: {token}\r\n\r\n");
    if s.write_all(request.as_bytes()).is_err() {
        return 0;
    }
    let mut response = String::new();
    let _ = s.read_to_string(&mut response);
    response
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

fn threads_of(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, Iterator::count)
}

#[test]
fn a_trickling_client_is_cut_off_at_the_request_deadline() {
    let (t, _moto) = workbench_with_moto();
    let (mut wrapper, port, _token) = waiting_server(&t);
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let start = Instant::now();
    let mut closed = None;
    while start.elapsed() < Duration::from_secs(8) {
        if slow.write_all(b"G").is_err() {
            closed = Some(start.elapsed());
            break;
        }
        match slow.read(&mut [0u8; 64]) {
            Ok(0) | Err(_) if start.elapsed() > Duration::from_millis(1900) => {
                // A read timeout before the deadline is just the client's own 300 ms wait.
                if matches!(slow.read(&mut [0u8; 1]), Ok(0)) {
                    closed = Some(start.elapsed());
                    break;
                }
            }
            _ => {}
        }
    }
    let closed =
        closed.expect("the endpoint never closed a client that trickles one byte at a time");
    // Cut off at the deadline: not before (an endpoint that drops every client would pass), not
    // long after.
    assert!(
        (Duration::from_millis(1800)..Duration::from_millis(3500)).contains(&closed),
        "closed after {closed:?}"
    );
    wrapper.kill().unwrap();
    let _ = wrapper.wait();
}

#[test]
fn hundreds_of_slow_connections_neither_crash_nor_starve_the_endpoint() {
    let (t, _moto) = workbench_with_moto();
    let (mut wrapper, port, token) = waiting_server(&t);
    // Let the wrapper finish starting (its signal forwarder starts after the child).
    std::thread::sleep(Duration::from_millis(500));
    let before = threads_of(wrapper.id());
    let attack: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
        .map(|mut s| {
            let _ = s.write_all(b"G");
            s
        })
        .collect();
    assert_eq!(attack.len(), 300, "the attacking connections opened");
    std::thread::sleep(Duration::from_millis(500));
    let during = threads_of(wrapper.id());
    assert!(
        during <= before,
        "threads went from {before} to {during} under {} connections",
        attack.len()
    );
    assert!(wrapper.try_wait().unwrap().is_none(), "the wrapper died");
    drop(attack);
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(
        get_credentials(port, &token),
        200,
        "the endpoint answers again"
    );
    assert!(
        wrapper.try_wait().unwrap().is_none(),
        "the wrapper and its child live on"
    );
    wrapper.kill().unwrap();
    let _ = wrapper.wait();
}

/// Keeps `n` connections to the endpoint open, idle, reopening each as it closes, for `seconds`;
/// writes how many it has opened so far to the file named by its third argument.
const FLOODER: &str = r#"
import select, socket, sys, time
port, n, out, seconds = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
socks, opened, end = [], 0, time.time() + seconds
while time.time() < end:
    while len(socks) < n:
        try:
            socks.append(socket.create_connection(("127.0.0.1", port), timeout=1))
            opened += 1
        except OSError:
            break
    ready, _, _ = select.select(socks, [], [], 0.05)
    for s in ready:
        try:
            data = s.recv(1)
        except OSError:
            data = b""
        if not data:
            socks.remove(s)
            s.close()
    with open(out + ".tmp", "w") as f:
        f.write(str(opened))
    import os; os.replace(out + ".tmp", out)
"#;

#[test]
fn another_users_flood_cannot_keep_the_child_from_its_credentials() {
    use std::os::unix::fs::PermissionsExt;
    let (t, _moto) = workbench_with_moto();
    let (wrapper, port, token) = waiting_server(&t);
    // The flooder runs as uid 1001, a second user in the pod; its dir is one it can write.
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let script = dir.path().join("flood.py");
    std::fs::write(&script, FLOODER).unwrap();
    let count = dir.path().join("opened");
    let flooder = Group::spawn(
        std::process::Command::new("setpriv")
            .args([
                "--reuid=1001",
                "--regid=1001",
                "--clear-groups",
                "/usr/bin/python3",
            ])
            .arg(&script)
            .args([&port.to_string(), "64"])
            .arg(&count)
            .arg("12")
            .env_clear(),
    );
    let opened = || {
        std::fs::read_to_string(&count)
            .ok()
            .and_then(|c| c.parse::<usize>().ok())
            .unwrap_or(0)
    };
    wait_until(
        "the flood opened its 64 connections",
        Duration::from_secs(10),
        || opened() >= 64,
    );
    let at_start = opened();
    let answered = (0..40)
        .filter(|_| {
            std::thread::sleep(Duration::from_millis(50));
            get_credentials(port, &token) == 200
        })
        .count();
    let reopened = opened() - at_start;
    drop((flooder, wrapper));
    eprintln!("flood by uid 1001: {answered} of 40 answered, {reopened} connections reopened");
    assert!(
        answered >= 36,
        "the child's requests answered during the flood: {answered} of 40"
    );
    // The flood was real: the endpoint kept closing its connections and it kept reopening them.
    assert!(
        reopened >= 64,
        "the flooder reopened only {reopened} connections"
    );
}

#[test]
fn under_exec_server_every_sdk_in_the_child_gets_the_target_session_with_the_webhooks_names() {
    let (mut t, moto) = workbench_with_moto();
    // The IRSA webhook's names only, and the image's AWS config whose default profile runs the helper.
    let token = t.env["OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE"].clone();
    t.unset("OC_ROLE_ASSUME_BASE_ROLE_ARN")
        .unset("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE")
        .set("AWS_ROLE_ARN", BASE_ARN)
        .set("AWS_WEB_IDENTITY_TOKEN_FILE", &token);
    t.write(
        "aws-config",
        &format!("[default]\ncredential_process = {}\n", bin().display()),
    );
    let code = "import boto3, os, stat\n\
                f = os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']\n\
                assert open(f).read() == os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN']\n\
                assert stat.S_IMODE(os.stat(f).st_mode) == 0o600\n\
                print(f)\n\
                print(boto3.client('sts').get_caller_identity()['Arn'])\n";
    let run = t.run_with_venv(&["exec", "--server", "--", "python", "-c", code]);
    run.assert_ok();
    let (file, arn) = run.stdout.trim().split_once('\n').unwrap();
    assert_eq!(
        arn,
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
    assert!(
        !std::path::Path::new(file).exists(),
        "the token file goes with the wrapper"
    );
    let cli = t.run_with_venv(&[
        "exec",
        "--server",
        "--",
        "aws",
        "sts",
        "get-caller-identity",
    ]);
    cli.assert_ok();
    assert_eq!(cli.json()["Arn"], arn);
    assert_eq!(
        chains(&moto),
        (1, 1),
        "the children asked the endpoint, not STS"
    );
}

#[test]
fn a_stopped_lock_holder_costs_at_most_the_timeout() {
    let (t, moto) = workbench_with_moto();
    t.run(&[]).assert_ok();
    let lock = std::fs::read_dir(cache_dir(&t))
        .unwrap()
        .map(|d| d.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "lock"))
        .unwrap();
    // flock and its sleep are one process group, ended together when the holder is dropped.
    let holder = Group::spawn(
        std::process::Command::new("flock")
            .arg("-x")
            .arg(&lock)
            .args(["sleep", "30"]),
    );
    let held = || {
        !std::process::Command::new("flock")
            .args(["-n", "-x"])
            .arg(&lock)
            .arg("true")
            .status()
            .unwrap()
            .success()
    };
    wait_until("the holder has the lock", Duration::from_secs(5), held);
    let start = Instant::now();
    // The entry is too old for this caller, so it needs the lock.
    let run = t.run(&["--min-remaining", "3600", "--timeout", "1"]);
    let took = start.elapsed();
    drop(holder);
    run.assert_ok();
    assert!(took < Duration::from_secs(4), "waited {took:?}");
    assert_eq!(
        run.stderr,
        "oc-role-assume: warning: --min-remaining 3600 is not less than --duration 3600: no cached entry is served, \
         so every call makes both STS calls; lower OC_ROLE_ASSUME_MIN_REMAINING or unset it (the default is at most half the session)\n\
         oc-role-assume: warning: another process has held this cache entry's lock for 1.0s (stopped?); fetching credentials without the cache\n"
    );
    assert_eq!(chains(&moto), (2, 2));
}

#[test]
fn configure_refuses_newlines_and_values_a_run_would_refuse_and_writes_nothing() {
    let t = TestEnv::workbench();
    let config = t.path("aws-config");
    t.run(&["configure", "--profile", "x]\ncredential_process = /tmp/evil\n[profile y"])
        .assert_error(
            2,
            "oc-role-assume: error: --profile \"x]\\ncredential_process = /tmp/evil\\n[profile y\" is not a profile name\n\
             hint: use letters, digits and _.- only, e.g. --profile data-science\n",
        );
    t.run(&["configure", "--podinfo-file", "/x\n[profile evil]\ncredential_process = /tmp/evil"])
        .assert_error(
            2,
            "oc-role-assume: error: \"/x\\n[profile evil]\\ncredential_process = /tmp/evil\" contains a control character\n\
             hint: give every value on one line, without tabs or newlines\n",
        );
    let run = t.run(&["configure", "--session-name", "a\nb"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    let run = t.run(&["configure", "--base-role-arn", "arn:aws:iam::123:role/x"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(!config.exists(), "nothing was written");
    t.run(&["configure", "--profile", "data-science"])
        .assert_ok();
    assert!(
        std::fs::read_to_string(&config)
            .unwrap()
            .starts_with("[profile data-science]\n")
    );
}

#[test]
fn only_the_default_paths_are_platform_set() {
    let t = TestEnv::workbench();
    t.write(
        "podinfo/annotations",
        "opendatahub.io/username=\"alice@example.com\"\n",
    );
    let who = t.run(&["whoami", "--json"]).assert_ok().json();
    assert_eq!(who["source"], "downward-API file (opendatahub.io/username)");
    assert_eq!(who["platform_set"], false, "a path the user chose");
    let text = t.run(&["whoami"]).assert_ok().stdout.clone();
    assert!(text.contains("(user-controlled)"), "{text}");
}

#[test]
fn the_default_service_account_dir_is_platform_set() {
    let (mut t, _moto, _kube) = workbench_in_cluster();
    let dir = t.env["OC_ROLE_ASSUME_SERVICEACCOUNT_DIR"].clone();
    t.unset("OC_ROLE_ASSUME_SERVICEACCOUNT_DIR");
    // The kubelet's mount point, in a mount namespace of this process only.
    let script = format!(
        "mount -t tmpfs tmpfs /run && mkdir -p /run/secrets/kubernetes.io/serviceaccount && \
         mount --bind {dir} /run/secrets/kubernetes.io/serviceaccount && exec \"$0\" \"$@\""
    );
    let run = t.run_under(
        &["unshare", "--mount", "sh", "-c", &script],
        &["whoami", "--json"],
    );
    run.assert_ok();
    let who = run.json();
    assert_eq!(who["source"], "pod annotation opendatahub.io/username");
    assert_eq!(who["platform_set"], true, "{who}");
}

#[test]
fn unsetting_the_kubernetes_variables_does_not_reach_user_controlled_sources() {
    let (mut t, moto, _kube) = workbench_in_cluster();
    t.unset("KUBERNETES_SERVICE_HOST")
        .unset("KUBERNETES_SERVICE_PORT");
    // The token is still there, so this is still a pod: the API defaults to kubernetes.default.svc,
    // which does not resolve in an empty network namespace, and the chain fails closed.
    let run = t.run_under(NO_NETWORK, &["--api-timeout", "1"]);
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr
            .contains("cannot reach the Kubernetes API at https://kubernetes.default.svc:443"),
        "{run:?}"
    );
    assert!(moto.requests().is_empty());
}
