//! oc-role-assume: per-user, session-tagged AWS credentials for OpenShift AI workbenches.
//!
//! The binary's `main` only parses, runs and reports; everything else lives here so tests and fuzz
//! targets reach the same code.

pub mod cache;
pub mod cli;
pub mod config;
pub mod configure;
pub mod doctor;
pub mod endpoint;
pub mod error;
pub mod exec;
pub mod identity;
pub mod jwt;
pub mod names;
pub mod output;
pub mod sts;

use std::io::Write;

use clap::CommandFactory;

use cli::{CacheCommand, Cli, Command};
use config::{EnvLookup, IdentitySettings, Settings};
use error::{Error, Result};

/// Run the command line; returns the exit code (0, or the `exec` child's).
pub fn run(cli: &Cli, matches: &clap::ArgMatches, env: EnvLookup<'_>) -> Result<u8> {
    match &cli.command {
        None => {
            let (settings, local, slot) = prepare(cli, env)?;
            // A warm call ends here: a file read, no runtime, no SDK, no network.
            let credentials =
                slot.get_or_fetch(settings.min_remaining, || chain(&settings, &local))?;
            print_stdout(&credentials.to_process_json())?;
            Ok(0)
        }
        Some(Command::Exec {
            server: false,
            command,
        }) => {
            let (settings, local, slot) = prepare(cli, env)?;
            let credentials =
                slot.get_or_fetch(settings.min_remaining, || chain(&settings, &local))?;
            Err(exec::replace_with(command, &credentials, &settings.region))
        }
        Some(Command::Exec {
            server: true,
            command,
        }) => {
            // Before any thread starts, so none of them can take a signal meant for the child.
            exec::block_forwarded_signals();
            let (settings, local, slot) = prepare(cli, env)?;
            let credentials =
                slot.get_or_fetch(settings.min_remaining, || chain(&settings, &local))?;
            let endpoint = endpoint::Endpoint::start(credentials)?;
            let lifetime = std::time::Duration::from_secs(u64::from(settings.duration));
            let region = settings.region.clone();
            endpoint.keep_fresh(settings.min_remaining, lifetime, move || {
                slot.get_or_fetch(settings.min_remaining, || chain(&settings, &local))
            });
            exec::run_with_endpoint(command, &endpoint, &region)
        }
        Some(Command::Whoami { json, verify }) => {
            // Without --verify only the identity settings matter: no role ARNs needed.
            let settings = if *verify {
                Some(Settings::from_args(&cli.chain, env)?)
            } else {
                None
            };
            let identity_settings = IdentitySettings::from_args(&cli.chain)?;
            let local = identity::Local::gather(&identity_settings, env)?;
            let (identity, arn) = block_on(async {
                let identity = identity::resolve(&identity_settings, &local).await?;
                let arn = match &settings {
                    Some(settings) => {
                        let request = sts::Request::new(settings, &identity);
                        let credentials = sts::fetch(settings, &request).await?;
                        Some(sts::caller_arn(settings, &credentials).await?)
                    }
                    None => None,
                };
                Ok((identity, arn))
            })?;
            print_stdout(&whoami(&identity, arn.as_deref(), *json))?;
            Ok(0)
        }
        Some(Command::Configure {
            profile,
            config_file,
            print,
            force,
        }) => {
            let sub = matches.subcommand_matches("configure").unwrap_or(matches);
            let flags = cli::command_line_chain_args(sub);
            let options = configure::Options {
                profile,
                config_file: config_file.as_deref(),
                print: *print,
                force: *force,
            };
            let text = configure::command(&options, &flags, env)?;
            write_stdout(text.as_bytes())?;
            Ok(0)
        }
        Some(Command::Doctor { json }) => Ok(doctor::run(&cli.chain, env, *json)),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "oc-role-assume", &mut out);
            write_stdout(&out)?;
            Ok(0)
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| Error::internal(format!("cannot render the man page: {e}")))?;
            write_stdout(&out)?;
            Ok(0)
        }
        Some(Command::Cache(command)) => {
            let configured = config::cache_dir_arg(&cli.chain);
            match command {
                CacheCommand::Path => print_stdout(
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
                    print_stdout(&format!(
                        "removed {removed} files from {}",
                        cache.dir().display()
                    ))?;
                }
            }
            Ok(0)
        }
    }
}

/// Settings, the local identity inputs, and the cache slot they select.
fn prepare(cli: &Cli, env: EnvLookup<'_>) -> Result<(Settings, identity::Local, cache::Slot)> {
    let settings = Settings::from_args(&cli.chain, env)?;
    let local = identity::Local::gather(&settings.identity, env)?;
    let slot = cache::Slot::new(&settings, &local, env);
    Ok((settings, local, slot))
}

/// The cold path: resolve the user (maybe over the Kubernetes API), then both STS calls.
fn chain(
    settings: &Settings,
    local: &identity::Local,
) -> Result<(identity::Identity, output::Credentials)> {
    block_on(async {
        let identity = identity::resolve(&settings.identity, local).await?;
        let credentials = sts::fetch(settings, &sts::Request::new(settings, &identity)).await?;
        Ok((identity, credentials))
    })
}

/// What `whoami` prints.
fn whoami(identity: &identity::Identity, arn: Option<&str>, json: bool) -> String {
    if json {
        let mut value = serde_json::to_value(identity).expect("identity serializes");
        if let Some(arn) = arn {
            value["arn"] = arn.into();
        }
        return value.to_string();
    }
    let trust = if identity.platform_set {
        "platform-set"
    } else {
        "user-controlled"
    };
    let mut text = format!(
        "user:      {}\nsource:    {} ({trust})\nnamespace: {}\npod:       {}",
        identity.user,
        identity.source,
        identity.namespace.as_deref().unwrap_or("-"),
        identity.pod.as_deref().unwrap_or("-"),
    );
    if let Some(arn) = arn {
        text.push_str(&format!("\narn:       {arn}"));
    }
    text
}

/// Run async work on a current-thread runtime: enough for one request at a time, and cheap to start.
fn block_on<T>(work: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("cannot start the async runtime: {e}")))?
        .block_on(work)
}

/// Write the protocol output and a newline.
fn print_stdout(text: &str) -> Result<()> {
    write_stdout(format!("{text}\n").as_bytes())
}

/// Write to stdout. A closed pipe (the reader went away) is not our error.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io(format!("cannot write to stdout: {e}"))
                .hint("check what reads this process's output"))
        }
        _ => Ok(()),
    }
}
