//! The cluster side of the sync, through kube-rs: the data-science projects and their owners, the
//! issuer, the token-request policy, and each project's policy label and RBAC grant.
//!
//! The client comes from `Config::infer`: the admin's kubeconfig (`KUBECONFIG`, `~/.kube/config`,
//! what `oc login` writes), else in-cluster config (the CronJob's ServiceAccount). That is right
//! here and only here: the in-pod helper never reads a kubeconfig. Listings are paginated (`limit`
//! and `continue`) and filtered by the API server (label selectors); the RBAC state of every project
//! is two cluster-wide listings, not two reads per project.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::admissionregistration::v1::{
    ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding,
};
use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::api::rbac::v1::{PolicyRule, Role, RoleBinding, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{Api, DynamicObject, ListParams, Patch, PatchParams};
use kube::core::{ApiResource, GroupVersionKind};

use crate::error::{Error, Kind, Result, root_cause};

/// The dashboard labels the projects it creates with this.
pub const PROJECT_SELECTOR: &str = "opendatahub.io/dashboard=true";
/// Who asked for the project (set by the ProjectRequest; members cannot change it).
pub const REQUESTER: &str = "openshift.io/requester";
/// The label the token-request policy's second binding selects.
pub const POLICY_LABEL: (&str, &str) = ("oc-role-assume/token-policy", "enforce");
/// The Role and RoleBinding of `packaging/kubernetes/rbac.yaml`.
pub const GRANT_NAME: &str = "oc-role-assume";
const GRANT_LABEL: (&str, &str) = ("app.kubernetes.io/name", "oc-role-assume");
const POLICY: &str = "oc-role-assume-own-sts-token";
const POLICY_BINDINGS: [&str; 2] = [
    "oc-role-assume-data-science-projects",
    "oc-role-assume-labelled-projects",
];
const FIELD_MANAGER: &str = "oc-role-assume-admin";
const PAGE: u32 = 500;

/// One namespace that the sync judges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub namespace: String,
    /// `openshift.io/requester`, as set (checked later against the tag rules).
    pub requester: Option<String>,
    pub labelled: bool,
}

pub struct Cluster {
    client: kube::Client,
}

/// A Kubernetes API answer as one line: `403 Forbidden: roles.rbac… is forbidden: …`.
pub fn describe(e: &kube::Error) -> String {
    match e {
        kube::Error::Api(status) => {
            format!("HTTP {} {}: {}", status.code, status.reason, status.message)
        }
        other => root_cause(other),
    }
}

fn failed(what: &str, e: &kube::Error) -> Error {
    Error::new(Kind::Sts, format!("{what}: {}", describe(e))).hint(
        "log in as a cluster admin (oc login), or give the CronJob's ServiceAccount packaging/kubernetes/sync-cronjob.yaml's ClusterRole",
    )
}

/// The Role of `rbac.yaml`: `get` pods, `create` serviceaccounts/token.
pub fn grant_role(namespace: &str) -> Role {
    let rule = |resource: &str, verb: &str| PolicyRule {
        api_groups: Some(vec![String::new()]),
        resources: Some(vec![resource.to_owned()]),
        verbs: vec![verb.to_owned()],
        ..PolicyRule::default()
    };
    Role {
        metadata: grant_meta(namespace),
        rules: Some(vec![
            rule("pods", "get"),
            rule("serviceaccounts/token", "create"),
        ]),
    }
}

/// The RoleBinding of `rbac.yaml`: every ServiceAccount of the project.
pub fn grant_binding(namespace: &str) -> RoleBinding {
    RoleBinding {
        metadata: grant_meta(namespace),
        role_ref: RoleRef {
            api_group: "rbac.authorization.k8s.io".into(),
            kind: "Role".into(),
            name: GRANT_NAME.into(),
        },
        subjects: Some(vec![Subject {
            api_group: Some("rbac.authorization.k8s.io".into()),
            kind: "Group".into(),
            name: format!("system:serviceaccounts:{namespace}"),
            namespace: None,
        }]),
    }
}

fn grant_meta(namespace: &str) -> ObjectMeta {
    ObjectMeta {
        name: Some(GRANT_NAME.into()),
        namespace: Some(namespace.into()),
        labels: Some(BTreeMap::from([(
            GRANT_LABEL.0.into(),
            GRANT_LABEL.1.into(),
        )])),
        ..ObjectMeta::default()
    }
}

fn project(ns: &Namespace) -> Option<Project> {
    let meta = &ns.metadata;
    Some(Project {
        namespace: meta.name.clone()?,
        requester: meta
            .annotations
            .as_ref()
            .and_then(|a| a.get(REQUESTER).cloned()),
        labelled: meta
            .labels
            .as_ref()
            .and_then(|l| l.get(POLICY_LABEL.0))
            .is_some_and(|v| v == POLICY_LABEL.1),
    })
}

/// Every object of a listing, page by page.
async fn list_all<K>(api: &Api<K>, selector: &str) -> std::result::Result<Vec<K>, kube::Error>
where
    K: Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut params = ListParams::default().labels(selector).limit(PAGE);
        if let Some(t) = &token {
            params = params.continue_token(t);
        }
        let page = api.list(&params).await?;
        items.extend(page.items);
        token = page.metadata.continue_.filter(|t| !t.is_empty());
        if token.is_none() {
            return Ok(items);
        }
    }
}

impl Cluster {
    pub async fn connect() -> Result<Cluster> {
        let config = kube::Config::infer().await.map_err(|e| {
            Error::config(format!("no Kubernetes configuration: {}", root_cause(&e))).hint(
                "log in first (oc login --server=https://api.<cluster>:6443), or set KUBECONFIG",
            )
        })?;
        let client = kube::Client::try_from(config).map_err(|e| {
            Error::config(format!(
                "cannot set up the Kubernetes client: {}",
                root_cause(&e)
            ))
            .hint("check the kubeconfig's cluster CA and credentials")
        })?;
        Ok(Cluster { client })
    }

    /// The cluster's service-account issuer, from `Authentication` `cluster`.
    pub async fn issuer(&self) -> Result<String> {
        let gvk = GroupVersionKind::gvk("config.openshift.io", "v1", "Authentication");
        let resource = ApiResource::from_gvk_with_plural(&gvk, "authentications");
        let api: Api<DynamicObject> = Api::all_with(self.client.clone(), &resource);
        let object = api.get("cluster").await.map_err(|e| {
            failed(
                "cannot read the Authentication object cluster (config.openshift.io/v1)",
                &e,
            )
        })?;
        match object.data["spec"]["serviceAccountIssuer"].as_str() {
            Some(issuer) if !issuer.is_empty() => Ok(issuer.to_owned()),
            _ => Err(Error::config(
                "the cluster's Authentication object sets no spec.serviceAccountIssuer: the default issuer, https://kubernetes.default.svc, cannot be registered in IAM",
            )
            .hint("set up the cluster for short-term credentials (STS) first (README, Pre-flight checks), or pass --oidc-provider")),
        }
    }

    /// The projects: the named ones, or every namespace labelled `opendatahub.io/dashboard=true`.
    pub async fn projects(&self, named: &[String]) -> Result<Vec<Project>> {
        let api: Api<Namespace> = Api::all(self.client.clone());
        if named.is_empty() {
            let all = list_all(&api, PROJECT_SELECTOR).await.map_err(|e| {
                failed(
                    &format!("cannot list the namespaces labelled {PROJECT_SELECTOR}"),
                    &e,
                )
            })?;
            return Ok(all.iter().filter_map(project).collect());
        }
        let mut out = Vec::new();
        for name in named {
            let ns = api
                .get(name)
                .await
                .map_err(|e| failed(&format!("cannot read namespace {name}"), &e))?;
            out.extend(project(&ns));
        }
        Ok(out)
    }

    /// The namespaces whose Role and RoleBinding `oc-role-assume` are exactly `rbac.yaml`'s.
    pub async fn granted(&self) -> Result<BTreeSet<String>> {
        let selector = format!("{}={}", GRANT_LABEL.0, GRANT_LABEL.1);
        let roles = list_all(&Api::<Role>::all(self.client.clone()), &selector)
            .await
            .map_err(|e| {
                failed(
                    "cannot list the Roles labelled app.kubernetes.io/name=oc-role-assume",
                    &e,
                )
            })?;
        let bindings = list_all(&Api::<RoleBinding>::all(self.client.clone()), &selector)
            .await
            .map_err(|e| {
                failed(
                    "cannot list the RoleBindings labelled app.kubernetes.io/name=oc-role-assume",
                    &e,
                )
            })?;
        let good_roles: BTreeSet<String> = roles
            .iter()
            .filter(|r| r.metadata.name.as_deref() == Some(GRANT_NAME))
            .filter_map(|r| {
                let ns = r.metadata.namespace.clone()?;
                (r.rules == grant_role(&ns).rules).then_some(ns)
            })
            .collect();
        Ok(bindings
            .iter()
            .filter(|b| b.metadata.name.as_deref() == Some(GRANT_NAME))
            .filter_map(|b| {
                let ns = b.metadata.namespace.clone()?;
                let want = grant_binding(&ns);
                (b.role_ref == want.role_ref
                    && b.subjects == want.subjects
                    && good_roles.contains(&ns))
                .then_some(ns)
            })
            .collect())
    }

    /// Why the token-request policy does not guard the grant, or `None` when it and both its
    /// bindings are installed and deny.
    pub async fn token_policy_problem(&self) -> Option<String> {
        let policies: Api<ValidatingAdmissionPolicy> = Api::all(self.client.clone());
        if let Err(e) = policies.get(POLICY).await {
            return Some(format!(
                "the ValidatingAdmissionPolicy {POLICY} is not installed or not readable ({})",
                describe(&e)
            ));
        }
        let bindings: Api<ValidatingAdmissionPolicyBinding> = Api::all(self.client.clone());
        for name in POLICY_BINDINGS {
            let binding = match bindings.get(name).await {
                Ok(b) => b,
                Err(e) => {
                    return Some(format!(
                        "the ValidatingAdmissionPolicyBinding {name} is not installed or not readable ({})",
                        describe(&e)
                    ));
                }
            };
            let spec = binding.spec.unwrap_or_default();
            let denies = spec
                .validation_actions
                .unwrap_or_default()
                .iter()
                .any(|a| a == "Deny");
            if spec.policy_name.as_deref() != Some(POLICY) || !denies {
                return Some(format!(
                    "the ValidatingAdmissionPolicyBinding {name} does not deny for {POLICY}"
                ));
            }
        }
        None
    }

    /// Label the namespace for the policy, then read the label back.
    pub async fn label(&self, namespace: &str) -> std::result::Result<(), String> {
        let api: Api<Namespace> = Api::all(self.client.clone());
        let patch = serde_json::json!({"metadata": {"labels": {POLICY_LABEL.0: POLICY_LABEL.1}}});
        api.patch(namespace, &PatchParams::default(), &Patch::Merge(&patch))
            .await
            .map_err(|e| format!("labelling namespace {namespace}: {}", describe(&e)))?;
        let back = api
            .get(namespace)
            .await
            .map_err(|e| format!("reading namespace {namespace} back: {}", describe(&e)))?;
        match project(&back) {
            Some(p) if p.labelled => Ok(()),
            _ => Err(format!(
                "namespace {namespace} does not carry {}={} after labelling",
                POLICY_LABEL.0, POLICY_LABEL.1
            )),
        }
    }

    /// Server-side apply `rbac.yaml`'s Role and RoleBinding in `namespace`.
    pub async fn grant(&self, namespace: &str) -> std::result::Result<(), String> {
        let params = PatchParams::apply(FIELD_MANAGER).force();
        let roles: Api<Role> = Api::namespaced(self.client.clone(), namespace);
        roles
            .patch(GRANT_NAME, &params, &Patch::Apply(&grant_role(namespace)))
            .await
            .map_err(|e| format!("applying Role {GRANT_NAME}: {}", describe(&e)))?;
        let bindings: Api<RoleBinding> = Api::namespaced(self.client.clone(), namespace);
        bindings
            .patch(
                GRANT_NAME,
                &params,
                &Patch::Apply(&grant_binding(namespace)),
            )
            .await
            .map(|_| ())
            .map_err(|e| format!("applying RoleBinding {GRANT_NAME}: {}", describe(&e)))
    }
}
