//! IAM through aws-sdk-iam: the Base roles under the Base path, read and changed.
//!
//! Credentials come from aws-config's default chain, built with no optional feature: environment
//! keys (`AWS_ACCESS_KEY_ID`, …), the shared config and credentials files (`AWS_PROFILE`, static keys,
//! `role_arn` + `source_profile`, `web_identity_token_file`), web identity from the environment
//! (`AWS_ROLE_ARN` + `AWS_WEB_IDENTITY_TOKEN_FILE`: the CronJob's IRSA), then the ECS and EC2
//! instance-metadata providers. A profile's `credential_process` or `sso_session` is not supported
//! (those need aws-config's `credentials-process` and `sso` features): export the credentials
//! first (`eval "$(aws configure export-credentials --format env)"`). The endpoint is the SDK's own
//! (`AWS_ENDPOINT_URL_IAM`, `AWS_ENDPOINT_URL`, the config file's `services`); throttling and
//! transient errors are retried by the SDK's standard retry mode, with backoff. The HTTP client is
//! the STS calls' (`network`): the environment's proxy and CA bundle.

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_sdk_iam::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_iam::types::{Role, Tag};
use serde_json::Value;

use crate::env::EnvLookup;
use crate::error::{Error, Kind, Result};
use crate::network::Network;
use crate::settings::StsEndpoint;

/// Attempts per IAM call: IAM throttles at a few requests a second per account, and a sync of a
/// thousand projects makes thousands of calls.
const MAX_ATTEMPTS: u32 = 10;

/// The tag key the hardened Target trust compares with the session tag.
pub const OWNER_TAG: &str = "user";

pub struct Iam {
    client: aws_sdk_iam::Client,
}

/// A role under the Base path as `ListRoles` shows it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub name: String,
    pub arn: String,
    pub trust: Option<Value>,
}

/// What `GetRole` and `GetRolePolicy` add.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    pub owner: Option<String>,
    pub boundary: Option<String>,
    pub policy: Option<Value>,
}

/// An IAM refusal or failure, one line: `AccessDenied: …`.
pub fn describe<E: ProvideErrorMetadata + std::error::Error + 'static>(e: &SdkError<E>) -> String {
    match e {
        SdkError::ServiceError(service) => {
            let err = service.err();
            format!(
                "{}: {}",
                err.code().unwrap_or("error"),
                err.message().unwrap_or("no message")
            )
        }
        other => DisplayErrorContext(other).to_string(),
    }
}

fn failed<E: ProvideErrorMetadata + std::error::Error + 'static>(
    what: &str,
    e: &SdkError<E>,
) -> Error {
    Error::new(Kind::Sts, format!("{what}: {}", describe(e)))
        .hint("check the credentials (aws sts get-caller-identity) and that their policy is packaging/iam/sync-permissions.json or wider")
}

/// A policy document as IAM returns it: URL-encoded JSON (real IAM) or plain JSON (some emulators).
pub fn document(text: &str) -> Option<Value> {
    serde_json::from_str(text)
        .ok()
        .or_else(|| serde_json::from_str(&percent_decode(text)).ok())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Iam {
    pub async fn connect(env: EnvLookup<'_>) -> Result<Iam> {
        let endpoint = StsEndpoint {
            env_url: None,
            ignore_configured: false,
            config_file: None,
            profile: "default".into(),
        };
        let url = env("AWS_ENDPOINT_URL_IAM")
            .or_else(|| env("AWS_ENDPOINT_URL"))
            .unwrap_or_else(|| "https://iam.amazonaws.com".into());
        let transport = Network::from_env(env, &endpoint).transport(&url)?;
        // The loader's own chains (region, credentials) get this HTTP client too.
        let config = aws_config::defaults(BehaviorVersion::latest())
            .http_client(transport.shared())
            .retry_config(RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS))
            .load()
            .await;
        let mut iam = aws_sdk_iam::config::Builder::from(&config);
        if config.region().is_none() {
            // IAM is global: any region reaches it.
            iam.set_region(Some(aws_sdk_iam::config::Region::new("us-east-1")));
        }
        Ok(Iam {
            client: aws_sdk_iam::Client::from_conf(iam.build()),
        })
    }

    /// Every role under `path` (`/oc-role-assume/`), through every page of `ListRoles`.
    pub async fn list(&self, path: &str) -> Result<Vec<Listed>> {
        let mut pages = self
            .client
            .list_roles()
            .path_prefix(path)
            .into_paginator()
            .items()
            .send();
        let mut roles = Vec::new();
        while let Some(role) = pages.next().await {
            let role: Role = role.map_err(|e| failed(&format!("ListRoles under {path}"), &e))?;
            // PathPrefix also matches `/oc-role-assume/x/`: only the roles directly under the path
            // are the sync's.
            if role.path() != path {
                continue;
            }
            roles.push(Listed {
                name: role.role_name().to_owned(),
                arn: role.arn().to_owned(),
                trust: role.assume_role_policy_document().and_then(document),
            });
        }
        Ok(roles)
    }

    /// The owner tag, the boundary and the inline policy of one role.
    pub async fn details(
        &self,
        role: &str,
        policy_name: &str,
    ) -> std::result::Result<Details, String> {
        let got = self
            .client
            .get_role()
            .role_name(role)
            .send()
            .await
            .map_err(|e| format!("GetRole: {}", describe(&e)))?;
        let role_data = got.role();
        let owner = role_data.and_then(|r| {
            r.tags()
                .iter()
                .find(|t| t.key() == OWNER_TAG)
                .map(|t| t.value().to_owned())
        });
        let boundary = role_data
            .and_then(Role::permissions_boundary)
            .and_then(|b| b.permissions_boundary_arn().map(str::to_owned));
        let policy = match self
            .client
            .get_role_policy()
            .role_name(role)
            .policy_name(policy_name)
            .send()
            .await
        {
            Ok(out) => document(out.policy_document()),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_no_such_entity_exception()) =>
            {
                None
            }
            Err(e) => return Err(format!("GetRolePolicy: {}", describe(&e))),
        };
        Ok(Details {
            owner,
            boundary,
            policy,
        })
    }

    fn owner_tag(owner: &str) -> std::result::Result<Tag, String> {
        Tag::builder()
            .key(OWNER_TAG)
            .value(owner)
            .build()
            .map_err(|e| format!("cannot build the tag: {e}"))
    }

    pub async fn create(
        &self,
        path: &str,
        role: &str,
        trust: &Value,
        owner: &str,
        boundary: Option<&str>,
    ) -> std::result::Result<(), String> {
        self.client
            .create_role()
            .path(path)
            .role_name(role)
            .assume_role_policy_document(trust.to_string())
            .tags(Self::owner_tag(owner)?)
            .set_permissions_boundary(boundary.map(str::to_owned))
            .send()
            .await
            .map(|_| ())
            .map_err(|e| format!("CreateRole: {}", describe(&e)))
    }

    pub async fn update_trust(&self, role: &str, trust: &Value) -> std::result::Result<(), String> {
        self.client
            .update_assume_role_policy()
            .role_name(role)
            .policy_document(trust.to_string())
            .send()
            .await
            .map(|_| ())
            .map_err(|e| format!("UpdateAssumeRolePolicy: {}", describe(&e)))
    }

    pub async fn tag_owner(&self, role: &str, owner: &str) -> std::result::Result<(), String> {
        self.client
            .tag_role()
            .role_name(role)
            .tags(Self::owner_tag(owner)?)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| format!("TagRole: {}", describe(&e)))
    }

    pub async fn put_policy(
        &self,
        role: &str,
        name: &str,
        policy: &Value,
    ) -> std::result::Result<(), String> {
        self.client
            .put_role_policy()
            .role_name(role)
            .policy_name(name)
            .policy_document(policy.to_string())
            .send()
            .await
            .map(|_| ())
            .map_err(|e| format!("PutRolePolicy: {}", describe(&e)))
    }

    pub async fn set_boundary(&self, role: &str, arn: &str) -> std::result::Result<(), String> {
        self.client
            .put_role_permissions_boundary()
            .role_name(role)
            .permissions_boundary(arn)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| format!("PutRolePermissionsBoundary: {}", describe(&e)))
    }

    /// Delete a role and its inline policies; a role with a managed policy attached is left alone
    /// (someone else attached it).
    pub async fn delete(&self, role: &str) -> std::result::Result<(), String> {
        let attached = self
            .client
            .list_attached_role_policies()
            .role_name(role)
            .send()
            .await
            .map_err(|e| format!("ListAttachedRolePolicies: {}", describe(&e)))?;
        if let Some(p) = attached.attached_policies().first() {
            return Err(format!(
                "it has the managed policy {} attached, which the sync never attaches: detach it first",
                p.policy_name().unwrap_or("?")
            ));
        }
        let inline = self
            .client
            .list_role_policies()
            .role_name(role)
            .send()
            .await
            .map_err(|e| format!("ListRolePolicies: {}", describe(&e)))?;
        for name in inline.policy_names() {
            self.client
                .delete_role_policy()
                .role_name(role)
                .policy_name(name)
                .send()
                .await
                .map_err(|e| format!("DeleteRolePolicy {name}: {}", describe(&e)))?;
        }
        self.client
            .delete_role()
            .role_name(role)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| format!("DeleteRole: {}", describe(&e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_read_encoded_or_not() {
        let plain = r#"{"Version":"2012-10-17","Statement":[]}"#;
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        assert_eq!(document(plain), document(encoded));
        assert!(document(plain).is_some());
        assert!(document("%7Bnot json").is_none());
    }
}
