//! Entry point of the admin binary: parse, run, report the error and exit with its code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use oc_role_assume::admin::{self, cli::AdminCli};

fn main() -> ExitCode {
    let cli = AdminCli::parse();
    match admin::run(&cli, &oc_role_assume::env::process_env) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{}", admin::shown(&e));
            ExitCode::from(admin::exit_code(&e))
        }
    }
}
