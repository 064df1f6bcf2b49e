//! Reads the claims of a Kubernetes service-account token (a JWT) without verifying it. We only use
//! the claims to choose which pod to ask the API server about; the API server verifies the token.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

/// The claims we use, as the kubelet's bound tokens carry them.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
pub struct Claims {
    #[serde(default)]
    pub sub: Option<String>,
    #[serde(default)]
    pub aud: Audience,
    #[serde(default)]
    pub exp: Option<i64>,
    #[serde(default)]
    pub iss: Option<String>,
    #[serde(default, rename = "kubernetes.io")]
    pub kubernetes: Option<KubernetesClaims>,
}

/// `aud` is a string or a list of strings.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
pub struct KubernetesClaims {
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub pod: Option<ObjectRef>,
    #[serde(default)]
    pub serviceaccount: Option<ObjectRef>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
pub struct ObjectRef {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub uid: Option<String>,
}

/// Why a token's claims could not be read; never contains the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimsError(pub &'static str);

/// Decode the payload (second part) of a compact JWT.
pub fn claims(token: &str) -> Result<Claims, ClaimsError> {
    let mut parts = token.trim().split('.');
    let (Some(_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ClaimsError(
            "not a JWT (expected three dot-separated parts)",
        ));
    };
    let json = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| ClaimsError("the JWT payload is not base64url"))?;
    serde_json::from_slice(&json)
        .map_err(|_| ClaimsError("the JWT payload is not a JSON claims object"))
}

impl Claims {
    pub fn pod_name(&self) -> Option<&str> {
        self.kubernetes.as_ref()?.pod.as_ref()?.name.as_deref()
    }

    pub fn pod_uid(&self) -> Option<&str> {
        self.kubernetes.as_ref()?.pod.as_ref()?.uid.as_deref()
    }

    pub fn serviceaccount_name(&self) -> Option<&str> {
        self.kubernetes
            .as_ref()?
            .serviceaccount
            .as_ref()?
            .name
            .as_deref()
    }

    pub fn namespace(&self) -> Option<&str> {
        self.kubernetes.as_ref()?.namespace.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(payload: &str) -> String {
        format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.c2ln",
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn reads_the_bound_token_claims() {
        let c = claims(&token(
            r#"{"aud":["https://kubernetes.default.svc"],"sub":"system:serviceaccount:ns:sa",
               "kubernetes.io":{"namespace":"ns","pod":{"name":"wb-0","uid":"u-1"}}}"#,
        ))
        .unwrap();
        assert_eq!(c.pod_name(), Some("wb-0"));
        assert_eq!(c.pod_uid(), Some("u-1"));
        assert_eq!(c.namespace(), Some("ns"));
        assert_eq!(
            c.aud,
            Audience::Many(vec!["https://kubernetes.default.svc".into()])
        );
    }

    #[test]
    fn a_legacy_token_without_pod_claims_reads_as_none() {
        let c = claims(&token(r#"{"sub":"system:serviceaccount:ns:sa","aud":"x"}"#)).unwrap();
        assert_eq!(c.pod_name(), None);
        assert_eq!(c.aud, Audience::One("x".into()));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bad in [
            "",
            "a.b",
            "a.b.c.d",
            "a.!!!.c",
            &token("[1,2]"),
            &token("not json"),
        ] {
            assert!(claims(bad).is_err(), "{bad}");
        }
    }
}
