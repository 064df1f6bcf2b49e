//! A fake cluster-wide Kubernetes API over TLS, for `oc-role-assume-admin sync`: what an admin's
//! kubeconfig reaches. It speaks the real shapes: namespace lists filtered by `labelSelector` and
//! paginated by `limit` / `continue` (a `NamespaceList` with `metadata.continue`), namespaces with
//! the `openshift.io/requester` annotation a ProjectRequest sets, merge patches of a namespace's
//! labels, the `Authentication` config object `cluster` (`config.openshift.io/v1`), the token-request
//! policy and its bindings, cluster-wide Role / RoleBinding lists, and server-side apply (PATCH
//! `application/apply-patch+yaml`) of a Role or RoleBinding, answered 403 `Forbidden` in the
//! namespaces the test forbids, as RBAC would.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::{Value, json};

pub const ISSUER: &str = "https://oidc.example.test/cluster-1";
const TOKEN: &str = "sha256~fake-admin-token";
const POLICY: &str = "oc-role-assume-own-sts-token";

#[derive(Default)]
struct State {
    namespaces: BTreeMap<String, Value>,
    /// `(kind, namespace, name)` → the object as applied.
    rbac: BTreeMap<(String, String, String), Value>,
    issuer: Option<String>,
    policy_installed: bool,
    /// Namespaces where applying a Role or RoleBinding is forbidden.
    forbidden: BTreeSet<String>,
    /// `"METHOD /path?query"` of every request.
    requests: Vec<String>,
}

pub struct FakeCluster {
    pub port: u16,
    ca_pem: String,
    state: Arc<Mutex<State>>,
}

/// A namespace as a ProjectRequest from the dashboard makes it.
pub fn project_namespace(name: &str, requester: Option<&str>) -> Value {
    let mut annotations =
        json!({"openshift.io/display-name": name, "openshift.io/description": ""});
    if let Some(r) = requester {
        annotations["openshift.io/requester"] = r.into();
    }
    json!({
        "apiVersion": "v1", "kind": "Namespace",
        "metadata": {
            "name": name, "uid": format!("uid-{name}"), "resourceVersion": "1",
            "labels": {"kubernetes.io/metadata.name": name, "opendatahub.io/dashboard": "true"},
            "annotations": annotations,
        },
        "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}
    })
}

impl FakeCluster {
    pub fn start() -> FakeCluster {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "fake-cluster-ca");
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .unwrap()
            .signed_by(&key, &ca)
            .unwrap();
        let config = Arc::new(
            rustls::ServerConfig::builder()
                .with_no_client_auth()
                .with_single_cert(
                    vec![CertificateDer::from(cert.der().to_vec())],
                    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
                )
                .unwrap(),
        );
        let state = Arc::new(Mutex::new(State {
            issuer: Some(ISSUER.into()),
            policy_installed: true,
            ..State::default()
        }));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for tcp in listener.incoming().flatten() {
                let (config, state) = (Arc::clone(&config), Arc::clone(&shared));
                std::thread::spawn(move || {
                    let Ok(conn) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let mut tls = rustls::StreamOwned::new(conn, tcp);
                    // Keep-alive: one connection, many requests, as kube-rs's pool expects.
                    while let Ok(true) = serve(&mut tls, &state) {}
                });
            }
        });
        FakeCluster {
            port,
            ca_pem: ca.pem(),
            state,
        }
    }

    /// A kubeconfig (what `oc login` writes) for this server, in `dir`.
    pub fn kubeconfig(&self, dir: &Path) -> PathBuf {
        let path = dir.join("kubeconfig");
        let config = json!({
            "apiVersion": "v1", "kind": "Config", "current-context": "admin",
            "clusters": [{"name": "fake", "cluster": {
                "server": format!("https://127.0.0.1:{}", self.port),
                "certificate-authority-data": STANDARD.encode(&self.ca_pem)}}],
            "users": [{"name": "kube:admin", "user": {"token": TOKEN}}],
            "contexts": [{"name": "admin", "context": {"cluster": "fake", "user": "kube:admin"}}],
        });
        std::fs::write(&path, config.to_string()).unwrap();
        path
    }

    pub fn put_namespace(&self, ns: Value) {
        let name = ns["metadata"]["name"].as_str().unwrap().to_owned();
        self.state.lock().unwrap().namespaces.insert(name, ns);
    }

    pub fn delete_namespace(&self, name: &str) {
        let mut s = self.state.lock().unwrap();
        s.namespaces.remove(name);
        s.rbac.retain(|(_, ns, _), _| ns != name);
    }

    /// Applying RBAC in `namespace` is answered 403 from now on.
    pub fn forbid_rbac(&self, namespace: &str) {
        self.state
            .lock()
            .unwrap()
            .forbidden
            .insert(namespace.into());
    }

    pub fn set_policy_installed(&self, installed: bool) {
        self.state.lock().unwrap().policy_installed = installed;
    }

    pub fn namespace(&self, name: &str) -> Option<Value> {
        self.state.lock().unwrap().namespaces.get(name).cloned()
    }

    /// The Role or RoleBinding `name` applied in `namespace`.
    pub fn rbac(&self, kind: &str, namespace: &str, name: &str) -> Option<Value> {
        let key = (kind.to_owned(), namespace.to_owned(), name.to_owned());
        self.state.lock().unwrap().rbac.get(&key).cloned()
    }

    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().requests.clone()
    }
}

fn percent_decode(s: &str) -> String {
    super::moto::url_decode_form(&format!("x={s}"))
        .remove("x")
        .unwrap_or_default()
}

fn query(q: &str) -> BTreeMap<String, String> {
    q.split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), percent_decode(v)))
        .collect()
}

/// `a=b,c=d`: every pair must match the object's labels.
fn selected(object: &Value, selector: Option<&String>) -> bool {
    selector.is_none_or(|sel| {
        sel.split(',').filter(|p| !p.is_empty()).all(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            object["metadata"]["labels"][k].as_str() == Some(v)
        })
    })
}

/// A `kind: …List` page of `items` (sorted), `limit` at a time from the `continue` offset.
fn page(kind: &str, items: Vec<Value>, q: &BTreeMap<String, String>) -> Value {
    let start: usize = q.get("continue").and_then(|c| c.parse().ok()).unwrap_or(0);
    let limit: usize = q
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(usize::MAX);
    let end = start.saturating_add(limit).min(items.len());
    let next = if end < items.len() {
        end.to_string()
    } else {
        String::new()
    };
    let api_version = if kind == "NamespaceList" {
        "v1"
    } else {
        "rbac.authorization.k8s.io/v1"
    };
    json!({"apiVersion": api_version, "kind": kind,
           "metadata": {"resourceVersion": "1", "continue": next},
           "items": items[start.min(end)..end]})
}

type Answer = (u16, Value);

fn status(code: u16, reason: &str, message: &str) -> Answer {
    (
        code,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                  "message": message, "reason": reason, "code": code}),
    )
}

fn not_found(what: &str) -> Answer {
    status(404, "NotFound", &format!("{what} not found"))
}

/// Read one request; answer it; `Ok(false)` when the client closed the connection.
fn serve<S: std::io::Read + Write>(stream: &mut S, state: &Mutex<State>) -> std::io::Result<bool> {
    let mut reader = BufReader::new(&mut *stream);
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(false);
    }
    let (mut auth, mut length) = (String::new(), 0);
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("authorization") {
                value.trim().clone_into(&mut auth);
            } else if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    std::io::Read::read_exact(&mut reader, &mut body)?;
    drop(reader);
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (code, answer) = if auth == format!("Bearer {TOKEN}") {
        let mut s = state.lock().unwrap();
        s.requests.push(format!("{method} {target}"));
        route(&mut s, method, target, &body)
    } else {
        status(401, "Unauthorized", "Unauthorized")
    };
    let text = answer.to_string();
    write!(
        stream,
        "HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()?;
    Ok(true)
}

fn route(s: &mut State, method: &str, target: &str, body: &[u8]) -> Answer {
    let (path, q) = target.split_once('?').unwrap_or((target, ""));
    let q = query(q);
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method, &segments[..]) {
        ("GET", ["api", "v1", "namespaces"]) => {
            let items = s
                .namespaces
                .values()
                .filter(|n| selected(n, q.get("labelSelector")))
                .cloned()
                .collect();
            (200, page("NamespaceList", items, &q))
        }
        ("GET", ["api", "v1", "namespaces", name]) => match s.namespaces.get(*name) {
            Some(ns) => (200, ns.clone()),
            None => not_found(&format!("namespaces \"{name}\"")),
        },
        ("PATCH", ["api", "v1", "namespaces", name]) => {
            let patch: Value = serde_json::from_slice(body).unwrap_or_default();
            let Some(ns) = s.namespaces.get_mut(*name) else {
                return not_found(&format!("namespaces \"{name}\""));
            };
            if let Some(labels) = patch["metadata"]["labels"].as_object() {
                for (k, v) in labels {
                    ns["metadata"]["labels"][k] = v.clone();
                }
            }
            (200, ns.clone())
        }
        (
            "GET",
            [
                "apis",
                "config.openshift.io",
                "v1",
                "authentications",
                "cluster",
            ],
        ) => {
            let spec = s
                .issuer
                .as_ref()
                .map_or_else(|| json!({}), |i| json!({"serviceAccountIssuer": i}));
            (
                200,
                json!({"apiVersion": "config.openshift.io/v1", "kind": "Authentication",
                         "metadata": {"name": "cluster"}, "spec": spec}),
            )
        }
        ("GET", ["apis", "admissionregistration.k8s.io", "v1", kind, name]) => {
            policy(s, kind, name)
        }
        ("GET", ["apis", "rbac.authorization.k8s.io", "v1", plural]) => {
            let kind = if *plural == "roles" {
                "Role"
            } else {
                "RoleBinding"
            };
            let items = s
                .rbac
                .iter()
                .filter(|((k, _, _), v)| k == kind && selected(v, q.get("labelSelector")))
                .map(|(_, v)| v.clone())
                .collect();
            (200, page(&format!("{kind}List"), items, &q))
        }
        (
            "PATCH",
            [
                "apis",
                "rbac.authorization.k8s.io",
                "v1",
                "namespaces",
                ns,
                plural,
                name,
            ],
        ) => apply_rbac(s, ns, plural, name, body),
        _ => not_found("the server could not find the requested resource"),
    }
}

fn policy(s: &State, kind: &str, name: &str) -> Answer {
    if !s.policy_installed {
        return not_found(&format!("{kind}.admissionregistration.k8s.io \"{name}\""));
    }
    match kind {
        "validatingadmissionpolicies" if name == POLICY => (
            200,
            json!({
            "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicy",
            "metadata": {"name": name}, "spec": {}}),
        ),
        "validatingadmissionpolicybindings" => (
            200,
            json!({
            "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicyBinding",
            "metadata": {"name": name}, "spec": {"policyName": POLICY, "validationActions": ["Deny"]}}),
        ),
        _ => not_found(&format!("{kind}.admissionregistration.k8s.io \"{name}\"")),
    }
}

fn apply_rbac(s: &mut State, ns: &str, plural: &str, name: &str, body: &[u8]) -> Answer {
    let resource = format!("{plural}.rbac.authorization.k8s.io");
    if s.forbidden.contains(ns) {
        return status(
            403,
            "Forbidden",
            &format!(
                "{resource} \"{name}\" is forbidden: User \"system:serviceaccount:oc-role-assume-sync:oc-role-assume-sync\" cannot patch resource \"{plural}\" in API group \"rbac.authorization.k8s.io\" in the namespace \"{ns}\""
            ),
        );
    }
    if !s.namespaces.contains_key(ns) {
        return not_found(&format!("namespaces \"{ns}\""));
    }
    let mut object: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return status(
                400,
                "BadRequest",
                &format!("the body is not JSON or YAML: {e}"),
            );
        }
    };
    object["metadata"]["namespace"] = ns.into();
    let kind = if plural == "roles" {
        "Role"
    } else {
        "RoleBinding"
    };
    s.rbac
        .insert((kind.into(), ns.into(), name.into()), object.clone());
    (200, object)
}
