//! moto's server on a random loopback port, with its request recorder on, one per test.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::venv;

pub struct Moto {
    child: Child,
    dir: tempfile::TempDir,
    pub url: String,
}

/// One request as moto's recorder logged it.
#[derive(Debug, Clone)]
pub struct Recorded {
    #[allow(dead_code, reason = "shown through Debug in assertion messages")]
    pub method: String,
    #[allow(dead_code, reason = "shown through Debug in assertion messages")]
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Recorded {
    /// The form fields of a query-protocol body (STS).
    pub fn form(&self) -> BTreeMap<String, String> {
        url_decode_form(&self.body)
    }

    pub fn action(&self) -> Option<String> {
        self.form().get("Action").cloned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The access key id in a SigV4 `Authorization` header, if signed.
    pub fn signed_by(&self) -> Option<String> {
        let auth = self.header("Authorization")?;
        let cred = auth.split("Credential=").nth(1)?;
        Some(cred.split('/').next()?.to_owned())
    }
}

impl Moto {
    pub fn start() -> Moto {
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new(venv().join("bin/moto_server"))
            .args(["-H", "127.0.0.1", "-p", "0"])
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", dir.path())
            .env("MOTO_ENABLE_RECORDING", "1")
            .env("MOTO_RECORDER_FILEPATH", dir.path().join("recording.jsonl"))
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(dir.path().join("moto.out")).unwrap())
            .stderr(std::fs::File::create(dir.path().join("moto.log")).unwrap())
            .spawn()
            .expect("start moto_server");
        // Owned from here on, so a failed start still kills the process.
        let mut moto = Moto {
            child,
            dir,
            url: String::new(),
        };
        let log = moto.dir.path().join("moto.log");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(rest) = text.split("Running on http://127.0.0.1:").nth(1) {
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                moto.url = format!("http://127.0.0.1:{port}");
                return moto;
            }
            assert!(Instant::now() < deadline, "moto did not start: {text}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn recording_path(&self) -> PathBuf {
        self.dir.path().join("recording.jsonl")
    }

    /// Every request moto received, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        let text = std::fs::read_to_string(self.recording_path()).unwrap_or_default();
        text.lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let raw = v["body"].as_str().unwrap_or_default();
                let body = if v["body_encoded"].as_bool().unwrap_or(false) {
                    String::from_utf8_lossy(&STANDARD.decode(raw).unwrap()).into_owned()
                } else {
                    raw.to_owned()
                };
                let headers = v["headers"]
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                            .collect()
                    })
                    .unwrap_or_default();
                Recorded {
                    method: v["method"].as_str().unwrap_or_default().to_owned(),
                    url: v["url"].as_str().unwrap_or_default().to_owned(),
                    headers,
                    body,
                }
            })
            .collect()
    }

    /// The STS requests with this `Action`.
    pub fn sts(&self, action: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.action().as_deref() == Some(action))
            .collect()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn url_decode_form(body: &str) -> BTreeMap<String, String> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
