//! `configure`: wire the helper into the AWS config — `credential_process = <this binary> <flags>` in
//! one profile — touching nothing else: every other line, comment and profile stays byte for byte.
//!
//! Nothing is written that a credentials run would refuse or that could break the file: the profile
//! name and every flag value are checked first. The file is edited under a lock (concurrent runs all
//! land), read once through one open file (its content, mode and owner come from that), and replaced
//! atomically in its real directory (a symlinked config is edited at its target); owner and mode are
//! kept, and a new file is 0600 in a 0700 dir.

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::awsconfig::{self, shell_quote};
use crate::cli::{SettingsArgs, given_settings_flags};
use crate::env::EnvLookup;
use crate::error::{Error, Result, shown};
use crate::files::{self, Owner};
use crate::messages::{SHADOWING, warn};
use crate::output;
use crate::settings;

/// The `configure` subcommand's own options.
pub struct Options<'a> {
    pub profile: &'a str,
    pub config_file: Option<&'a Path>,
    pub print: bool,
    pub force: bool,
}

/// Point the profile at this binary with the settings flags given on the command line; print the
/// file with `--print`, else one line saying what happened.
pub fn run(
    options: &Options<'_>,
    args: &SettingsArgs,
    matches: &clap::ArgMatches,
    env: EnvLookup<'_>,
) -> Result<u8> {
    awsconfig::check_profile_name(options.profile)?;
    settings::check_given(args)?;
    let line = command_line(&given_settings_flags(matches))?;
    let path = awsconfig::config_path(options.config_file, env)?;
    if awsconfig::shadowed(env) {
        warn(SHADOWING);
    }
    let (changed, text) = rewrite(&path, options, &line)?;
    if let Some((file, keys)) = awsconfig::static_keys_in_credentials(env, options.profile) {
        warn(format_args!(
            "{} holds static keys ({}) for profile {}: every SDK uses them before credential_process; remove them there",
            file.display(),
            keys.join(", "),
            options.profile
        ));
    }
    if options.print {
        output::write_stdout(text.as_bytes())?;
        return Ok(0);
    }
    let what = if changed { "now runs" } else { "already runs" };
    output::print_stdout(&format!(
        "profile {} in {} {what}: {line}",
        options.profile,
        path.display()
    ))?;
    Ok(0)
}

/// `<this binary> <flags>`, quoted for the SDKs' shell-style split; no word may hold a control
/// character (a newline would end the line and start another key or section).
fn command_line(flags: &[String]) -> Result<String> {
    let exe = std::env::current_exe()
        .and_then(fs::canonicalize)
        .map_err(|e| {
            Error::io(format!("cannot tell where this binary is: {e}"))
                .hint("run it by its full path")
        })?;
    let exe = exe.to_string_lossy().into_owned();
    let mut words = Vec::with_capacity(flags.len() + 1);
    for word in std::iter::once(&exe).chain(flags) {
        if word.chars().any(char::is_control) {
            return Err(
                Error::config(format!("{} contains a control character", shown(word)))
                    .hint("give every value on one line, without tabs or newlines"),
            );
        }
        words.push(shell_quote(word));
    }
    Ok(words.join(" "))
}

/// Read, edit, then write unless `--print`; returns whether the text changed, and the text.
fn rewrite(path: &Path, options: &Options<'_>, command: &str) -> Result<(bool, String)> {
    let target = real_path(path)?;
    let cannot = |what: &str, e: &std::io::Error| {
        Error::io(format!(
            "cannot {what} AWS config {}: {e}",
            target.display()
        ))
        .hint("check the file's and its dir's permissions, or pass --config-file")
    };
    let _lock = if options.print {
        None
    } else {
        Some(lock_beside(&target).map_err(|e| cannot("lock", &e))?)
    };
    let (text, owner) = read_once(&target).map_err(|e| cannot("read", &e))?;
    let edited = awsconfig::edit(&text, options.profile, command, options.force)?;
    if edited == text {
        return Ok((false, edited));
    }
    if !options.print {
        write(&target, &edited, owner).map_err(|e| cannot("write", &e))?;
    }
    Ok((true, edited))
}

/// The file a symlinked config points at (dotfile managers link `~/.aws/config`), so the atomic
/// replace happens in the target's directory and the link stays a link.
fn real_path(path: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|e| {
            Error::io(format!(
                "AWS config {} is a symlink whose target cannot be resolved: {e}",
                path.display()
            ))
            .hint("fix or remove the link, or pass --config-file with the real path")
        }),
        _ => Ok(path.to_owned()),
    }
}

/// An exclusive lock on `.<name>.oc-role-assume.lock` beside the file, held across read → rename.
fn lock_beside(path: &Path) -> std::io::Result<File> {
    let dir = parent(path);
    let shared = files::group_shared(dir);
    if !dir.exists() {
        let mode = if shared { 0o770 } else { 0o700 };
        files::create_dirs(dir, mode, mode)?;
    }
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(if shared { 0o660 } else { 0o600 })
        .custom_flags(libc::O_NOFOLLOW)
        .open(dir.join(format!(".{}.oc-role-assume.lock", file_name(path))))?;
    if shared {
        // The umask takes the group bits; another UID's existing lock stays as it is.
        let _ = lock.set_permissions(std::fs::Permissions::from_mode(0o660));
    }
    lock.lock()?;
    Ok(lock)
}

/// The text and the owner of the file, both from one open (never re-looked-up by path); a missing
/// file is empty and will be created private, or 0660 where its dir is group-shared (a workbench
/// home: `files::group_shared`; the AWS config holds no secret).
fn read_once(path: &Path) -> std::io::Result<(String, Owner)> {
    let mut file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut owner = Owner::private();
            if files::group_shared(parent(path)) {
                owner.mode = 0o660;
            }
            return Ok((String::new(), owner));
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    let owner = Owner {
        uid: meta.uid(),
        gid: meta.gid(),
        mode: meta.mode() & 0o7777,
    };
    Ok((text, owner))
}

/// Replace the file atomically with the owner and mode it had.
fn write(path: &Path, text: &str, owner: Owner) -> std::io::Result<()> {
    let tmp = parent(path).join(format!(
        ".{}.oc-role-assume-{}",
        file_name(path),
        std::process::id()
    ));
    files::write_atomically(path, &tmp, text.as_bytes(), owner)
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "config".to_owned(), |n| n.to_string_lossy().into_owned())
}
