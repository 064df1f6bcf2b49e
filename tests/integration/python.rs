//! The Python package (`packaging/python/`): the reference library's calls (`aws.client`,
//! `aws.resource`, `get_boto3_session`, `get_user`) on top of this binary, run against moto by
//! `packaging/python/test.sh --source` so `cargo test` is the whole suite. (The wheel build itself,
//! minutes per target, is `packaging/python/test.sh` without `--source`, outside CI.)

use crate::harness::{assert_script_passes, bin};

#[test]
fn the_reference_librarys_calls_work_through_the_binary() {
    assert_script_passes(
        "packaging/python/test.sh",
        &["--source".as_ref(), bin().as_os_str()],
        20,
    );
}
