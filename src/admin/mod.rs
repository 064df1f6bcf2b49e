//! The admin side: `oc-role-assume-admin sync` keeps each data-science project's Base role (trust,
//! `user` tag, inline policy, boundary), policy label and RBAC grant in step with the cluster. It
//! lives in the library behind the `admin` feature and is linked only into the admin binary, so
//! the in-pod binary carries none of aws-sdk-iam.
//!
//! Exit codes: 0 in sync (plan) or everything applied (apply) · 1 internal · 2 usage or
//! configuration · 3 drift found (plan, check) · 4 IAM or the Kubernetes API refused or unreachable
//! before any project was judged · 5 apply: some projects failed (each one is reported).

mod apply;
pub mod cli;
mod cluster;
mod iam;
pub mod inputs;
mod plan;
mod report;
mod templates;

use cli::{AdminCli, AdminCommand, SyncAction, SyncArgs};
use report::Mode;

use crate::env::EnvLookup;
use crate::error::{Error, Kind, Result};
use crate::output::print_stdout;

/// plan / check: something drifts.
pub const EXIT_DRIFT: u8 = 3;
/// apply: at least one project failed.
pub const EXIT_PARTIAL: u8 = 5;

/// Run the admin command line; returns the exit code.
pub fn run(cli: &AdminCli, env: EnvLookup<'_>) -> Result<u8> {
    match &cli.command {
        AdminCommand::Sync { action, args } => sync(action.unwrap_or(SyncAction::Plan), args, env),
    }
}

fn sync(action: SyncAction, args: &SyncArgs, env: EnvLookup<'_>) -> Result<u8> {
    let inputs = inputs::resolve(args)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("cannot start the async runtime: {e}")))?;
    let (plan, mode) = runtime.block_on(async {
        let cluster = cluster::Cluster::connect().await?;
        let iam = iam::Iam::connect(env).await?;
        let plan = plan::plan(&inputs, &cluster, &iam).await?;
        Ok::<_, Error>(match action {
            SyncAction::Plan => (plan, Mode::Plan),
            SyncAction::Apply => (
                apply::apply(&inputs, &cluster, &iam, plan).await,
                Mode::Apply {
                    prune: inputs.prune,
                },
            ),
        })
    })?;
    let text = if inputs.json {
        report::json(&plan, mode)
    } else {
        report::table(&plan, mode)
    };
    print_stdout(text.trim_end())?;
    let failed = plan.entries.iter().any(|e| e.error.is_some());
    Ok(match mode {
        Mode::Plan if !plan.in_sync() => EXIT_DRIFT,
        Mode::Apply { .. } if failed || plan.grant_blocked.is_some() && inputs.rbac => EXIT_PARTIAL,
        _ => 0,
    })
}

/// The admin binary's form of an error: `oc-role-assume-admin: error: …` then `hint: …`.
pub fn shown(e: &Error) -> String {
    let mut text = format!("oc-role-assume-admin: error: {}", e.what());
    if let Some(hint) = e.hint_text() {
        text.push_str(&format!("\nhint: {hint}"));
    }
    text
}

/// The exit code of an error that stopped the whole run.
pub fn exit_code(e: &Error) -> u8 {
    match e.kind() {
        Kind::Config => 2,
        Kind::Sts => 4,
        _ => 1,
    }
}
