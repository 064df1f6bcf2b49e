//! The sync's settings: flags and environment over the optional JSON config file, each value checked
//! by the rule `packaging/README.md` gives its placeholder (the same rules as `tests/iam/fill.mjs`),
//! so nothing that would change what a policy matches ever reaches a template.

use std::path::Path;

use crate::admin::cli::SyncArgs;
use crate::error::{Error, Result, shown};
use crate::files;

const DEFAULT_BASE_ROLE_PATH: &str = "oc-role-assume/";
const DEFAULT_CONCURRENCY: usize = 8;
const MAX_CONCURRENCY: usize = 64;
const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Everything the sync needs besides the cluster's own answers, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub account_id: String,
    /// Without its leading `/`, ending in `/`: `oc-role-assume/`.
    pub base_role_path: String,
    pub target_role_name: String,
    /// `None`: ask the cluster's `Authentication` object.
    pub oidc_provider: Option<String>,
    pub permissions_boundary: Option<String>,
    /// Empty: every namespace labelled `opendatahub.io/dashboard=true`.
    pub namespaces: Vec<String>,
    pub rbac: bool,
    pub token_policy_required: bool,
    pub prune: bool,
    pub concurrency: usize,
    pub json: bool,
}

impl Inputs {
    /// The IAM path as IAM writes it: `/oc-role-assume/`.
    pub fn iam_path(&self) -> String {
        format!("/{}", self.base_role_path)
    }

    pub fn boundary_arn(&self) -> Option<String> {
        self.permissions_boundary
            .as_ref()
            .map(|name| format!("arn:aws:iam::{}:policy/{name}", self.account_id))
    }
}

/// IAM's name characters: `[A-Za-z0-9+=,.@_-]`.
fn iam_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "+=,.@_-".contains(c)
}

fn iam_name(value: &str, max: usize) -> bool {
    (1..=max).contains(&value.len()) && value.chars().all(iam_char)
}

/// `<BASE_ROLE_PATH>`: segments of IAM name characters, each ending in `/`, no leading `/`.
pub fn check_base_role_path(value: &str) -> std::result::Result<(), String> {
    let ok = value.ends_with('/')
        && value.len() <= 511
        && value
            .trim_end_matches('/')
            .split('/')
            .all(|segment| iam_name(segment, 512))
        && !value.contains("//");
    if ok {
        Ok(())
    } else {
        Err(format!(
            "--base-role-path {} is not an IAM path without its leading \"/\" and ending in \"/\" (e.g. oc-role-assume/)",
            shown(value)
        ))
    }
}

/// A Kubernetes namespace name: a DNS-1123 label.
pub fn is_dns_label(value: &str) -> bool {
    let bytes = value.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// `<OIDC_PROVIDER>`: a host name, then optional `/`-separated path segments; no scheme, no
/// trailing `/`.
pub fn check_oidc_provider(value: &str) -> std::result::Result<(), String> {
    let mut parts = value.split('/');
    let host = parts.next().unwrap_or_default();
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && host.as_bytes()[0].is_ascii_alphanumeric()
        && host.as_bytes()[host.len() - 1].is_ascii_alphanumeric();
    let path_ok = parts.all(|segment| {
        !segment.is_empty()
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._~-".contains(&b))
    });
    if host_ok && path_ok {
        Ok(())
    } else {
        Err(format!(
            "the OIDC provider {} is not an issuer without https:// and without a trailing \"/\"",
            shown(value)
        ))
    }
}

/// The issuer URL of the cluster as IAM names its provider: without `https://`, without a trailing
/// `/`, checked.
pub fn provider_of_issuer(issuer: &str) -> std::result::Result<String, String> {
    let Some(rest) = issuer.strip_prefix("https://") else {
        return Err(format!(
            "the cluster's service-account issuer {} is not an https:// URL",
            shown(issuer)
        ));
    };
    let provider = rest.trim_end_matches('/').to_owned();
    check_oidc_provider(&provider)?;
    Ok(provider)
}

/// The config file's values by long flag name; an unknown key is an error (a typo must not be
/// silently a default).
fn config_file(path: &Path) -> Result<serde_json::Map<String, serde_json::Value>> {
    let bad = |why: String| {
        Error::config(format!("--config {}: {why}", path.display())).hint(
            "a JSON object keyed by the long flag names, e.g. {\"account-id\": \"123456789012\"}",
        )
    };
    let bytes = files::read_regular(path, MAX_CONFIG_BYTES).map_err(|e| bad(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| bad(format!("not JSON: {e}")))?;
    let serde_json::Value::Object(map) = value else {
        return Err(bad("not a JSON object".into()));
    };
    const KEYS: [&str; 10] = [
        "account-id",
        "base-role-path",
        "target-role-name",
        "oidc-provider",
        "permissions-boundary",
        "namespace",
        "no-rbac",
        "no-token-policy",
        "prune",
        "concurrency",
    ];
    if let Some(key) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(bad(format!("unknown key {}", shown(key))));
    }
    Ok(map)
}

/// Flags and environment over the config file, then every value checked.
pub fn resolve(args: &SyncArgs) -> Result<Inputs> {
    let file = match &args.config {
        Some(path) => config_file(path)?,
        None => serde_json::Map::new(),
    };
    let text = |flag: &Option<String>, key: &str| -> Option<String> {
        flag.clone()
            .or_else(|| file.get(key).and_then(|v| v.as_str()).map(str::to_owned))
    };
    let switch = |flag: bool, key: &str| {
        flag || file.get(key).and_then(serde_json::Value::as_bool) == Some(true)
    };
    let required = |value: Option<String>, flag: &str, env: &str| {
        value.ok_or_else(|| {
            Error::config(format!("--{flag} is not set")).hint(format!(
                "pass --{flag}, set {env}, or put \"{flag}\" in the --config file"
            ))
        })
    };
    let account_id = required(
        text(&args.account_id, "account-id"),
        "account-id",
        "OC_ROLE_ASSUME_SYNC_ACCOUNT_ID",
    )?;
    let target_role_name = required(
        text(&args.target_role_name, "target-role-name"),
        "target-role-name",
        "OC_ROLE_ASSUME_SYNC_TARGET_ROLE_NAME",
    )?;
    let mut namespaces = args.namespaces.clone();
    if namespaces.is_empty()
        && let Some(list) = file.get("namespace").and_then(|v| v.as_array())
    {
        namespaces = list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
    }
    let concurrency = args
        .concurrency
        .or_else(|| {
            file.get("concurrency")
                .and_then(serde_json::Value::as_u64)
                .and_then(|n| usize::try_from(n).ok())
        })
        .unwrap_or(DEFAULT_CONCURRENCY);
    let inputs = Inputs {
        account_id,
        base_role_path: text(&args.base_role_path, "base-role-path")
            .unwrap_or_else(|| DEFAULT_BASE_ROLE_PATH.to_owned()),
        target_role_name,
        oidc_provider: text(&args.oidc_provider, "oidc-provider"),
        permissions_boundary: text(&args.permissions_boundary, "permissions-boundary"),
        namespaces,
        rbac: !switch(args.no_rbac, "no-rbac"),
        token_policy_required: !switch(args.no_token_policy, "no-token-policy"),
        prune: switch(args.prune, "prune"),
        concurrency,
        json: args.json,
    };
    check(&inputs)?;
    Ok(inputs)
}

fn check(inputs: &Inputs) -> Result<()> {
    let config = |what: String, hint: &str| Err(Error::config(what).hint(hint.to_owned()));
    if inputs.account_id.len() != 12 || !inputs.account_id.bytes().all(|b| b.is_ascii_digit()) {
        return config(
            format!(
                "--account-id {} is not an AWS account id",
                shown(&inputs.account_id)
            ),
            "an account id is 12 digits: aws sts get-caller-identity --query Account",
        );
    }
    if let Err(why) = check_base_role_path(&inputs.base_role_path) {
        return config(
            why,
            "without the trailing /, role/<path>* would also match role/<path>-evil/…",
        );
    }
    if !iam_name(&inputs.target_role_name, 64) {
        return config(
            format!(
                "--target-role-name {} is not an IAM role name",
                shown(&inputs.target_role_name)
            ),
            "the Target role's name without its path: 1 to 64 of A-Z a-z 0-9 +=,.@_-",
        );
    }
    if let Some(provider) = &inputs.oidc_provider
        && let Err(why) = check_oidc_provider(provider)
    {
        return config(
            why,
            "as registered in IAM: oc get authentication cluster -o jsonpath='{.spec.serviceAccountIssuer}' without https://",
        );
    }
    if let Some(name) = &inputs.permissions_boundary
        && !iam_name(name, 128)
    {
        return config(
            format!(
                "--permissions-boundary {} is not an IAM policy name",
                shown(name)
            ),
            "the name of the managed policy made from packaging/iam/base-boundary.json",
        );
    }
    if let Some(ns) = inputs.namespaces.iter().find(|ns| !is_dns_label(ns)) {
        return config(
            format!("--namespace {} is not a namespace name", shown(ns)),
            "a namespace is a DNS-1123 label: lower-case letters, digits and -, at most 63",
        );
    }
    if !(1..=MAX_CONCURRENCY).contains(&inputs.concurrency) {
        return config(
            format!("--concurrency {} is out of range", inputs.concurrency),
            "use 1 to 64",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_role_paths_must_end_in_a_slash() {
        for ok in ["oc-role-assume/", "a/b/", "x.y@z/"] {
            assert!(check_base_role_path(ok).is_ok(), "{ok}");
        }
        for bad in [
            "oc-role-assume",
            "/oc-role-assume/",
            "a//b/",
            "",
            "/",
            "a b/",
            "a/*/",
        ] {
            assert!(check_base_role_path(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn namespaces_are_dns_labels() {
        assert!(is_dns_label("fraud-detection"));
        assert!(is_dns_label(&"a".repeat(63)));
        for bad in ["", "-a", "a-", "A", "a.b", "a_b", &"a".repeat(64)] {
            assert!(!is_dns_label(bad), "{bad:?}");
        }
    }

    #[test]
    fn issuers_become_providers() {
        assert_eq!(
            provider_of_issuer("https://rh-oidc.s3.us-east-1.amazonaws.com/27b1d5/").unwrap(),
            "rh-oidc.s3.us-east-1.amazonaws.com/27b1d5"
        );
        for bad in [
            "http://x.example",
            "https://",
            "https://Example.com",
            "https://x.example//a",
            "rh-oidc.example",
        ] {
            assert!(provider_of_issuer(bad).is_err(), "{bad}");
        }
    }
}
