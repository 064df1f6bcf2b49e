//! The shipped IAM templates (`packaging/iam/base-trust.json`, `base-permissions.json`), compiled in
//! and filled here, by the code that validated every value: never by sed, never with a value the
//! placeholder's rule refuses. A fill that leaves a placeholder or does not parse is a bug, reported.

use serde_json::Value;

use crate::admin::inputs::{Inputs, check_base_role_path, check_oidc_provider, is_dns_label};
use crate::error::{Error, Result, shown};

const BASE_TRUST: &str = include_str!("../../packaging/iam/base-trust.json");
const BASE_PERMISSIONS: &str = include_str!("../../packaging/iam/base-permissions.json");

/// The name of the inline policy each Base role carries (`base-permissions.json`).
pub const POLICY_NAME: &str = "chain-to-target";

/// One placeholder's value, already checked by its rule.
struct Slot<'a>(&'static str, &'a str);

fn fill(template: &str, values: &[Slot<'_>]) -> Result<Value> {
    let mut text = template.to_owned();
    for Slot(name, value) in values {
        text = text.replace(&format!("<{name}>"), value);
    }
    if let Some(start) = text.find('<') {
        let rest: String = text[start..].chars().take(40).collect();
        return Err(Error::internal(format!(
            "a template kept a placeholder after the fill: {}",
            shown(&rest)
        )));
    }
    serde_json::from_str(&text)
        .map_err(|e| Error::internal(format!("a filled template is not JSON: {e}")))
}

/// The trust of `namespace`'s Base role: its ServiceAccounts through the cluster's OIDC provider.
pub fn base_trust(inputs: &Inputs, provider: &str, namespace: &str) -> Result<Value> {
    check_oidc_provider(provider).map_err(Error::config)?;
    if !is_dns_label(namespace) {
        return Err(Error::config(format!(
            "{} is not a namespace name",
            shown(namespace)
        )));
    }
    fill(
        BASE_TRUST,
        &[
            Slot("ACCOUNT_ID", &inputs.account_id),
            Slot("OIDC_PROVIDER", provider),
            Slot("NAMESPACE", namespace),
        ],
    )
}

/// The Base role's inline policy: chain into the Target role only.
pub fn base_permissions(inputs: &Inputs) -> Result<Value> {
    check_base_role_path(&inputs.base_role_path).map_err(Error::config)?;
    fill(
        BASE_PERMISSIONS,
        &[
            Slot("ACCOUNT_ID", &inputs.account_id),
            Slot("TARGET_ROLE_NAME", &inputs.target_role_name),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> Inputs {
        Inputs {
            account_id: "123456789012".into(),
            base_role_path: "oc-role-assume/".into(),
            target_role_name: "DataScienceTargetRole".into(),
            oidc_provider: None,
            permissions_boundary: None,
            namespaces: vec![],
            rbac: true,
            token_policy_required: true,
            prune: false,
            concurrency: 8,
            json: false,
        }
    }

    #[test]
    fn the_trust_names_the_project_and_the_provider() {
        let trust = base_trust(&inputs(), "oidc.example.test/c1", "fraud-detection").unwrap();
        let statement = &trust["Statement"][0];
        assert_eq!(
            statement["Principal"]["Federated"],
            "arn:aws:iam::123456789012:oidc-provider/oidc.example.test/c1"
        );
        assert_eq!(
            statement["Condition"]["StringLike"]["oidc.example.test/c1:sub"],
            "system:serviceaccount:fraud-detection:*"
        );
    }

    #[test]
    fn bad_values_never_reach_a_template() {
        assert!(base_trust(&inputs(), "oidc.example.test/c1", "Fraud").is_err());
        assert!(base_trust(&inputs(), "oidc.example.test/c1", "a:*").is_err());
        assert!(base_trust(&inputs(), "https://oidc.example.test", "a").is_err());
        let mut bad = inputs();
        bad.base_role_path = "oc-role-assume".into();
        assert!(base_permissions(&bad).is_err());
    }

    #[test]
    fn the_policy_chains_into_the_target_only() {
        let policy = base_permissions(&inputs()).unwrap();
        for statement in policy["Statement"].as_array().unwrap() {
            assert_eq!(
                statement["Resource"],
                "arn:aws:iam::123456789012:role/DataScienceTargetRole"
            );
        }
    }
}
