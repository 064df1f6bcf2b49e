//! Making a plan so: per project, the Base role first (create, or trust, tag, policy, boundary), then
//! the policy label, read back, and only then the grant, as `apply-rbac.sh` does. A project stops at
//! its first failed step and is reported; the others go on. Orphans are deleted only with `--prune`.

use futures::StreamExt;

use crate::admin::cluster::Cluster;
use crate::admin::iam::Iam;
use crate::admin::inputs::Inputs;
use crate::admin::plan::{Change, Entry, Plan};
use crate::admin::templates::POLICY_NAME;

/// Apply every entry's changes, `inputs.concurrency` projects at a time.
pub async fn apply(inputs: &Inputs, cluster: &Cluster, iam: &Iam, plan: Plan) -> Plan {
    let blocked = plan.grant_blocked.clone();
    let mut entries = futures::stream::iter(plan.entries.into_iter().map(|entry| {
        let blocked = blocked.as_deref();
        async move { apply_entry(inputs, cluster, iam, blocked, entry).await }
    }))
    .buffer_unordered(inputs.concurrency)
    .collect::<Vec<Entry>>()
    .await;
    entries.sort_by(|a, b| (a.orphan, &a.name).cmp(&(b.orphan, &b.name)));
    Plan { entries, ..plan }
}

async fn apply_entry(
    inputs: &Inputs,
    cluster: &Cluster,
    iam: &Iam,
    blocked: Option<&str>,
    mut entry: Entry,
) -> Entry {
    if entry.error.is_some() {
        return entry;
    }
    let changes = entry.changes.clone();
    for change in &changes {
        if *change == Change::DeleteRole && !inputs.prune {
            continue;
        }
        if let (Change::Label | Change::Grant, Some(why)) = (change, blocked) {
            entry.error = Some(format!("not labelled or granted: {why}"));
            break;
        }
        match step(inputs, cluster, iam, &entry, change).await {
            Ok(()) => entry.done.push(change.clone()),
            Err(why) => {
                entry.error = Some(why);
                break;
            }
        }
    }
    entry
}

async fn step(
    inputs: &Inputs,
    cluster: &Cluster,
    iam: &Iam,
    entry: &Entry,
    change: &Change,
) -> std::result::Result<(), String> {
    let role = entry.name.as_str();
    let Some(want) = &entry.desired else {
        return match change {
            Change::DeleteRole => iam.delete(role).await,
            _ => Err("nothing to apply".into()),
        };
    };
    let boundary = inputs.boundary_arn();
    match change {
        Change::CreateRole => {
            iam.create(
                &inputs.iam_path(),
                role,
                &want.trust,
                &want.owner,
                boundary.as_deref(),
            )
            .await?;
            iam.put_policy(role, POLICY_NAME, &want.policy).await
        }
        Change::UpdateTrust => iam.update_trust(role, &want.trust).await,
        Change::TagOwner(_) => iam.tag_owner(role, &want.owner).await,
        Change::PutPolicy => iam.put_policy(role, POLICY_NAME, &want.policy).await,
        Change::SetBoundary(_) => match &boundary {
            Some(arn) => iam.set_boundary(role, arn).await,
            None => Ok(()),
        },
        Change::Label => cluster.label(role).await,
        Change::Grant => cluster.grant(role).await,
        Change::DeleteRole => iam.delete(role).await,
    }
}
