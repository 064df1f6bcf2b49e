//! What the cluster asks for against what IAM and the API server hold: per project, the changes that
//! would make its Base role, label and grant right; per role under the Base path whose project is
//! gone, an orphan. Reading only; `apply.rs` makes the changes.

use std::collections::{BTreeMap, BTreeSet};

use futures::StreamExt;
use serde_json::Value;

use crate::admin::cluster::{Cluster, Project};
use crate::admin::iam::{Iam, Listed};
use crate::admin::inputs::Inputs;
use crate::admin::templates::{self, POLICY_NAME};
use crate::error::Result;
use crate::names::check_user;

/// One step that would bring a project (or an orphan) in line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// No Base role yet: create it with its trust, owner tag and boundary, then its policy.
    CreateRole,
    UpdateTrust,
    /// The `user` tag is missing or names someone else (shown: what it is now).
    TagOwner(Option<String>),
    PutPolicy,
    /// The boundary is missing or another (shown: what it is now).
    SetBoundary(Option<String>),
    Label,
    Grant,
    /// An orphan, removed only with `--prune`.
    DeleteRole,
}

impl Change {
    pub fn key(&self) -> &'static str {
        match self {
            Change::CreateRole => "create-role",
            Change::UpdateTrust => "update-trust",
            Change::TagOwner(_) => "tag-owner",
            Change::PutPolicy => "put-policy",
            Change::SetBoundary(_) => "set-boundary",
            Change::Label => "label",
            Change::Grant => "grant",
            Change::DeleteRole => "delete-role",
        }
    }

    /// For people: what differs, in a few words.
    pub fn shown(&self, owner: Option<&str>) -> String {
        let now = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
        match self {
            Change::CreateRole => "create role".into(),
            Change::UpdateTrust => "trust differs".into(),
            Change::TagOwner(from) => {
                format!("tag user: {} -> {}", now(from), owner.unwrap_or("?"))
            }
            Change::PutPolicy => format!("policy {POLICY_NAME} differs"),
            Change::SetBoundary(from) => format!("boundary: {}", now(from)),
            Change::Label => "label missing".into(),
            Change::Grant => "grant missing".into(),
            Change::DeleteRole => "project gone".into(),
        }
    }
}

/// What a project's Base role should be.
#[derive(Debug, Clone, PartialEq)]
pub struct Desired {
    pub owner: String,
    pub trust: Value,
    pub policy: Value,
}

/// One project, or one orphaned role.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The namespace (for an orphan: the role's name, which was one).
    pub name: String,
    pub orphan: bool,
    /// The owner the project asks for (`openshift.io/requester`), when it has one.
    pub owner: Option<String>,
    pub role_arn: String,
    pub changes: Vec<Change>,
    pub desired: Option<Desired>,
    /// Why this project cannot be judged or was not (fully) applied.
    pub error: Option<String>,
    /// apply: the changes made.
    pub done: Vec<Change>,
}

impl Entry {
    pub fn in_sync(&self) -> bool {
        self.changes.is_empty() && self.error.is_none()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub provider: String,
    pub entries: Vec<Entry>,
    /// Why no grant may be made (the token-request policy is missing), when RBAC is managed.
    pub grant_blocked: Option<String>,
}

impl Plan {
    pub fn in_sync(&self) -> bool {
        self.entries.iter().all(Entry::in_sync)
    }
}

/// The project's owner, checked against the tag rules (the hardened trust compares it exactly).
fn owner(project: &Project) -> std::result::Result<String, String> {
    let Some(requester) = &project.requester else {
        return Err("no openshift.io/requester annotation: annotate the namespace with its owner's user name".into());
    };
    check_user(requester).map(|()| requester.clone())
}

fn desired(
    inputs: &Inputs,
    provider: &str,
    project: &Project,
) -> std::result::Result<Desired, String> {
    let owner = owner(project)?;
    let trust = templates::base_trust(inputs, provider, &project.namespace)
        .map_err(|e| e.what().to_owned())?;
    let policy = templates::base_permissions(inputs).map_err(|e| e.what().to_owned())?;
    Ok(Desired {
        owner,
        trust,
        policy,
    })
}

/// The changes for one project whose desired state is known.
async fn judge(
    iam: &Iam,
    inputs: &Inputs,
    want: &Desired,
    role: Option<&Listed>,
) -> std::result::Result<Vec<Change>, String> {
    let Some(role) = role else {
        return Ok(vec![Change::CreateRole]);
    };
    let have = iam.details(&role.name, POLICY_NAME).await?;
    let mut changes = Vec::new();
    if role.trust.as_ref() != Some(&want.trust) {
        changes.push(Change::UpdateTrust);
    }
    if have.owner.as_deref() != Some(want.owner.as_str()) {
        changes.push(Change::TagOwner(have.owner.clone()));
    }
    if have.policy.as_ref() != Some(&want.policy) {
        changes.push(Change::PutPolicy);
    }
    if let Some(arn) = inputs.boundary_arn()
        && have.boundary.as_deref() != Some(arn.as_str())
    {
        changes.push(Change::SetBoundary(have.boundary.clone()));
    }
    Ok(changes)
}

/// What the cluster, IAM and the API server say, compared.
pub async fn plan(inputs: &Inputs, cluster: &Cluster, iam: &Iam) -> Result<Plan> {
    let provider = match &inputs.oidc_provider {
        Some(p) => p.clone(),
        None => crate::admin::inputs::provider_of_issuer(&cluster.issuer().await?)
            .map_err(crate::error::Error::config)?,
    };
    let projects = cluster.projects(&inputs.namespaces).await?;
    let (granted, grant_blocked) = if inputs.rbac {
        let blocked = if inputs.token_policy_required {
            cluster.token_policy_problem().await
        } else {
            None
        };
        (cluster.granted().await?, blocked)
    } else {
        (BTreeSet::new(), None)
    };
    let path = inputs.iam_path();
    let roles: BTreeMap<String, Listed> = iam
        .list(&path)
        .await?
        .into_iter()
        .map(|r| (r.name.clone(), r))
        .collect();
    let judged = futures::stream::iter(projects.iter().map(|project| {
        let (provider, roles, granted) = (&provider, &roles, &granted);
        async move {
            entry(
                inputs,
                iam,
                provider,
                project,
                roles.get(&project.namespace),
                granted,
            )
            .await
        }
    }))
    .buffer_unordered(inputs.concurrency)
    .collect::<Vec<Entry>>()
    .await;
    let mut entries = judged;
    // With named projects, the other roles under the path belong to projects not asked about.
    if inputs.namespaces.is_empty() {
        let live: BTreeSet<&str> = projects.iter().map(|p| p.namespace.as_str()).collect();
        entries.extend(
            roles
                .values()
                .filter(|r| !live.contains(r.name.as_str()))
                .map(|r| Entry {
                    name: r.name.clone(),
                    orphan: true,
                    owner: None,
                    role_arn: r.arn.clone(),
                    changes: vec![Change::DeleteRole],
                    desired: None,
                    error: None,
                    done: Vec::new(),
                }),
        );
    }
    entries.sort_by(|a, b| (a.orphan, &a.name).cmp(&(b.orphan, &b.name)));
    Ok(Plan {
        provider,
        entries,
        grant_blocked,
    })
}

async fn entry(
    inputs: &Inputs,
    iam: &Iam,
    provider: &str,
    project: &Project,
    role: Option<&Listed>,
    granted: &BTreeSet<String>,
) -> Entry {
    let ns = &project.namespace;
    let mut entry = Entry {
        name: ns.clone(),
        orphan: false,
        owner: project.requester.clone(),
        role_arn: role.map_or_else(
            || {
                format!(
                    "arn:aws:iam::{}:role/{}{ns}",
                    inputs.account_id, inputs.base_role_path
                )
            },
            |r| r.arn.clone(),
        ),
        changes: Vec::new(),
        desired: None,
        error: None,
        done: Vec::new(),
    };
    let want = match desired(inputs, provider, project) {
        Ok(want) => want,
        Err(why) => {
            entry.error = Some(why);
            return entry;
        }
    };
    match judge(iam, inputs, &want, role).await {
        Ok(changes) => entry.changes = changes,
        Err(why) => entry.error = Some(why),
    }
    if inputs.rbac {
        if !project.labelled {
            entry.changes.push(Change::Label);
        }
        if !granted.contains(ns) {
            entry.changes.push(Change::Grant);
        }
    }
    entry.desired = Some(want);
    entry
}
