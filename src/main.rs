//! Entry point: parse, run, report the error and exit with its code. Nothing else.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Subcommand};
use oc_role_assume::cli::{Cli, Command, SettingsArgs};

#[global_allocator]
static ALLOCATOR: oc_role_assume::alloc::Arena = oc_role_assume::alloc::Arena;

fn main() -> ExitCode {
    let env = &oc_role_assume::env::process_env;
    let done = oc_role_assume::hit::serve().unwrap_or_else(|| {
        let (cli, matches) = parse();
        oc_role_assume::run(&cli, matches, env)
    });
    match done {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // Best-effort: a closed stderr must not turn the exit code into an abort.
            let _ = writeln!(std::io::stderr(), "{e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// The command line, parsed by the one clap definition in `cli.rs`.
///
/// A call with no subcommand (what every SDK makes, many times a minute) is parsed against the
/// settings flags alone, so clap neither builds the subcommands nor copies every global flag into each
/// of them: that was a quarter of a warm call. Any word that names a subcommand, `--help`,
/// `--version` and every error go through the whole definition, so they behave exactly as before.
/// What clap built lives until the process exits: tearing it down frees nothing anyone needs.
fn parse() -> (Cli, &'static clap::ArgMatches) {
    let argv: Vec<OsString> = std::env::args_os().collect();
    let names_a_subcommand = argv
        .iter()
        .skip(1)
        .any(|word| word.to_str().is_some_and(Command::has_subcommand));
    if !names_a_subcommand {
        let settings_only = Box::leak(Box::new(SettingsArgs::augment_args(clap::Command::new(
            "oc-role-assume",
        ))));
        if let Ok(matches) = settings_only.try_get_matches_from_mut(&argv) {
            let matches = Box::leak(Box::new(matches));
            if let Ok(settings) = SettingsArgs::from_arg_matches(matches) {
                let cli = Cli {
                    settings,
                    command: None,
                };
                return (cli, matches);
            }
        }
    }
    let command = Box::leak(Box::new(Cli::command()));
    let matches = Box::leak(Box::new(
        command
            .try_get_matches_from_mut(argv)
            .unwrap_or_else(|e| e.exit()),
    ));
    let cli = Cli::from_arg_matches(matches).unwrap_or_else(|e| e.exit());
    (cli, matches)
}
