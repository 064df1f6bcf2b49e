//! User identity out of a cluster: the env sources in order, the fallback flag, and user names a
//! session tag cannot carry.

use crate::harness::{TestEnv, workbench_with_moto};

#[test]
fn no_identity_lists_every_source_tried() {
    let mut t = TestEnv::workbench();
    t.unset("RHOAI_USER");
    t.run(&[]).assert_error(
        3,
        &format!(
            "oc-role-assume: error: no user identity found (tried downward-API file {} (absent), \
             pod (not in a cluster), env RHOAI_USER, env JUPYTERHUB_USER, --fallback-user)\n\
             hint: run inside an OpenShift AI workbench, or set RHOAI_USER, or pass --fallback-user NAME\n",
            t.path("podinfo/annotations").display()
        ),
    );
}

#[test]
fn identity_falls_back_from_rhoai_user_to_jupyterhub_user_to_fallback_flag() {
    let (mut t, moto) = workbench_with_moto();
    t.unset("RHOAI_USER").set("JUPYTERHUB_USER", "bob");
    t.run(&["--fallback-user", "carol"]).assert_ok();
    t.unset("JUPYTERHUB_USER");
    t.run(&["--fallback-user", "carol"]).assert_ok();
    let users: Vec<String> = moto
        .sts("AssumeRole")
        .iter()
        .map(|r| r.form()["Tags.member.1.Value"].clone())
        .collect();
    assert_eq!(users, ["bob", "carol"]);
}

#[test]
fn a_user_name_no_session_tag_can_carry_is_refused() {
    let mut t = TestEnv::workbench();
    t.set("RHOAI_USER", "o'brien");
    t.run(&[]).assert_error(
        3,
        "oc-role-assume: error: env RHOAI_USER: the user name \"o'brien\" has '\\'', which a session tag cannot carry\n\
         hint: the user name becomes a session tag: fix the value at its source, or have the admin set \
         --tag-form translated (OC_ROLE_ASSUME_TAG_FORM), which carries every name\n",
    );
}

#[test]
fn hostile_user_names_give_a_clear_error_or_a_correct_tag() {
    let (t, moto) = workbench_with_moto();
    let accepted = [
        ("a", "a"),
        ("-", "-"),
        ("مرحبا", "مرحبا"),
        ("a_.:/=+-@ b", "a_.:/=+-@ b"),
        (&*"x".repeat(256), &*"x".repeat(256)),
    ];
    for (n, (user, tag)) in accepted.iter().enumerate() {
        let run = t.clone_with("RHOAI_USER", user).run(&[]);
        run.assert_ok();
        let calls = moto.sts("AssumeRole");
        assert_eq!(calls.len(), n + 1);
        let form = calls[n].form();
        assert_eq!(form["Tags.member.1.Value"], *tag);
        let session = &form["RoleSessionName"];
        assert!(
            (2..=64).contains(&session.len()),
            "{user}: session {session}"
        );
    }
    for user in [
        "x".repeat(300),
        "a\u{7}b".into(),
        "\u{202e}abc".into(),
        "😀".into(),
        "tab\tname".into(),
    ] {
        let (line, hint) = t
            .clone_with("RHOAI_USER", &user)
            .run(&[])
            .assert_one_error(3);
        assert!(
            line.starts_with("oc-role-assume: error: env RHOAI_USER: the user name"),
            "{line}"
        );
        assert_eq!(
            hint,
            "the user name becomes a session tag: fix the value at its source, or have the admin set \
             --tag-form translated (OC_ROLE_ASSUME_TAG_FORM), which carries every name"
        );
    }
    // An empty variable is unset: the chain goes on.
    let (line, _) = t.clone_with("RHOAI_USER", "").run(&[]).assert_one_error(3);
    assert!(line.contains("no user identity found"), "{line}");
}
