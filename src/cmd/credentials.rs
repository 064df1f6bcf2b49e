//! The default command: print `credential_process` JSON for the Target session, from the cache when
//! it is fresh. A warm call is a file read: no runtime, no SDK, no network.

use crate::chain;
use crate::cli::SettingsArgs;
use crate::error::Result;
use crate::settings::EnvLookup;

pub fn run(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<u8> {
    let credentials = chain::prepare(args, env)?.credentials()?;
    super::print_stdout(&credentials.to_process_json())?;
    Ok(0)
}
