//! One file per subcommand, each with a `run` that returns the exit code; `run` here only dispatches.
//! stdout is the protocol: only these commands write to it, through `output::print_stdout`.

mod cache;
mod configure;
mod credentials;
mod docs;
mod doctor;
mod exec;
mod whoami;

use crate::cli::{Cli, Command};
use crate::env::EnvLookup;
use crate::error::Result;

/// Run the command line; returns the exit code (0, or the `exec` child's).
pub fn run(cli: &Cli, matches: &clap::ArgMatches, env: EnvLookup<'_>) -> Result<u8> {
    let args = &cli.settings;
    match &cli.command {
        None => credentials::run(args, env),
        Some(Command::Exec { server, command }) => exec::run(args, command, *server, env),
        Some(Command::Whoami { json, verify }) => whoami::run(args, *json, *verify, env),
        Some(Command::Configure {
            profile,
            config_file,
            print,
            force,
        }) => {
            let sub = matches.subcommand_matches("configure").unwrap_or(matches);
            let options = configure::Options {
                profile,
                config_file: config_file.as_deref(),
                print: *print,
                force: *force,
            };
            configure::run(&options, args, sub, env)
        }
        Some(Command::Doctor { json }) => Ok(doctor::run(args, *json, env)),
        Some(Command::Completions { shell }) => docs::completions(*shell),
        Some(Command::Man) => docs::man(),
        Some(Command::Cache(command)) => cache::run(args, command, env),
        Some(Command::Renew) => credentials::renew(args, env),
    }
}
