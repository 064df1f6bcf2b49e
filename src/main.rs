//! Entry point: parse, run, report the error and exit with its code. Nothing else.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = oc_role_assume::cli::Cli::parse();
    match oc_role_assume::run(&cli, &oc_role_assume::config::process_env) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}
