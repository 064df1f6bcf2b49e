//! The IAM templates in `packaging/iam/`, filled with concrete values and judged by an IAM policy
//! engine nobody here wrote (`@cloud-copilot/iam-simulate`, pinned in `tests/iam/package-lock.json`,
//! installed by `tests/iam/run.sh` under `target/iam-node`: AGPL-3.0, a test-time tool, never shipped).
//! Every isolation claim of the README's "Security model" and of `packaging/README.md` is a case of
//! the bed: own project allowed; other project, other user, extra tag, no tag, other source identity,
//! other prefix and prefix look-alikes refused; the guards keep the Base roles to IAM admins.

use crate::harness::assert_script_passes;

/// The bed's case count today; fewer means a case was lost.
const CASES: usize = 193;

#[test]
fn the_iam_templates_hold_every_isolation_claim_under_an_independent_engine() {
    assert_script_passes("tests/iam/run.sh", &[], CASES);
}
