//! The sync's output on stdout: a table for people, one JSON object for pipelines (`--json`).

use serde_json::json;

use crate::admin::plan::{Entry, Plan};

/// Which command made the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Plan,
    Apply { prune: bool },
}

fn status(entry: &Entry, mode: Mode) -> &'static str {
    match (mode, entry.orphan) {
        _ if entry.error.is_some() => "failed",
        (_, _) if entry.changes.is_empty() => "in-sync",
        (Mode::Plan, true) => "orphan",
        (Mode::Plan, false)
            if entry
                .changes
                .contains(&crate::admin::plan::Change::CreateRole) =>
        {
            "missing"
        }
        (Mode::Plan, false) => "drift",
        (Mode::Apply { prune: false }, true) => "kept",
        (Mode::Apply { prune: true }, true) => "deleted",
        (Mode::Apply { .. }, false) => "applied",
    }
}

fn changes_shown(entry: &Entry) -> String {
    let shown: Vec<String> = entry
        .changes
        .iter()
        .map(|c| c.shown(entry.owner.as_deref()))
        .collect();
    let mut text = if shown.is_empty() {
        "-".to_owned()
    } else {
        shown.join(", ")
    };
    if let Some(why) = &entry.error {
        text = format!("{text}; error: {why}");
    }
    text
}

/// The table: one line per project, then orphans, then a summary line.
pub fn table(plan: &Plan, mode: Mode) -> String {
    let rows: Vec<[String; 4]> = plan
        .entries
        .iter()
        .map(|e| {
            [
                e.name.clone(),
                e.owner.clone().unwrap_or_else(|| "-".into()),
                status(e, mode).to_owned(),
                changes_shown(e),
            ]
        })
        .collect();
    let header = [
        "PROJECT".to_owned(),
        "OWNER".into(),
        "STATUS".into(),
        "CHANGES".into(),
    ];
    let width = |i: usize| {
        rows.iter()
            .chain([&header])
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        out.push_str(&format!(
            "{:w0$}  {:w1$}  {:w2$}  {}\n",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        ));
    }
    out.push_str(&summary(plan, mode));
    out.push('\n');
    out
}

fn summary(plan: &Plan, mode: Mode) -> String {
    let count = |s: &str| plan.entries.iter().filter(|e| status(e, mode) == s).count();
    let projects = plan.entries.iter().filter(|e| !e.orphan).count();
    let mut parts = vec![format!(
        "{projects} project{}",
        if projects == 1 { "" } else { "s" }
    )];
    for s in [
        "in-sync", "missing", "drift", "orphan", "applied", "deleted", "kept", "failed",
    ] {
        let n = count(s);
        if n > 0 {
            parts.push(format!("{n} {s}"));
        }
    }
    if let Some(why) = &plan.grant_blocked {
        parts.push(format!("no grant while {why}"));
    }
    parts.join(", ")
}

pub fn json(plan: &Plan, mode: Mode) -> String {
    let entry = |e: &Entry| {
        json!({
            "name": e.name,
            "owner": e.owner,
            "role_arn": e.role_arn,
            "status": status(e, mode),
            "changes": e.changes.iter().map(|c| c.key()).collect::<Vec<_>>(),
            "done": e.done.iter().map(|c| c.key()).collect::<Vec<_>>(),
            "error": e.error,
        })
    };
    let value = json!({
        "action": match mode { Mode::Plan => "plan", Mode::Apply { .. } => "apply" },
        "in_sync": plan.in_sync(),
        "oidc_provider": plan.provider,
        "grant_blocked": plan.grant_blocked,
        "projects": plan.entries.iter().filter(|e| !e.orphan).map(entry).collect::<Vec<_>>(),
        "orphans": plan.entries.iter().filter(|e| e.orphan).map(entry).collect::<Vec<_>>(),
    });
    format!("{value}\n")
}
