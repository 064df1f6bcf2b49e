//! `exec -- CMD`: run a command with the user's credentials, either in its environment (the process
//! becomes the command) or, with `--server`, from a loopback endpoint kept fresh for as long as it runs.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use crate::chain;
use crate::cli::SettingsArgs;
use crate::endpoint::{Endpoint, Parent, TokenFile};
use crate::env::EnvLookup;
use crate::error::Result;
use crate::exec;
use crate::messages::warn;
use crate::settings::DEFAULT_REGION;

/// The region a server gave its child, else the default.
fn parent_region(env: EnvLookup<'_>) -> String {
    env("AWS_REGION")
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .unwrap_or_else(|| DEFAULT_REGION.to_owned())
}

/// Where the endpoint's token file may go, in order: the runtime dir, the temp dir, then what a
/// read-only root (readOnlyRootFilesystem, no emptyDir at /tmp) still leaves writable: `/dev/shm`
/// (a tmpfs in every container; a workbench mounts one) and the home volume (hidden there).
fn token_file_bases(env: EnvLookup<'_>) -> Vec<(PathBuf, &'static str)> {
    const NAME: &str = "oc-role-assume-server.";
    let mut bases: Vec<(PathBuf, &str)> = Vec::new();
    bases.extend(env("XDG_RUNTIME_DIR").map(|d| (PathBuf::from(d), NAME)));
    bases.push((std::env::temp_dir(), NAME));
    bases.push((PathBuf::from("/dev/shm"), NAME));
    bases.extend(env("HOME").map(|h| (PathBuf::from(h), ".oc-role-assume-server.")));
    bases.retain(|(dir, _)| dir.is_absolute());
    bases
}

pub fn run(
    args: &SettingsArgs,
    command: &[OsString],
    server: bool,
    env: EnvLookup<'_>,
) -> Result<u8> {
    if !server {
        let (credentials, region) = match Parent::from_env(env) {
            // In a server's child (a notebook terminal), the endpoint is the source here too.
            Some(parent) => (parent.credentials()?, parent_region(env)),
            None => {
                let prepared = chain::prepare(args, env)?;
                (prepared.credentials()?, prepared.settings.region)
            }
        };
        let vars = std::env::vars_os().collect();
        return Err(exec::replace_with(command, vars, &credentials, &region));
    }
    // Before any thread starts, so none of them can take a signal meant for the child.
    exec::block_forwarded_signals();
    if let Err(e) = exec::make_non_dumpable() {
        warn(format_args!(
            "cannot make the wrapper non-dumpable (prctl): {e}; a process of the same user could read its memory"
        ));
    }
    let prepared = chain::prepare(args, env)?;
    let endpoint = Endpoint::start(prepared.credentials()?)?;
    let token_file = TokenFile::create(&token_file_bases(env), endpoint.token())?;
    let lifetime = Duration::from_secs(u64::from(prepared.settings.duration));
    let (lead, region) = (
        prepared.settings.min_remaining,
        prepared.settings.region.clone(),
    );
    endpoint.keep_fresh(lead, lifetime, move || prepared.credentials())?;
    let vars = std::env::vars_os().collect();
    exec::run_with_endpoint(command, vars, &endpoint, token_file.path(), &region)
}
