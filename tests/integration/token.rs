//! The web-identity token file: read fresh on every call, and every unusable file an I/O error that
//! names the path and never hangs.

use crate::harness::{self, TestEnv, workbench_with_moto};

#[test]
fn missing_token_file_setting_names_both_variables() {
    let mut t = TestEnv::workbench();
    t.unset("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE");
    t.run(&[]).assert_error(
        2,
        "oc-role-assume: error: no web-identity token file, and not in a cluster to request one\n\
         hint: pass --web-identity-token-file or set OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE \
         (AWS_WEB_IDENTITY_TOKEN_FILE also works) to the projected token's path\n",
    );
}

#[test]
fn absent_empty_and_non_file_tokens_are_io_errors_with_the_path() {
    let (mut t, moto) = workbench_with_moto();
    let missing = t.path("no-such-token");
    t.set(
        "OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE",
        missing.to_str().unwrap(),
    );
    t.run(&[]).assert_error(
        5,
        &format!(
            "oc-role-assume: error: web-identity token file {} does not exist\n\
             hint: mount the projected service-account token (audience sts.amazonaws.com) there, \
             or point --web-identity-token-file at it\n",
            missing.display()
        ),
    );
    let empty = t.write("empty-token", "\n");
    t.set(
        "OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE",
        empty.to_str().unwrap(),
    );
    t.run(&[]).assert_error(
        5,
        &format!(
            "oc-role-assume: error: web-identity token file {} is empty\n\
             hint: wait for the kubelet to write the projected token, or check the volume's serviceAccountToken source\n",
            empty.display()
        ),
    );
    // A directory is what a wrong mount path usually gives (root reads any file, so a mode test would
    // prove nothing here).
    let dir = t.dir.path().to_owned();
    t.set(
        "OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE",
        dir.to_str().unwrap(),
    );
    t.run(&[]).assert_error(
        5,
        &format!(
            "oc-role-assume: error: web-identity token file {} is not a regular file\n\
             hint: point --web-identity-token-file at the projected token file itself\n",
            dir.display()
        ),
    );
    assert!(moto.requests().is_empty());
}

#[test]
fn hostile_token_files_are_io_errors_and_never_hang() {
    let t = TestEnv::workbench();
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    std::fs::write(t.path("binary-token"), &binary).unwrap();
    t.write("huge-token", &"a".repeat(25_000));
    let fifo = t.path("fifo-token");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a fresh path in our temp dir.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for (name, why) in [
        ("binary-token", "does not hold a token"),
        ("huge-token", "is larger than the 20000 bytes STS accepts"),
        ("fifo-token", "is not a regular file"),
    ] {
        let started = std::time::Instant::now();
        let path = t.path(name);
        let (line, _) = t
            .clone_with(
                "OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE",
                path.to_str().unwrap(),
            )
            .run(&[])
            .assert_one_error(5);
        assert!(line.contains(why), "{name}: {line}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{name} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn the_token_is_read_fresh_on_every_call() {
    let (t, moto) = workbench_with_moto();
    t.run(&["--no-cache"]).assert_ok();
    t.write(
        "token",
        &harness::jwt(r#"{"sub":"system:serviceaccount:ns:rotated"}"#),
    );
    t.run(&["--no-cache"]).assert_ok();
    let tokens: Vec<String> = moto
        .sts("AssumeRoleWithWebIdentity")
        .iter()
        .map(|r| r.form()["WebIdentityToken"].clone())
        .collect();
    assert_eq!(tokens.len(), 2);
    assert_ne!(tokens[0], tokens[1], "the rotated token must be sent");
    assert_eq!(tokens[1], std::fs::read_to_string(t.path("token")).unwrap());
}
