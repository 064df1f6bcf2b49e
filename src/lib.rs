//! oc-role-assume: per-user, session-tagged AWS credentials for OpenShift AI workbenches.
//!
//! The binary's `main` only parses, runs and reports; everything else lives here so tests and fuzz
//! targets reach the same code.

pub mod cli;
pub mod config;
pub mod error;
pub mod identity;
pub mod names;
pub mod output;
pub mod sts;

use std::io::Write;

use cli::Cli;
use config::{EnvLookup, Settings};
use error::{Error, Result};

/// Run the command line; on success the process exits 0.
pub fn run(cli: &Cli, env: EnvLookup<'_>) -> Result<()> {
    let settings = Settings::from_args(&cli.chain, env)?;
    let identity = identity::resolve(&settings, env)?;
    let request = sts::Request::new(&settings, &identity);
    let credentials = sts::fetch(&settings, &request)?;
    print_stdout(&credentials.to_process_json())
}

/// Write the protocol output. A closed pipe (the reader went away) is not our error.
fn print_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io(format!("cannot write to stdout: {e}"))
                .hint("check what reads this process's output"))
        }
        _ => Ok(()),
    }
}
