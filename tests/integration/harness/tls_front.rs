//! An HTTPS front for moto's STS, as a private endpoint or a TLS-inspecting proxy presents it: a
//! certificate for the given names from a private "corporate" CA that no system store holds. It
//! counts handshakes (every connection accepted is one) and forwards one request per connection.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

pub struct TlsFront {
    pub port: u16,
    /// The corporate CA's certificate, PEM.
    pub ca_pem: String,
    handshakes: Arc<AtomicUsize>,
}

impl TlsFront {
    /// A front on `127.0.0.1` forwarding to `upstream` (`http://127.0.0.1:port`), with a certificate
    /// for `names`.
    pub fn start(upstream: &str, names: &[&str]) -> TlsFront {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "Corp Test Root CA");
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
        let key = KeyPair::generate().unwrap();
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let cert = CertificateParams::new(names)
            .unwrap()
            .signed_by(&key, &ca)
            .unwrap();
        let config = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(cert.der().to_vec())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .unwrap();
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let handshakes = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&handshakes);
        std::thread::spawn(move || {
            for tcp in listener.incoming().flatten() {
                counter.fetch_add(1, Ordering::SeqCst);
                let (config, upstream) = (Arc::clone(&config), upstream.clone());
                std::thread::spawn(move || {
                    let Ok(conn) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let mut tls = rustls::StreamOwned::new(conn, tcp);
                    if forward(&mut tls, &upstream).is_ok() {
                        tls.conn.send_close_notify();
                        let _ = tls.flush();
                    }
                });
            }
        });
        TlsFront {
            port,
            ca_pem: ca.pem(),
            handshakes,
        }
    }

    /// Connections accepted so far: each one is a TLS handshake, finished or refused.
    pub fn handshakes(&self) -> usize {
        self.handshakes.load(Ordering::SeqCst)
    }

    /// Write the CA certificate into `dir` and return its path.
    pub fn write_ca(&self, dir: &Path) -> PathBuf {
        let path = dir.join("corp-ca.pem");
        std::fs::write(&path, &self.ca_pem).unwrap();
        path
    }
}

/// Read one request, send it to moto with `Connection: close`, and pass the answer back, closing.
fn forward<S: Read + Write>(client: &mut S, upstream: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(&mut *client);
    let mut head = Vec::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        if line == "\r\n" {
            head.extend_from_slice(b"Connection: close\r\n\r\n");
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("connection") {
                continue;
            }
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        head.extend_from_slice(line.as_bytes());
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    drop(reader);
    let mut server = TcpStream::connect(upstream)?;
    server.write_all(&head)?;
    server.write_all(&body)?;
    let mut response = Vec::new();
    server.read_to_end(&mut response)?;
    // The client must not keep this connection for another request: the front serves one.
    let text = String::from_utf8_lossy(&response);
    let (response_head, response_body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let kept: Vec<&str> = response_head
        .split("\r\n")
        .filter(|l| {
            !l.split(':')
                .next()
                .unwrap_or("")
                .eq_ignore_ascii_case("connection")
        })
        .collect();
    write!(
        client,
        "{}\r\nConnection: close\r\n\r\n{response_body}",
        kept.join("\r\n")
    )?;
    client.flush()
}
