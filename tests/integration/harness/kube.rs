//! A fake Kubernetes API server over TLS: its own CA (written into a service-account dir the helper is
//! pointed at), a bearer-token check, and `GET /api/v1/namespaces/{ns}/pods/{name}` answering with the
//! fixture pod JSON, or with 401/403/404/500 `Status` objects, or never (hang). It also serves
//! `POST /api/v1/namespaces/{ns}/serviceaccounts/{sa}/token` (TokenRequest) as the API server does:
//! 403 without the RBAC grant, the bound pod looked up (404), refused when that pod runs as another
//! service account (400) or has another uid (409), else a token for the requested audiences.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::{fixture, jwt};

/// How the server answers pod reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Answer every pod read with this HTTP status and a `Status` body.
    Status(u16),
    /// Accept the connection and the request, never answer.
    Hang,
}

struct State {
    pods: BTreeMap<(String, String), serde_json::Value>,
    mode: Mode,
    /// `"GET /path"` of every request that got past the TLS handshake.
    requests: Vec<String>,
    /// The bearer token the server accepts: the one last written into a service-account dir.
    token: String,
    /// Whether RBAC grants `create` on `serviceaccounts/token`.
    token_requests_allowed: bool,
    /// Namespaces by name, and whether RBAC grants `get` on them.
    namespaces: BTreeMap<String, serde_json::Value>,
    namespaces_allowed: bool,
    /// The body of every TokenRequest, as JSON.
    token_requests: Vec<serde_json::Value>,
}

pub struct FakeKube {
    pub port: u16,
    pub ca_pem: String,
    state: Arc<Mutex<State>>,
}

impl FakeKube {
    /// A server holding the fixture workbench pod; the service-account token is the fixture's claims.
    pub fn start() -> FakeKube {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "fake-kube-apiserver-ca");
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .unwrap()
            .signed_by(&key, &ca)
            .unwrap();
        let server_config = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(cert.der().to_vec())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .unwrap();
        let server_config = Arc::new(server_config);

        let mut pods = BTreeMap::new();
        for name in ["workbench-pod.json", "workbench-pod-label-only.json"] {
            let pod: serde_json::Value = serde_json::from_str(&fixture(name)).unwrap();
            let key = (
                pod["metadata"]["namespace"].as_str().unwrap().to_owned(),
                pod["metadata"]["name"].as_str().unwrap().to_owned(),
            );
            pods.insert(key, pod);
        }
        let state = Arc::new(Mutex::new(State {
            pods,
            mode: Mode::Normal,
            token_requests_allowed: true,
            namespaces: BTreeMap::from([(
                "fraud-detection".to_owned(),
                serde_json::from_str(&fixture("project-namespace.json")).unwrap(),
            )]),
            namespaces_allowed: true,
            token_requests: Vec::new(),
            requests: Vec::new(),
            token: String::new(),
        }));

        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for tcp in listener.incoming().flatten() {
                let (config, state) = (Arc::clone(&server_config), Arc::clone(&shared));
                std::thread::spawn(move || {
                    let Ok(conn) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let mut tls = rustls::StreamOwned::new(conn, tcp);
                    let _ = serve(&mut tls, &state);
                });
            }
        });
        FakeKube {
            port,
            ca_pem: ca.pem(),
            state,
        }
    }

    pub fn set_mode(&self, mode: Mode) {
        self.state.lock().unwrap().mode = mode;
    }

    /// Replace or add a pod (JSON as the API returns it).
    pub fn put_pod(&self, pod: serde_json::Value) {
        let key = (
            pod["metadata"]["namespace"].as_str().unwrap().to_owned(),
            pod["metadata"]["name"].as_str().unwrap().to_owned(),
        );
        self.state.lock().unwrap().pods.insert(key, pod);
    }

    /// Grant or revoke `create` on `serviceaccounts/token`.
    pub fn allow_token_requests(&self, allowed: bool) {
        self.state.lock().unwrap().token_requests_allowed = allowed;
    }

    /// Replace the namespace of that name; grant or revoke `get` on namespaces.
    pub fn put_namespace(&self, namespace: serde_json::Value) {
        let name = namespace["metadata"]["name"].as_str().unwrap().to_owned();
        self.state
            .lock()
            .unwrap()
            .namespaces
            .insert(name, namespace);
    }

    pub fn allow_namespace_reads(&self, allowed: bool) {
        self.state.lock().unwrap().namespaces_allowed = allowed;
    }

    /// The TokenRequest bodies received, in order.
    pub fn token_requests(&self) -> Vec<serde_json::Value> {
        self.state.lock().unwrap().token_requests.clone()
    }

    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Write a service-account dir for this server — `token` (a JWT with `claims`), `ca.crt`,
    /// `namespace` — and accept that token from now on.
    pub fn serviceaccount_dir(&self, parent: &Path, claims: &str) -> PathBuf {
        let dir = parent.join("serviceaccount");
        std::fs::create_dir_all(&dir).unwrap();
        let token = jwt(&super::fresh(claims));
        std::fs::write(dir.join("token"), &token).unwrap();
        std::fs::write(dir.join("ca.crt"), &self.ca_pem).unwrap();
        std::fs::write(dir.join("namespace"), "fraud-detection").unwrap();
        self.state.lock().unwrap().token = token;
        dir
    }
}

/// The fixture's service-account claims, with the pod name and uid replaced (`None`: claim removed).
pub fn claims_for_pod(name: Option<&str>, uid: Option<&str>) -> String {
    let mut claims: serde_json::Value =
        serde_json::from_str(&fixture("serviceaccount-token-claims.json")).unwrap();
    let pod = &mut claims["kubernetes.io"]["pod"];
    match (name, uid) {
        (None, _) => {
            claims["kubernetes.io"]
                .as_object_mut()
                .unwrap()
                .remove("pod");
        }
        (Some(name), uid) => {
            pod["name"] = name.into();
            match uid {
                Some(uid) => pod["uid"] = uid.into(),
                None => {
                    pod.as_object_mut().unwrap().remove("uid");
                }
            }
        }
    }
    claims.to_string()
}

fn serve<S: std::io::Read + Write>(stream: &mut S, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(&mut *stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut auth = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("authorization") {
                auth = value.trim().to_owned();
            } else if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    std::io::Read::read_exact(&mut reader, &mut body)?;
    drop(reader);
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = path.split('?').next().unwrap_or("");
    let (mode, pod, namespace, expected) = {
        let mut s = state.lock().unwrap();
        s.requests.push(format!("{method} {path}"));
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let pod = match segments[..] {
            ["api", "v1", "namespaces", ns, "pods", name] => {
                s.pods.get(&(ns.to_owned(), name.to_owned())).cloned()
            }
            _ => None,
        };
        // A namespace read is authorised inside that namespace (requestinfo.go sets the request's
        // namespace to the name), so a namespaced Role can grant it.
        let namespace = match segments[..] {
            ["api", "v1", "namespaces", name] => Some(match s.namespaces.get(name) {
                _ if !s.namespaces_allowed => Err(format!(
                    "namespaces \"{name}\" is forbidden: User \"system:serviceaccount:{name}:my-workbench\" cannot get resource \"namespaces\" in API group \"\" in the namespace \"{name}\""
                )),
                Some(ns) => Ok(ns.clone()),
                None => Err(String::new()),
            }),
            _ => None,
        };
        (s.mode, pod, namespace, format!("Bearer {}", s.token))
    };
    if mode == Mode::Hang {
        std::thread::sleep(Duration::from_secs(120));
        return Ok(());
    }
    if auth != expected || mode == Mode::Status(401) {
        return status(stream, 401, "Unauthorized", "Unauthorized");
    }
    if method == "POST" {
        let answer = token_request(path, &body, state);
        return match answer {
            Ok(json) => respond(stream, 201, &json.to_string()),
            Err((code, reason, message)) => status(stream, code, reason, &message),
        };
    }
    match namespace {
        Some(Ok(ns)) => return respond(stream, 200, &ns.to_string()),
        Some(Err(forbidden)) if !forbidden.is_empty() => {
            return status(stream, 403, "Forbidden", &forbidden);
        }
        Some(Err(_)) => return status(stream, 404, "NotFound", "namespaces not found"),
        None => {}
    }
    match (mode, pod) {
        (Mode::Status(403), _) => status(
            stream,
            403,
            "Forbidden",
            "pods is forbidden: User \"system:serviceaccount:fraud-detection:my-workbench\" cannot get resource \"pods\"",
        ),
        (Mode::Status(code), _) => status(
            stream,
            code,
            "InternalError",
            "an error on the server has prevented the request",
        ),
        (_, Some(pod)) => respond(stream, 200, &pod.to_string()),
        (_, None) => status(stream, 404, "NotFound", "pods not found"),
    }
}

type Refusal = (u16, &'static str, String);

/// A TokenRequest as the API server answers it (pkg/registry/core/serviceaccount/storage/token.go).
fn token_request(
    path: &str,
    body: &[u8],
    state: &Mutex<State>,
) -> Result<serde_json::Value, Refusal> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let [
        "api",
        "v1",
        "namespaces",
        ns,
        "serviceaccounts",
        sa,
        "token",
    ] = segments[..]
    else {
        return Err((
            404,
            "NotFound",
            "the server could not find the requested resource".into(),
        ));
    };
    let mut s = state.lock().unwrap();
    if !s.token_requests_allowed {
        return Err((
            403,
            "Forbidden",
            format!(
                "serviceaccounts \"{sa}\" is forbidden: User \"system:serviceaccount:{ns}:my-workbench\" cannot create resource \"serviceaccounts/token\" in API group \"\" in the namespace \"{ns}\""
            ),
        ));
    }
    let request: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    s.token_requests.push(request.clone());
    let bound = &request["spec"]["boundObjectRef"];
    let pod_name = bound["name"].as_str().unwrap_or_default();
    let Some(pod) = s.pods.get(&(ns.to_owned(), pod_name.to_owned())) else {
        return Err((404, "NotFound", format!("pods \"{pod_name}\" not found")));
    };
    if pod["spec"]["serviceAccountName"].as_str() != Some(sa) {
        return Err((
            400,
            "BadRequest",
            format!(
                "cannot bind token for serviceaccount \"{sa}\" to pod running with different serviceaccount name."
            ),
        ));
    }
    let uid = pod["metadata"]["uid"].as_str().unwrap_or_default();
    if bound["uid"].as_str().is_some_and(|given| given != uid) {
        return Err((
            409,
            "Conflict",
            format!(
                "Pod \"{pod_name}\" is invalid: the UID in the bound object reference does not match the UID in record"
            ),
        ));
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let seconds = request["spec"]["expirationSeconds"]
        .as_u64()
        .unwrap_or(3600);
    let claims = serde_json::json!({
        "aud": request["spec"]["audiences"], "exp": now + seconds, "iat": now, "nbf": now,
        "iss": "https://oidc.example.test/cluster",
        "kubernetes.io": {"namespace": ns, "pod": {"name": pod_name, "uid": uid}, "serviceaccount": {"name": sa}},
        "sub": format!("system:serviceaccount:{ns}:{sa}"),
    });
    let mut answer = request;
    answer["status"] = serde_json::json!({"token": jwt(&claims.to_string()), "expirationTimestamp": "2099-01-01T00:00:00Z"});
    Ok(answer)
}

fn status<S: Write>(stream: &mut S, code: u16, reason: &str, message: &str) -> std::io::Result<()> {
    let body = serde_json::json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": message, "reason": reason, "code": code
    });
    respond(stream, code, &body.to_string())
}

fn respond<S: Write>(stream: &mut S, code: u16, body: &str) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()
}
