//! `cache path` and `cache clear`: where this user's credentials are cached, and removing them.

use crate::cache;
use crate::cli::{CacheCommand, SettingsArgs};
use crate::env::EnvLookup;
use crate::error::{Error, Result};
use crate::output;
use crate::settings::cache_dir_arg;

pub fn run(args: &SettingsArgs, command: &CacheCommand, env: EnvLookup<'_>) -> Result<u8> {
    let configured = cache_dir_arg(args);
    match command {
        CacheCommand::Path => output::print_stdout(
            &cache::default_dir(configured.as_deref(), env)
                .display()
                .to_string(),
        )?,
        CacheCommand::Clear => {
            let cache = cache::open_for_command(configured.as_deref(), env)?;
            let removed = cache.clear().map_err(|e| {
                Error::io(format!(
                    "cannot clear cache dir {}: {e}",
                    cache.dir().display()
                ))
                .hint("remove the files in it by hand")
            })?;
            output::print_stdout(&format!(
                "removed {removed} files from {}",
                cache.dir().display()
            ))?;
        }
    }
    Ok(0)
}
