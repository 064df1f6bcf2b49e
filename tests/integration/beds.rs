//! The beds `cargo test` runs as scripts (deploy, Python, IAM) report a result line; a bed counts as
//! passed only when that line shows tests that passed, none that failed and none skipped.

use std::panic::catch_unwind;

use crate::harness::{assert_script_passes, result_counts};

#[test]
fn a_result_line_is_read_for_its_counts() {
    assert_eq!(result_counts("48 passed, 0 failed"), Some((48, 0, 0)));
    assert_eq!(
        result_counts("3 passed, 1 failed, 2 skipped"),
        Some((3, 1, 2))
    );
    for not_one in [
        "",
        "ok",
        "passed, 0 failed",
        "0 failed, 3 passed",
        "3 passed",
        "x passed, 0 failed",
    ] {
        assert_eq!(result_counts(not_one), None, "{not_one:?}");
    }
}

/// Run `assert_script_passes` on a script that prints `line` and exits `code`; true if it held.
fn holds(line: &str, code: i32, min: usize) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("bed.sh");
    std::fs::write(
        &script,
        format!("echo 'some output'\necho '{line}'\nexit {code}\n"),
    )
    .unwrap();
    let script = script.to_str().unwrap().to_owned();
    catch_unwind(|| assert_script_passes(&script, &[], min)).is_ok()
}

#[test]
fn a_bed_that_ran_nothing_failed_or_under_ci_skipped_something_is_a_failure() {
    assert!(holds("12 passed, 0 failed", 0, 10));
    assert!(!holds("0 passed, 0 failed", 0, 0), "ran nothing");
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    assert_eq!(
        holds("12 passed, 0 failed, 1 skipped", 0, 10),
        !ci,
        "skipped one"
    );
    assert!(!holds("12 passed, 1 failed", 1, 10), "failed one");
    assert!(!holds("12 passed, 0 failed", 1, 10), "exit code");
    assert!(!holds("9 passed, 0 failed", 0, 10), "fewer than expected");
    assert!(!holds("all good", 0, 0), "no result line");
}
