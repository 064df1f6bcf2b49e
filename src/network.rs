//! How STS calls reach STS: the way every other tool in the pod goes, through the proxy the
//! environment names, trusting the system roots plus the CA bundle the AWS settings name.
//!
//! Reads `https_proxy` / `HTTPS_PROXY` (for `https://` endpoints), `http_proxy` / `HTTP_PROXY` (for
//! `http://` ones), `all_proxy` / `ALL_PROXY` (for either, when the first is unset), `no_proxy` /
//! `NO_PROXY` (domain suffixes, IPs, CIDRs, `*`), lower case first as Python and curl do; then
//! `SSL_CERT_FILE` / `SSL_CERT_DIR` (which replace the system store, as now), and `AWS_CA_BUNDLE`,
//! else the profile's `ca_bundle`, which add to it. Everything is validated before the first call: a
//! bad proxy URL or bundle is a configuration error naming its variable, never a panic deep in the
//! TLS stack. The Kubernetes API client (`identity/pod.rs`) uses none of this: it goes direct and
//! trusts only the service account's `ca.crt`.

use std::error::Error as StdError;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::rustls_provider::CryptoMode;
use aws_smithy_http_client::tls::{Provider, TlsContext, TrustStore};
use aws_smithy_http_client::{Connector, ConnectorBuilder};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use base64::Engine;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::awsconfig;
use crate::env::EnvLookup;
use crate::error::{Error, Result, root_cause};
use crate::files;
use crate::messages::{
    HINT_CA_BUNDLE, HINT_NO_PROXY_VARIABLES, HINT_PROXY_CREDENTIALS, HINT_UNTRUSTED_CERTIFICATE,
    redact_url,
};
use crate::settings::StsEndpoint;

/// A CA bundle is a few hundred kilobytes (the system one); refuse to read more than this.
const MAX_BUNDLE_BYTES: u64 = 16 * 1024 * 1024;
/// An AWS config file is a few kilobytes.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// One environment variable that was set, by name.
#[derive(Clone, PartialEq, Eq)]
pub struct Var {
    pub name: &'static str,
    pub value: String,
}

impl Var {
    fn first(env: EnvLookup<'_>, names: &[&'static str]) -> Option<Var> {
        names
            .iter()
            .find_map(|&name| env(name).map(|value| Var { name, value }))
    }
}

/// A proxy URL may carry a password: shown without user info, always.
impl fmt::Debug for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.name, redact_url(&self.value))
    }
}

/// The network inputs of the STS calls, as the environment gives them; reading them costs nothing,
/// validating them (`transport`) reads the bundles.
#[derive(Debug, Clone)]
pub struct Network {
    https_proxy: Option<Var>,
    http_proxy: Option<Var>,
    no_proxy: Option<Var>,
    ssl_cert_file: Option<String>,
    ssl_cert_dir: Option<String>,
    aws_ca_bundle: Option<String>,
    /// The AWS config file and profile whose `ca_bundle` counts when `AWS_CA_BUNDLE` is unset.
    config: Option<(PathBuf, String)>,
}

/// The way a request to one URL goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route<'a> {
    /// Through this proxy.
    Proxy(&'a Var),
    /// Direct, because `NO_PROXY` matches the host.
    Bypassed(&'a Var),
    /// Direct, because no proxy variable covers the URL's scheme.
    Direct,
}

impl Network {
    pub fn from_env(env: EnvLookup<'_>, endpoint: &StsEndpoint) -> Network {
        let all = ["all_proxy", "ALL_PROXY"];
        Network {
            https_proxy: Var::first(env, &["https_proxy", "HTTPS_PROXY"])
                .or_else(|| Var::first(env, &all)),
            http_proxy: Var::first(env, &["http_proxy", "HTTP_PROXY"])
                .or_else(|| Var::first(env, &all)),
            no_proxy: Var::first(env, &["no_proxy", "NO_PROXY"]),
            ssl_cert_file: env("SSL_CERT_FILE"),
            ssl_cert_dir: env("SSL_CERT_DIR"),
            aws_ca_bundle: env("AWS_CA_BUNDLE"),
            config: endpoint
                .config_file
                .clone()
                .map(|file| (file, endpoint.profile.clone())),
        }
    }

    /// The proxy variable for a URL's scheme, whatever `NO_PROXY` says.
    fn proxy_for(&self, url: &str) -> Option<&Var> {
        if url
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        {
            self.https_proxy.as_ref()
        } else {
            self.http_proxy.as_ref()
        }
    }

    /// Whether any proxy variable is set at all.
    pub fn has_proxy(&self) -> bool {
        self.https_proxy.is_some() || self.http_proxy.is_some()
    }

    /// The way a request to `url` goes, decided by the same matcher the HTTP client uses.
    pub fn route(&self, url: &str) -> Route<'_> {
        let Some(proxy) = self.proxy_for(url) else {
            return Route::Direct;
        };
        let Ok(uri) = url.parse::<http::Uri>() else {
            return Route::Proxy(proxy);
        };
        let mut matcher =
            hyper_util::client::proxy::matcher::Matcher::builder().all(with_scheme(&proxy.value));
        if let Some(no) = &self.no_proxy {
            matcher = matcher.no(no.value.clone());
        }
        match (matcher.build().intercept(&uri), &self.no_proxy) {
            (None, Some(no)) => Route::Bypassed(no),
            _ => Route::Proxy(proxy),
        }
    }

    /// The proxy set-up for requests to `url`'s scheme, checked.
    fn proxy_config(&self, url: &str) -> Result<ProxyConfig> {
        let Some(var) = self.proxy_for(url) else {
            return Ok(ProxyConfig::disabled());
        };
        let full = with_scheme(&var.value);
        let bad = |why: String| {
            Error::config(format!(
                "{} ({}) is not a usable proxy URL: {why}",
                var.name,
                redact_url(&var.value)
            ))
            .hint(format!(
                "set {} to the proxy's URL, http://[user:password@]host:port",
                var.name
            ))
        };
        let scheme = full.split("://").next().unwrap_or_default();
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(bad(format!(
                "STS calls go through http:// or https:// proxies, not {scheme}://"
            )));
        }
        let config = ProxyConfig::all(full.as_str()).map_err(|e| bad(e.to_string()))?;
        Ok(match &self.no_proxy {
            Some(no) => config.no_proxy(&no.value),
            None => config,
        })
    }

    /// Whether the proxy for `url`'s scheme is usable.
    pub fn check_proxy(&self, url: &str) -> Result<()> {
        self.proxy_config(url).map(|_| ())
    }

    /// The HTTP client for STS calls to `url`: this proxy set-up and these trust roots, checked.
    pub fn transport(&self, url: &str) -> Result<Transport> {
        let mut store = TrustStore::default();
        if let Some(bundle) = self.bundle()? {
            store = store.with_pem_certificate(bundle.pem);
        }
        let tls = TlsContext::builder()
            .with_trust_store(store)
            .build()
            .map_err(|e| Error::internal(format!("cannot set up TLS: {e}")))?;
        Ok(Transport {
            proxy: self.proxy_config(url)?,
            shown: self.proxy_for(url).map(|v| format!("{v:?}")),
            tls,
            plain: url.starts_with("http://"),
            connectors: Arc::default(),
        })
    }
}

/// A proxy URL without a scheme means `http://`, as curl and hyper read it.
fn with_scheme(url: &str) -> String {
    if url.contains("://") {
        url.to_owned()
    } else {
        format!("http://{url}")
    }
}

/// Certificates to trust beyond the system store, read and checked.
pub struct Bundle {
    /// Where the path came from: `AWS_CA_BUNDLE`, or the profile's `ca_bundle`.
    pub origin: String,
    pub path: PathBuf,
    pub count: usize,
    /// Certificates in the file that cannot be a trust anchor (ignored).
    pub unusable: usize,
    /// The usable certificates, re-encoded.
    pem: Vec<u8>,
}

impl Network {
    /// `AWS_CA_BUNDLE`, else the profile's `ca_bundle`, loaded; `SSL_CERT_FILE` is checked too, since
    /// the system store is then that file alone.
    pub fn bundle(&self) -> Result<Option<Bundle>> {
        if let Some(file) = &self.ssl_cert_file {
            Bundle::load(Path::new(file), "SSL_CERT_FILE")?;
        }
        if let Some(path) = &self.aws_ca_bundle {
            return Bundle::load(Path::new(path), "AWS_CA_BUNDLE").map(Some);
        }
        let Some((config, profile)) = &self.config else {
            return Ok(None);
        };
        let Some(text) = files::read_small(config, MAX_CONFIG_BYTES) else {
            return Ok(None);
        };
        match awsconfig::profile_value(&text, profile, "ca_bundle") {
            Some(path) => {
                let origin = format!("ca_bundle of profile {profile} in {}", config.display());
                Bundle::load(Path::new(&path), &origin).map(Some)
            }
            None => Ok(None),
        }
    }

    /// The trust roots in effect, for `doctor`.
    pub fn trust_summary(&self) -> Result<String> {
        let mut system = match (&self.ssl_cert_file, &self.ssl_cert_dir) {
            (None, None) => "the system store".to_owned(),
            (Some(file), None) => format!("SSL_CERT_FILE {file}"),
            (None, Some(dir)) => format!("SSL_CERT_DIR {dir}"),
            (Some(file), Some(dir)) => format!("SSL_CERT_FILE {file} and SSL_CERT_DIR {dir}"),
        };
        if let Some(b) = self.bundle()? {
            let unusable = match b.unusable {
                0 => String::new(),
                n => format!(", {n} unusable ignored"),
            };
            system.push_str(&format!(
                " + {} {} ({} certificate{}{unusable})",
                b.origin,
                b.path.display(),
                b.count,
                if b.count == 1 { "" } else { "s" }
            ));
        }
        Ok(system)
    }
}

impl Bundle {
    fn load(path: &Path, origin: &str) -> Result<Bundle> {
        let shown = path.display();
        let bad = |what: String| Error::config(what).hint(HINT_CA_BUNDLE.replace("{}", origin));
        let bytes = files::read_regular(path, MAX_BUNDLE_BYTES).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                bad(format!("{origin} names {shown}, which does not exist"))
            }
            std::io::ErrorKind::PermissionDenied => bad(format!(
                "{origin} names {shown}, which is not readable: permission denied"
            )),
            std::io::ErrorKind::InvalidInput => {
                bad(format!("{origin} names {shown}, which is not a file"))
            }
            _ => bad(format!("cannot read {origin} {shown}: {e}")),
        })?;
        if bytes.len() as u64 > MAX_BUNDLE_BYTES {
            return Err(bad(format!(
                "{origin} {shown} is larger than {MAX_BUNDLE_BYTES} bytes: not a CA bundle"
            )));
        }
        let certs = CertificateDer::pem_slice_iter(&bytes)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| bad(format!("{origin} {shown} is not a PEM bundle: {e}")))?;
        let (usable, unusable): (Vec<_>, Vec<_>) = certs
            .into_iter()
            .partition(|der| rustls::RootCertStore::empty().add(der.clone()).is_ok());
        if usable.is_empty() {
            return Err(bad(format!(
                "{origin} {shown} holds no PEM CA certificate{}",
                if unusable.is_empty() {
                    ""
                } else {
                    " that can be trusted"
                }
            )));
        }
        Ok(Bundle {
            origin: origin.to_owned(),
            path: path.to_owned(),
            count: usable.len(),
            unusable: unusable.len(),
            pem: usable.iter().flat_map(|der| pem(der)).collect(),
        })
    }
}

/// One certificate as PEM.
fn pem(der: &CertificateDer<'_>) -> Vec<u8> {
    let body = base64::engine::general_purpose::STANDARD.encode(der.as_ref());
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out.into_bytes()
}

/// The STS HTTP client: the SDK's own hyper connector, with our proxy and trust roots. One connector
/// per connector settings, kept, so the Base and Target calls share connections.
#[derive(Clone)]
pub struct Transport {
    proxy: ProxyConfig,
    /// The proxy variable, redacted, for `Debug`.
    shown: Option<String>,
    tls: TlsContext,
    /// A plain `http://` endpoint (loopback only: `settings.rs` refuses others) needs no TLS, so no
    /// trust store is loaded for it (the system store is most of a cold call's instructions).
    plain: bool,
    connectors: Arc<Mutex<Vec<(Key, SharedHttpConnector)>>>,
}

type Key = (Option<Duration>, Option<Duration>);

/// `ProxyConfig`'s own `Debug` would print the proxy password.
impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("proxy", &self.shown)
            .finish_non_exhaustive()
    }
}

impl Transport {
    fn connector(&self, settings: Option<&HttpConnectorSettings>) -> Connector {
        let mut builder = ConnectorBuilder::default();
        builder.set_connector_settings(settings.cloned());
        let builder = builder.proxy_config(self.proxy.clone());
        if self.plain {
            return builder.build_http();
        }
        builder
            .tls_provider(Provider::Rustls(CryptoMode::Ring))
            .tls_context(self.tls.clone())
            .build()
    }

    pub fn shared(self) -> SharedHttpClient {
        SharedHttpClient::new(self)
    }

    /// One request to `url`, bounded by `timeout`: the HTTP status if anything answered.
    pub async fn probe(
        &self,
        url: &str,
        timeout: Duration,
    ) -> std::result::Result<u16, Box<dyn StdError + Send + Sync>> {
        let settings = HttpConnectorSettings::builder()
            .connect_timeout(timeout)
            .read_timeout(timeout)
            .build();
        let request = aws_smithy_runtime_api::http::Request::get(url)?;
        let call = self.connector(Some(&settings)).call(request);
        match tokio::time::timeout(timeout, call).await {
            Ok(Ok(response)) => Ok(response.status().as_u16()),
            Ok(Err(e)) => Err(e.into()),
            Err(_) => Err(format!("no answer within {:.1}s", timeout.as_secs_f64()).into()),
        }
    }
}

impl HttpClient for Transport {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        let _ = components;
        let key = (settings.connect_timeout(), settings.read_timeout());
        let mut connectors = self
            .connectors
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, connector)) = connectors.iter().find(|(k, _)| *k == key) {
            return connector.clone();
        }
        let connector = SharedHttpConnector::new(self.connector(Some(settings)));
        connectors.push((key, connector.clone()));
        connector
    }
}

/// hyper-util's CONNECT error: a public type its crate does not export by name, so it is named here
/// through the `Tunnel` service that returns it.
type TunnelError = <hyper_util::client::legacy::connect::proxy::Tunnel<
    hyper_util::client::legacy::connect::HttpConnector,
> as tower_service::Service<http::Uri>>::Error;

/// A failure no retry can change, or a proxy that would not tunnel, found in an error's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No trusted root vouches for the server's certificate.
    Untrusted(String),
    /// The certificate is for another name.
    WrongName(String),
    /// The certificate has expired or is not valid yet.
    Expired(String),
    /// Another TLS failure: an alert, a protocol error.
    Tls(String),
    /// The proxy answered 407.
    ProxyCredentials,
    /// The proxy answered the CONNECT with another refusal (403, 502, …).
    ProxyTunnel,
}

impl Refusal {
    /// Whether retrying cannot help.
    fn is_final(&self) -> bool {
        !matches!(self, Refusal::ProxyTunnel)
    }
}

/// `e` and its causes, each I/O error's payload included (`io::Error::source` skips it, and
/// hyper-rustls wraps the rustls error two I/O errors deep).
fn causes<'a>(
    e: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(e), |&e| match e.downcast_ref::<std::io::Error>() {
        Some(io) => io.get_ref().map(|inner| inner as &(dyn StdError + 'static)),
        None => e.source(),
    })
}

/// The refusal in `e`'s chain, if any.
pub fn refusal(e: &(dyn StdError + 'static)) -> Option<Refusal> {
    use rustls::CertificateError as C;
    causes(e).find_map(|cause| {
        if let Some(tunnel) = cause.downcast_ref::<TunnelError>() {
            return match tunnel {
                TunnelError::ProxyAuthRequired => Some(Refusal::ProxyCredentials),
                TunnelError::TunnelUnsuccessful => Some(Refusal::ProxyTunnel),
                _ => None,
            };
        }
        let tls = cause.downcast_ref::<rustls::Error>()?;
        let detail = tls.to_string();
        Some(match tls {
            rustls::Error::InvalidCertificate(
                C::NotValidForName | C::NotValidForNameContext { .. },
            ) => Refusal::WrongName(detail),
            rustls::Error::InvalidCertificate(
                C::Expired
                | C::ExpiredContext { .. }
                | C::NotValidYet
                | C::NotValidYetContext { .. },
            ) => Refusal::Expired(detail),
            rustls::Error::InvalidCertificate(_) => Refusal::Untrusted(detail),
            _ => Refusal::Tls(detail),
        })
    })
}

impl Network {
    /// The error for a request to STS that got no answer, with the fix: the certificate, the proxy,
    /// or the way there. `shown` names the endpoint; `doing` (" for AssumeRole") ends the sentence.
    pub fn unreachable(
        &self,
        url: Option<&str>,
        shown: &str,
        doing: &str,
        e: &(dyn StdError + 'static),
    ) -> Error {
        let route = url.map_or(Route::Direct, |url| self.route(url));
        let proxy = match &route {
            Route::Proxy(var) => Some(*var),
            _ => None,
        };
        match (refusal(e), proxy) {
            (Some(Refusal::Untrusted(detail)), _) => Error::sts(format!(
                "cannot trust STS at {shown}{doing}: {detail}"
            ))
            .hint(HINT_UNTRUSTED_CERTIFICATE),
            (Some(Refusal::WrongName(detail)), _) => Error::sts(format!(
                "cannot trust STS at {shown}{doing}: {detail}"
            ))
            .hint("AWS_ENDPOINT_URL_STS must name a host its certificate is for; a TLS-inspecting proxy must issue certificates for the STS host"),
            (Some(Refusal::Expired(detail)), _) => Error::sts(format!(
                "cannot trust STS at {shown}{doing}: {detail}"
            ))
            .hint("check the machine's clock; if it is right, the endpoint's certificate needs renewing"),
            (Some(Refusal::Tls(detail)), _) => Error::sts(format!(
                "the TLS handshake with STS at {shown} failed{doing}: {detail}"
            ))
            .hint("something that does not speak TLS like STS is in the way: check AWS_ENDPOINT_URL_STS and the proxy"),
            (Some(Refusal::ProxyCredentials), Some(var)) => proxy_credentials_error(var),
            (Some(Refusal::ProxyTunnel), Some(var)) => Error::sts(format!(
                "the proxy {} ({}) would not open a tunnel to STS at {shown}{doing}",
                redact_url(&var.value),
                var.name
            ))
            .hint("the proxy must allow CONNECT to the STS host; if the pod reaches STS directly, add the host to NO_PROXY"),
            _ => self.no_answer(&route, shown, doing, e),
        }
    }

    /// No TLS or proxy refusal: the name did not resolve, the connection was refused or dropped.
    fn no_answer(
        &self,
        route: &Route<'_>,
        shown: &str,
        doing: &str,
        e: &(dyn StdError + 'static),
    ) -> Error {
        let cause = root_cause(e);
        match route {
            Route::Proxy(var) => Error::sts(format!(
                "cannot reach STS at {shown} through the proxy {} ({}){doing}: {cause}",
                redact_url(&var.value),
                var.name
            ))
            .hint(format!(
                "check that {} names the cluster's egress proxy and that the pod can reach it",
                var.name
            )),
            Route::Bypassed(no) => {
                let via = self.https_proxy.as_ref().or(self.http_proxy.as_ref());
                Error::sts(format!("cannot reach STS at {shown}{doing}: {cause}")).hint(format!(
                    "{} matches the STS host, so STS calls skip the proxy{}: take the host out of {} if the pod cannot reach STS directly",
                    no.name,
                    via.map(|v| format!(" {} ({})", redact_url(&v.value), v.name)).unwrap_or_default(),
                    no.name
                ))
            }
            Route::Direct if self.has_proxy() => Error::sts(format!(
                "cannot reach STS at {shown}{doing}: {cause}"
            ))
            .hint("check network access to the STS endpoint; AWS_ENDPOINT_URL_STS overrides it (AWS_ENDPOINT_URL is not used for STS)"),
            Route::Direct => Error::sts(format!("cannot reach STS at {shown}{doing}: {cause}"))
                .hint(HINT_NO_PROXY_VARIABLES),
        }
    }

    /// The error for a 407 answer to a request to `url`, if that request went through a proxy
    /// (plain `http://` requests get the proxy's answer as their own).
    pub fn proxy_refused(&self, url: &str) -> Option<Error> {
        match self.route(url) {
            Route::Proxy(var) => Some(proxy_credentials_error(var)),
            _ => None,
        }
    }
}

fn proxy_credentials_error(var: &Var) -> Error {
    let with_credentials = with_scheme(&var.value)
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .is_some_and(|authority| authority.contains('@'));
    let what = if with_credentials {
        "refused the credentials for STS"
    } else {
        "wants credentials for STS, and none are set"
    };
    Error::sts(format!(
        "the proxy {} ({}) {what} (407 Proxy Authentication Required)",
        redact_url(&var.value),
        var.name
    ))
    .hint(HINT_PROXY_CREDENTIALS.replace("{}", var.name))
}

/// Refusals no retry can change (an untrusted certificate, a failed TLS handshake, a 407 from the
/// proxy) end the call at once instead of after three attempts.
#[derive(Debug)]
pub struct FinalRefusals;

impl aws_smithy_runtime_api::client::retries::classifiers::ClassifyRetry for FinalRefusals {
    fn classify_retry(
        &self,
        ctx: &aws_smithy_runtime_api::client::interceptors::context::InterceptorContext,
    ) -> aws_smithy_runtime_api::client::retries::classifiers::RetryAction {
        use aws_smithy_runtime_api::client::retries::classifiers::RetryAction;
        let refused = ctx
            .output_or_error()
            .and_then(std::result::Result::err)
            .and_then(|e| e.as_connector_error())
            .and_then(|e| refusal(e))
            .is_some_and(|r| r.is_final());
        if refused {
            RetryAction::RetryForbidden
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "FinalRefusals"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn network(pairs: &[(&str, &str)]) -> Network {
        let map: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let endpoint = StsEndpoint {
            env_url: None,
            ignore_configured: false,
            config_file: None,
            profile: "default".to_owned(),
        };
        Network::from_env(&|name| map.get(name).cloned(), &endpoint)
    }

    fn route(n: &Network, url: &str) -> String {
        match n.route(url) {
            Route::Proxy(var) => format!("{var:?}"),
            Route::Bypassed(var) => format!("bypassed by {}", var.name),
            Route::Direct => "direct".to_owned(),
        }
    }

    #[test]
    fn the_proxy_for_a_url_follows_its_scheme_lower_case_first_and_all_proxy_last() {
        let sts = "https://sts.us-east-1.amazonaws.com";
        let local = "http://127.0.0.1:5000";
        let n = network(&[]);
        assert_eq!(
            (route(&n, sts), n.has_proxy()),
            ("direct".to_owned(), false)
        );
        let n = network(&[("HTTPS_PROXY", "http://u:secret@proxy.test:3128")]);
        assert_eq!(route(&n, sts), "HTTPS_PROXY=http://proxy.test:3128");
        assert_eq!(route(&n, local), "direct");
        let n = network(&[
            ("HTTPS_PROXY", "http://a.test:1"),
            ("https_proxy", "b.test:2"),
        ]);
        assert_eq!(route(&n, sts), "https_proxy=b.test:2");
        let n = network(&[
            ("ALL_PROXY", "http://all.test:1"),
            ("HTTP_PROXY", "http://h.test:1"),
        ]);
        assert_eq!(route(&n, sts), "ALL_PROXY=http://all.test:1");
        assert_eq!(route(&n, local), "HTTP_PROXY=http://h.test:1");
    }

    #[test]
    fn no_proxy_takes_suffixes_ips_cidrs_and_a_star() {
        let proxied = |no: &str, url: &str| {
            let n = network(&[("HTTPS_PROXY", "http://proxy.test:3128"), ("NO_PROXY", no)]);
            matches!(n.route(url), Route::Proxy(_))
        };
        let sts = "https://sts.us-east-1.amazonaws.com";
        assert!(proxied("", sts));
        assert!(proxied("amazonaws.com.cn,.svc", sts));
        assert!(!proxied(".amazonaws.com", sts));
        assert!(!proxied("amazonaws.com", sts));
        assert!(!proxied("sts.us-east-1.amazonaws.com", sts));
        assert!(!proxied("*", sts));
        assert!(!proxied("10.0.0.0/8", "https://10.1.2.3:443"));
        assert!(proxied("10.0.0.0/8", "https://11.1.2.3:443"));
        assert!(!proxied("192.0.2.7", "https://192.0.2.7"));
        let n = network(&[
            ("https_proxy", "http://p.test:1"),
            ("no_proxy", "x.test"),
            ("NO_PROXY", "*"),
        ]);
        assert_eq!(route(&n, "https://y.test"), "https_proxy=http://p.test:1");
        assert_eq!(route(&n, "https://x.test"), "bypassed by no_proxy");
    }

    #[test]
    fn a_proxy_url_that_cannot_work_is_a_configuration_error_that_hides_the_password() {
        let e = network(&[("HTTPS_PROXY", "socks5://u:pw@proxy.test:1080")])
            .check_proxy("https://sts.test")
            .unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert_eq!(
            e.what(),
            "HTTPS_PROXY (socks5://proxy.test:1080) is not a usable proxy URL: STS calls go through http:// or https:// proxies, not socks5://"
        );
        let e = network(&[("HTTPS_PROXY", "http://u:pw@")])
            .check_proxy("https://sts.test")
            .unwrap_err();
        assert!(!e.to_string().contains("pw"), "{e}");
        for ok in [
            "proxy.test:3128",
            "http://u:p%40ss@proxy.test:3128",
            "https://proxy.test",
        ] {
            network(&[("HTTPS_PROXY", ok)])
                .check_proxy("https://sts.test")
                .unwrap();
        }
        // Not the scheme of this endpoint: not used, not checked.
        network(&[("HTTP_PROXY", "socks5://proxy.test")])
            .check_proxy("https://sts.test")
            .unwrap();
        let n = network(&[("HTTPS_PROXY", "http://u:pw@proxy.test:3128")]);
        let debug = format!("{n:?} {:?}", n.transport("https://sts.test").unwrap());
        assert!(!debug.contains("pw"), "{debug}");
    }

    fn ca_pem() -> String {
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params
            .self_signed(&rcgen::KeyPair::generate().unwrap())
            .unwrap()
            .pem()
    }

    #[test]
    fn ca_bundles_are_read_from_aws_ca_bundle_then_the_profile_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_owned()
        };
        let good = write("ca.pem", &format!("# corp\n{}\n{}", ca_pem(), ca_pem()));
        let n = network(&[("AWS_CA_BUNDLE", &good)]);
        let bundle = n.bundle().unwrap().unwrap();
        assert_eq!((bundle.origin.as_str(), bundle.count), ("AWS_CA_BUNDLE", 2));
        assert!(n.transport("https://sts.test").is_ok());
        assert_eq!(
            network(&[("SSL_CERT_FILE", &good)])
                .trust_summary()
                .unwrap(),
            format!("SSL_CERT_FILE {good}")
        );

        let config = write("config", &format!("[profile x]\nca_bundle = {good}\n"));
        let mut n = network(&[]);
        n.config = Some((PathBuf::from(&config), "x".to_owned()));
        assert_eq!(
            n.trust_summary().unwrap(),
            format!(
                "the system store + ca_bundle of profile x in {config} {good} (2 certificates)"
            )
        );
    }

    #[test]
    fn a_missing_or_non_pem_bundle_is_a_configuration_error_naming_its_setting() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_owned()
        };
        let missing = dir.path().join("nope.pem");
        let not_pem = write("not.pem", "just text\n");
        let bad_pem = write(
            "bad.pem",
            "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
        );
        let key_only = write(
            "key.pem",
            &rcgen::KeyPair::generate().unwrap().serialize_pem(),
        );
        let (m, d) = (missing.to_str().unwrap(), dir.path().to_str().unwrap());
        let cases = [
            (
                "AWS_CA_BUNDLE",
                m,
                format!("names {m}, which does not exist"),
            ),
            (
                "AWS_CA_BUNDLE",
                d,
                format!("names {d}, which is not a file"),
            ),
            (
                "AWS_CA_BUNDLE",
                &not_pem,
                format!("{not_pem} holds no PEM CA certificate"),
            ),
            (
                "AWS_CA_BUNDLE",
                &key_only,
                format!("{key_only} holds no PEM CA certificate"),
            ),
            (
                "SSL_CERT_FILE",
                &bad_pem,
                format!("{bad_pem} is not a PEM bundle: "),
            ),
        ];
        for (var, path, what) in cases {
            let e = network(&[(var, path)])
                .transport("https://sts.test")
                .unwrap_err();
            assert_eq!(e.exit_code(), 2, "{e}");
            assert!(e.what().starts_with(&format!("{var} {what}")), "{e}");
            assert!(
                e.hint_text()
                    .unwrap()
                    .starts_with(&format!("point {var} at a PEM file")),
                "{e}"
            );
        }
    }

    #[test]
    fn refusals_are_found_deep_in_the_chain_and_only_tunnel_refusals_may_be_retried() {
        let untrusted = std::io::Error::other(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        ));
        let found = refusal(&untrusted).unwrap();
        assert_eq!(
            found,
            Refusal::Untrusted("invalid peer certificate: UnknownIssuer".to_owned())
        );
        assert!(found.is_final());
        assert!(!Refusal::ProxyTunnel.is_final());
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(refusal(&refused), None);
    }
}
