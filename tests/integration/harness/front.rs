//! A small HTTP front between the helper and moto that injects the faults moto cannot produce:
//! STS error responses, delays, hangs, dropped connections and garbage bodies, per STS `Action`.
//! Everything it does not intercept is forwarded to moto unchanged (one request per connection).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::moto::url_decode_form;

/// What to do with a matching request.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer with this HTTP status and STS error code.
    Error {
        status: u16,
        code: String,
        message: String,
    },
    /// Wait, then forward as usual.
    Delay(Duration),
    /// Accept the request and never answer.
    Hang,
    /// Close the connection without a response.
    Drop,
    /// Answer 200 with a body that is not STS XML.
    Garbage,
    /// Answer with this status and body, as given.
    Respond { status: u16, body: String },
}

impl Fault {
    pub fn error(status: u16, code: &str, message: &str) -> Fault {
        Fault::Error {
            status,
            code: code.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug)]
struct Rule {
    action: String,
    /// A form field the request must also carry with this value (`RoleName`, …).
    field: Option<(String, String)>,
    fault: Fault,
    /// How many more requests it applies to; `None` = all.
    remaining: Option<usize>,
}

#[derive(Default, Debug)]
struct State {
    rules: Vec<Rule>,
    /// The `Action` of every request seen, intercepted or not.
    seen: Vec<String>,
    /// `(Action, response body)` of every request forwarded to moto.
    answers: Vec<(String, String)>,
}

pub struct Front {
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl Front {
    pub fn start(upstream: &str) -> Front {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let (state, upstream) = (Arc::clone(&shared), upstream.clone());
                std::thread::spawn(move || {
                    let _ = serve(conn, &upstream, &state);
                });
            }
        });
        Front { url, state }
    }

    /// Apply `fault` to the next `times` requests for `action` (`None`: all of them).
    pub fn inject(&self, action: &str, fault: Fault, times: Option<usize>) {
        self.state.lock().unwrap().rules.push(Rule {
            action: action.into(),
            field: None,
            fault,
            remaining: times,
        });
    }

    /// Apply `fault` to every request for `action` whose form field `field` is `value` (an IAM call
    /// for one role, say).
    pub fn inject_where(&self, action: &str, field: &str, value: &str, fault: Fault) {
        self.state.lock().unwrap().rules.push(Rule {
            action: action.into(),
            field: Some((field.into(), value.into())),
            fault,
            remaining: None,
        });
    }

    pub fn clear(&self) {
        self.state.lock().unwrap().rules.clear();
    }

    /// The bodies moto answered to the forwarded requests for `action`.
    pub fn answers(&self, action: &str) -> Vec<String> {
        let s = self.state.lock().unwrap();
        s.answers
            .iter()
            .filter(|(a, _)| a == action)
            .map(|(_, b)| b.clone())
            .collect()
    }

    /// How many requests for `action` reached the front.
    pub fn count(&self, action: &str) -> usize {
        self.state
            .lock()
            .unwrap()
            .seen
            .iter()
            .filter(|a| *a == action)
            .count()
    }
}

fn serve(mut client: TcpStream, upstream: &str, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut head = Vec::new();
    let mut content_length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().unwrap_or(0);
            }
            if name.eq_ignore_ascii_case("connection") {
                continue;
            }
        }
        if line == "\r\n" {
            head.extend_from_slice(b"Connection: close\r\n\r\n");
            break;
        }
        head.extend_from_slice(line.as_bytes());
    }
    let mut body = vec![0; content_length];
    reader.read_exact(&mut body)?;
    let form = url_decode_form(&String::from_utf8_lossy(&body));
    let action = form.get("Action").cloned().unwrap_or_default();

    let fault = {
        let mut s = state.lock().unwrap();
        s.seen.push(action.clone());
        let rule = s.rules.iter_mut().find(|r| {
            r.action == action
                && r.remaining != Some(0)
                && r.field.as_ref().is_none_or(|(k, v)| form.get(k) == Some(v))
        });
        rule.map(|r| {
            if let Some(n) = r.remaining.as_mut() {
                *n -= 1;
            }
            r.fault.clone()
        })
    };
    match fault {
        Some(Fault::Error {
            status,
            code,
            message,
        }) => {
            let xml = format!(
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
                 <Code>{code}</Code><Message>{message}</Message></Error><RequestId>fault-front</RequestId></ErrorResponse>"
            );
            respond(&mut client, status, "text/xml", &xml)
        }
        Some(Fault::Respond { status, body }) => respond(&mut client, status, "text/xml", &body),
        Some(Fault::Garbage) => respond(
            &mut client,
            200,
            "text/html",
            "<html>proxy login page</html>",
        ),
        Some(Fault::Hang) => {
            std::thread::sleep(Duration::from_secs(120));
            Ok(())
        }
        Some(Fault::Drop) => Ok(()),
        Some(Fault::Delay(d)) => {
            std::thread::sleep(d);
            forward(&mut client, upstream, &head, &body, &action, state)
        }
        None => forward(&mut client, upstream, &head, &body, &action, state),
    }
}

fn respond(
    client: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &str,
) -> std::io::Result<()> {
    write!(
        client,
        "HTTP/1.1 {status} Fault\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn forward(
    client: &mut TcpStream,
    upstream: &str,
    head: &[u8],
    body: &[u8],
    action: &str,
    state: &Mutex<State>,
) -> std::io::Result<()> {
    let mut server = TcpStream::connect(upstream)?;
    server.write_all(head)?;
    server.write_all(body)?;
    let mut response = Vec::new();
    server.read_to_end(&mut response)?;
    let text = String::from_utf8_lossy(&response);
    let answer = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    state
        .lock()
        .unwrap()
        .answers
        .push((action.to_owned(), answer));
    client.write_all(&response)
}

/// The text of the first `<tag>…</tag>` in an XML body.
pub fn xml_field(xml: &str, tag: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = start + xml[start..].find(&format!("</{tag}>"))?;
    Some(xml[start..end].to_owned())
}
