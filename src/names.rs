//! The names STS sees: the session-tag value (the user as resolved), tag keys, and the RoleSessionName
//! derived from the user. STS's own rules, checked here so bad input fails before any network call.

use sha2::{Digest, Sha256};

use crate::error::{Error, Result, shown};
use crate::messages::hex;

/// STS accepts at most 50 session tags on one call.
pub const MAX_SESSION_TAGS: usize = 50;
const MAX_TAG_KEY: usize = 128;
const MAX_TAG_VALUE: usize = 256;
const SESSION_NAME_MAX: usize = 64;
const HASH_HEX: usize = 8;

/// STS's tag charset `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: letters, separators, numbers and `_.:/=+-@`.
fn tag_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric() || is_separator(c) || "_.:/=+-@".contains(c)
}

/// Unicode general categories Zs, Zl and Zp.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

fn tag_error(what: String) -> Error {
    Error::config(what)
        .hint("session tags allow letters, digits, spaces and _.:/=+-@; keys up to 128, values up to 256 characters")
}

pub fn validate_tag_key(key: &str, flag: &str) -> Result<()> {
    let len = key.chars().count();
    if len == 0 || len > MAX_TAG_KEY || !key.chars().all(tag_char) {
        return Err(tag_error(format!(
            "{flag}: {} is not a valid session tag key",
            shown(key)
        )));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Err(
            Error::config(format!("{flag}: tag key {} is reserved", shown(key)))
                .hint("keys starting with aws: belong to AWS: choose another key"),
        );
    }
    Ok(())
}

pub fn validate_tag_value(value: &str, flag: &str) -> Result<()> {
    if value.chars().count() > MAX_TAG_VALUE || !value.chars().all(tag_char) {
        return Err(tag_error(format!(
            "{flag}: {} is not a valid session tag value",
            shown(value)
        )));
    }
    Ok(())
}

/// How the user name is carried in the session tag, the same for every user of an installation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TagForm {
    /// The name as resolved; names STS cannot carry are refused.
    #[default]
    Raw,
    /// The dashboard's Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts.
    Translated,
}

/// The session-tag value for `user` in `form`. A translated form longer than STS allows is cut and
/// given a hash of the whole name, as session names are, so two long names never share a tag.
pub fn tag_value(user: &str, form: TagForm) -> String {
    match form {
        TagForm::Raw => user.to_owned(),
        TagForm::Translated => {
            let full = crate::translated::encode(user);
            if full.len() <= MAX_TAG_VALUE {
                return full;
            }
            let hash = hex(&Sha256::digest(user.as_bytes())[..HASH_HEX / 2]);
            format!("{}-{hash}", &full[..MAX_TAG_VALUE - 1 - HASH_HEX])
        }
    }
}

/// A user name is sent as a tag value, so it must be one; unlike a plain tag value it may not be empty.
pub fn check_user(user: &str) -> std::result::Result<(), String> {
    if user.is_empty() {
        return Err("the user name is empty".into());
    }
    if user.chars().count() > MAX_TAG_VALUE {
        return Err(format!(
            "the user name is longer than {MAX_TAG_VALUE} characters"
        ));
    }
    if let Some(c) = user.chars().find(|&c| !tag_char(c)) {
        return Err(format!(
            "the user name {} has {c:?}, which a session tag cannot carry",
            shown(user)
        ));
    }
    Ok(())
}

fn session_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)
}

/// `[\w+=,.@-]{2,64}`, the rule for RoleSessionName and SourceIdentity.
pub fn validate_session_name(name: &str) -> Result<()> {
    if (2..=SESSION_NAME_MAX).contains(&name.len()) && name.chars().all(session_name_char) {
        Ok(())
    } else {
        Err(Error::config(format!(
            "--session-name {} is not a valid RoleSessionName",
            shown(name)
        ))
        .hint("use 2 to 64 of A-Z a-z 0-9 _+=,.@-"))
    }
}

/// The RoleSessionName for a user: the name itself when STS accepts it as is; otherwise the name with
/// every other character replaced by `-`, cut to fit, and a hash of the original appended, so that
/// `kube:admin` works and two names that map or cut to the same text still get different sessions.
pub fn session_name(user: &str) -> String {
    let mapped: String = user
        .chars()
        .map(|c| if session_name_char(c) { c } else { '-' })
        .collect();
    if mapped == user && (2..=SESSION_NAME_MAX).contains(&mapped.len()) {
        return mapped;
    }
    let digest = Sha256::digest(user.as_bytes());
    let hash = hex(&digest[..HASH_HEX / 2]);
    let keep = SESSION_NAME_MAX - 1 - HASH_HEX;
    let base: String = mapped.chars().take(keep).collect();
    if base.is_empty() {
        hash
    } else {
        format!("{base}-{hash}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_name_keeps_valid_names() {
        assert_eq!(session_name("alice@example.com"), "alice@example.com");
        assert_eq!(session_name("first_last"), "first_last");
    }

    #[test]
    fn session_name_marks_changed_names_with_a_hash() {
        let name = session_name("kube:admin");
        assert!(name.starts_with("kube-admin-"), "{name}");
        assert_eq!(name.len(), "kube-admin-".len() + HASH_HEX);
        // Same mapped text, different originals: different names.
        assert_ne!(session_name("kube:admin"), session_name("kube/admin"));
        // A name that is valid as written never collides with a mapped one.
        assert_ne!(session_name("kube-admin"), session_name("kube:admin"));
    }

    #[test]
    fn session_name_fits_and_separates_long_names() {
        let a = format!("{}a", "x".repeat(100));
        let b = format!("{}b", "x".repeat(100));
        let (na, nb) = (session_name(&a), session_name(&b));
        assert!(na.len() <= SESSION_NAME_MAX && nb.len() <= SESSION_NAME_MAX);
        assert_ne!(na, nb);
        assert!(validate_session_name(&na).is_ok());
    }

    #[test]
    fn session_name_pads_one_character_names() {
        let n = session_name("a");
        assert!(validate_session_name(&n).is_ok(), "{n}");
        for user in ["李雷", "é", "----", "  "] {
            assert!(validate_session_name(&session_name(user)).is_ok(), "{user}");
        }
    }

    #[test]
    fn user_names_follow_the_tag_charset() {
        for ok in [
            "kube:admin",
            "Alice.Smith@Example.com",
            "李雷",
            "josé",
            "a b",
            "x=y+z/w",
        ] {
            assert!(check_user(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a\nb", "o'brien", "a~b", "tab\there", "semi;colon"] {
            assert!(check_user(bad).is_err(), "{bad:?}");
        }
        assert!(check_user(&"a".repeat(256)).is_ok());
        assert!(check_user(&"a".repeat(257)).is_err());
    }
}
