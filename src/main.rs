//! Entry point: parse, run, report the error and exit with its code. Nothing else.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use oc_role_assume::cli::Cli;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match oc_role_assume::run(&cli, &matches, &oc_role_assume::config::process_env) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}
