//! `exec`: run a command with the user's credentials.
//!
//! Env mode puts the keys in the child's environment and replaces this process (`exec(2)`), so signals
//! and exit status are the child's. Server mode keeps running: it serves the credentials to the child
//! from a loopback endpoint that the SDKs' container-credentials provider reads, refreshes them before
//! they go stale, forwards signals, and exits with the child's code.
//!
//! Either way the variables that would make an SDK pick other credentials first are removed from the
//! child: botocore and the Java SDK prefer web identity (`AWS_ROLE_ARN` + `AWS_WEB_IDENTITY_TOKEN_FILE`)
//! over container credentials and even over a profile's `credential_process`. In server mode the
//! endpoint is loopback and its bearer token must never reach a proxy: when any proxy variable is set,
//! the child's `NO_PROXY` and `no_proxy` get `127.0.0.1,localhost`.

use std::ffi::{OsStr, OsString};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use crate::endpoint::Endpoint;
use crate::error::{Error, Kind, Result};
use crate::messages::warn;
use crate::output::{Credentials, rfc3339};

/// Removed from the child's environment in both modes.
const REMOVED: &[&str] = &[
    // botocore reads it before AWS_SESSION_TOKEN: fresh keys with a stale token.
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_SESSION_NAME",
];
/// Removed web-identity settings the child keeps under our own names (unless it has those already),
/// which no SDK reads: `whoami --verify`, `doctor` and a nested `exec` in the child still find them.
const RENAMED: &[(&str, &str)] = &[
    ("AWS_ROLE_ARN", "OC_ROLE_ASSUME_BASE_ROLE_ARN"),
    (
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE",
    ),
];
/// Every variable starting with one of these is removed too.
const REMOVED_PREFIXES: &[&str] = &[
    "AWS_CONTAINER_CREDENTIALS_",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
];
/// Keys in the environment beat container credentials, so server mode removes them as well.
const KEYS: &[&str] = &[
    // The Java v1 SDK's names too.
    "AWS_ACCESS_KEY",
    "AWS_SECRET_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
];

/// The environment the child starts from.
pub type Vars = Vec<(OsString, OsString)>;

/// The variables that send an HTTP client's requests to a proxy.
const PROXY_VARIABLES: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
];
/// What the child must reach directly: the endpoint.
const LOOPBACK: [&str; 2] = ["127.0.0.1", "localhost"];

/// `NO_PROXY` and `no_proxy` for the child, each with the loopback names added, when `vars` sets a
/// proxy; none otherwise. Each starts from its own value, else the other's: a client that prefers
/// the lower-case one (Python does) must not lose the upper-case list.
fn no_proxy_for_child(vars: &Vars) -> Vec<(&'static str, String)> {
    let value = |name: &str| {
        vars.iter()
            .find(|(n, v)| n == name && !v.is_empty())
            .and_then(|(_, v)| v.to_str())
            .map(str::to_owned)
    };
    if !PROXY_VARIABLES.iter().any(|name| value(name).is_some()) {
        return Vec::new();
    }
    [("NO_PROXY", "no_proxy"), ("no_proxy", "NO_PROXY")]
        .into_iter()
        .map(|(name, other)| {
            let base = value(name).or_else(|| value(other)).unwrap_or_default();
            let mut entries: Vec<String> = base
                .split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_owned)
                .collect();
            for host in LOOPBACK {
                if !entries.iter().any(|e| e.eq_ignore_ascii_case(host)) {
                    entries.push(host.to_owned());
                }
            }
            (name, entries.join(","))
        })
        .collect()
}

/// Signals the server-mode wrapper does not pass on: those that cannot be caught, the faults the
/// kernel raises in the thread that caused them, job control, and those that are ignored anyway.
/// Every other signal up to `SIGRTMAX` (SIGUSR1, SIGALRM, the real-time ones, …) would end the
/// wrapper by default and leave the token file behind, so it is forwarded: the child decides.
const NOT_FORWARDED: &[libc::c_int] = &[
    libc::SIGKILL,
    libc::SIGSTOP,
    libc::SIGSEGV,
    libc::SIGBUS,
    libc::SIGILL,
    libc::SIGFPE,
    libc::SIGTRAP,
    libc::SIGSYS,
    libc::SIGCHLD,
    libc::SIGCONT,
    libc::SIGTSTP,
    libc::SIGTTIN,
    libc::SIGTTOU,
    libc::SIGWINCH,
    libc::SIGURG,
    // Ignored by the Rust runtime; reset to the default in the child.
    libc::SIGPIPE,
];

/// The signals the server-mode wrapper passes on to the child (see `NOT_FORWARDED`); the C
/// library's own real-time signals (between 32 and `SIGRTMIN`) are left to it.
fn forwarded() -> impl Iterator<Item = libc::c_int> {
    (1..=libc::SIGRTMAX())
        .filter(|s| !NOT_FORWARDED.contains(s))
        .filter(|s| *s < 32 || *s >= libc::SIGRTMIN())
}

fn removed(name: &OsStr, keys_too: bool) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    REMOVED.contains(&name)
        || REMOVED_PREFIXES.iter().any(|p| name.starts_with(p))
        || (keys_too && KEYS.contains(&name))
}

/// The variables `RENAMED` gives the child: our names for the web-identity settings it loses.
fn renamed(vars: &Vars) -> Vec<(&'static str, OsString)> {
    let value = |name: &str| vars.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    RENAMED
        .iter()
        .filter(|(_, ours)| value(ours).is_none())
        .filter_map(|(theirs, ours)| Some((*ours, value(theirs).filter(|v| !v.is_empty())?)))
        .collect()
}

/// The command with `vars` (this process's environment) less the removed variables, the removed
/// web-identity settings under our own names, and the region.
fn command(argv: &[OsString], vars: Vars, region: &str, keys_too: bool) -> Command {
    let mut cmd = Command::new(&argv[0]);
    cmd.args(&argv[1..]).env_clear().envs(renamed(&vars)).envs(
        vars.into_iter()
            .filter(|(name, _)| !removed(name, keys_too)),
    );
    cmd.env("AWS_REGION", region)
        .env("AWS_DEFAULT_REGION", region);
    cmd
}

fn spawn_error(program: &OsStr, e: &std::io::Error) -> Error {
    let shown = program.to_string_lossy();
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::new(Kind::CommandNotFound, format!("command not found: {shown}"))
                .hint("check the command's name and PATH")
        }
        std::io::ErrorKind::PermissionDenied => Error::new(
            Kind::CommandNotExecutable,
            format!("command not executable: {shown}"),
        )
        .hint("make it executable (chmod +x) or run it through its interpreter"),
        _ => Error::new(
            Kind::CommandNotExecutable,
            format!("cannot run {shown}: {e}"),
        )
        .hint("check the command and its permissions"),
    }
}

/// Env mode: replace this process with the command. Returns only if that fails.
pub fn replace_with(
    argv: &[OsString],
    vars: Vars,
    credentials: &Credentials,
    region: &str,
) -> Error {
    let mut cmd = command(argv, vars, region, false);
    cmd.env("AWS_ACCESS_KEY_ID", &credentials.access_key_id)
        .env(
            "AWS_SECRET_ACCESS_KEY",
            credentials.secret_access_key.expose(),
        )
        .env("AWS_SESSION_TOKEN", credentials.session_token.expose())
        .env("AWS_CREDENTIAL_EXPIRATION", rfc3339(credentials.expiration));
    let e = cmd.exec();
    spawn_error(&argv[0], &e)
}

/// Server mode: run the command with `AWS_CONTAINER_CREDENTIALS_FULL_URI` pointing at `endpoint` and
/// the token in `AWS_CONTAINER_AUTHORIZATION_TOKEN` and in the file `token_file` names, forward
/// signals to it, reap every child (as PID 1 the wrapper inherits orphans), and return its exit code
/// (128 + signal number if a signal killed it). The child gets SIGTERM if the wrapper dies.
pub fn run_with_endpoint(
    argv: &[OsString],
    vars: Vars,
    endpoint: &Arc<Endpoint>,
    token_file: &Path,
    region: &str,
) -> Result<u8> {
    let no_proxy = no_proxy_for_child(&vars);
    let mut cmd = command(argv, vars, region, true);
    cmd.envs(no_proxy);
    cmd.env("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url())
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", endpoint.token())
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file);
    // SAFETY: getpid has no preconditions.
    let wrapper = unsafe { libc::getpid() };
    let set = forwarded_set();
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            // The child starts with the signals unblocked that this process keeps blocked.
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &raw const set, std::ptr::null_mut());
            // No endpoint without the wrapper: the child goes when it goes (and if it already
            // went between fork and here, now).
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            if libc::getppid() != wrapper {
                libc::raise(libc::SIGTERM);
            }
            Ok(())
        });
    }
    let child = cmd.spawn().map_err(|e| spawn_error(&argv[0], &e))?;
    let pid = libc::pid_t::try_from(child.id()).unwrap_or(0);
    let forwarding = std::thread::Builder::new()
        .name("signal forwarder".into())
        .spawn(move || forward_signals(pid));
    if let Err(e) = forwarding {
        warn(format_args!(
            "cannot start forwarding signals to the command: {e}"
        ));
    }
    let status = reap_until(pid)?;
    Ok(if libc::WIFEXITED(status) {
        u8::try_from(libc::WEXITSTATUS(status) & 0xff).unwrap_or(1)
    } else if libc::WIFSIGNALED(status) {
        u8::try_from(128 + libc::WTERMSIG(status)).unwrap_or(255)
    } else {
        1
    })
}

/// Wait for any child until `pid` exits, reaping the others on the way (orphans re-parented to a
/// PID-1 wrapper would otherwise stay zombies); returns `pid`'s wait status.
fn reap_until(pid: libc::pid_t) -> Result<libc::c_int> {
    loop {
        let mut status = 0;
        // SAFETY: waitpid writes the status into a local.
        let reaped = unsafe { libc::waitpid(-1, &raw mut status, 0) };
        if reaped == pid {
            return Ok(status);
        }
        if reaped < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(Error::internal(format!("cannot wait for the command: {e}")));
            }
        }
    }
}

/// Make this process non-dumpable: no core file and no ptrace attach by the same uid, for a wrapper
/// that holds credentials in memory for days.
pub fn make_non_dumpable() -> std::io::Result<()> {
    // SAFETY: a plain prctl with integer arguments.
    match unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } {
        0 => Ok(()),
        _ => Err(std::io::Error::last_os_error()),
    }
}

/// The set of forwarded signals.
fn forwarded_set() -> libc::sigset_t {
    // SAFETY: sigemptyset initialises the set before sigaddset reads it.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&raw mut set);
        for signal in forwarded() {
            libc::sigaddset(&raw mut set, signal);
        }
        set
    }
}

/// Block the forwarded signals in this thread and every thread started after it (the child unblocks
/// them before it execs). Call before starting any other thread.
pub fn block_forwarded_signals() {
    let set = forwarded_set();
    // SAFETY: a plain libc call on an initialised sigset.
    unsafe {
        libc::pthread_sigmask(libc::SIG_BLOCK, &raw const set, std::ptr::null_mut());
    }
}

/// Wait for the blocked signals and pass each on to the child. A signal the terminal generated
/// (Ctrl-C, `si_code` `SI_KERNEL`) already reached the child's process group, so it is not sent twice:
/// Jupyter, for one, shuts down on a second Ctrl-C.
fn forward_signals(child: libc::pid_t) {
    let set = forwarded_set();
    // SAFETY: plain libc calls on local, initialised values; `kill` on our own child's pid.
    unsafe {
        loop {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            let signal = libc::sigwaitinfo(&raw const set, &raw mut info);
            if signal > 0 && info.si_code != libc::SI_KERNEL {
                libc::kill(child, signal);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vars {
        pairs
            .iter()
            .map(|(k, v)| (OsString::from(k), OsString::from(v)))
            .collect()
    }

    #[test]
    fn every_signal_that_would_end_the_wrapper_is_forwarded() {
        let all: Vec<libc::c_int> = forwarded().collect();
        for signal in [
            libc::SIGHUP,
            libc::SIGINT,
            libc::SIGQUIT,
            libc::SIGTERM,
            libc::SIGUSR1,
            libc::SIGUSR2,
            libc::SIGALRM,
            libc::SIGVTALRM,
            libc::SIGPROF,
            libc::SIGXCPU,
            libc::SIGXFSZ,
            libc::SIGIO,
            libc::SIGPWR,
            libc::SIGABRT,
            libc::SIGRTMIN(),
            libc::SIGRTMAX(),
        ] {
            assert!(all.contains(&signal), "signal {signal}");
        }
        for signal in [
            libc::SIGKILL,
            libc::SIGSTOP,
            libc::SIGCHLD,
            libc::SIGSEGV,
            32,
        ] {
            assert!(!all.contains(&signal), "signal {signal}");
        }
    }

    #[test]
    fn the_child_reaches_the_endpoint_directly_whatever_proxy_is_set() {
        assert_eq!(no_proxy_for_child(&vars(&[("PATH", "/bin")])), []);
        assert_eq!(no_proxy_for_child(&vars(&[("HTTP_PROXY", "")])), []);
        assert_eq!(
            no_proxy_for_child(&vars(&[("HTTP_PROXY", "http://proxy.corp.test:3128")])),
            [
                ("NO_PROXY", "127.0.0.1,localhost".to_owned()),
                ("no_proxy", "127.0.0.1,localhost".to_owned())
            ]
        );
        // Each keeps its own list; an unset one starts from the other's; nothing is added twice.
        assert_eq!(
            no_proxy_for_child(&vars(&[
                ("https_proxy", "http://proxy.corp.test:3128"),
                ("NO_PROXY", ".svc, 10.0.0.0/8,LOCALHOST"),
            ])),
            [
                ("NO_PROXY", ".svc,10.0.0.0/8,LOCALHOST,127.0.0.1".to_owned()),
                ("no_proxy", ".svc,10.0.0.0/8,LOCALHOST,127.0.0.1".to_owned())
            ]
        );
        assert_eq!(
            no_proxy_for_child(&vars(&[
                ("ALL_PROXY", "http://proxy.corp.test:3128"),
                ("NO_PROXY", "a.test"),
                ("no_proxy", "b.test,127.0.0.1"),
            ])),
            [
                ("NO_PROXY", "a.test,127.0.0.1,localhost".to_owned()),
                ("no_proxy", "b.test,127.0.0.1,localhost".to_owned())
            ]
        );
    }
}
