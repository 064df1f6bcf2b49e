//! `configure`: wire the helper into the AWS config — `credential_process = <this binary> <flags>` in
//! one profile — touching nothing else: every other line, comment and profile stays byte for byte.
//! The file is replaced atomically; a new file is created 0600 (its dir 0700).

use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

use crate::awsconfig::{self, shell_quote};
use crate::cli::given_settings_flags;
use crate::error::{Error, Result};
use crate::files;
use crate::messages::{SHADOWING, warn};
use crate::settings::EnvLookup;

/// The `configure` subcommand's own options.
pub struct Options<'a> {
    pub profile: &'a str,
    pub config_file: Option<&'a Path>,
    pub print: bool,
    pub force: bool,
}

/// Point the profile at this binary with the settings flags given on the command line; print the
/// file with `--print`, else one line saying what happened.
pub fn run(options: &Options<'_>, matches: &clap::ArgMatches, env: EnvLookup<'_>) -> Result<u8> {
    let path = awsconfig::config_path(options.config_file, env)?;
    let exe = std::env::current_exe()
        .and_then(fs::canonicalize)
        .map_err(|e| {
            Error::io(format!("cannot tell where this binary is: {e}"))
                .hint("run it by its full path")
        })?;
    let mut words = vec![shell_quote(&exe.to_string_lossy())];
    words.extend(given_settings_flags(matches).iter().map(|w| shell_quote(w)));
    let line = words.join(" ");
    if awsconfig::shadowed(env) {
        warn(SHADOWING);
    }
    let (changed, text) = rewrite(&path, options, &line)?;
    if options.print {
        super::write_stdout(text.as_bytes())?;
        return Ok(0);
    }
    let what = if changed { "now runs" } else { "already runs" };
    super::print_stdout(&format!(
        "profile {} in {} {what}: {line}",
        options.profile,
        path.display()
    ))?;
    Ok(0)
}

/// Read, edit, then write unless `--print`; returns whether the text changed, and the text.
fn rewrite(path: &Path, options: &Options<'_>, command: &str) -> Result<(bool, String)> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(
                Error::io(format!("cannot read AWS config {}: {e}", path.display()))
                    .hint("check the file's permissions, or pass --config-file"),
            );
        }
    };
    let edited = awsconfig::edit(&text, options.profile, command, options.force)?;
    if edited == text {
        return Ok((false, edited));
    }
    if !options.print {
        write(path, &edited).map_err(|e| {
            Error::io(format!("cannot write AWS config {}: {e}", path.display()))
                .hint("check the dir's permissions, or pass --config-file")
        })?;
    }
    Ok((true, edited))
}

/// Replace the file atomically, keeping an existing file's mode; a new one is 0600 in a 0700 dir.
fn write(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    let mode = fs::metadata(path).map_or(0o600, |m| m.permissions().mode() & 0o7777);
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("config");
    let tmp = dir.join(format!(".{name}.oc-role-assume-{}", std::process::id()));
    files::write_atomically(path, &tmp, text.as_bytes(), mode)
}
