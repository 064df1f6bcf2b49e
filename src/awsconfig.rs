//! The AWS config file as the SDKs read it: where it is, what a profile says, whether a
//! `credential_process` line runs this helper, whether the environment shadows it, and the edit that
//! points a profile at the helper while keeping every other line byte for byte. A leaf: `configure`
//! writes through it and `doctor` reads through it, so both apply one rule.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::settings::EnvLookup;

/// Keys that make a profile use something other than our `credential_process`.
const STATIC_KEYS: &[&str] = &[
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
];

/// The program a `credential_process` value runs, if it is this helper (any copy of it, found by its
/// file name).
pub fn helper_program(value: &str) -> Option<String> {
    let program = value
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['\'', '"']);
    Path::new(program)
        .file_name()
        .is_some_and(|n| n == "oc-role-assume")
        .then(|| program.to_owned())
}

/// Whether a `credential_process` value runs this helper.
pub fn runs_helper(value: &str) -> bool {
    helper_program(value).is_some()
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

/// Whether the variables of the shadowing trap are both exported.
pub fn shadowed(env: EnvLookup<'_>) -> bool {
    env("AWS_ROLE_ARN").is_some() && env("AWS_WEB_IDENTITY_TOKEN_FILE").is_some()
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
