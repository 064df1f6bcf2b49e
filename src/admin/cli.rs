//! The admin binary's command line: clap derive only. Every option's `///` doc is its long help;
//! `inputs.rs` validates what these give and fills in the config file's values.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Cluster-side administration for oc-role-assume: run by an admin or a CronJob, never in a workbench.
///
/// Exit codes: 0 in sync (plan) or everything applied (apply), 1 internal error, 2 usage or
/// configuration, 3 drift found (plan, check), 4 IAM or the Kubernetes API refused or unreachable
/// before any project was judged, 5 apply: some projects failed (each one is reported).
#[derive(Debug, Parser)]
#[command(name = "oc-role-assume-admin", version, max_term_width = 100)]
pub struct AdminCli {
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Keep every data-science project's Base role (trust, `user` tag, inline policy, boundary),
    /// its RBAC grant and its policy label in step with the cluster.
    Sync {
        #[command(subcommand)]
        action: Option<SyncAction>,
        #[command(flatten)]
        args: SyncArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum SyncAction {
    /// Show, per project, what exists and what would change; change nothing (the default).
    ///
    /// Exit 0 when nothing drifts, 3 when something does.
    #[command(visible_alias = "check")]
    Plan,
    /// Make it so: create and update roles, trust, tags, inline policy and boundary; label, then
    /// grant. Deletes nothing unless --prune. One project's failure does not stop the others.
    Apply,
}

#[derive(Debug, Clone, Default, Args)]
pub struct SyncArgs {
    /// A JSON file with any of the settings below, keyed by their long names
    /// (`{"account-id": "123456789012", "base-role-path": "oc-role-assume/", …}`); flags and
    /// environment win over it.
    #[arg(long, env = "OC_ROLE_ASSUME_SYNC_CONFIG", global = true)]
    pub config: Option<PathBuf>,

    /// The AWS account that holds the Base roles (12 digits).
    #[arg(long, env = "OC_ROLE_ASSUME_SYNC_ACCOUNT_ID", global = true)]
    pub account_id: Option<String>,

    /// The IAM path of the Base roles, without its leading `/`, ending in `/` [default: oc-role-assume/].
    #[arg(long, env = "OC_ROLE_ASSUME_SYNC_BASE_ROLE_PATH", global = true)]
    pub base_role_path: Option<String>,

    /// The Target role's name (no path): what each Base role may chain into.
    #[arg(long, env = "OC_ROLE_ASSUME_SYNC_TARGET_ROLE_NAME", global = true)]
    pub target_role_name: Option<String>,

    /// The cluster's OIDC issuer as registered in IAM (without https://); default: the cluster's
    /// `Authentication` object `cluster`, `spec.serviceAccountIssuer`.
    #[arg(long, env = "OC_ROLE_ASSUME_SYNC_OIDC_PROVIDER", global = true)]
    pub oidc_provider: Option<String>,

    /// The managed policy every Base role gets as its permissions boundary (a name:
    /// `base-boundary.json` created as it); required by the CronJob's confined IAM policy.
    #[arg(long, env = "OC_ROLE_ASSUME_SYNC_PERMISSIONS_BOUNDARY", global = true)]
    pub permissions_boundary: Option<String>,

    /// Only these projects (repeatable); default: every namespace labelled
    /// opendatahub.io/dashboard=true.
    #[arg(long = "namespace", value_name = "NAMESPACE", global = true)]
    pub namespaces: Vec<String>,

    /// Leave RBAC and the policy label alone (the volume-based and IRSA-webhook setups).
    #[arg(long, global = true)]
    pub no_rbac: bool,

    /// Grant even when the token-request admission policy and its two bindings are not installed
    /// (the grant is then unguarded: see rbac.yaml).
    #[arg(long, global = true)]
    pub no_token_policy: bool,

    /// apply: also delete the Base roles whose project is gone (with their inline policies).
    #[arg(long, global = true)]
    pub prune: bool,

    /// How many projects are read or changed at once [default: 8].
    #[arg(long, value_name = "N", global = true)]
    pub concurrency: Option<usize>,

    /// Print one JSON object instead of the table.
    #[arg(long, global = true)]
    pub json: bool,
}
