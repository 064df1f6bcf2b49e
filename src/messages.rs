//! The one home for what the helper says on stderr besides its final error: warnings, and the hints
//! that more than one module gives. Writing to stderr is best-effort: a closed or broken stderr must
//! never cost the caller its credentials.

use std::fmt::Display;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Print `oc-role-assume: warning: <what>` on stderr; a failed write is ignored.
pub fn warn(what: impl Display) {
    if QUIET.load(Ordering::Relaxed) {
        WARNED.store(true, Ordering::Relaxed);
        return;
    }
    let _ = writeln!(std::io::stderr(), "oc-role-assume: warning: {what}");
}

static QUIET: AtomicBool = AtomicBool::new(false);
static WARNED: AtomicBool = AtomicBool::new(false);

/// Run `f` with warnings held back instead of printed; returns what it gave and whether it would
/// have warned (the hit path then leaves the call to the full path, which warns once).
pub fn quietly<T>(f: impl FnOnce() -> T) -> (T, bool) {
    QUIET.store(true, Ordering::Relaxed);
    WARNED.store(false, Ordering::Relaxed);
    let out = f();
    QUIET.store(false, Ordering::Relaxed);
    (out, WARNED.swap(false, Ordering::Relaxed))
}

/// STS did not answer, or not in time.
pub const HINT_STS_UNREACHABLE: &str =
    "check that the pod can reach the STS endpoint (egress, proxy), or raise --timeout";

/// The STS endpoint answered with something that is not STS.
pub const HINT_NOT_STS: &str = "check that AWS_ENDPOINT_URL_STS (or the AWS config's services block for sts) points at STS, not at a proxy or another service";

/// A CA bundle setting (`{}`: which one) names no usable file.
pub const HINT_CA_BUNDLE: &str = "point {} at a PEM file of the CA certificates to trust (on OpenShift AI the cluster's trusted bundle is mounted at /etc/pki/tls/custom-certs/ca-bundle.crt), or unset it";

/// STS (or what stands in its place) sent a certificate the trust roots do not vouch for.
pub const HINT_UNTRUSTED_CERTIFICATE: &str = "if a corporate CA signed it (a TLS-inspecting proxy, a private endpoint), trust that CA: point SSL_CERT_FILE or AWS_CA_BUNDLE at a PEM bundle that holds it (on OpenShift AI the cluster's trusted bundle is mounted at /etc/pki/tls/custom-certs/ca-bundle.crt)";

/// The proxy answered 407 (`{}`: the variable naming it).
pub const HINT_PROXY_CREDENTIALS: &str = "put the proxy's user and password in {} as http://user:password@host:port (percent-encode @, : and % in them)";

/// STS unreachable directly, and no proxy variable set.
pub const HINT_NO_PROXY_VARIABLES: &str = "no proxy variable is set: if the cluster's egress goes through a proxy, set HTTPS_PROXY and NO_PROXY (an admin can inject them into every workbench with the notebook controller's INJECT_CLUSTER_PROXY_ENV); AWS_ENDPOINT_URL_STS overrides the endpoint (AWS_ENDPOINT_URL is not used for STS)";

/// The projected token has the wrong audience or is not the projected token at all.
pub const HINT_PROJECT_TOKEN: &str =
    "point --web-identity-token-file at the projected service-account token";

/// The trap that breaks most setups, in one line.
pub const SHADOWING: &str = "AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE are exported, so botocore, the AWS CLI and the \
     Java SDK take the untagged Base role before the profile's credential_process and never run the helper; \
     inject OC_ROLE_ASSUME_BASE_ROLE_ARN / OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE instead, or run the workbench \
     under `oc-role-assume exec --server`";

/// Lower-case hex of `bytes`: cache keys, endpoint tokens, name hashes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            s.push(char::from(DIGITS[usize::from(b >> 4)]));
            s.push(char::from(DIGITS[usize::from(b & 0xf)]));
            s
        })
}

/// `url` without any `user:password@` part, for messages: botocore copies our stderr into its
/// exceptions, and those end up in notebooks and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    match authority.rfind('@') {
        Some(at) => format!("{scheme}://{}{tail}", &authority[at + 1..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_user_info_and_nothing_else() {
        assert_eq!(
            redact_url("http://user:pass@host:9/p?q#f"),
            "http://host:9/p?q#f"
        );
        assert_eq!(redact_url("https://a@b@host/x@y"), "https://host/x@y");
        assert_eq!(redact_url("https://host/x@y"), "https://host/x@y");
        assert_eq!(redact_url("not a url"), "not a url");
        assert_eq!(hex(&[0, 255, 16]), "00ff10");
    }
}
