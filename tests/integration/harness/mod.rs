//! The test bed: the built binary in a clean environment and a temp HOME, against real peers —
//! moto for STS and S3, the AWS CLI and boto3 as consumers — with a fault-injecting front where moto
//! cannot produce an error by itself, and a fake Kubernetes API for the pod; plus the set-ups and
//! checks the topic modules share (`workbench_with_moto`, `Run::assert_one_error`, …).

pub mod cluster;
pub mod front;
pub mod kube;
pub mod moto;
pub mod proxy;
pub mod tls_front;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use front::Front;
use kube::FakeKube;
use moto::Moto;

pub const BASE_ARN: &str = "arn:aws:iam::123456789012:role/OpenShiftAIBaseRole";
pub const TARGET_ARN: &str = "arn:aws:iam::123456789012:role/DataScienceTargetRole";

/// The venv with moto, awscli and boto3, made once by `tests/testenv.sh` (which locks against
/// parallel test processes).
pub fn venv() -> &'static Path {
    static VENV: OnceLock<PathBuf> = OnceLock::new();
    VENV.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testenv.sh");
        let out = Command::new("bash")
            .arg(script)
            .stderr(Stdio::inherit())
            .output()
            .expect("run tests/testenv.sh");
        assert!(out.status.success(), "tests/testenv.sh failed");
        PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
    })
}

pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A JWT shaped like the projected IRSA token (header.claims.signature, base64url).
pub fn jwt(claims_json: &str) -> String {
    let header = r#"{"alg":"RS256","kid":"test-key"}"#;
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims_json),
        URL_SAFE_NO_PAD.encode("not-a-real-signature")
    )
}

/// A fixture's claims as the kubelet would issue them now: `iat` / `nbf` now, `exp` in an hour (the
/// fixtures' own times are in the past).
pub fn fresh(claims_json: &str) -> String {
    let mut claims: serde_json::Value = serde_json::from_str(claims_json).expect("claims are JSON");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    for (key, at) in [("iat", now), ("nbf", now), ("exp", now + 3600)] {
        if let Some(value) = claims.get_mut(key) {
            *value = at.into();
        }
    }
    claims.to_string()
}

/// A workbench env pointed at a fresh moto.
pub fn workbench_with_moto() -> (TestEnv, Moto) {
    let moto = Moto::start();
    let mut t = TestEnv::workbench();
    t.endpoint(&moto.url);
    (t, moto)
}

/// A workbench env pointed at a fault front before a fresh moto.
pub fn workbench_with_front() -> (TestEnv, Moto, Front) {
    let moto = Moto::start();
    let front = Front::start(&moto.url);
    let mut t = TestEnv::workbench();
    t.endpoint(&front.url);
    (t, moto, front)
}

/// A workbench in a cluster: the fake API serves the fixture pod; RHOAI_USER is set to someone else,
/// so a test passes only if the platform source wins.
pub fn workbench_in_cluster() -> (TestEnv, Moto, FakeKube) {
    let (mut t, moto) = workbench_with_moto();
    let kube = FakeKube::start();
    t.in_cluster(&kube, &fixture("serviceaccount-token-claims.json"));
    t.set("RHOAI_USER", "mallory");
    (t, moto, kube)
}

/// How many `AssumeRoleWithWebIdentity` and `AssumeRole` calls moto has seen: one of each per chain.
pub fn chains(moto: &Moto) -> (usize, usize) {
    (
        moto.sts("AssumeRoleWithWebIdentity").len(),
        moto.sts("AssumeRole").len(),
    )
}

/// The helper's default cache dir under the test's HOME.
pub fn cache_dir(t: &TestEnv) -> PathBuf {
    t.path(".cache/oc-role-assume")
}

/// Every file under `dir`, recursively, appended to `out`.
pub fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for dirent in std::fs::read_dir(dir).unwrap() {
        let path = dirent.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The first line a spawned helper's child printed (read byte by byte, so nothing after it is taken).
pub fn first_line(child: &mut std::process::Child) -> String {
    use std::io::Read;
    let out = child.stdout.as_mut().expect("stdout piped");
    let (mut line, mut byte) = (Vec::new(), [0u8]);
    while out.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    String::from_utf8(line).expect("UTF-8")
}

/// Run one of the repository's test scripts (`bash SCRIPT ARGS…`, no stdin) and assert that it exits 0
/// and ends with a result line `N passed, 0 failed` with N at least `min_passed`; the whole output is
/// shown otherwise. A bed that ran nothing fails here; so does one that skipped something under CI
/// (`CI` set, as `.ci/run` sets it and passes it on to the bed), and elsewhere the skip is printed.
pub fn assert_script_passes(script: &str, args: &[&std::ffi::OsStr], min_passed: usize) {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let out = run_script(script, args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    let counts = result_counts(last);
    assert!(
        out.status.success()
            && counts.is_some_and(|(passed, failed, skipped)| {
                passed >= min_passed.max(1) && failed == 0 && (skipped == 0 || !ci)
            }),
        "{script}: exit {:?}, result line {last:?} (want at least {min_passed} passed, 0 failed{})\n{stdout}\n{}",
        out.status.code(),
        if ci { ", none skipped under CI" } else { "" },
        String::from_utf8_lossy(&out.stderr)
    );
    if counts.is_some_and(|(_, _, skipped)| skipped > 0) {
        eprintln!("note: {script}: {last} (under CI a skip fails)");
    }
}

fn run_script(script: &str, args: &[&std::ffi::OsStr]) -> std::process::Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Command::new("bash")
        .arg(root.join(script))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run {script}: {e}"))
}

/// `(passed, failed, skipped)` of a bed's last line, `N passed, N failed[, N skipped]`, or `None`
/// when the line is not one.
pub fn result_counts(line: &str) -> Option<(usize, usize, usize)> {
    let mut counts = [None, None, Some(0)];
    for (i, part) in line.trim().split(", ").enumerate() {
        let (n, word) = part.split_once(' ')?;
        let slot = ["passed", "failed", "skipped"]
            .iter()
            .position(|w| *w == word)?;
        if slot != i {
            return None;
        }
        counts[slot] = Some(n.parse().ok()?);
    }
    Some((counts[0]?, counts[1]?, counts[2]?))
}

/// A program on `PATH` that some checks cross-check against. Missing, it fails the test under CI
/// (`CI` set: `.ci/run` installs it), and is a printed notice elsewhere.
pub fn optional_tool(name: &str, install: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is not installed and CI is set: install it ({install}), as .ci/run does"
        );
        eprintln!("note: {name} is not installed ({install}): its cross-checks did not run");
    }
    found
}

/// A child started in a process group of its own and ended with the whole group when dropped, so
/// that a test that fails half way leaves nothing running (a `flock`'s `sleep`, a wrapper's child).
pub struct Group {
    child: Option<std::process::Child>,
    pgid: i32,
}

impl Group {
    pub fn spawn(cmd: &mut Command) -> Group {
        use std::os::unix::process::CommandExt;
        let child = cmd.process_group(0).spawn().expect("spawn");
        let pgid = i32::try_from(child.id()).unwrap();
        Group {
            child: Some(child),
            pgid,
        }
    }

    /// The leader's output and status, as `Child::wait_with_output`; the rest of the group is
    /// still ended on drop.
    pub fn wait_with_output(mut self) -> std::io::Result<std::process::Output> {
        self.child
            .take()
            .expect("not yet waited")
            .wait_with_output()
    }
}

impl std::ops::Deref for Group {
    type Target = std::process::Child;
    fn deref(&self) -> &Self::Target {
        self.child.as_ref().expect("not yet waited")
    }
}

impl std::ops::DerefMut for Group {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.child.as_mut().expect("not yet waited")
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        // SAFETY: kill(2) on the process group this child leads.
        unsafe { libc::kill(-self.pgid, libc::SIGKILL) };
        if let Some(child) = self.child.as_mut() {
            let _ = child.wait();
        }
    }
}

/// Poll `ok` every 20 ms until it holds; panic naming `what` if it has not within `limit`.
pub fn wait_until(what: &str, limit: std::time::Duration, mut ok: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + limit;
    while !ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: not so after {limit:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A loopback port that refuses connections for as long as this lives: a TCP socket bound to it but
/// never listening, so no parallel test's server can take the port in the meantime (as it could
/// after a bind-and-release) and every connect gets `ECONNREFUSED`.
pub struct RefusingPort {
    _fd: std::os::fd::OwnedFd,
    pub port: u16,
}

impl RefusingPort {
    pub fn new() -> RefusingPort {
        use std::os::fd::{AsRawFd, FromRawFd};
        // SAFETY: plain socket calls on a descriptor we own; the sockaddr is a zeroed local.
        unsafe {
            let raw = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
            assert!(raw >= 0, "socket: {}", std::io::Error::last_os_error());
            let fd = std::os::fd::OwnedFd::from_raw_fd(raw);
            let mut addr: libc::sockaddr_in = std::mem::zeroed();
            addr.sin_family = libc::AF_INET as libc::sa_family_t;
            addr.sin_addr.s_addr = u32::from_ne_bytes([127, 0, 0, 1]);
            let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            let bound = libc::bind(fd.as_raw_fd(), (&raw const addr).cast(), len);
            assert_eq!(bound, 0, "bind: {}", std::io::Error::last_os_error());
            let mut len = len;
            libc::getsockname(fd.as_raw_fd(), (&raw mut addr).cast(), &raw mut len);
            RefusingPort {
                _fd: fd,
                port: u16::from_be(addr.sin_port),
            }
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// The files under `dir` (relative to the repository) that git tracks or would track: ignored
/// files, such as a `__pycache__` a run left behind, are not the repository's.
pub fn repo_files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            "--",
        ])
        .arg(dir)
        .current_dir(root)
        .output()
        .expect("git ls-files");
    assert!(out.status.success(), "git ls-files {dir}");
    out.stdout
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| root.join(String::from_utf8_lossy(p).as_ref()))
        .filter(|p| p.is_file())
        .collect()
}

/// One test's world: a temp dir used as HOME, a token file, and the environment a workbench gives.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
    pub env: BTreeMap<String, String>,
}

/// What a finished process showed the outside world.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, Some(0), "expected success: {self:#?}");
        self
    }

    /// A failure: the exit code, the whole stderr, and nothing on stdout.
    #[track_caller]
    pub fn assert_error(&self, code: i32, stderr: &str) {
        assert_eq!(self.code, Some(code), "exit code: {self:#?}");
        assert_eq!(self.stderr, stderr, "whole stderr: {self:#?}");
        assert_eq!(self.stdout, "", "stdout must stay empty on error");
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:#?}"))
    }

    /// Exited (no signal), and neither a Rust panic message nor its exit code 101.
    #[track_caller]
    pub fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked") && self.code != Some(101) && self.code.is_some(),
            "{self:?}"
        );
    }

    /// A clean two-line error: `oc-role-assume: error: …` and `hint: …`, nothing on stdout.
    /// Returns the error line and the hint's text.
    #[track_caller]
    pub fn assert_one_error(&self, code: i32) -> (String, String) {
        self.assert_no_panic();
        assert_eq!(self.code, Some(code), "{self:?}");
        assert_eq!(self.stdout, "", "{self:?}");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{self:?}");
        assert!(
            lines[0].starts_with("oc-role-assume: error: ") && lines[1].starts_with("hint: "),
            "{self:?}"
        );
        (
            lines[0].to_owned(),
            lines[1].trim_start_matches("hint: ").to_owned(),
        )
    }
}

impl TestEnv {
    /// A workbench with a token, both role ARNs under our own variable names, and a user.
    pub fn workbench() -> TestEnv {
        let mut t = TestEnv::bare();
        let token = t.write("token", &jwt(&fresh(&fixture("irsa-token-claims.json"))));
        t.set("TARGET_ROLE_ARN", TARGET_ARN);
        t.set("OC_ROLE_ASSUME_BASE_ROLE_ARN", BASE_ARN);
        t.set(
            "OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE",
            token.to_str().unwrap(),
        );
        t.set("RHOAI_USER", "alice@example.com");
        t
    }

    /// Nothing but PATH and a temp HOME: no host AWS_*, KUBERNETES_*, SSL_CERT_FILE or HOME leaks in.
    pub fn bare() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut env = BTreeMap::new();
        env.insert("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into());
        env.insert("HOME".into(), dir.path().to_str().unwrap().into());
        env.insert("LANG".into(), "C.UTF-8".into());
        // Point the AWS files, the downward-API file and the service-account dir into the temp dir so
        // nothing finds the host's.
        for (var, file) in [
            ("AWS_CONFIG_FILE", "aws-config"),
            ("AWS_SHARED_CREDENTIALS_FILE", "aws-credentials"),
            ("OC_ROLE_ASSUME_PODINFO_FILE", "podinfo/annotations"),
            ("OC_ROLE_ASSUME_SERVICEACCOUNT_DIR", "serviceaccount"),
        ] {
            env.insert(var.into(), dir.path().join(file).to_str().unwrap().into());
        }
        TestEnv { dir, env }
    }

    /// A view of this env with one variable changed (same temp dir).
    pub fn clone_with(&self, key: &str, value: &str) -> TestEnvRef<'_> {
        let mut env = self.env.clone();
        env.insert(key.into(), value.into());
        TestEnvRef {
            dir: self.dir.path(),
            env,
        }
    }

    pub fn set(&mut self, key: &str, value: &str) -> &mut Self {
        self.env.insert(key.into(), value.into());
        self
    }

    pub fn unset(&mut self, key: &str) -> &mut Self {
        self.env.remove(key);
        self
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Make this a pod in a cluster whose API server is `kube`, with a service-account token carrying
    /// `claims`.
    pub fn in_cluster(&mut self, kube: &FakeKube, claims: &str) -> &mut Self {
        let dir = kube.serviceaccount_dir(self.dir.path(), claims);
        self.set("KUBERNETES_SERVICE_HOST", "127.0.0.1");
        self.set("KUBERNETES_SERVICE_PORT", &kube.port.to_string());
        self.set("OC_ROLE_ASSUME_SERVICEACCOUNT_DIR", dir.to_str().unwrap())
    }

    /// Point every AWS client at this endpoint (moto or a front): the global variable for S3 and the
    /// SDKs' other calls, the STS one for the helper (which never sends STS to the global one).
    pub fn endpoint(&mut self, url: &str) -> &mut Self {
        self.set("AWS_ENDPOINT_URL", url);
        self.set("AWS_ENDPOINT_URL_STS", url)
    }

    /// An AWS config whose default profile runs the helper with `args`.
    pub fn credential_process_config(&self, args: &str) -> PathBuf {
        let line = format!("{} {args}", bin().display());
        self.write(
            "aws-config",
            &format!(
                "[default]\nregion = us-east-1\ncredential_process = {}\n",
                line.trim()
            ),
        )
    }

    fn command(&self, program: &Path) -> Command {
        command_in(self.dir.path(), &self.env, program)
    }

    /// The helper with `args`, ready to spawn (for tests that start several at once).
    pub fn command_for(&self, args: &[&str]) -> Command {
        let mut cmd = self.command(bin());
        cmd.args(args);
        cmd
    }

    /// Run the helper with `args`.
    pub fn run(&self, args: &[&str]) -> Run {
        finish(self.command(bin()).args(args))
    }

    /// Start the helper with `args`, stdout and stderr piped, and the test venv first on PATH (so a
    /// child it runs finds `python` with boto3 and `aws`).
    pub fn spawn(&self, args: &[&str]) -> Group {
        let path = format!("{}:{}", venv().join("bin").display(), self.env["PATH"]);
        Group::spawn(
            self.command(bin())
                .args(args)
                .env("PATH", path)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        )
    }

    /// Run the helper with the test venv first on PATH, to completion.
    pub fn run_with_venv(&self, args: &[&str]) -> Run {
        let child = self.spawn(args);
        let out = child.wait_with_output().expect("wait");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Run the helper with `args` under another program (`unshare …`, `setpriv …`), which gets
    /// the helper's path and `args` after its own `wrapper` words.
    pub fn run_under(&self, wrapper: &[&str], args: &[&str]) -> Run {
        let (program, rest) = wrapper.split_first().expect("a wrapper program");
        finish(
            self.command(Path::new(program))
                .args(rest)
                .arg(bin())
                .args(args),
        )
    }

    /// Run another program of this crate (the admin binary) with `args` in this env.
    pub fn run_program(&self, program: &Path, args: &[&str]) -> Run {
        finish(self.command(program).args(args))
    }

    /// Run the AWS CLI from the test venv.
    pub fn aws(&self, args: &[&str]) -> Run {
        finish(self.command(&venv().join("bin/aws")).args(args))
    }

    /// Run a Python snippet with boto3 from the test venv.
    pub fn python(&self, code: &str) -> Run {
        finish(self.command(&venv().join("bin/python")).args(["-c", code]))
    }
}

/// `program` in `dir` with exactly `env` and no stdin.
fn command_in(dir: &Path, env: &BTreeMap<String, String>, program: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .envs(env)
        .current_dir(dir)
        .stdin(Stdio::null());
    cmd
}

pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_oc-role-assume"))
}

fn finish(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("spawn");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A borrowed variant of a `TestEnv` with its own environment, for one-off runs.
pub struct TestEnvRef<'a> {
    dir: &'a Path,
    env: BTreeMap<String, String>,
}

impl TestEnvRef<'_> {
    pub fn run(&self, args: &[&str]) -> Run {
        finish(command_in(self.dir, &self.env, bin()).args(args))
    }
}
