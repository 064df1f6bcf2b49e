//! Credentials and the AWS `credential_process` JSON they print as — the only thing on stdout — and
//! the one way anything reaches stdout (`print_stdout`, `write_stdout`).
//!
//! `{"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":"…Z","AccountId":…}`:
//! keys in exactly this casing and order, `Expiration` RFC 3339 UTC, always present; `AccountId` (the
//! Target session's account, which the SDKs use for account-based endpoints and the C++ SDK logs an
//! error without) when known — an entry cached before it was carried has none.

use std::fmt;
use std::io::Write;
use std::time::SystemTime;

use aws_sdk_sts::primitives::{DateTime, DateTimeFormat as Format};
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A string that must never reach a log or an error: its `Debug` is redacted.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(** redacted **)")
    }
}

/// A set of temporary AWS credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Secret,
    pub expiration: SystemTime,
    /// The 12-digit account of the session, from its ARN; `None` when STS did not say.
    pub account_id: Option<String>,
}

/// The wire form of `credential_process` output (also the cache's). No `Debug`: it holds secrets.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProcessJson {
    version: u8,
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    expiration: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    account_id: Option<String>,
}

impl From<&Credentials> for ProcessJson {
    fn from(c: &Credentials) -> Self {
        ProcessJson {
            version: 1,
            access_key_id: c.access_key_id.clone(),
            secret_access_key: c.secret_access_key.expose().to_owned(),
            session_token: c.session_token.expose().to_owned(),
            expiration: rfc3339(c.expiration),
            account_id: c.account_id.clone(),
        }
    }
}

impl TryFrom<ProcessJson> for Credentials {
    type Error = &'static str;

    fn try_from(p: ProcessJson) -> Result<Self, Self::Error> {
        if p.version != 1 || p.access_key_id.is_empty() || p.secret_access_key.is_empty() {
            return Err("not version 1 credentials");
        }
        let expiration = rfc3339_parse(&p.expiration).ok_or("unreadable Expiration")?;
        Ok(Credentials {
            access_key_id: p.access_key_id,
            secret_access_key: Secret::new(p.secret_access_key),
            session_token: Secret::new(p.session_token),
            expiration,
            account_id: p.account_id.filter(|a| is_account_id(a)),
        })
    }
}

/// The account in an ARN (`arn:aws:sts::123456789012:assumed-role/Role/session`), if it has one.
pub fn account_of_arn(arn: &str) -> Option<String> {
    arn.split(':')
        .nth(4)
        .filter(|a| is_account_id(a))
        .map(str::to_owned)
}

/// Twelve ASCII digits, as AWS writes an account id.
pub fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// `2026-05-01T12:00:00Z`: whole seconds, rounded down so the credentials are never claimed to last
/// longer than they do.
pub fn rfc3339(t: SystemTime) -> String {
    DateTime::from_secs(DateTime::from(t).secs())
        .fmt(Format::DateTime)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

/// The time an RFC 3339 text names, if it is one.
pub fn rfc3339_parse(text: &str) -> Option<SystemTime> {
    DateTime::from_str(text, Format::DateTime)
        .ok()
        .and_then(|t| SystemTime::try_from(t).ok())
}

impl Credentials {
    /// The `credential_process` JSON, one line, no trailing newline.
    pub fn to_process_json(&self) -> String {
        serde_json::to_string(&ProcessJson::from(self)).expect("plain strings always serialize")
    }
}

/// Write the protocol output and a newline.
pub fn print_stdout(text: &str) -> Result<(), Error> {
    write_stdout(format!("{text}\n").as_bytes())
}

/// Write to stdout. A closed pipe (the reader went away) is not our error.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io(format!("cannot write to stdout: {e}"))
                .hint("check what reads this process's output"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn process_json_has_the_contract_shape() {
        let c = Credentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: Secret::new("s3cr3t"),
            session_token: Secret::new("t0k\"en"),
            expiration: UNIX_EPOCH + Duration::from_secs(1_777_636_800),
            account_id: Some("123456789012".into()),
        };
        assert_eq!(
            c.to_process_json(),
            r#"{"Version":1,"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"s3cr3t","SessionToken":"t0k\"en","Expiration":"2026-05-01T12:00:00Z","AccountId":"123456789012"}"#
        );
        let debug = format!("{c:?}");
        assert!(
            !debug.contains("s3cr3t") && !debug.contains("t0k"),
            "{debug}"
        );
        let unknown = Credentials {
            account_id: None,
            ..c
        };
        assert!(
            unknown
                .to_process_json()
                .ends_with(r#""Expiration":"2026-05-01T12:00:00Z"}"#)
        );
    }

    #[test]
    fn an_entry_without_account_id_still_reads_and_a_malformed_one_is_dropped() {
        let old = r#"{"Version":1,"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"s","SessionToken":"t","Expiration":"2026-05-01T12:00:00Z"}"#;
        let c = Credentials::try_from(serde_json::from_str::<ProcessJson>(old).unwrap()).unwrap();
        assert_eq!(c.account_id, None);
        let odd = old.replace('}', r#","AccountId":"12345"}"#);
        let c = Credentials::try_from(serde_json::from_str::<ProcessJson>(&odd).unwrap()).unwrap();
        assert_eq!(c.account_id, None);
    }

    #[test]
    fn account_comes_from_the_arn() {
        assert_eq!(
            account_of_arn("arn:aws:sts::123456789012:assumed-role/Target/alice").as_deref(),
            Some("123456789012")
        );
        assert_eq!(
            account_of_arn("arn:aws:sts:::assumed-role/Target/alice"),
            None
        );
        assert_eq!(account_of_arn("not an arn"), None);
    }
}
