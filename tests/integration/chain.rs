//! The chain and its output: the two STS calls on the wire and the credential_process JSON on stdout.

use crate::harness::front::xml_field;
use crate::harness::{
    BASE_ARN, TARGET_ARN, cache_dir, chains, workbench_with_front, workbench_with_moto,
};

#[test]
fn prints_credential_process_json_and_nothing_else() {
    let (t, _moto) = workbench_with_moto();
    let run = t.run(&[]);
    run.assert_ok();
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.ends_with('\n') && run.stdout.lines().count() == 1,
        "{run:?}"
    );
    let keys: Vec<String> = {
        let v: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&run.stdout).unwrap();
        v.keys().cloned().collect()
    };
    // serde_json's map is sorted; check the exact order on the raw text instead.
    let order: Vec<usize> = [
        "\"Version\":1,",
        "\"AccessKeyId\":",
        "\"SecretAccessKey\":",
        "\"SessionToken\":",
        "\"Expiration\":",
        "\"AccountId\":",
    ]
    .iter()
    .map(|k| {
        run.stdout
            .find(k)
            .unwrap_or_else(|| panic!("{k} missing: {}", run.stdout))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "key order: {}",
        run.stdout
    );
    assert_eq!(keys.len(), 6, "{keys:?}");
    let v = run.json();
    // From the Target session's ARN (arn:aws:sts::<account>:assumed-role/…).
    assert_eq!(v["AccountId"], "123456789012");
    assert!(v["AccessKeyId"].as_str().unwrap().starts_with("ASIA"));
    let exp = v["Expiration"].as_str().unwrap();
    assert!(
        exp.len() == 20 && exp.ends_with('Z') && exp.as_bytes()[10] == b'T',
        "Expiration must be RFC 3339 UTC in whole seconds: {exp}"
    );
}

#[test]
fn web_identity_call_is_unsigned_and_sends_the_token_from_the_file() {
    let (t, moto) = workbench_with_moto();
    let token = std::fs::read_to_string(t.path("token")).unwrap();
    t.run(&[]).assert_ok();
    let calls = moto.sts("AssumeRoleWithWebIdentity");
    assert_eq!(calls.len(), 1, "{calls:#?}");
    let call = &calls[0];
    assert_eq!(
        call.header("Authorization"),
        None,
        "web identity must be unsigned"
    );
    let form = call.form();
    assert_eq!(form["WebIdentityToken"], token);
    assert_eq!(form["RoleArn"], BASE_ARN);
    assert_eq!(form["RoleSessionName"], "alice@example.com");
}

#[test]
fn assume_role_is_signed_by_the_base_key_with_tag_session_name_and_duration() {
    let (t, moto, front) = workbench_with_front();
    t.run(&["--duration", "1800"]).assert_ok();
    let base_answer = front.answers("AssumeRoleWithWebIdentity");
    let base_key = xml_field(&base_answer[0], "AccessKeyId").expect("base AccessKeyId");

    let calls = moto.sts("AssumeRole");
    assert_eq!(calls.len(), 1, "{calls:#?}");
    assert_eq!(calls[0].signed_by().as_deref(), Some(base_key.as_str()));
    let form = calls[0].form();
    assert_eq!(form["RoleArn"], TARGET_ARN);
    assert_eq!(form["Tags.member.1.Key"], "user");
    assert_eq!(form["Tags.member.1.Value"], "alice@example.com");
    assert_eq!(form["RoleSessionName"], "alice@example.com");
    assert_eq!(form["DurationSeconds"], "1800");
    assert!(
        !form.contains_key("SourceIdentity") && !form.contains_key("TransitiveTagKeys.member.1")
    );
}

#[test]
fn printed_credentials_are_the_target_role_session() {
    let (mut t, _moto) = workbench_with_moto();
    let creds = t.run(&[]).assert_ok().json();
    for (var, key) in [
        ("AWS_ACCESS_KEY_ID", "AccessKeyId"),
        ("AWS_SECRET_ACCESS_KEY", "SecretAccessKey"),
        ("AWS_SESSION_TOKEN", "SessionToken"),
    ] {
        t.set(var, creds[key].as_str().unwrap());
    }
    let who = t.aws(&["sts", "get-caller-identity", "--region", "us-east-1"]);
    who.assert_ok();
    assert_eq!(
        who.json()["Arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
}

#[test]
fn a_name_sts_cannot_take_as_session_name_is_tagged_as_is_and_session_name_is_sanitized() {
    let (mut t, moto) = workbench_with_moto();
    t.set("RHOAI_USER", "kube:admin");
    t.run(&[]).assert_ok();
    let form = moto.sts("AssumeRole")[0].form();
    assert_eq!(form["Tags.member.1.Value"], "kube:admin");
    let session = &form["RoleSessionName"];
    assert!(
        session.starts_with("kube-admin-") && session.len() == "kube-admin-".len() + 8,
        "{session}"
    );
    assert_eq!(
        moto.sts("AssumeRoleWithWebIdentity")[0].form()["RoleSessionName"],
        *session
    );
}

#[test]
fn extra_tags_transitive_keys_source_identity_and_session_name_reach_the_wire() {
    let (mut t, moto) = workbench_with_moto();
    t.set("RHOAI_USER", "kube:admin");
    let run = t.run(&[
        "--tag-key",
        "owner",
        "--tag",
        "team=fraud",
        "--tag",
        "cost-center=42",
        "--transitive-tag-key",
        "owner",
        "--source-identity",
        "--session-name",
        "nb-session",
    ]);
    run.assert_ok();
    let form = moto.sts("AssumeRole")[0].form();
    assert_eq!(form["Tags.member.1.Key"], "owner");
    assert_eq!(form["Tags.member.1.Value"], "kube:admin");
    assert_eq!(form["Tags.member.2.Key"], "team");
    assert_eq!(form["Tags.member.2.Value"], "fraud");
    assert_eq!(form["Tags.member.3.Key"], "cost-center");
    assert_eq!(form["Tags.member.3.Value"], "42");
    assert_eq!(form["TransitiveTagKeys.member.1"], "owner");
    assert_eq!(form["RoleSessionName"], "nb-session");
    assert!(
        form["SourceIdentity"].starts_with("kube-admin-"),
        "{form:?}"
    );
}

#[test]
fn an_entry_cached_before_account_id_was_carried_is_served_without_it() {
    let (t, moto) = workbench_with_moto();
    let first = t.run(&[]);
    first.assert_ok();
    assert_eq!(first.json()["AccountId"], "123456789012");
    let entry = std::fs::read_dir(cache_dir(&t))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a cache entry");
    let text = std::fs::read_to_string(&entry).unwrap();
    let old = text.replace(",\"AccountId\":\"123456789012\"", "");
    assert_ne!(old, text, "the entry carries AccountId: {text}");
    std::fs::write(&entry, old).unwrap();

    let again = t.run(&[]);
    again.assert_ok();
    assert_eq!(chains(&moto), (1, 1), "served from the old entry");
    assert_eq!(again.json()["AccessKeyId"], first.json()["AccessKeyId"]);
    assert!(
        again.stdout.trim_end().ends_with("Z\"}") && !again.stdout.contains("AccountId"),
        "{again:?}"
    );
}
