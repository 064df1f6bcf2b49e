//! This pod, read from the Kubernetes API with in-cluster credentials.
//!
//! Reads `KUBERNETES_SERVICE_HOST` / `KUBERNETES_SERVICE_PORT` and the service-account dir (default
//! `/var/run/secrets/kubernetes.io/serviceaccount`: `token`, `ca.crt`, `namespace`). The client is built
//! from those alone — never from a kubeconfig, which would be the user's own `oc login` — and verifies
//! TLS against that `ca.crt`. The pod is the one named in the token's `kubernetes.io.pod.name` claim,
//! else the kernel hostname; never an environment variable a user can set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use k8s_openapi::api::authentication::v1::{BoundObjectReference, TokenRequest, TokenRequestSpec};
use k8s_openapi::api::core::v1::{Namespace, Pod, ServiceAccount};

use crate::env::EnvLookup;
use crate::error::{Error, Result, root_cause};
use crate::files::read_small;
use crate::jwt;
use crate::output::Secret;

/// The namespace annotation OpenShift's project request sets to the requesting user.
pub const REQUESTER_KEY: &str = "openshift.io/requester";
/// The audience STS accepts web-identity tokens for.
pub const STS_AUDIENCE: &str = "sts.amazonaws.com";
/// A requested token lives an hour: one chain needs it for a second.
const TOKEN_SECONDS: i64 = 3600;
/// Service-account tokens are a few kilobytes; refuse to read more than this.
const MAX_TOKEN_BYTES: u64 = 64 * 1024;
/// The cluster CA bundle is a few certificates.
const MAX_CA_BYTES: u64 = 1024 * 1024;

/// Where this pod is, known without any network call.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InCluster {
    pub api_url: String,
    #[serde(skip)]
    pub serviceaccount_dir: PathBuf,
    /// The default dir the kubelet mounts: what its API answers is platform-set; another dir is
    /// whatever the user put there.
    pub platform_set: bool,
    pub namespace: String,
    pub pod: String,
    /// From the bound token; the API's answer must match it.
    pub pod_uid: Option<String>,
    /// This pod's service account, from the token's claims: the one a TokenRequest is made for.
    pub serviceaccount: Option<String>,
}

/// What the API server said about the pod.
#[derive(Debug, Clone, Default)]
pub struct PodMeta {
    pub annotations: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
}

pub use crate::cli::DEFAULT_SERVICEACCOUNT_DIR;

/// `Ok(None)` out of a cluster; `Err` when the pod's whereabouts are half there (a token but no
/// namespace). "In a cluster" means a service-account token in the configured dir or the default
/// one: the variables a user can unset (`KUBERNETES_SERVICE_HOST` / `_PORT`) do not decide it, and
/// without them the API is `kubernetes.default.svc:443`, so unsetting them cannot turn a pod whose
/// lookup fails closed into one that falls through to user-controlled sources.
pub fn detect(configured: &Path, env: EnvLookup<'_>) -> Result<Option<InCluster>> {
    let default = Path::new(DEFAULT_SERVICEACCOUNT_DIR);
    let Some((serviceaccount_dir, token)) = serviceaccount_token(configured) else {
        return Ok(None);
    };
    let host = env("KUBERNETES_SERVICE_HOST").unwrap_or_else(|| "kubernetes.default.svc".into());
    let port = env("KUBERNETES_SERVICE_PORT").unwrap_or_else(|| "443".into());
    let claims = jwt::claims(&token).unwrap_or_default();
    let namespace = namespace_of(serviceaccount_dir, &claims)?.ok_or_else(|| {
        Error::identity(format!(
            "cannot tell this pod's namespace: the service-account token has no namespace claim and {} is missing",
            serviceaccount_dir.join("namespace").display()
        ))
        .hint("mount the service-account token volume (automountServiceAccountToken: true), or set --serviceaccount-dir")
    })?;
    let pod = match claims.pod_name() {
        Some(name) => checked(name, "pod name claim", is_dns_subdomain)?,
        None => kernel_hostname()
            .ok_or_else(|| {
                Error::identity("cannot tell this pod's name: the token has no pod claim and the kernel hostname is unreadable")
                    .hint("use a bound service-account token (Kubernetes 1.21 and later mount one by default)")
            })
            .and_then(|name| checked(&name, "kernel hostname (the pod name)", is_dns_subdomain))?,
    };
    let serviceaccount = claims
        .serviceaccount_name()
        .map(|sa| checked(sa, "service account name claim", is_dns_subdomain))
        .transpose()?;
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    Ok(Some(InCluster {
        api_url: format!("https://{host}:{port}"),
        serviceaccount_dir: serviceaccount_dir.to_owned(),
        platform_set: serviceaccount_dir == default,
        namespace,
        pod,
        pod_uid: claims.pod_uid().map(str::to_owned),
        serviceaccount,
    }))
}

/// The service-account dir in use (the configured one, else the default) and its token.
fn serviceaccount_token(configured: &Path) -> Option<(&Path, String)> {
    [configured, Path::new(DEFAULT_SERVICEACCOUNT_DIR)]
        .into_iter()
        .find_map(|dir| read_small(&dir.join("token"), MAX_TOKEN_BYTES).map(|t| (dir, t)))
}

/// This pod's namespace, from the service-account token's claim or the `namespace` file beside it;
/// `Ok(None)` without a token; `Err` when what it says is not a namespace name.
pub fn this_namespace(configured: &Path) -> Result<Option<String>> {
    let Some((dir, token)) = serviceaccount_token(configured) else {
        return Ok(None);
    };
    namespace_of(dir, &jwt::claims(&token).unwrap_or_default())
}

/// The namespace claim, else the `namespace` file, checked to be a DNS-1123 label before it goes
/// into an API path or an ARN: the claims are read unverified, and the dir may be the user's.
fn namespace_of(dir: &Path, claims: &jwt::Claims) -> Result<Option<String>> {
    if let Some(ns) = claims.namespace() {
        return checked(ns, "namespace claim", is_dns_label).map(Some);
    }
    read_small(&dir.join("namespace"), 1024)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .map(|ns| checked(&ns, "namespace file", is_dns_label))
        .transpose()
}

/// `value` if `valid` says it is a Kubernetes name, else an error naming where it came from.
fn checked(value: &str, what: &str, valid: fn(&str) -> bool) -> Result<String> {
    if valid(value) {
        return Ok(value.to_owned());
    }
    let shown: String = value
        .chars()
        .take(80)
        .flat_map(char::escape_debug)
        .collect();
    Err(Error::identity(format!(
        "the service-account token's {what} \"{shown}\" is not a Kubernetes name"
    ))
    .hint("use the token the kubelet mounts (--serviceaccount-dir pointing at a real service-account dir)"))
}

/// A DNS-1123 label (a namespace): 1–63 of `[a-z0-9-]`, starting and ending alphanumeric.
fn is_dns_label(s: &str) -> bool {
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (1..=63).contains(&s.len())
        && edge(s.as_bytes().first())
        && edge(s.as_bytes().last())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A DNS-1123 subdomain (a pod or service account): at most 253, dot-separated labels.
fn is_dns_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_dns_label)
}

/// The kernel's idea of the host name (the pod name for a pod), from `/proc`, not `$HOSTNAME`.
fn kernel_hostname() -> Option<String> {
    read_small(Path::new("/proc/sys/kernel/hostname"), 256)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

impl InCluster {
    fn name(&self) -> String {
        format!("{}/{}", self.namespace, self.pod)
    }

    /// GET the pod, bounded by `timeout` for connect and request together.
    pub async fn fetch(&self, timeout: Duration) -> Result<PodMeta> {
        let client = self.client(timeout)?;
        let api: kube::Api<Pod> = kube::Api::namespaced(client, &self.namespace);
        let pod = match tokio::time::timeout(timeout, api.get(&self.pod)).await {
            Ok(Ok(pod)) => pod,
            Ok(Err(e)) => return Err(self.api_error(&e)),
            Err(_) => {
                return Err(Error::identity(format!(
                    "the Kubernetes API at {} did not answer within {:.1}s (reading pod {})",
                    self.api_url,
                    timeout.as_secs_f64(),
                    self.name()
                ))
                .hint(UNREACHABLE_HINT));
            }
        };
        let meta = pod.metadata;
        if let Some(expected) = &self.pod_uid
            && meta.uid.as_deref() != Some(expected.as_str())
        {
            return Err(Error::identity(format!(
                "pod {} has uid {}, but the service-account token was issued for pod uid {expected}",
                self.name(),
                meta.uid.as_deref().unwrap_or("(none)")
            ))
            .hint("this is not the pod the token belongs to: restart the workbench so the token and pod match"));
        }
        Ok(PodMeta {
            annotations: meta.annotations.unwrap_or_default(),
            labels: meta.labels.unwrap_or_default(),
        })
    }

    /// A web-identity token from the API (TokenRequest) for this pod's own service account: audience
    /// `sts.amazonaws.com`, bound to this pod by name and uid, an hour long. Needs `create` on
    /// `serviceaccounts/token` (`packaging/kubernetes/rbac.yaml`); the API server itself refuses to
    /// bind a token for one service account to a pod running as another.
    pub async fn request_token(&self, timeout: Duration) -> Result<Secret> {
        let (Some(account), Some(uid)) = (&self.serviceaccount, &self.pod_uid) else {
            return Err(Error::identity(
                "cannot request a web-identity token: the service-account token names no service account or pod uid",
            )
            .hint("use a bound service-account token (Kubernetes 1.21 and later), or mount a projected token and set OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE"));
        };
        let request = TokenRequest {
            spec: TokenRequestSpec {
                audiences: vec![STS_AUDIENCE.to_owned()],
                expiration_seconds: Some(TOKEN_SECONDS),
                bound_object_ref: Some(BoundObjectReference {
                    api_version: Some("v1".to_owned()),
                    kind: Some("Pod".to_owned()),
                    name: Some(self.pod.clone()),
                    uid: Some(uid.clone()),
                }),
            },
            ..TokenRequest::default()
        };
        let api: kube::Api<ServiceAccount> =
            kube::Api::namespaced(self.client(timeout)?, &self.namespace);
        let params = kube::api::PostParams::default();
        let call = api.create_token_request(account, &params, &request);
        let answer = match tokio::time::timeout(timeout, call).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => return Err(self.token_error(account, &e)),
            Err(_) => {
                return Err(Error::identity(format!(
                    "the Kubernetes API at {} did not answer a TokenRequest within {:.1}s",
                    self.api_url,
                    timeout.as_secs_f64()
                ))
                .hint(UNREACHABLE_HINT));
            }
        };
        match answer.status.map(|s| s.token).filter(|t| !t.is_empty()) {
            Some(token) => Ok(Secret::new(token)),
            None => Err(
                Error::identity("the TokenRequest was answered without a token")
                    .hint("retry shortly; if it persists, check the API server's health"),
            ),
        }
    }

    /// The `openshift.io/requester` annotation of this pod's namespace, if it has one.
    pub async fn requester(&self, timeout: Duration) -> Result<Option<String>> {
        let api: kube::Api<Namespace> = kube::Api::all(self.client(timeout)?);
        let namespace = match tokio::time::timeout(timeout, api.get(&self.namespace)).await {
            Ok(Ok(namespace)) => namespace,
            Ok(Err(kube::Error::Api(status))) if status.code == 403 => {
                return Err(Error::identity(format!(
                    "the service account may not get namespace {} (403 Forbidden)",
                    self.namespace
                ))
                .hint(format!(
                    "grant it: packaging/kubernetes/project-identity.yaml in {} (a Role with get on this namespace)",
                    self.namespace
                )));
            }
            Ok(Err(e)) => return Err(self.api_error(&e)),
            Err(_) => {
                return Err(Error::identity(format!(
                    "the Kubernetes API at {} did not answer within {:.1}s (reading namespace {})",
                    self.api_url,
                    timeout.as_secs_f64(),
                    self.namespace
                ))
                .hint(UNREACHABLE_HINT));
            }
        };
        let annotations = namespace.metadata.annotations.unwrap_or_default();
        Ok(annotations
            .get(REQUESTER_KEY)
            .filter(|v| !v.is_empty())
            .cloned())
    }

    fn token_error(&self, account: &str, e: &kube::Error) -> Error {
        let what = format!(
            "cannot request a web-identity token for service account {}/{account}",
            self.namespace
        );
        match e {
            kube::Error::Api(status) if status.code == 403 => Error::identity(format!("{what}: 403 Forbidden ({})", status.message))
                .hint(format!(
                    "grant it: packaging/kubernetes/apply-rbac.sh {} (create on serviceaccounts/token), and keep packaging/kubernetes/token-request-policy.yaml beside it",
                    self.namespace
                )),
            kube::Error::Api(status) => Error::identity(format!("{what}: HTTP {} ({})", status.code, status.message))
                .hint("the API server refused the TokenRequest: the message says why"),
            other => Error::identity(format!("{what}: cannot reach the Kubernetes API at {}: {}", self.api_url, root_cause(other)))
                .hint(UNREACHABLE_HINT),
        }
    }

    fn client(&self, timeout: Duration) -> Result<kube::Client> {
        let url = self.api_url.parse().map_err(|_| {
            Error::identity(format!(
                "KUBERNETES_SERVICE_HOST/PORT give no usable URL ({})",
                self.api_url
            ))
            .hint("the kubelet sets these; do not override them")
        })?;
        let mut config = kube::Config::new(url);
        config.default_namespace.clone_from(&self.namespace);
        // Trust ca.crt alone, whatever SSL_CERT_FILE says: given only the file, kube-rs first builds
        // the platform verifier (which reads SSL_CERT_FILE and fails when it names no certificate),
        // then replaces it with one that re-reads the file.
        let ca = self.serviceaccount_dir.join("ca.crt");
        config.root_cert = ca_certificates(&ca);
        config.root_cert_file = Some(ca);
        // Direct, whatever HTTPS_PROXY says: kube-rs takes a proxy from a kubeconfig only.
        config.proxy_url = None;
        config.auth_info.token_file = Some(
            self.serviceaccount_dir
                .join("token")
                .to_string_lossy()
                .into_owned(),
        );
        config.connect_timeout = Some(timeout);
        config.read_timeout = Some(timeout);
        config.write_timeout = Some(timeout);
        config.default_retry = false;
        kube::Client::try_from(config).map_err(|e| {
            Error::identity(format!(
                "cannot set up the Kubernetes client from {}: {}",
                self.serviceaccount_dir.display(),
                root_cause(&e)
            ))
            .hint("check that ca.crt in the service-account dir is the cluster CA bundle (PEM)")
        })
    }

    fn api_error(&self, e: &kube::Error) -> Error {
        let (what, hint) = match e {
            kube::Error::Api(status) => match status.code {
                401 => (
                    "the API server rejected the service-account token (401 Unauthorized)".to_owned(),
                    "the token is expired or not this cluster's: restart the workbench pod".to_owned(),
                ),
                403 => (
                    format!("the service account may not get pod {} (403 Forbidden)", self.name()),
                    format!(
                        "grant it: packaging/kubernetes/apply-rbac.sh {} (a Role with get on pods and its RoleBinding)",
                        self.namespace
                    ),
                ),
                404 => (
                    format!("pod {} not found (404)", self.name()),
                    "the pod name comes from the token's kubernetes.io.pod.name claim, else the kernel hostname: mount a bound service-account token".to_owned(),
                ),
                code => (
                    format!("the Kubernetes API failed reading pod {} (HTTP {code})", self.name()),
                    "retry shortly; if it persists, check the API server's health".to_owned(),
                ),
            },
            other => (
                format!("cannot reach the Kubernetes API at {}: {}", self.api_url, root_cause(other)),
                UNREACHABLE_HINT.to_owned(),
            ),
        };
        Error::identity(format!("identity lookup failed: {what}")).hint(hint)
    }
}

/// The certificates in the service account's `ca.crt` (DER), if it is a readable PEM bundle.
fn ca_certificates(path: &Path) -> Option<Vec<Vec<u8>>> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let bytes = crate::files::read_regular(path, MAX_CA_BYTES).ok()?;
    let certs: Vec<Vec<u8>> = CertificateDer::pem_slice_iter(&bytes)
        .map(|c| c.map(|c| c.to_vec()))
        .collect::<std::result::Result<_, _>>()
        .ok()?;
    (!certs.is_empty()).then_some(certs)
}

const UNREACHABLE_HINT: &str = "check network policy and the cluster CA in the service-account dir; \
     --allow-unverified-identity falls back to RHOAI_USER / JUPYTERHUB_USER";
