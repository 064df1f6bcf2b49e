//! The default command: print `credential_process` JSON for the Target session, from the cache when
//! it is fresh. A warm call is a file read: no runtime, no SDK, no network. Inside an `exec --server`
//! child it answers from that server's endpoint instead.

use crate::chain;
use crate::cli::SettingsArgs;
use crate::endpoint::Parent;
use crate::env::EnvLookup;
use crate::error::Result;

pub fn run(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<u8> {
    // Under `exec --server` the wrapper's endpoint is the source for the whole child tree.
    let credentials = match Parent::from_env(env) {
        Some(parent) => parent.credentials()?,
        None => chain::prepare(args, env)?.credentials()?,
    };
    super::print_stdout(&credentials.to_process_json())?;
    Ok(0)
}
