//! The workbench image built with podman and run as the notebook controller runs it, in every setup,
//! as uid 1001 and as a random UID in group 0, first start, restart and read-only root
//! (`tests/container.sh`; its header says what each case checks). It needs root (rootful podman);
//! under CI (`.ci/run`, which installs podman, runc and debootstrap) it must run, elsewhere a
//! non-root run prints a note. About three minutes warm; the first run also makes the Debian rootfs.

#[test]
fn the_image_works_in_a_real_container_engine_in_every_setup() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        assert!(
            std::env::var_os("CI").is_none(),
            "tests/container.sh needs root (rootful podman) and CI is set"
        );
        eprintln!("note: not root: tests/container.sh (the image in podman) did not run");
        return;
    }
    crate::harness::assert_script_passes("tests/container.sh", &[], 98);
}
