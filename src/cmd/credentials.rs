//! The default command: print `credential_process` JSON for the Target session, from the cache when
//! it is fresh. A warm call is a file read: no runtime, no SDK, no network. Inside an `exec --server`
//! child it answers from that server's endpoint instead.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use crate::chain;
use crate::cli::SettingsArgs;
use crate::endpoint::Parent;
use crate::env::EnvLookup;
use crate::error::Result;
use crate::output;

pub fn run(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<u8> {
    // Under `exec --server` the wrapper's endpoint is the source for the whole child tree.
    if let Some(parent) = Parent::from_env(env) {
        output::print_stdout(&parent.credentials()?.to_process_json())?;
        return Ok(0);
    }
    let served = chain::prepare(args, env)?.served()?;
    output::print_stdout(&served.credentials.to_process_json())?;
    if served.renewal_due {
        start_renewal();
    }
    Ok(0)
}

/// Start `renew` with the same command line, detached: its own session, no stdin/stdout/stderr
/// (the SDK that ran us reads our stdout to its end and must not wait for the renewal), not waited
/// for. It renews the entry at most once however many callers start one (a non-blocking lock), and a
/// failure leaves the entry for the next caller. If it cannot even start, the next caller tries.
fn start_renewal() {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut renewal = Command::new(exe);
    renewal
        .args(std::env::args_os().skip(1))
        .arg("renew")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: setsid is async-signal-safe and touches only the child.
    unsafe {
        renewal.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let _ = renewal.spawn();
}

/// `renew`: the detached renewal itself.
pub fn renew(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<u8> {
    chain::prepare(args, env)?.renew()?;
    Ok(0)
}
