//! The AWS config and shared credentials files as botocore reads them: where they are, what a profile
//! says, whether a `credential_process` line runs this helper, whether static keys or exported
//! variables shadow it, and the edit that points a profile at the helper while keeping every other
//! line byte for byte. A leaf: `configure` writes through it and `doctor` reads through it, so both
//! apply one rule.
//!
//! botocore's rules, followed here: Python's `configparser` (keys before the first `=` or `:`, lower-
//! cased; full-line `#` / `;` comments; a header is `[` to the last `]` on its line, so
//! `[default] ; note` is `default`; a line indented deeper than its key continues that key's value,
//! which is how nested `s3 =` / `sts =` blocks are written; CRLF as LF), then botocore's own: a
//! `[profile NAME]` header is split shell-style (`[profile "data"]` is `data`), `[default]` and
//! `[profile default]` are the same profile (the later one wins), and `credential_process` is split
//! shell-style into the program and its arguments.

use std::path::{Path, PathBuf};

use crate::env::EnvLookup;
use crate::error::{Error, Result, shown};

/// Keys that make a profile use something other than our `credential_process`.
pub const STATIC_KEYS: &[&str] = &[
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
];

/// One `[header]` and what follows it, as line ranges into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Between the brackets, as written.
    pub header: String,
    /// Line index of the header.
    pub start: usize,
    /// Line index after the section's last line.
    pub end: usize,
    pub entries: Vec<Entry>,
}

/// One `key = value`, with the lines indented under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Lower-cased, as configparser keys are.
    pub key: String,
    /// The value on the key's own line, trimmed.
    pub value: String,
    /// `name = value` pairs of the indented lines under it (a nested block such as `sts =`).
    pub nested: Vec<(String, String)>,
    pub start: usize,
    pub end: usize,
}

/// The lines of `text`, each with its line ending.
pub fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// `key = value` or `key: value`, split at whichever delimiter comes first.
fn key_value(line: &str) -> Option<(String, String)> {
    let at = line.find(['=', ':'])?;
    let key = line[..at].trim();
    (!key.is_empty()).then(|| (key.to_ascii_lowercase(), line[at + 1..].trim().to_owned()))
}

/// Parse `text` into sections as configparser does (lines before the first header are dropped).
pub fn parse(text: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut indent_level = 0;
    for (i, raw) in lines(text).iter().enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let stripped = line.trim();
        if stripped.is_empty() || stripped.starts_with('#') || stripped.starts_with(';') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let Some(section) = sections.last_mut() else {
            if let Some(header) = header_text(stripped) {
                sections.push(Section::new(header, i));
                indent_level = indent;
            }
            continue;
        };
        section.end = i + 1;
        if let Some(entry) = section.entries.last_mut().filter(|_| indent > indent_level) {
            entry.end = i + 1;
            entry.nested.extend(key_value(stripped));
            continue;
        }
        indent_level = indent;
        if let Some(header) = header_text(stripped) {
            sections.push(Section::new(header, i));
        } else if let Some((key, value)) = key_value(stripped) {
            section.entries.push(Entry {
                key,
                value,
                nested: Vec::new(),
                start: i,
                end: i + 1,
            });
        }
    }
    sections
}

/// `[` ... the last `]` of the line: configparser's "very permissive" header.
fn header_text(stripped: &str) -> Option<String> {
    let inner = stripped.strip_prefix('[')?;
    let close = inner.rfind(']')?;
    (close > 0).then(|| inner[..close].to_owned())
}

impl Section {
    fn new(header: String, start: usize) -> Section {
        Section {
            header,
            start,
            end: start + 1,
            entries: Vec::new(),
        }
    }

    /// The last entry for `key` (configparser refuses duplicates; the last is the one that counts).
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    /// The profile this section defines in the AWS config file, as botocore names it.
    pub fn config_profile(&self) -> Option<String> {
        if self.header == "default" {
            return Some("default".to_owned());
        }
        self.prefixed("profile")
    }

    /// `[services NAME]` → `NAME`.
    fn services_name(&self) -> Option<String> {
        self.prefixed("services")
    }

    fn prefixed(&self, prefix: &str) -> Option<String> {
        if !self.header.starts_with(prefix) {
            return None;
        }
        match shell_split(&self.header)?.as_slice() {
            [word, name] if word == prefix => Some(name.clone()),
            _ => None,
        }
    }
}

/// The section botocore uses for `profile` in the AWS config file (the last one that names it).
pub fn config_section<'a>(sections: &'a [Section], profile: &str) -> Option<&'a Section> {
    sections
        .iter()
        .rev()
        .find(|s| s.config_profile().as_deref() == Some(profile))
}

/// The section for `profile` in the shared credentials file (headers are bare profile names).
pub fn credentials_section<'a>(sections: &'a [Section], profile: &str) -> Option<&'a Section> {
    sections.iter().rev().find(|s| s.header == profile)
}

/// The value of `key` in `profile`'s section of an AWS config text, if set.
pub fn profile_value(text: &str, profile: &str, key: &str) -> Option<String> {
    let sections = parse(text);
    config_section(&sections, profile)?
        .get(key)
        .map(|e| e.value.clone())
}

/// The STS endpoint a profile sets through its `services` section (`sts =` then an indented
/// `endpoint_url = …`). The profile's global `endpoint_url` is not read: it usually points at an
/// S3-compatible store, and the web-identity token must never go there.
pub fn sts_endpoint(text: &str, profile: &str) -> Option<String> {
    let sections = parse(text);
    let services = config_section(&sections, profile)?
        .get("services")?
        .value
        .clone();
    let section = sections
        .iter()
        .rev()
        .find(|s| s.services_name().as_deref() == Some(services.as_str()))?;
    section
        .get("sts")?
        .nested
        .iter()
        .rev()
        .find(|(k, _)| k == "endpoint_url")
        .map(|(_, v)| v.clone())
}

/// Split a line as POSIX `sh` (and Python's `shlex.split`) would: quotes, backslashes, whitespace.
/// `None` for an unterminated quote.
pub fn shell_split(s: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('"' | '\\' | '$' | '`') => w.push(c),
                            '\n' => {}
                            c => w.extend(['\\', c]),
                        },
                        c => w.push(c),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some(c) => word.get_or_insert_with(String::new).push(c),
                None => {}
            },
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
}

/// The program a `credential_process` value runs, if it is this helper (any copy of it, found by its
/// file name).
pub fn helper_program(value: &str) -> Option<String> {
    let program = shell_split(value)?.into_iter().next()?;
    Path::new(&program)
        .file_name()
        .is_some_and(|n| n == "oc-role-assume")
        .then_some(program)
}

/// Whether a `credential_process` value runs this helper.
pub fn runs_helper(value: &str) -> bool {
    helper_program(value).is_some()
}

/// The AWS config file: `--config-file`, else `AWS_CONFIG_FILE`, else `~/.aws/config`.
pub fn config_path(flag: Option<&Path>, env: EnvLookup<'_>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path.to_owned());
    }
    aws_path(env, "AWS_CONFIG_FILE", "config").ok_or_else(|| {
        Error::config("no AWS config file to edit: HOME is not set").hint("pass --config-file PATH")
    })
}

/// The shared credentials file: `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
pub fn credentials_path(env: EnvLookup<'_>) -> Option<PathBuf> {
    aws_path(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials")
}

fn aws_path(env: EnvLookup<'_>, variable: &str, name: &str) -> Option<PathBuf> {
    env(variable)
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|home| Path::new(&home).join(".aws").join(name)))
}

/// The static keys the shared credentials file holds for `profile` (their names, never values).
pub fn static_keys_in_credentials(
    env: EnvLookup<'_>,
    profile: &str,
) -> Option<(PathBuf, Vec<String>)> {
    let path = credentials_path(env)?;
    let text = std::fs::read_to_string(&path).ok()?;
    let sections = parse(&text);
    let keys: Vec<String> = credentials_section(&sections, profile)?
        .entries
        .iter()
        .filter(|e| STATIC_KEYS.contains(&e.key.as_str()))
        .map(|e| e.key.clone())
        .collect();
    (!keys.is_empty()).then_some((path, keys))
}

/// Whether the variables of the shadowing trap are both exported.
pub fn shadowed(env: EnvLookup<'_>) -> bool {
    env("AWS_ROLE_ARN").is_some() && env("AWS_WEB_IDENTITY_TOKEN_FILE").is_some()
}

/// A profile name `configure` may write: `[A-Za-z0-9_.-]+`, so the header it writes can only ever be
/// that profile's.
pub fn check_profile_name(profile: &str) -> Result<()> {
    let ok = !profile.is_empty()
        && profile
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(Error::config(format!(
            "--profile {} is not a profile name",
            shown(profile)
        ))
        .hint("use letters, digits and _.- only, e.g. --profile data-science"))
    }
}

/// The section header for a profile, as the AWS config file spells it.
fn header(profile: &str) -> String {
    if profile == "default" {
        "[default]".to_owned()
    } else {
        format!("[profile {profile}]")
    }
}

/// Edit `text` so `profile` runs `command`. Refuses to replace static keys or another helper unless
/// `force` (which also drops the static keys: in a profile they would win over credential_process).
pub fn edit(text: &str, profile: &str, command: &str, force: bool) -> Result<String> {
    let line = format!("credential_process = {command}\n");
    let sections = parse(text);
    let Some(section) = config_section(&sections, profile) else {
        let mut out = text.to_owned();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{}\n{line}", header(profile)));
        return Ok(out);
    };
    check_replaceable(section, profile, force)?;
    let drop: Vec<&Entry> = section
        .entries
        .iter()
        .filter(|e| e.key == "credential_process" || STATIC_KEYS.contains(&e.key.as_str()))
        .collect();
    let at = section
        .get("credential_process")
        .map_or(section.start + 1, |e| e.start);
    let mut out = String::with_capacity(text.len() + line.len());
    for (i, l) in lines(text).iter().enumerate() {
        if i == at {
            out.push_str(&line);
        }
        if !drop.iter().any(|e| (e.start..e.end).contains(&i)) {
            out.push_str(l);
        }
    }
    if at >= lines(text).len() {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&line);
    }
    Ok(out)
}

fn check_replaceable(section: &Section, profile: &str, force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    if let Some(e) = section
        .entries
        .iter()
        .find(|e| STATIC_KEYS.contains(&e.key.as_str()))
    {
        return Err(
            Error::config(format!("profile {profile} holds static keys ({})", e.key)).hint(
                "pass --force to replace them with credential_process, or choose another --profile",
            ),
        );
    }
    match section.get("credential_process") {
        Some(e) if !runs_helper(&e.value) => Err(Error::config(format!(
            "profile {profile} already runs another credential_process ({})",
            e.value
        ))
        .hint("pass --force to replace it, or choose another --profile")),
        _ => Ok(()),
    }
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
    fn reads_the_file_the_way_botocore_does() {
        let text = "[default] ; main\r\ncredential_process: /usr/bin/aws-vault export x\r\n\
                    [profile \"data\"]\nAWS_ACCESS_KEY_ID : AKIA\ns3 =\n  addressing_style = path\nregion=eu-west-1\n";
        let sections = parse(text);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].config_profile().as_deref(), Some("default"));
        assert_eq!(
            profile_value(text, "default", "credential_process").as_deref(),
            Some("/usr/bin/aws-vault export x")
        );
        let data = config_section(&sections, "data").unwrap();
        assert_eq!(data.get("aws_access_key_id").unwrap().value, "AKIA");
        assert_eq!(
            data.get("s3").unwrap().nested,
            [("addressing_style".to_owned(), "path".to_owned())]
        );
        assert_eq!(data.get("region").unwrap().value, "eu-west-1");
        assert!(
            edit(text, "default", CMD, false).is_err(),
            "the ':' form is seen"
        );
        assert!(
            edit(text, "data", CMD, false).is_err(),
            "the quoted header is seen"
        );
    }

    #[test]
    fn finds_the_sts_endpoint_only_in_a_services_block() {
        let text = "[default]\nendpoint_url = http://minio:9000\nservices = corp\n\
                    [services corp]\ns3 =\n  endpoint_url = http://minio:9000\nsts =\n  endpoint_url = https://sts.corp:8443\n";
        assert_eq!(
            sts_endpoint(text, "default").as_deref(),
            Some("https://sts.corp:8443")
        );
        let global_only = "[default]\nendpoint_url = http://minio:9000\n";
        assert_eq!(sts_endpoint(global_only, "default"), None);
    }

    #[test]
    fn splits_like_a_shell_and_quotes_for_one() {
        assert_eq!(
            shell_split(r#"'/opt/my tools/oc-role-assume' --tag "team=a b" x\ y"#).unwrap(),
            ["/opt/my tools/oc-role-assume", "--tag", "team=a b", "x y"]
        );
        assert_eq!(shell_split("'open"), None);
        assert!(runs_helper("'/opt/my tools/oc-role-assume' --duration 900"));
        assert!(!runs_helper("/usr/bin/oc-role-assume-not"));
        assert_eq!(shell_quote("--tag"), "--tag");
        assert_eq!(
            shell_quote("team=fraud detection"),
            "'team=fraud detection'"
        );
        assert_eq!(shell_quote("o'x"), r"'o'\''x'");
        for word in ["a b", "o'x", "$HOME", "back\\slash", ""] {
            assert_eq!(shell_split(&shell_quote(word)).unwrap(), [word]);
        }
    }

    #[test]
    fn profile_names_are_checked() {
        assert!(check_profile_name("data-science_1.x").is_ok());
        for bad in [
            "",
            "x]\ncredential_process = /tmp/evil\n[profile y",
            "a b",
            "p\"q",
        ] {
            assert!(check_profile_name(bad).is_err(), "{bad:?}");
        }
    }
}
