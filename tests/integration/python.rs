//! The Python package (`packaging/python/`): the reference library's calls (`aws.client`,
//! `aws.resource`, `get_boto3_session`, `get_user`) on top of this binary, run against moto by
//! `packaging/python/test.sh --source` so `cargo test` is the whole suite. (The wheel build itself,
//! minutes per target, is `packaging/python/test.sh` without `--source`, outside CI.)

use std::process::{Command, Stdio};

use crate::harness::bin;

#[test]
fn the_reference_librarys_calls_work_through_the_binary() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(root.join("packaging/python/test.sh"))
        .arg("--source")
        .arg(bin())
        .stdin(Stdio::null())
        .output()
        .expect("run packaging/python/test.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        out.status.success() && last.contains(" passed, 0 failed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
