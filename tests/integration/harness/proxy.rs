//! A corporate egress proxy on loopback: `CONNECT` tunnels and absolute-form HTTP requests, an
//! optional Basic credential (407 when it is missing or wrong), and a log of every request. It
//! resolves nothing: a name reaches a port only if the test mapped it (`map`), `127.0.0.1` and
//! `localhost` reach this machine, and anything else gets a 502 — no test traffic leaves loopback.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

#[derive(Default)]
struct State {
    /// Host name → loopback port.
    hosts: BTreeMap<String, u16>,
    /// The `user:password` the proxy insists on, if any.
    credentials: Option<String>,
    /// `"<METHOD> <target> <status>"` for every request.
    log: Vec<String>,
}

pub struct Proxy {
    pub port: u16,
    state: Arc<Mutex<State>>,
}

impl Proxy {
    pub fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = serve(conn, &state);
                });
            }
        });
        Proxy { port, state }
    }

    /// Answer 407 unless the request carries this user and password.
    pub fn require(&self, user: &str, password: &str) -> &Self {
        self.state.lock().unwrap().credentials = Some(format!("{user}:{password}"));
        self
    }

    /// Send requests for `host` (any port) to `127.0.0.1:port`: a name only the proxy resolves.
    pub fn map(&self, host: &str, port: u16) -> &Self {
        self.state
            .lock()
            .unwrap()
            .hosts
            .insert(host.to_owned(), port);
        self
    }

    /// The proxy's URL, with `userinfo@` when given (already percent-encoded).
    pub fn url(&self, userinfo: Option<&str>) -> String {
        match userinfo {
            Some(u) => format!("http://{u}@127.0.0.1:{}", self.port),
            None => format!("http://127.0.0.1:{}", self.port),
        }
    }

    /// Every request so far, as `"<METHOD> <target> <status>"`.
    pub fn log(&self) -> Vec<String> {
        self.state.lock().unwrap().log.clone()
    }
}

fn serve(client: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        headers.push(line);
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or("").to_owned(),
        parts.next().unwrap_or("").to_owned(),
    );
    let authorization = headers.iter().find_map(|h| {
        let (name, value) = h.split_once(':')?;
        name.eq_ignore_ascii_case("proxy-authorization")
            .then(|| value.trim().to_owned())
    });
    let (authorized, upstream) = {
        let s = state.lock().unwrap();
        let expected = s
            .credentials
            .as_ref()
            .map(|c| format!("Basic {}", STANDARD.encode(c)));
        let authorized = expected.is_none() || expected == authorization;
        (authorized, upstream_port(&s.hosts, &method, &target))
    };
    let status = match (authorized, upstream) {
        (false, _) => 407,
        (true, None) => 502,
        (true, Some(_)) => 200,
    };
    state
        .lock()
        .unwrap()
        .log
        .push(format!("{method} {target} {status}"));
    let mut client = client;
    match (status, upstream) {
        (407, _) => client.write_all(
            b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        ),
        (200, Some(port)) if method == "CONNECT" => {
            let upstream = TcpStream::connect(("127.0.0.1", port))?;
            client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
            pipe(reader, client, upstream)
        }
        (200, Some(port)) => {
            let mut upstream = TcpStream::connect(("127.0.0.1", port))?;
            let path = origin_form(&target);
            write!(upstream, "{method} {path} HTTP/1.1\r\n")?;
            for h in headers.iter().filter(|h| {
                let name = h.split(':').next().unwrap_or("").to_ascii_lowercase();
                !name.starts_with("proxy-") && name != "connection"
            }) {
                upstream.write_all(h.as_bytes())?;
            }
            upstream.write_all(b"Connection: close\r\n\r\n")?;
            pipe(reader, client, upstream)
        }
        _ => client.write_all(
            b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        ),
    }
}

/// The loopback port a request goes to: a mapped name, or `127.0.0.1` / `localhost` themselves.
fn upstream_port(hosts: &BTreeMap<String, u16>, method: &str, target: &str) -> Option<u16> {
    let authority = if method == "CONNECT" {
        target
    } else {
        target
            .strip_prefix("http://")?
            .split(['/', '?'])
            .next()
            .unwrap_or("")
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, port.parse().ok()),
        None => (authority, Some(80)),
    };
    if let Some(mapped) = hosts.get(host) {
        return Some(*mapped);
    }
    matches!(host, "127.0.0.1" | "localhost")
        .then_some(port)
        .flatten()
}

/// `http://host:port/path?q` → `/path?q`.
fn origin_form(target: &str) -> String {
    let rest = target.strip_prefix("http://").unwrap_or(target);
    match rest.find('/') {
        Some(i) => rest[i..].to_owned(),
        None => "/".to_owned(),
    }
}

/// Copy both ways until either side closes; bytes already read from the client go first.
fn pipe(
    mut reader: BufReader<TcpStream>,
    mut client: TcpStream,
    mut upstream: TcpStream,
) -> std::io::Result<()> {
    upstream.write_all(reader.buffer())?;
    let mut to_upstream = upstream.try_clone()?;
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(reader.get_mut(), &mut to_upstream);
        let _ = to_upstream.shutdown(Shutdown::Write);
    });
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = upstream.read(&mut buf).unwrap_or(0);
        if n == 0 || client.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = client.shutdown(Shutdown::Both);
    let _ = up.join();
    Ok(())
}
