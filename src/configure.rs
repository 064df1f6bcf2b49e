//! `configure`: wire the helper into the AWS config — `credential_process = <this binary> <flags>` in
//! one profile — touching nothing else: every other line, comment and profile stays byte for byte.
//! The file is replaced atomically; a new file is created 0600 (its dir 0700).

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::config::EnvLookup;
use crate::error::{Error, Result};

/// Keys that make a profile use something other than our `credential_process`.
const STATIC_KEYS: &[&str] = &[
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
];

/// The `configure` subcommand's own options.
pub struct Options<'a> {
    pub profile: &'a str,
    pub config_file: Option<&'a Path>,
    pub print: bool,
    pub force: bool,
}

/// Whether a `credential_process` value runs this helper (any copy of it).
pub fn runs_helper(value: &str) -> bool {
    let program = value
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['\'', '"']);
    Path::new(program)
        .file_name()
        .is_some_and(|n| n == "oc-role-assume")
}

/// The whole command: point the profile at this binary with `flags`; returns what to print (the
/// file with `--print`, else one line saying what happened).
pub fn command(options: &Options<'_>, flags: &[String], env: EnvLookup<'_>) -> Result<String> {
    let path = config_path(options.config_file, env)?;
    let exe = std::env::current_exe()
        .and_then(fs::canonicalize)
        .map_err(|e| {
            Error::io(format!("cannot tell where this binary is: {e}"))
                .hint("run it by its full path")
        })?;
    let mut words = vec![shell_quote(&exe.to_string_lossy())];
    words.extend(flags.iter().map(|w| shell_quote(w)));
    let line = words.join(" ");
    if crate::doctor::shadowed(env) {
        eprintln!("oc-role-assume: warning: {}", crate::doctor::SHADOWING);
    }
    let (changed, text) = rewrite(&path, options.profile, &line, options.force, options.print)?;
    if options.print {
        return Ok(text);
    }
    let what = if changed { "now runs" } else { "already runs" };
    Ok(format!(
        "profile {} in {} {what}: {line}\n",
        options.profile,
        path.display()
    ))
}

/// The AWS config file to edit: `--config-file`, else `AWS_CONFIG_FILE`, else `~/.aws/config`.
pub fn config_path(flag: Option<&Path>, env: EnvLookup<'_>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path.to_owned());
    }
    if let Some(path) = env("AWS_CONFIG_FILE") {
        return Ok(PathBuf::from(path));
    }
    env("HOME")
        .map(|home| Path::new(&home).join(".aws/config"))
        .ok_or_else(|| {
            Error::config("no AWS config file to edit: HOME is not set")
                .hint("pass --config-file PATH")
        })
}

/// The section header for a profile, as the AWS config file spells it.
fn header(profile: &str) -> String {
    if profile == "default" {
        "[default]".to_owned()
    } else {
        format!("[profile {profile}]")
    }
}

fn is_header(line: &str) -> bool {
    line.trim_start().starts_with('[')
}

fn same_header(line: &str, wanted: &str) -> bool {
    let inner = |s: &str| -> String {
        s.trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    is_header(line) && inner(line) == inner(wanted)
}

/// `key = value` → the key, lower-cased; comments and blank lines → None.
fn key_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with(';') || is_header(t) {
        return None;
    }
    t.split_once('=')
        .map(|(k, _)| k.trim().to_ascii_lowercase())
}

/// Edit `text` so `profile` runs `command`. Refuses to replace static keys or another helper unless
/// `force`.
pub fn edit(text: &str, profile: &str, command: &str, force: bool) -> Result<String> {
    let wanted = header(profile);
    let line = format!("credential_process = {command}");
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(start) = lines.iter().position(|l| same_header(l, &wanted)) else {
        let mut out = text.to_owned();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{wanted}\n{line}\n"));
        return Ok(out);
    };
    let end = lines[start + 1..]
        .iter()
        .position(|l| is_header(l))
        .map_or(lines.len(), |i| start + 1 + i);
    let mut existing = None;
    for (i, l) in lines.iter().enumerate().take(end).skip(start + 1) {
        match key_of(l).as_deref() {
            Some(k) if STATIC_KEYS.contains(&k) && !force => {
                return Err(Error::config(format!("profile {profile} holds static keys ({k})"))
                    .hint("pass --force to replace them with credential_process, or choose another --profile"));
            }
            Some("credential_process") => {
                let value = l.split_once('=').map_or("", |(_, v)| v.trim());
                if !runs_helper(value) && !force {
                    return Err(Error::config(format!(
                        "profile {profile} already runs another credential_process ({value})"
                    ))
                    .hint("pass --force to replace it, or choose another --profile"));
                }
                existing = Some(i);
            }
            _ => {}
        }
    }
    let newline = format!("{line}\n");
    match existing {
        Some(i) => lines[i] = &newline,
        None => lines.insert(start + 1, &newline),
    }
    // With --force, static keys go: in a profile they would win over credential_process.
    let out: String = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            !(*i > start
                && *i < end + 1
                && key_of(l).is_some_and(|k| STATIC_KEYS.contains(&k.as_str())))
        })
        .map(|(_, l)| *l)
        .collect();
    Ok(out)
}

/// Quote `s` for the POSIX-shell-like split botocore and the SDKs apply to `credential_process`.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.=:,@+%".contains(&b))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Write `text` to `path` atomically, keeping an existing file's mode, creating a new one 0600.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
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
    let tmp = dir.join(format!(
        ".{}.oc-role-assume-{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("config"),
        std::process::id()
    ));
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.set_permissions(fs::Permissions::from_mode(mode)))
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Read, edit, then write unless `print`; returns whether the text changed, and the text.
fn rewrite(
    path: &Path,
    profile: &str,
    command: &str,
    force: bool,
    print: bool,
) -> Result<(bool, String)> {
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
    let edited = edit(&text, profile, command, force)?;
    if edited == text {
        return Ok((false, edited));
    }
    if !print {
        write_atomically(path, &edited).map_err(|e| {
            Error::io(format!("cannot write AWS config {}: {e}", path.display()))
                .hint("check the dir's permissions, or pass --config-file")
        })?;
    }
    Ok((true, edited))
}

/// The value of `key` in `profile`'s section of an AWS config text, if set.
pub fn profile_value(text: &str, profile: &str, key: &str) -> Option<String> {
    let wanted = header(profile);
    let mut lines = text
        .lines()
        .skip_while(|l| !same_header(l, &wanted))
        .skip(1);
    lines
        .by_ref()
        .take_while(|l| !is_header(l))
        .find(|l| key_of(l).as_deref() == Some(key))
        .and_then(|l| l.split_once('=').map(|(_, v)| v.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMD: &str = "/usr/local/bin/oc-role-assume";

    #[test]
    fn adds_a_profile_and_keeps_everything_else() {
        let text = "# my config\n[profile dev]\nregion = eu-west-1\n\n[default]\n; note\nregion = us-east-1\n";
        let out = edit(text, "default", CMD, false).unwrap();
        assert_eq!(
            out,
            "# my config\n[profile dev]\nregion = eu-west-1\n\n[default]\ncredential_process = /usr/local/bin/oc-role-assume\n; note\nregion = us-east-1\n"
        );
        assert_eq!(
            edit(&out, "default", CMD, false).unwrap(),
            out,
            "idempotent"
        );
        let more = edit(&out, "data", CMD, false).unwrap();
        assert!(
            more.starts_with(&out)
                && more.ends_with(
                    "\n[profile data]\ncredential_process = /usr/local/bin/oc-role-assume\n"
                )
        );
    }

    #[test]
    fn replaces_its_own_line_and_refuses_others_without_force() {
        let text = "[default]\ncredential_process = /usr/local/bin/oc-role-assume --duration 900\n";
        assert_eq!(
            edit(text, "default", CMD, false).unwrap(),
            "[default]\ncredential_process = /usr/local/bin/oc-role-assume\n"
        );
        let other = "[default]\ncredential_process = aws-vault export --format=json dev\n";
        assert!(edit(other, "default", CMD, false).is_err());
        assert_eq!(
            edit(other, "default", CMD, true).unwrap(),
            "[default]\ncredential_process = /usr/local/bin/oc-role-assume\n"
        );
        let keys = "[default]\naws_access_key_id = AKIA\naws_secret_access_key = x\nregion = us-east-1\n[profile b]\naws_access_key_id = AKIB\n";
        assert!(edit(keys, "default", CMD, false).is_err());
        assert_eq!(
            edit(keys, "default", CMD, true).unwrap(),
            "[default]\ncredential_process = /usr/local/bin/oc-role-assume\nregion = us-east-1\n[profile b]\naws_access_key_id = AKIB\n"
        );
    }

    #[test]
    fn quotes_for_the_sdk_split() {
        assert_eq!(shell_quote("--tag"), "--tag");
        assert_eq!(
            shell_quote("team=fraud detection"),
            "'team=fraud detection'"
        );
        assert_eq!(shell_quote("o'x"), r"'o'\''x'");
    }
}
