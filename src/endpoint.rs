//! The credential endpoint of `exec --server`: HTTP on 127.0.0.1, a random port and a random 256-bit
//! token, answering the SDKs' container-credentials provider (`AWS_CONTAINER_CREDENTIALS_FULL_URI` +
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`) from memory, while a thread refreshes the credentials through
//! the cache before they go stale.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};
use crate::messages::{hex, warn};
use crate::output::{Credentials, rfc3339};

const PATH: &str = "/credentials";
const MAX_REQUEST_HEAD: u64 = 16 * 1024;

pub struct Endpoint {
    port: u16,
    token: String,
    credentials: Mutex<Credentials>,
}

impl Endpoint {
    /// Bind to a random loopback port and start answering.
    pub fn start(initial: Credentials) -> Result<Arc<Endpoint>> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| {
            Error::io(format!("cannot listen on 127.0.0.1: {e}"))
                .hint("check the pod's loopback interface")
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::io(format!("cannot read the endpoint's address: {e}")))?
            .port();
        let endpoint = Arc::new(Endpoint {
            port,
            token: random_token()?,
            credentials: Mutex::new(initial),
        });
        let serving = Arc::clone(&endpoint);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let endpoint = Arc::clone(&serving);
                std::thread::spawn(move || endpoint.answer(stream));
            }
        });
        Ok(endpoint)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}{PATH}", self.port)
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    pub fn current(&self) -> Credentials {
        self.credentials
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn replace(&self, credentials: Credentials) {
        *self
            .credentials
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = credentials;
    }

    /// Refresh forever: `lead` before expiry (half the lifetime when the lead would be the whole of
    /// it), through `fetch`; on failure keep serving what we have and try again shortly.
    pub fn keep_fresh(
        self: &Arc<Self>,
        lead: Duration,
        duration: Duration,
        fetch: impl Fn() -> Result<Credentials> + Send + 'static,
    ) {
        let endpoint = Arc::clone(self);
        let lead = if lead < duration { lead } else { duration / 2 };
        std::thread::spawn(move || {
            loop {
                let expiration = endpoint.current().expiration;
                let due = expiration.checked_sub(lead).unwrap_or(expiration);
                let wait = due.duration_since(SystemTime::now()).unwrap_or_default();
                std::thread::sleep(wait.max(Duration::from_secs(1)));
                match fetch() {
                    Ok(fresh) if fresh.expiration > expiration => endpoint.replace(fresh),
                    // Nothing newer yet (clock skew, or an entry another process just wrote):
                    // do not spin; the next round comes after the same pause as a failure.
                    Ok(_) => std::thread::sleep(Duration::from_secs(10)),
                    Err(e) => {
                        warn(format_args!(
                            "refreshing credentials failed: {}; serving the current ones until {} and retrying in 10 s",
                            e.what(),
                            rfc3339(expiration)
                        ));
                        std::thread::sleep(Duration::from_secs(10));
                    }
                }
            }
        });
    }

    fn answer(&self, stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let Ok(mut writer) = stream.try_clone() else {
            return;
        };
        let mut reader = BufReader::new(stream.take(MAX_REQUEST_HEAD));
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).is_err() {
            return;
        }
        let mut authorization = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) if line == "\r\n" || line == "\n" => break,
                Ok(_) => {
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("authorization")
                    {
                        authorization = Some(value.trim().to_owned());
                    }
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let (status, body) = match authorization {
            None => (
                401,
                r#"{"Code":"Unauthorized","Message":"missing Authorization token"}"#.to_owned(),
            ),
            Some(given) if !constant_time_eq(given.as_bytes(), self.token.as_bytes()) => (
                403,
                r#"{"Code":"Forbidden","Message":"wrong Authorization token"}"#.to_owned(),
            ),
            Some(_) if method != "GET" || path != PATH => {
                (404, r#"{"Code":"NotFound"}"#.to_owned())
            }
            Some(_) => (200, container_json(&self.current())),
        };
        let reason = match status {
            200 => "OK",
            401 => "Unauthorized",
            403 => "Forbidden",
            _ => "Not Found",
        };
        let _ = write!(
            writer,
            "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    }
}

/// The container-credentials provider's shape: `Token`, not `SessionToken`.
fn container_json(c: &Credentials) -> String {
    serde_json::json!({
        "AccessKeyId": c.access_key_id,
        "SecretAccessKey": c.secret_access_key.expose(),
        "Token": c.session_token.expose(),
        "Expiration": rfc3339(c.expiration),
    })
    .to_string()
}

/// Compare without an early exit, so the time taken says nothing about where a guess went wrong.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 256 random bits from the kernel, as hex.
fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| {
            Error::io(format!(
                "cannot read /dev/urandom for the endpoint token: {e}"
            ))
            .hint("mount /dev/urandom")
        })?;
    Ok(hex(&bytes))
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn compares_tokens() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
