//! Integration tests: the built binary against moto, the AWS CLI, boto3 and the harness's fault front.
//! Each test names the behaviour it pins and asserts what the outside world sees.

#![allow(clippy::too_many_lines)] // test bodies read top to bottom; the 60-line rule is for src/

mod harness;

use harness::front::{Fault, Front, xml_field};
use harness::moto::Moto;
use harness::{BASE_ARN, TARGET_ARN, TestEnv};

/// A workbench env pointed at a fresh moto.
fn workbench_with_moto() -> (TestEnv, Moto) {
    let moto = Moto::start();
    let mut t = TestEnv::workbench();
    t.endpoint(&moto.url);
    (t, moto)
}

/// A workbench env pointed at a fault front before a fresh moto.
fn workbench_with_front() -> (TestEnv, Moto, Front) {
    let moto = Moto::start();
    let front = Front::start(&moto.url);
    let mut t = TestEnv::workbench();
    t.endpoint(&front.url);
    (t, moto, front)
}

// ---------------------------------------------------------------------------------------------
// The chain and its output
// ---------------------------------------------------------------------------------------------

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
    assert_eq!(keys.len(), 5, "{keys:?}");
    let v = run.json();
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

#[test]
fn aws_role_arn_and_token_file_names_are_accepted_for_the_reference_setup() {
    let (mut t, moto) = workbench_with_moto();
    let token = t
        .env
        .remove("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE")
        .unwrap();
    t.unset("OC_ROLE_ASSUME_BASE_ROLE_ARN");
    t.set("AWS_ROLE_ARN", BASE_ARN)
        .set("AWS_WEB_IDENTITY_TOKEN_FILE", &token);
    t.run(&[]).assert_ok();
    assert_eq!(
        moto.sts("AssumeRoleWithWebIdentity")[0].form()["RoleArn"],
        BASE_ARN
    );
}

#[test]
fn our_own_names_win_over_the_aws_names() {
    let (mut t, moto) = workbench_with_moto();
    t.set(
        "AWS_ROLE_ARN",
        "arn:aws:iam::123456789012:role/SomethingElse",
    );
    t.set("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token");
    t.run(&[]).assert_ok();
    assert_eq!(
        moto.sts("AssumeRoleWithWebIdentity")[0].form()["RoleArn"],
        BASE_ARN
    );
}

#[test]
fn the_region_comes_from_aws_region_then_aws_default_region() {
    let (mut t, moto) = workbench_with_moto();
    t.set("AWS_DEFAULT_REGION", "eu-west-1");
    t.run(&[]).assert_ok();
    t.set("AWS_REGION", "ap-south-1");
    t.run(&[]).assert_ok();
    let regions: Vec<String> = moto
        .sts("AssumeRole")
        .iter()
        .map(|r| {
            r.header("Authorization")
                .unwrap()
                .split('/')
                .nth(2)
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(regions, ["eu-west-1", "ap-south-1"]);
}

// ---------------------------------------------------------------------------------------------
// Real consumers of credential_process
// ---------------------------------------------------------------------------------------------

#[test]
fn aws_cli_lists_s3_through_credential_process_as_the_tagged_target_role() {
    let (t, moto) = workbench_with_moto();
    t.credential_process_config("");
    t.aws(&["s3", "mb", "s3://fraud-detection-data"])
        .assert_ok();
    let ls = t.aws(&["s3", "ls"]);
    ls.assert_ok();
    assert!(ls.stdout.contains("fraud-detection-data"), "{ls:?}");
    let who = t.aws(&["sts", "get-caller-identity"]);
    who.assert_ok();
    assert_eq!(
        who.json()["Arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
    assert!(!moto.sts("AssumeRole").is_empty());
    assert!(
        moto.sts("AssumeRole")
            .iter()
            .all(|r| r.form()["Tags.member.1.Value"] == "alice@example.com")
    );
}

#[test]
fn boto3_uses_credential_process_for_sts_and_s3() {
    let (t, _moto) = workbench_with_moto();
    t.credential_process_config("");
    let run = t.python(
        "import boto3\n\
         s3 = boto3.client('s3')\n\
         s3.create_bucket(Bucket='notebook-bucket')\n\
         print([b['Name'] for b in s3.list_buckets()['Buckets']])\n\
         print(boto3.client('sts').get_caller_identity()['Arn'])\n",
    );
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "['notebook-bucket']\narn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com\n"
    );
}

#[test]
fn shadowing_trap_aws_web_identity_variables_make_the_cli_skip_the_helper() {
    let (mut t, moto) = workbench_with_moto();
    t.credential_process_config("");
    let token = t.env["OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE"].clone();
    t.set("AWS_ROLE_ARN", BASE_ARN)
        .set("AWS_WEB_IDENTITY_TOKEN_FILE", &token);
    let who = t.aws(&["sts", "get-caller-identity"]);
    who.assert_ok();
    let arn = who.json()["Arn"].as_str().unwrap().to_owned();
    assert!(
        arn.starts_with("arn:aws:sts::123456789012:assumed-role/OpenShiftAIBaseRole/"),
        "{arn}"
    );
    assert!(
        moto.sts("AssumeRole").is_empty(),
        "the helper must not have run"
    );
}

#[test]
fn shadowing_trap_our_own_variable_names_let_the_cli_run_the_helper() {
    let (t, moto) = workbench_with_moto();
    t.credential_process_config("");
    assert!(
        !t.env.contains_key("AWS_ROLE_ARN") && !t.env.contains_key("AWS_WEB_IDENTITY_TOKEN_FILE")
    );
    let who = t.aws(&["sts", "get-caller-identity"]);
    who.assert_ok();
    assert_eq!(
        who.json()["Arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
    assert_eq!(moto.sts("AssumeRole").len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Bad input: one clear error, the fix named, nothing on stdout
// ---------------------------------------------------------------------------------------------

#[test]
fn missing_target_role_arn_names_the_flag_and_variable() {
    let mut t = TestEnv::workbench();
    t.unset("TARGET_ROLE_ARN");
    t.run(&[]).assert_error(
        2,
        "oc-role-assume: error: no Target role ARN (--target-role-arn)\n\
         hint: pass --target-role-arn or set TARGET_ROLE_ARN\n",
    );
}

#[test]
fn missing_base_role_arn_names_our_variable_first() {
    let mut t = TestEnv::workbench();
    t.unset("OC_ROLE_ASSUME_BASE_ROLE_ARN");
    t.run(&[]).assert_error(
        2,
        "oc-role-assume: error: no Base role ARN (--base-role-arn)\n\
         hint: pass --base-role-arn or set OC_ROLE_ASSUME_BASE_ROLE_ARN (AWS_ROLE_ARN also works)\n",
    );
}

#[test]
fn malformed_role_arns_are_refused_before_any_network_call() {
    let (mut t, moto) = workbench_with_moto();
    t.set("TARGET_ROLE_ARN", "arn:aws:iam::123456789012:user/alice");
    t.run(&[]).assert_error(
        2,
        "oc-role-assume: error: --target-role-arn \"arn:aws:iam::123456789012:user/alice\" is not an IAM role ARN: \
         the resource must be role/NAME\n\
         hint: use the role's ARN as IAM shows it, e.g. arn:aws:iam::123456789012:role/MyRole\n",
    );
    t.set("TARGET_ROLE_ARN", TARGET_ARN);
    t.run(&["--base-role-arn", "arn:aws:iam::1234:role/Base"]).assert_error(
        2,
        "oc-role-assume: error: --base-role-arn \"arn:aws:iam::1234:role/Base\" is not an IAM role ARN: \
         the account must be 12 digits\n\
         hint: use the role's ARN as IAM shows it, e.g. arn:aws:iam::123456789012:role/MyRole\n",
    );
    assert!(
        moto.requests().is_empty(),
        "no request may precede validation"
    );
}

#[test]
fn missing_token_file_setting_names_both_variables() {
    let mut t = TestEnv::workbench();
    t.unset("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE");
    t.run(&[]).assert_error(
        2,
        "oc-role-assume: error: no web-identity token file\n\
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
         hint: the user name becomes a session tag: fix the value at its source\n",
    );
}

#[test]
fn duration_above_the_chaining_limit_is_refused() {
    let t = TestEnv::workbench();
    t.run(&["--duration", "7200"]).assert_error(
        2,
        "oc-role-assume: error: --duration 7200 is out of range\n\
         hint: use 900 to 3600 seconds: STS caps a chained role session at one hour\n",
    );
}

#[test]
fn malformed_extra_tags_are_refused() {
    let t = TestEnv::workbench();
    t.run(&["--tag", "team"]).assert_error(
        2,
        "oc-role-assume: error: --tag \"team\" has no '='\nhint: write extra tags as --tag KEY=VALUE\n",
    );
    t.run(&["--tag", "aws:foo=bar"]).assert_error(
        2,
        "oc-role-assume: error: --tag: tag key \"aws:foo\" is reserved\n\
         hint: keys starting with aws: belong to AWS: choose another key\n",
    );
    t.run(&["--transitive-tag-key", "team"]).assert_error(
        2,
        "oc-role-assume: error: --transitive-tag-key \"team\" names no session tag\n\
         hint: a transitive key must be the --tag-key or the key of a --tag\n",
    );
}

// ---------------------------------------------------------------------------------------------
// STS refusals and faults, through the fault front
// ---------------------------------------------------------------------------------------------

#[test]
fn access_denied_on_assume_role_points_at_the_target_trust_policy() {
    let (t, _moto, front) = workbench_with_front();
    front.inject(
        "AssumeRole",
        Fault::error(403, "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/OpenShiftAIBaseRole/alice is not authorized to perform: sts:TagSession"),
        None,
    );
    t.run(&[]).assert_error(
        4,
        "oc-role-assume: error: STS AssumeRole for arn:aws:iam::123456789012:role/DataScienceTargetRole refused: \
         AccessDenied: User: arn:aws:sts::123456789012:assumed-role/OpenShiftAIBaseRole/alice is not authorized \
         to perform: sts:TagSession\n\
         hint: the Base role needs sts:AssumeRole and sts:TagSession on the Target role, and the Target role's \
         trust policy must name the Base role and allow sts:TagSession (and sts:SetSourceIdentity with --source-identity)\n",
    );
    assert_eq!(front.count("AssumeRole"), 1, "AccessDenied is not retried");
}

#[test]
fn access_denied_on_web_identity_points_at_the_base_trust_policy() {
    let (t, _moto, front) = workbench_with_front();
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::error(
            403,
            "AccessDenied",
            "Not authorized to perform sts:AssumeRoleWithWebIdentity",
        ),
        None,
    );
    t.run(&[]).assert_error(
        4,
        "oc-role-assume: error: STS AssumeRoleWithWebIdentity for arn:aws:iam::123456789012:role/OpenShiftAIBaseRole \
         refused: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity\n\
         hint: the Base role's trust policy must trust the cluster's OIDC provider for sts:AssumeRoleWithWebIdentity, \
         with aud sts.amazonaws.com and the token's sub (system:serviceaccount:<namespace>:<serviceaccount>)\n",
    );
    assert_eq!(front.count("AssumeRole"), 0);
}

#[test]
fn throttling_is_retried_and_recovers() {
    let (t, moto, front) = workbench_with_front();
    front.inject(
        "AssumeRole",
        Fault::error(400, "Throttling", "Rate exceeded"),
        Some(2),
    );
    t.run(&[]).assert_ok();
    assert_eq!(front.count("AssumeRole"), 3);
    assert_eq!(moto.sts("AssumeRole").len(), 1);
}

#[test]
fn throttling_past_the_retry_budget_gives_up_with_a_clear_error() {
    let (t, _moto, front) = workbench_with_front();
    front.inject(
        "AssumeRole",
        Fault::error(400, "Throttling", "Rate exceeded"),
        None,
    );
    t.run(&[]).assert_error(
        4,
        "oc-role-assume: error: STS AssumeRole for arn:aws:iam::123456789012:role/DataScienceTargetRole refused: \
         Throttling: Rate exceeded\n\
         hint: STS is throttling this account and retries ran out: wait a moment and try again\n",
    );
    assert_eq!(front.count("AssumeRole"), 3);
}

#[test]
fn invalid_identity_token_is_retried_once_with_the_token_read_again() {
    let (t, moto, front) = workbench_with_front();
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::error(400, "InvalidIdentityToken", "Token signature invalid"),
        Some(1),
    );
    t.run(&[]).assert_ok();
    assert_eq!(front.count("AssumeRoleWithWebIdentity"), 2);
    assert_eq!(moto.sts("AssumeRoleWithWebIdentity").len(), 1);
}

#[test]
fn invalid_identity_token_twice_names_the_oidc_provider_fix() {
    let (t, _moto, front) = workbench_with_front();
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::error(400, "InvalidIdentityToken", "Token signature invalid"),
        None,
    );
    t.run(&[]).assert_error(
        4,
        "oc-role-assume: error: STS AssumeRoleWithWebIdentity for arn:aws:iam::123456789012:role/OpenShiftAIBaseRole \
         refused: InvalidIdentityToken: Token signature invalid\n\
         hint: register the cluster's OIDC issuer as an IAM identity provider with audience sts.amazonaws.com, \
         and mount a token with that audience\n",
    );
    assert_eq!(front.count("AssumeRoleWithWebIdentity"), 2);
}

#[test]
fn a_hanging_sts_is_bounded_by_the_timeout() {
    let (t, _moto, front) = workbench_with_front();
    front.inject("AssumeRoleWithWebIdentity", Fault::Hang, None);
    let started = std::time::Instant::now();
    t.run(&["--timeout", "1"]).assert_error(
        4,
        "oc-role-assume: error: STS did not answer within 1.0s\n\
         hint: check that the pod can reach the STS endpoint (egress, proxy), or raise --timeout\n",
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn an_unreachable_sts_names_the_endpoint() {
    let mut t = TestEnv::workbench();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    t.endpoint(&format!("http://127.0.0.1:{port}"));
    t.run(&[]).assert_error(
        4,
        &format!(
            "oc-role-assume: error: cannot reach STS at http://127.0.0.1:{port} for AssumeRoleWithWebIdentity: \
             Connection refused (os error 111)\n\
             hint: check network access to the STS endpoint; AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL override it\n"
        ),
    );
}

#[test]
fn a_non_sts_answer_is_reported_as_unreadable() {
    let (t, _moto, front) = workbench_with_front();
    front.inject("AssumeRole", Fault::Garbage, None);
    let run = t.run(&[]);
    assert_eq!(run.code, Some(4), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.lines().count(), 2, "{run:?}");
    assert!(
        run.stderr
            .starts_with("oc-role-assume: error: STS at http://127.0.0.1:"),
        "{run:?}"
    );
    assert!(
        run.stderr
            .contains("sent an unreadable answer to AssumeRole"),
        "{run:?}"
    );
}

#[test]
fn aws_endpoint_url_sts_is_honoured_over_aws_endpoint_url() {
    let (mut t, moto) = workbench_with_moto();
    t.set("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
    t.set("AWS_ENDPOINT_URL_STS", &moto.url.clone());
    t.run(&[]).assert_ok();
    assert_eq!(moto.sts("AssumeRole").len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Identity: the platform-set sources, from this pod, failing closed
// ---------------------------------------------------------------------------------------------

use harness::kube::{FakeKube, Mode, claims_for_pod};

const WORKBENCH_POD: &str = "/api/v1/namespaces/fraud-detection/pods/my-workbench-0";

/// A workbench in a cluster: the fake API serves the fixture pod; RHOAI_USER is set to someone else,
/// so a test passes only if the platform source wins.
fn workbench_in_cluster() -> (TestEnv, Moto, FakeKube) {
    let (mut t, moto) = workbench_with_moto();
    let kube = FakeKube::start();
    t.in_cluster(&kube, &harness::fixture("serviceaccount-token-claims.json"));
    t.set("RHOAI_USER", "mallory");
    (t, moto, kube)
}

fn tag_on_the_wire(moto: &Moto) -> String {
    let calls = moto.sts("AssumeRole");
    assert_eq!(calls.len(), 1, "{calls:#?}");
    calls[0].form()["Tags.member.1.Value"].clone()
}

fn whoami_json(t: &TestEnv) -> serde_json::Value {
    let run = t.run(&["whoami", "--json"]);
    run.assert_ok();
    run.json()
}

#[test]
fn the_pod_annotation_beats_rhoai_user_and_is_the_tag_on_the_wire() {
    let (t, moto, kube) = workbench_in_cluster();
    t.run(&[]).assert_ok();
    assert_eq!(tag_on_the_wire(&moto), "Alice.Smith@example.com");
    assert_eq!(kube.requests(), [format!("GET {WORKBENCH_POD}")]);
}

#[test]
fn whoami_shows_user_source_trust_namespace_and_pod_without_calling_aws() {
    let (mut t, moto, _kube) = workbench_in_cluster();
    // Needs no AWS settings at all.
    t.unset("TARGET_ROLE_ARN")
        .unset("OC_ROLE_ASSUME_BASE_ROLE_ARN");
    let run = t.run(&["whoami"]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "user:      Alice.Smith@example.com\n\
         source:    pod annotation opendatahub.io/username (platform-set)\n\
         namespace: fraud-detection\n\
         pod:       my-workbench-0\n"
    );
    assert_eq!(
        whoami_json(&t),
        serde_json::json!({
            "user": "Alice.Smith@example.com",
            "source": "pod annotation opendatahub.io/username",
            "platform_set": true,
            "namespace": "fraud-detection",
            "pod": "my-workbench-0",
        })
    );
    assert!(moto.requests().is_empty(), "whoami must not call AWS");
}

#[test]
fn whoami_verify_shows_the_target_session_arn() {
    let (t, _moto, _kube) = workbench_in_cluster();
    let v = t.run(&["whoami", "--json", "--verify"]);
    v.assert_ok();
    assert_eq!(
        v.json()["arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/Alice.Smith@example.com"
    );
}

#[test]
fn a_b64_username_annotation_is_decoded() {
    let (t, moto, kube) = workbench_in_cluster();
    let mut pod: serde_json::Value =
        serde_json::from_str(&harness::fixture("workbench-pod.json")).unwrap();
    // base64 of "Zoë Ångström@corp.example" (a long OIDC name the dashboard chose to encode)
    pod["metadata"]["annotations"]["opendatahub.io/username"] =
        "b64:Wm/DqyDDhW5nc3Ryw7ZtQGNvcnAuZXhhbXBsZQ==".into();
    kube.put_pod(pod);
    assert_eq!(whoami_json(&t)["user"], "Zoë Ångström@corp.example");
    t.run(&[]).assert_ok();
    assert_eq!(tag_on_the_wire(&moto), "Zoë Ångström@corp.example");
}

#[test]
fn the_translated_annotation_is_decoded_when_username_is_absent() {
    let (t, _moto, kube) = workbench_in_cluster();
    let mut pod: serde_json::Value =
        serde_json::from_str(&harness::fixture("workbench-pod.json")).unwrap();
    pod["metadata"]["annotations"]
        .as_object_mut()
        .unwrap()
        .remove("opendatahub.io/username");
    kube.put_pod(pod);
    let who = whoami_json(&t);
    assert_eq!(
        who["user"], "alice.smith@example.com",
        "case is lost in translation"
    );
    assert_eq!(who["source"], "pod annotation opendatahub.io/user");
    assert_eq!(who["platform_set"], true);
}

#[test]
fn the_translated_label_is_used_on_older_dashboards() {
    let (mut t, moto) = workbench_with_moto();
    let kube = FakeKube::start();
    t.in_cluster(
        &kube,
        &claims_for_pod(
            Some("jupyter-nb-kube-3aadmin-0"),
            Some("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
        ),
    );
    let who = whoami_json(&t);
    assert_eq!(who["user"], "kube:admin");
    assert_eq!(who["source"], "pod label opendatahub.io/user");
    assert_eq!(who["pod"], "jupyter-nb-kube-3aadmin-0");
    t.run(&[]).assert_ok();
    assert_eq!(tag_on_the_wire(&moto), "kube:admin");
}

#[test]
fn the_downward_api_file_wins_and_needs_no_api_call_even_with_the_api_down() {
    let (mut t, moto, kube) = workbench_in_cluster();
    kube.set_mode(Mode::Status(500));
    std::fs::create_dir_all(t.path("podinfo")).unwrap();
    let file = t.write(
        "podinfo/annotations",
        &harness::fixture("downward-annotations"),
    );
    t.set("OC_ROLE_ASSUME_PODINFO_FILE", file.to_str().unwrap());
    let who = whoami_json(&t);
    assert_eq!(who["user"], "Alice.Smith@example.com");
    assert_eq!(who["source"], "downward-API file (opendatahub.io/username)");
    t.run(&[]).assert_ok();
    assert_eq!(tag_on_the_wire(&moto), "Alice.Smith@example.com");
    assert!(kube.requests().is_empty(), "{:?}", kube.requests());
}

#[test]
fn a_malformed_downward_api_line_stops_the_chain() {
    let (mut t, moto, _kube) = workbench_in_cluster();
    let file = t.write("annotations", "opendatahub.io/username=\"alice\\q\"");
    t.set("OC_ROLE_ASSUME_PODINFO_FILE", file.to_str().unwrap());
    t.run(&[]).assert_error(
        3,
        &format!(
            "oc-role-assume: error: downward-API file {}: line 1 (opendatahub.io/username): unknown escape \\q\n\
             hint: the kubelet writes this file; check the downwardAPI volume, or point --podinfo-file elsewhere\n",
            file.display()
        ),
    );
    assert!(moto.requests().is_empty());
}

#[test]
fn hostname_env_pointing_at_another_pod_changes_nothing() {
    let (mut t, _moto, _kube) = workbench_in_cluster();
    t.set("HOSTNAME", "jupyter-nb-kube-3aadmin-0");
    let who = whoami_json(&t);
    assert_eq!(who["pod"], "my-workbench-0");
    assert_eq!(who["user"], "Alice.Smith@example.com");
}

#[test]
fn without_a_pod_claim_the_kernel_hostname_names_the_pod() {
    let (mut t, _moto) = workbench_with_moto();
    let kube = FakeKube::start();
    let hostname = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .unwrap()
        .trim()
        .to_owned();
    let mut pod: serde_json::Value =
        serde_json::from_str(&harness::fixture("workbench-pod.json")).unwrap();
    pod["metadata"]["name"] = hostname.clone().into();
    kube.put_pod(pod);
    t.in_cluster(&kube, &claims_for_pod(None, None));
    t.set("HOSTNAME", "my-workbench-0");
    let who = whoami_json(&t);
    assert_eq!(who["pod"], hostname.as_str());
    assert_eq!(
        kube.requests(),
        [format!(
            "GET /api/v1/namespaces/fraud-detection/pods/{hostname}"
        )]
    );
}

#[test]
fn a_pod_uid_other_than_the_tokens_fails_closed() {
    let (mut t, moto) = workbench_with_moto();
    let kube = FakeKube::start();
    t.in_cluster(
        &kube,
        &claims_for_pod(
            Some("my-workbench-0"),
            Some("00000000-0000-4000-8000-000000000000"),
        ),
    );
    t.run(&[]).assert_error(
        3,
        "oc-role-assume: error: pod fraud-detection/my-workbench-0 has uid 3f6c1a52-8d0e-4b7a-9a51-1c2d3e4f5a6b, \
         but the service-account token was issued for pod uid 00000000-0000-4000-8000-000000000000\n\
         hint: this is not the pod the token belongs to: restart the workbench so the token and pod match\n",
    );
    assert!(moto.requests().is_empty());
}

#[test]
fn api_failures_fail_closed_with_a_hint_and_no_sts_request() {
    let cases: [(Mode, &str); 4] = [
        (
            Mode::Status(401),
            "oc-role-assume: error: identity lookup failed: the API server rejected the service-account token (401 Unauthorized)\n\
             hint: the token is expired or not this cluster's: restart the workbench pod\n",
        ),
        (
            Mode::Status(403),
            "oc-role-assume: error: identity lookup failed: the service account may not get pod fraud-detection/my-workbench-0 (403 Forbidden)\n\
             hint: grant it: kubectl apply -n fraud-detection -f packaging/kubernetes/rbac.yaml (a Role with get on pods and its RoleBinding)\n",
        ),
        (
            Mode::Status(500),
            "oc-role-assume: error: identity lookup failed: the Kubernetes API failed reading pod fraud-detection/my-workbench-0 (HTTP 500)\n\
             hint: retry shortly; if it persists, check the API server's health\n",
        ),
        (
            Mode::Hang,
            "oc-role-assume: error: the Kubernetes API at https://127.0.0.1:{port} did not answer within 1.0s (reading pod fraud-detection/my-workbench-0)\n\
             hint: check network policy and the cluster CA in the service-account dir; --allow-unverified-identity falls back to RHOAI_USER / JUPYTERHUB_USER\n",
        ),
    ];
    for (mode, expected) in cases {
        let (t, moto, kube) = workbench_in_cluster();
        kube.set_mode(mode);
        let started = std::time::Instant::now();
        t.run(&["--api-timeout", "1"])
            .assert_error(3, &expected.replace("{port}", &kube.port.to_string()));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{mode:?} took {:?}",
            started.elapsed()
        );
        assert!(
            moto.requests().is_empty(),
            "{mode:?}: no STS request after a failed lookup"
        );
    }
}

#[test]
fn a_missing_pod_fails_closed() {
    let (mut t, moto) = workbench_with_moto();
    let kube = FakeKube::start();
    t.in_cluster(&kube, &claims_for_pod(Some("gone-0"), None));
    t.run(&[]).assert_error(
        3,
        "oc-role-assume: error: identity lookup failed: pod fraud-detection/gone-0 not found (404)\n\
         hint: the pod name comes from the token's kubernetes.io.pod.name claim, else the kernel hostname: mount a bound service-account token\n",
    );
    assert!(moto.requests().is_empty());
}

#[test]
fn a_ca_that_did_not_sign_the_api_certificate_fails_closed() {
    let (t, moto, _kube) = workbench_in_cluster();
    let other = FakeKube::start();
    let sa = std::path::PathBuf::from(&t.env["OC_ROLE_ASSUME_SERVICEACCOUNT_DIR"]);
    std::fs::write(sa.join("ca.crt"), &other.ca_pem).unwrap();
    let run = t.run(&[]);
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr.starts_with("oc-role-assume: error: identity lookup failed: cannot reach the Kubernetes API at https://127.0.0.1:"),
        "{run:?}"
    );
    assert!(run.stderr.to_lowercase().contains("certificate"), "{run:?}");
    assert!(moto.requests().is_empty());
}

#[test]
fn allow_unverified_identity_falls_through_to_env_with_a_warning() {
    let (t, moto, kube) = workbench_in_cluster();
    kube.set_mode(Mode::Status(403));
    let run = t.run(&["--allow-unverified-identity"]);
    run.assert_ok();
    assert_eq!(
        run.stderr,
        "oc-role-assume: warning: identity lookup failed: the service account may not get pod \
         fraud-detection/my-workbench-0 (403 Forbidden); going on to user-controlled sources (--allow-unverified-identity)\n"
    );
    assert_eq!(tag_on_the_wire(&moto), "mallory");
}

#[test]
fn a_pod_without_identity_keys_lets_the_chain_go_on() {
    let (t, moto, kube) = workbench_in_cluster();
    let mut pod: serde_json::Value =
        serde_json::from_str(&harness::fixture("workbench-pod.json")).unwrap();
    pod["metadata"]["annotations"] =
        serde_json::json!({"openshift.io/display-name": "My workbench"});
    pod["metadata"]["labels"] = serde_json::json!({"app": "my-workbench"});
    kube.put_pod(pod);
    let who = whoami_json(&t);
    assert_eq!(who["source"], "env RHOAI_USER");
    assert_eq!(who["platform_set"], false);
    t.run(&[]).assert_ok();
    assert_eq!(tag_on_the_wire(&moto), "mallory");
}

#[test]
fn invalid_platform_values_stop_the_chain() {
    for (key, value, expected) in [
        (
            "opendatahub.io/username",
            "b64:not*base64",
            "oc-role-assume: error: pod annotation opendatahub.io/username: \"b64:not*base64\" is not base64 of a UTF-8 name\n\
             hint: the dashboard writes this value; have the platform admin check the workbench's annotations\n",
        ),
        (
            "opendatahub.io/user",
            "alice-4",
            "oc-role-assume: error: pod annotation opendatahub.io/user: \"alice-4\" is not a translated user name: \
             '-' at byte 5 is not followed by two lower-case hex digits\n\
             hint: the dashboard writes this value; have the platform admin check the workbench's metadata\n",
        ),
    ] {
        let (t, moto, kube) = workbench_in_cluster();
        let mut pod: serde_json::Value =
            serde_json::from_str(&harness::fixture("workbench-pod.json")).unwrap();
        pod["metadata"]["annotations"] = serde_json::json!({ key: value });
        kube.put_pod(pod);
        t.run(&[]).assert_error(3, expected);
        assert!(moto.requests().is_empty());
    }
}

#[test]
fn a_kubeconfig_in_home_is_never_used() {
    let (mut t, moto, kube) = workbench_in_cluster();
    let users_cluster = FakeKube::start();
    std::fs::create_dir_all(t.path(".kube")).unwrap();
    let kubeconfig = format!(
        "apiVersion: v1\nkind: Config\ncurrent-context: me\n\
         clusters: [{{name: c, cluster: {{server: \"https://127.0.0.1:{}\", insecure-skip-tls-verify: true}}}}]\n\
         users: [{{name: u, user: {{token: sha256~user-token}}}}]\n\
         contexts: [{{name: me, context: {{cluster: c, user: u, namespace: fraud-detection}}}}]\n",
        users_cluster.port
    );
    let path = t.write(".kube/config", &kubeconfig);
    t.set("KUBECONFIG", path.to_str().unwrap());
    t.run(&[]).assert_ok();
    assert_eq!(tag_on_the_wire(&moto), "Alice.Smith@example.com");
    assert_eq!(kube.requests().len(), 1);
    // Out of a cluster the kubeconfig is not a source either: the env sources are used as is.
    t.unset("KUBERNETES_SERVICE_HOST");
    assert_eq!(whoami_json(&t)["source"], "env RHOAI_USER");
    assert!(
        users_cluster.requests().is_empty(),
        "{:?}",
        users_cluster.requests()
    );
}

// ---------------------------------------------------------------------------------------------
// The cache: one chain for many processes, a warm call that touches no network
// ---------------------------------------------------------------------------------------------

use std::os::unix::fs::{MetadataExt, PermissionsExt};

fn cache_dir(t: &TestEnv) -> std::path::PathBuf {
    t.path(".cache/oc-role-assume")
}

/// The one entry file in the cache dir.
fn entry_file(t: &TestEnv) -> std::path::PathBuf {
    let entries: Vec<_> = std::fs::read_dir(cache_dir(t))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries[0].clone()
}

fn chains(moto: &Moto) -> (usize, usize) {
    (
        moto.sts("AssumeRoleWithWebIdentity").len(),
        moto.sts("AssumeRole").len(),
    )
}

#[test]
fn a_warm_call_makes_no_sts_and_no_kubernetes_request() {
    let (t, moto, kube) = workbench_in_cluster();
    let first = t.run(&[]);
    first.assert_ok();
    let (sts_before, kube_before) = (moto.requests().len(), kube.requests().len());
    assert_eq!((sts_before, kube_before), (2, 1));
    for _ in 0..3 {
        let again = t.run(&[]);
        again.assert_ok();
        assert_eq!(again.stdout, first.stdout, "served from the cache");
        assert_eq!(again.stderr, "");
    }
    assert_eq!(
        moto.requests().len(),
        sts_before,
        "no STS request when warm"
    );
    assert_eq!(
        kube.requests().len(),
        kube_before,
        "no Kubernetes request when warm"
    );
}

#[test]
fn a_stampede_of_48_processes_makes_one_chain_and_48_identical_outputs() {
    let (t, moto, front) = workbench_with_front();
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::Delay(std::time::Duration::from_millis(800)),
        None,
    );
    let children: Vec<_> = (0..48)
        .map(|_| {
            let mut cmd = std::process::Command::new(harness::bin());
            cmd.env_clear()
                .envs(&t.env)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for out in &outputs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, outputs[0].stdout);
    }
    assert_eq!(chains(&moto), (1, 1));
}

#[test]
fn a_900_second_session_is_never_served_from_the_cache() {
    let (t, moto) = workbench_with_moto();
    t.run(&["--duration", "900"]).assert_ok();
    t.run(&["--duration", "900"]).assert_ok();
    assert_eq!(chains(&moto), (2, 2));
}

#[test]
fn min_remaining_decides_when_an_entry_is_too_old_to_serve() {
    let (t, moto) = workbench_with_moto();
    t.run(&[]).assert_ok();
    t.run(&["--min-remaining", "3000"]).assert_ok();
    assert_eq!(chains(&moto), (1, 1), "about 3600 s left: served");
    t.run(&["--min-remaining", "3600"]).assert_ok();
    assert_eq!(chains(&moto), (2, 2), "less than 3600 s left: refreshed");
}

#[test]
fn another_user_role_or_tag_set_gets_its_own_entry() {
    let (mut t, moto) = workbench_with_moto();
    let alice = t.run(&[]).assert_ok().stdout.clone();
    t.set("RHOAI_USER", "bob");
    let bob = t.run(&[]).assert_ok().stdout.clone();
    assert_ne!(alice, bob);
    t.run(&["--tag", "team=fraud"]).assert_ok();
    t.run(&["--target-role-arn", "arn:aws:iam::123456789012:role/Other"])
        .assert_ok();
    assert_eq!(chains(&moto), (4, 4));
    t.set("RHOAI_USER", "alice@example.com");
    assert_eq!(
        t.run(&[]).assert_ok().stdout,
        alice,
        "alice's entry is still hers"
    );
    assert_eq!(chains(&moto), (4, 4));
}

#[test]
fn the_token_is_not_part_of_the_key_and_never_written_to_the_cache() {
    let (t, moto) = workbench_with_moto();
    let token = std::fs::read_to_string(t.path("token")).unwrap();
    let first = t.run(&[]).assert_ok().stdout.clone();
    t.write(
        "token",
        &harness::jwt(r#"{"sub":"system:serviceaccount:ns:rotated"}"#),
    );
    assert_eq!(t.run(&[]).assert_ok().stdout, first);
    assert_eq!(chains(&moto), (1, 1));
    let entry = std::fs::read_to_string(entry_file(&t)).unwrap();
    assert!(!entry.contains(&token) && !entry.contains(token.split('.').nth(1).unwrap()));
}

#[test]
fn corrupt_truncated_empty_and_wrong_version_entries_heal() {
    let (t, moto) = workbench_with_moto();
    t.run(&[]).assert_ok();
    let path = entry_file(&t);
    let good = std::fs::read_to_string(&path).unwrap();
    let damaged = [
        String::new(),
        good[..good.len() / 2].to_owned(),
        "{not json".to_owned(),
        good.replacen("\"version\":1", "\"version\":99", 1),
    ];
    for (n, bad) in damaged.iter().enumerate() {
        std::fs::write(&path, bad).unwrap();
        let run = t.run(&[]);
        run.assert_ok();
        assert_eq!(run.stderr, "");
        assert_eq!(chains(&moto), (n + 2, n + 2), "damaged entry {n} is a miss");
        let healed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(healed["version"], 1);
    }
}

#[test]
fn the_cache_dir_is_0700_and_its_files_0600() {
    let (t, _moto) = workbench_with_moto();
    t.run(&[]).assert_ok();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&cache_dir(&t)), 0o700);
    for dirent in std::fs::read_dir(cache_dir(&t)).unwrap() {
        let path = dirent.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[test]
fn a_group_writable_or_foreign_cache_dir_is_refused_with_a_warning_and_credentials_still_work() {
    let (t, moto) = workbench_with_moto();
    let dir = cache_dir(&t);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o775)).unwrap();
    let run = t.run(&[]);
    run.assert_ok();
    assert_eq!(
        run.stderr,
        format!(
            "oc-role-assume: warning: not caching credentials: cache dir {}: it is writable by group or others \
             (mode 775); fix it or set OC_ROLE_ASSUME_CACHE_DIR\n",
            dir.display()
        )
    );
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "nothing written to an untrusted dir"
    );

    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let me = std::fs::metadata(t.dir.path()).unwrap().uid();
    std::os::unix::fs::chown(&dir, Some(me + 4242), None).unwrap();
    let run = t.run(&[]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains(&format!("it is owned by uid {}, not by you", me + 4242)),
        "{run:?}"
    );
    assert_eq!(chains(&moto), (2, 2));
}

#[test]
fn an_unusable_cache_dir_degrades_to_no_cache() {
    let (mut t, moto) = workbench_with_moto();
    let file = t.write("not-a-dir", "x");
    t.set(
        "OC_ROLE_ASSUME_CACHE_DIR",
        file.join("cache").to_str().unwrap(),
    );
    for _ in 0..2 {
        let run = t.run(&[]);
        run.assert_ok();
        assert!(
            run.stderr
                .starts_with("oc-role-assume: warning: not caching credentials: cache dir "),
            "{run:?}"
        );
        assert_eq!(run.stderr.lines().count(), 1);
    }
    assert_eq!(chains(&moto), (2, 2));
}

#[test]
fn a_process_killed_mid_write_leaves_the_old_entry_whole_and_the_next_call_heals() {
    let (mut t, moto) = workbench_with_moto();
    t.run(&[]).assert_ok();
    let path = entry_file(&t);
    let before = std::fs::read(&path).unwrap();
    // Force a refresh and pause it halfway through writing the new entry (debug-build hook).
    t.set("OC_ROLE_ASSUME_TEST_WRITE_PAUSE_MS", "30000");
    let mut cmd = std::process::Command::new(harness::bin());
    cmd.env_clear()
        .envs(&t.env)
        .args(["--min-remaining", "3600"]);
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let tmp = path.with_extension("tmp");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::fs::metadata(&tmp).map_or(0, |m| m.len()) == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the write never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the entry is untouched by the torn write"
    );
    t.unset("OC_ROLE_ASSUME_TEST_WRITE_PAUSE_MS");
    t.run(&["--min-remaining", "3600"]).assert_ok();
    assert_eq!(chains(&moto), (3, 3));
    assert!(!tmp.exists(), "the torn temp file was replaced and renamed");
    let entry: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(entry["version"], 1);
}

#[test]
fn cache_path_and_clear() {
    let (mut t, moto) = workbench_with_moto();
    let path = t.run(&["cache", "path"]);
    path.assert_ok();
    assert_eq!(path.stdout, format!("{}\n", cache_dir(&t).display()));
    t.run(&[]).assert_ok();
    let clear = t.run(&["cache", "clear"]);
    clear.assert_ok();
    assert_eq!(
        clear.stdout,
        format!("removed 2 files from {}\n", cache_dir(&t).display())
    );
    t.run(&[]).assert_ok();
    assert_eq!(chains(&moto), (2, 2), "cleared: the next call fetches");
    let xdg = t.path("xdg-cache");
    t.set("XDG_CACHE_HOME", xdg.to_str().unwrap());
    assert_eq!(
        t.run(&["cache", "path"]).stdout,
        format!("{}\n", xdg.join("oc-role-assume").display())
    );
}

#[test]
fn no_cache_neither_reads_nor_writes() {
    let (t, moto) = workbench_with_moto();
    t.run(&["--no-cache"]).assert_ok();
    t.run(&["--no-cache"]).assert_ok();
    assert_eq!(chains(&moto), (2, 2));
    assert!(!cache_dir(&t).exists());
}

#[test]
fn without_home_the_cache_goes_under_the_runtime_dir_or_a_per_user_temp_dir() {
    let mut t = TestEnv::bare();
    t.unset("HOME").set("XDG_RUNTIME_DIR", "/run/user/4242");
    let path = |t: &TestEnv| t.run(&["cache", "path"]).assert_ok().stdout.clone();
    assert_eq!(path(&t), "/run/user/4242/oc-role-assume\n");
    t.unset("XDG_RUNTIME_DIR");
    let uid = std::fs::metadata("/proc/self").unwrap().uid();
    assert_eq!(path(&t), format!("/tmp/oc-role-assume-{uid}\n"));
}

// ---------------------------------------------------------------------------------------------
// exec: env mode and server mode
// ---------------------------------------------------------------------------------------------

use std::io::{BufRead, BufReader, Read as _, Write as _};
use std::os::unix::process::ExitStatusExt;

/// Variables a pod may carry that would make an SDK pick other credentials before ours.
fn with_competing_variables(t: &mut TestEnv) {
    t.set("AWS_ROLE_ARN", BASE_ARN)
        .set(
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
        )
        .set("AWS_ROLE_SESSION_NAME", "x")
        .set("AWS_PROFILE", "other")
        .set("AWS_DEFAULT_PROFILE", "other")
        .set(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "/v2/credentials/x",
        )
        .set(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://169.254.170.23/v1/credentials",
        )
        .set(
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            "/var/run/secrets/pods.eks.amazonaws.com/token",
        );
}

fn env_of(output: &str) -> std::collections::BTreeMap<String, String> {
    output
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn exec_env_mode_gives_the_child_the_keys_and_removes_competing_variables() {
    let (mut t, _moto) = workbench_with_moto();
    t.set("AWS_REGION", "eu-west-1");
    with_competing_variables(&mut t);
    let creds = t.run(&[]).assert_ok().json();
    let run = t.run(&["exec", "--", "env"]);
    run.assert_ok();
    let env = env_of(&run.stdout);
    assert_eq!(
        env["AWS_ACCESS_KEY_ID"],
        creds["AccessKeyId"].as_str().unwrap()
    );
    assert_eq!(
        env["AWS_SECRET_ACCESS_KEY"],
        creds["SecretAccessKey"].as_str().unwrap()
    );
    assert_eq!(
        env["AWS_SESSION_TOKEN"],
        creds["SessionToken"].as_str().unwrap()
    );
    assert_eq!(
        env["AWS_CREDENTIAL_EXPIRATION"],
        creds["Expiration"].as_str().unwrap()
    );
    assert_eq!(
        (
            env["AWS_REGION"].as_str(),
            env["AWS_DEFAULT_REGION"].as_str()
        ),
        ("eu-west-1", "eu-west-1")
    );
    for gone in [
        "AWS_ROLE_ARN",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_SESSION_NAME",
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    ] {
        assert!(!env.contains_key(gone), "{gone} must be removed");
    }
    assert_eq!(
        env["RHOAI_USER"], "alice@example.com",
        "everything else is passed on"
    );
}

#[test]
fn exec_env_mode_credentials_work_in_the_aws_cli_despite_web_identity_variables() {
    let (mut t, _moto) = workbench_with_moto();
    with_competing_variables(&mut t);
    t.unset("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        .unset("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        .unset("AWS_PROFILE");
    let run = t.run_with_venv(&["exec", "--", "aws", "sts", "get-caller-identity"]);
    run.assert_ok();
    assert_eq!(
        run.json()["Arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
}

#[test]
fn exec_exit_codes_and_signal_deaths_are_the_childs() {
    let (t, _moto) = workbench_with_moto();
    assert_eq!(t.run(&["exec", "--", "true"]).code, Some(0));
    assert_eq!(t.run(&["exec", "--", "sh", "-c", "exit 7"]).code, Some(7));
    let child = t.spawn(&["exec", "--", "sh", "-c", "kill -TERM $$"]);
    let status = child.wait_with_output().unwrap().status;
    assert_eq!(
        status.signal(),
        Some(15),
        "env mode is the child: it dies of the same signal"
    );
    assert_eq!(
        t.run(&["exec", "--server", "--", "sh", "-c", "exit 7"])
            .code,
        Some(7)
    );
    assert_eq!(
        t.run(&["exec", "--server", "--", "sh", "-c", "kill -KILL $$"])
            .code,
        Some(128 + 9)
    );
}

#[test]
fn exec_reports_missing_and_non_executable_commands_like_a_shell() {
    let (t, _moto) = workbench_with_moto();
    let script = t.write("not-executable.sh", "echo hi\n");
    for server in [false, true] {
        let mode: &[&str] = if server {
            &["exec", "--server", "--"]
        } else {
            &["exec", "--"]
        };
        t.run(&[mode, &["no-such-command-anywhere"]].concat())
            .assert_error(
                127,
                "oc-role-assume: error: command not found: no-such-command-anywhere\n\
             hint: check the command's name and PATH\n",
            );
        t.run(&[mode, &[script.to_str().unwrap()]].concat())
            .assert_error(
                126,
                &format!(
                    "oc-role-assume: error: command not executable: {}\n\
                 hint: make it executable (chmod +x) or run it through its interpreter\n",
                    script.display()
                ),
            );
    }
}

#[test]
fn exec_server_mode_boto3_and_aws_cli_get_target_credentials_with_no_keys_in_their_env() {
    let (mut t, _moto) = workbench_with_moto();
    with_competing_variables(&mut t);
    t.set("AWS_ACCESS_KEY_ID", "AKIASTATICKEYNOTUSED")
        .set("AWS_SECRET_ACCESS_KEY", "static");
    let code = "import boto3, os\n\
                assert not any(k in os.environ for k in ('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN', 'AWS_PROFILE'))\n\
                print(boto3.client('sts').get_caller_identity()['Arn'])\n";
    let run = t.run_with_venv(&["exec", "--server", "--", "python", "-c", code]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com\n"
    );
    let run = t.run_with_venv(&[
        "exec",
        "--server",
        "--",
        "aws",
        "sts",
        "get-caller-identity",
    ]);
    run.assert_ok();
    assert_eq!(
        run.json()["Arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
}

/// Start `exec --server` with a child that prints the endpoint and its token, then waits.
fn server_with_waiting_child(
    t: &TestEnv,
    extra: &[&str],
    child: &str,
) -> (std::process::Child, String, String) {
    let mut wrapper = t.spawn(&[extra, &["exec", "--server", "--", "sh", "-c", child]].concat());
    let mut line = String::new();
    BufReader::new(wrapper.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let (uri, token) = line
        .trim()
        .split_once(' ')
        .unwrap_or_else(|| panic!("child printed {line:?}"));
    (wrapper, uri.to_owned(), token.to_owned())
}

const PRINT_ENDPOINT_AND_WAIT: &str = "echo \"$AWS_CONTAINER_CREDENTIALS_FULL_URI $AWS_CONTAINER_AUTHORIZATION_TOKEN\"; exec sleep 60";

/// One raw HTTP GET; returns the status code and body.
fn http_get(addr: &str, path: &str, token: Option<&str>) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let auth = token
        .map(|t| format!("Authorization: {t}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).unwrap().parse().unwrap();
    (
        status,
        response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default(),
    )
}

#[test]
fn exec_server_endpoint_checks_the_token_and_listens_on_loopback_only() {
    let (t, _moto) = workbench_with_moto();
    let (mut wrapper, uri, token) = server_with_waiting_child(&t, &[], PRINT_ENDPOINT_AND_WAIT);
    let rest = uri
        .strip_prefix("http://127.0.0.1:")
        .expect("a loopback URI");
    let (port, path) = rest.split_once('/').unwrap();
    let addr = format!("127.0.0.1:{port}");
    assert_eq!(token.len(), 64, "256 bits as hex");

    let (status, body) = http_get(&addr, &format!("/{path}"), Some(&token));
    assert_eq!(status, 200, "{body}");
    let creds: serde_json::Value = serde_json::from_str(&body).unwrap();
    let keys: Vec<&str> = creds
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["AccessKeyId", "Expiration", "SecretAccessKey", "Token"]
    );
    assert_eq!(http_get(&addr, &format!("/{path}"), None).0, 401);
    assert_eq!(
        http_get(&addr, &format!("/{path}"), Some(&"0".repeat(64))).0,
        403
    );
    assert_eq!(
        http_get(&addr, &format!("/{path}"), Some(&token[..63])).0,
        403
    );
    let elsewhere = std::net::TcpStream::connect(format!("127.0.0.2:{port}"));
    assert!(
        elsewhere.is_err(),
        "bound to 127.0.0.1 only, not to every address"
    );

    // SIGTERM to the wrapper reaches the child (sleep dies of it: 128 + 15).
    send_sigterm(&wrapper);
    assert_eq!(wrapper.wait().unwrap().code(), Some(143));
}

#[test]
fn exec_server_forwards_sigterm_to_the_child_and_exits_with_its_code() {
    let (t, _moto) = workbench_with_moto();
    let child =
        "trap 'echo child-got-TERM; exit 3' TERM; echo \"ready -\"; while :; do sleep 0.05; done";
    let (mut wrapper, _, _) = server_with_waiting_child(&t, &[], child);
    send_sigterm(&wrapper);
    let status = wrapper.wait().unwrap();
    let mut rest = String::new();
    wrapper
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut rest)
        .unwrap();
    assert_eq!(rest, "child-got-TERM\n");
    assert_eq!(status.code(), Some(3));
}

#[test]
fn exec_server_refreshes_credentials_for_a_child_that_outlives_them() {
    let (t, moto) = workbench_with_moto();
    // 900 s sessions, refreshed once fewer than 895 s remain: the first refresh is due after ~5 s.
    let code = "import boto3, json, os, time, urllib.request\n\
                def get():\n\
                \x20   req = urllib.request.Request(os.environ['AWS_CONTAINER_CREDENTIALS_FULL_URI'], headers={'Authorization': os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN']})\n\
                \x20   c = json.load(urllib.request.urlopen(req))\n\
                \x20   sts = boto3.client('sts', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['Token'])\n\
                \x20   return c['AccessKeyId'], c['Expiration'], sts.get_caller_identity()['Arn']\n\
                start = time.time()\n\
                for i in range(2):\n\
                \x20   key, exp, arn = get()\n\
                \x20   print(f'{time.time() - start:.1f}s', key, exp, arn, flush=True)\n\
                \x20   if i == 0: time.sleep(8)\n";
    let run = t.run_with_venv(&[
        "--duration",
        "900",
        "--min-remaining",
        "895",
        "exec",
        "--server",
        "--",
        "python",
        "-c",
        code,
    ]);
    run.assert_ok();
    eprintln!("refresh timeline:\n{}", run.stdout);
    let lines: Vec<Vec<&str>> = run.stdout.lines().map(|l| l.split(' ').collect()).collect();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert_ne!(
        lines[0][1], lines[1][1],
        "the second call got new credentials"
    );
    assert!(lines[1][2] > lines[0][2], "with a later expiration");
    for line in &lines {
        assert_eq!(
            line[3],
            "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
        );
    }
    assert_eq!(chains(&moto), (2, 2), "exactly one refresh");
}

fn send_sigterm(child: &std::process::Child) {
    // SAFETY: kill(2) on a child we started and have not reaped.
    unsafe { libc::kill(i32::try_from(child.id()).unwrap(), libc::SIGTERM) };
}

// ---------------------------------------------------------------------------------------------
// configure, doctor, completions
// ---------------------------------------------------------------------------------------------

#[test]
fn configure_writes_a_profile_the_aws_cli_then_uses_and_keeps_everything_else() {
    let (t, _moto) = workbench_with_moto();
    let before =
        "# team settings\n[profile other]\nregion = eu-west-1\n\n[default]\nregion = us-east-1\n";
    let config = t.write("aws-config", before);
    let run = t.run(&["configure", "--duration", "1800"]);
    run.assert_ok();
    let line = format!(
        "credential_process = {} --duration 1800\n",
        harness::bin().canonicalize().unwrap().display()
    );
    let after = std::fs::read_to_string(&config).unwrap();
    assert_eq!(
        after,
        before.replace("[default]\n", &format!("[default]\n{line}"))
    );
    assert!(
        t.run(&["configure", "--duration", "1800"])
            .assert_ok()
            .stdout
            .contains("already runs")
    );
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        after,
        "idempotent"
    );
    let who = t.aws(&["sts", "get-caller-identity"]);
    who.assert_ok();
    assert_eq!(
        who.json()["Arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/alice@example.com"
    );
}

#[test]
fn configure_creates_a_private_file_and_print_writes_nothing() {
    let (mut t, _moto) = workbench_with_moto();
    let config = t.path("new/.aws/config");
    t.set("AWS_CONFIG_FILE", config.to_str().unwrap());
    let print = t.run(&["configure", "--print", "--profile", "data"]);
    print.assert_ok();
    assert!(
        print
            .stdout
            .starts_with("[profile data]\ncredential_process = /"),
        "{print:?}"
    );
    assert!(!config.exists(), "--print writes nothing");
    t.run(&["configure"]).assert_ok();
    assert_eq!(
        std::fs::metadata(&config).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(config.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
}

#[test]
fn configure_refuses_to_replace_static_keys_or_another_helper_without_force() {
    let t = TestEnv::workbench();
    let keys = "[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n";
    let config = t.write("aws-config", keys);
    t.run(&["configure"]).assert_error(
        2,
        "oc-role-assume: error: profile default holds static keys (aws_access_key_id)\n\
         hint: pass --force to replace them with credential_process, or choose another --profile\n",
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), keys);
    t.write(
        "aws-config",
        "[default]\ncredential_process = aws-vault export --format=json dev\n",
    );
    t.run(&["configure"]).assert_error(
        2,
        "oc-role-assume: error: profile default already runs another credential_process (aws-vault export --format=json dev)\n\
         hint: pass --force to replace it, or choose another --profile\n",
    );
    t.run(&["configure", "--force"]).assert_ok();
    assert!(
        !std::fs::read_to_string(&config)
            .unwrap()
            .contains("aws-vault")
    );
}

#[test]
fn configure_warns_about_exported_web_identity_variables() {
    let mut t = TestEnv::workbench();
    t.set("AWS_ROLE_ARN", BASE_ARN)
        .set("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token");
    let run = t.run(&["configure"]);
    run.assert_ok();
    assert!(
        run.stderr.starts_with(
            "oc-role-assume: warning: AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE are exported"
        ),
        "{run:?}"
    );
    assert!(run.stderr.contains("exec --server"));
}

fn doctor_steps(t: &TestEnv) -> (Option<i32>, Vec<(String, String, String)>, String) {
    let run = t.run(&["doctor", "--json"]);
    let steps: Vec<serde_json::Value> =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    let steps = steps
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap().to_owned(),
                s["status"].as_str().unwrap().to_owned(),
                s["hint"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    (run.code, steps, run.stdout)
}

#[test]
fn doctor_passes_every_step_of_a_working_in_cluster_setup() {
    let (t, _moto, _kube) = workbench_in_cluster();
    t.run(&["configure"]).assert_ok();
    let (code, steps, _) = doctor_steps(&t);
    let statuses: Vec<(&str, &str)> = steps
        .iter()
        .map(|(s, st, _)| (s.as_str(), st.as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("settings", "PASS"),
            ("web-identity token", "PASS"),
            ("in-cluster files", "PASS"),
            ("Kubernetes API", "PASS"),
            ("identity", "PASS"),
            ("Base role", "PASS"),
            ("Target role", "PASS"),
            ("cache", "PASS"),
            ("AWS config", "PASS"),
            ("shadowing", "PASS"),
        ]
    );
    assert_eq!(code, Some(0));
}

#[test]
fn doctor_names_the_broken_step_and_its_fix_and_prints_no_secret() {
    let (mut t, moto, front) = workbench_with_front();
    let kube = FakeKube::start();
    t.in_cluster(&kube, &harness::fixture("serviceaccount-token-claims.json"));
    kube.set_mode(Mode::Status(403));
    front.inject(
        "AssumeRole",
        Fault::error(
            403,
            "AccessDenied",
            "not authorized to perform: sts:TagSession",
        ),
        None,
    );
    t.set("AWS_ROLE_ARN", BASE_ARN)
        .set("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token");
    t.run(&["configure"]).assert_ok();
    let run = t.run(&["doctor", "--allow-unverified-identity"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let fails: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("FAIL"))
        .collect();
    assert_eq!(fails.len(), 3, "{}", run.stdout);
    assert!(
        fails[0].starts_with(
            "FAIL  Kubernetes API       identity lookup failed: the service account may not get pod"
        ),
        "{}",
        run.stdout
    );
    assert!(
        fails[1].starts_with("FAIL  Target role          STS AssumeRole for"),
        "{}",
        run.stdout
    );
    assert!(fails[2].starts_with("FAIL  shadowing"), "{}", run.stdout);
    assert!(run.stdout.contains(
        "hint: grant it: kubectl apply -n fraud-detection -f packaging/kubernetes/rbac.yaml"
    ));
    assert!(run.stdout.contains(
        "hint: the Base role needs sts:AssumeRole and sts:TagSession on the Target role"
    ));
    assert!(run.stdout.contains("PASS  Base role"));
    let token = std::fs::read_to_string(t.path("token")).unwrap();
    assert!(!run.stdout.contains(&token) && !run.stderr.contains(&token));
    for answer in front.answers("AssumeRoleWithWebIdentity") {
        let secret = xml_field(&answer, "SecretAccessKey").unwrap();
        assert!(
            !run.stdout.contains(&secret) && !run.stderr.contains(&secret),
            "a secret leaked"
        );
    }
    drop(moto);
}

#[test]
fn doctor_fails_a_token_with_the_wrong_audience_or_expired() {
    let t = TestEnv::workbench();
    let mut claims: serde_json::Value =
        serde_json::from_str(&harness::fresh(&harness::fixture("irsa-token-claims.json"))).unwrap();
    claims["aud"] = serde_json::json!(["https://kubernetes.default.svc"]);
    t.write("token", &harness::jwt(&claims.to_string()));
    let (code, steps, _) = doctor_steps(&t);
    assert_eq!(code, Some(1));
    assert_eq!(steps[1].1, "FAIL");
    assert_eq!(
        steps[1].2,
        "project the token with audience: sts.amazonaws.com (serviceAccountToken.audience)"
    );
    claims["aud"] = serde_json::json!("sts.amazonaws.com");
    claims["exp"] = serde_json::json!(1_000_000_000);
    t.write("token", &harness::jwt(&claims.to_string()));
    let (_, steps, text) = doctor_steps(&t);
    assert_eq!(steps[1].1, "FAIL", "{text}");
    assert!(
        steps[1]
            .2
            .starts_with("the kubelet rotates projected tokens"),
        "{text}"
    );
}

#[test]
fn committed_completions_match_what_the_binary_generates() {
    let t = TestEnv::bare();
    for (shell, file) in [
        ("bash", "oc-role-assume.bash"),
        ("zsh", "_oc-role-assume"),
        ("fish", "oc-role-assume.fish"),
        ("powershell", "_oc-role-assume.ps1"),
        ("elvish", "oc-role-assume.elv"),
    ] {
        let run = t.run(&["completions", shell]);
        run.assert_ok();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(file);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            run.stdout == committed,
            "completions/{file} is stale: run packaging/completions.sh"
        );
    }
    let man = t.run(&["man"]);
    man.assert_ok();
    assert!(man.stdout.starts_with(".ie \\n(.g .ds Aq"), "roff");
    assert!(man.stdout.contains("oc\\-role\\-assume") && man.stdout.contains("whoami"));
}

// ---------------------------------------------------------------------------------------------
// packaging
// ---------------------------------------------------------------------------------------------

fn packaging_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for dirent in std::fs::read_dir(dir).unwrap() {
        let path = dirent.unwrap().path();
        if path.is_dir() {
            packaging_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn packaging_json_parses_and_every_placeholder_is_documented() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut files = Vec::new();
    packaging_files(&root, &mut files);
    let mut json_files = 0;
    for path in files.iter().filter(|p| !p.ends_with("README.md")) {
        let text = std::fs::read_to_string(path).unwrap();
        if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(value["Version"], "2012-10-17", "{}", path.display());
            json_files += 1;
        }
        let mut rest = text.as_str();
        while let Some(start) = rest.find('<') {
            rest = &rest[start + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                .collect();
            if !name.is_empty() && rest[name.len()..].starts_with('>') {
                assert!(
                    readme.contains(&format!("| `<{name}>` |")),
                    "{}: placeholder <{name}> is not documented in packaging/README.md",
                    path.display()
                );
            }
        }
    }
    assert_eq!(json_files, 6);
}

// ---------------------------------------------------------------------------------------------
// Hardening: the fault matrix, hostile input, secrets
// ---------------------------------------------------------------------------------------------

fn assert_no_panic(run: &harness::Run) {
    assert!(
        !run.stderr.contains("panicked") && run.code != Some(101) && run.code.is_some(),
        "{run:?}"
    );
}

/// A clean two-line error: `oc-role-assume: error: …` and `hint: …`, nothing on stdout.
#[track_caller]
fn assert_one_error(run: &harness::Run, code: i32) -> (String, String) {
    assert_no_panic(run);
    assert_eq!(run.code, Some(code), "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert!(
        lines[0].starts_with("oc-role-assume: error: ") && lines[1].starts_with("hint: "),
        "{run:?}"
    );
    (
        lines[0].to_owned(),
        lines[1].trim_start_matches("hint: ").to_owned(),
    )
}

fn cache_entries(t: &TestEnv) -> usize {
    std::fs::read_dir(cache_dir(t))
        .map(|d| {
            d.filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "json")
            })
            .count()
        })
        .unwrap_or(0)
}

#[test]
fn fault_matrix_each_fault_gives_one_clear_error_no_entry_and_the_next_call_succeeds() {
    let moto = Moto::start();
    let front = Front::start(&moto.url);
    let truncated = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials><AccessKeyId>ASIA";
    let cases: Vec<(&str, Fault, &str, &str)> = vec![
        (
            "AssumeRole",
            Fault::error(400, "Throttling", "Rate exceeded"),
            "refused: Throttling: Rate exceeded",
            "STS is throttling this account and retries ran out",
        ),
        (
            "AssumeRoleWithWebIdentity",
            Fault::error(500, "InternalFailure", "boom"),
            "refused: InternalFailure: boom",
            "STS failed on its side and retries ran out",
        ),
        (
            "AssumeRole",
            Fault::error(503, "ServiceUnavailable", "later"),
            "refused: ServiceUnavailable: later",
            "STS failed on its side and retries ran out",
        ),
        (
            "AssumeRole",
            Fault::Respond {
                status: 200,
                body: truncated.into(),
            },
            "STS AssumeRole answered with incomplete credentials",
            "check that AWS_ENDPOINT_URL",
        ),
        (
            "AssumeRoleWithWebIdentity",
            Fault::Garbage,
            "sent an unreadable answer to AssumeRoleWithWebIdentity (HTTP 200)",
            "check that AWS_ENDPOINT_URL",
        ),
        (
            "AssumeRoleWithWebIdentity",
            Fault::Drop,
            "for AssumeRoleWithWebIdentity",
            "check network access to the STS endpoint",
        ),
        (
            "AssumeRoleWithWebIdentity",
            Fault::error(400, "ExpiredTokenException", "Token expired"),
            "refused: ExpiredTokenException: Token expired",
            "the projected token has expired",
        ),
        (
            "AssumeRoleWithWebIdentity",
            Fault::error(400, "InvalidIdentityToken", "bad signature"),
            "refused: InvalidIdentityToken: bad signature",
            "register the cluster's OIDC issuer",
        ),
        (
            "AssumeRoleWithWebIdentity",
            Fault::error(403, "AccessDenied", "denied"),
            "refused: AccessDenied: denied",
            "the Base role's trust policy must trust",
        ),
        (
            "AssumeRole",
            Fault::error(403, "AccessDenied", "denied"),
            "refused: AccessDenied: denied",
            "the Base role needs sts:AssumeRole and sts:TagSession",
        ),
        (
            "AssumeRole",
            Fault::error(403, "RegionDisabledException", "STS is not activated"),
            "refused: RegionDisabledException",
            "STS is not activated in us-east-1",
        ),
        (
            "AssumeRole",
            Fault::error(400, "PackedPolicyTooLarge", "too large"),
            "refused: PackedPolicyTooLarge: too large",
            "the session tags are too large",
        ),
        (
            "AssumeRole",
            Fault::error(
                400,
                "ExpiredTokenException",
                "The security token included in the request is expired",
            ),
            "refused: ExpiredTokenException",
            "the Base session expired before AssumeRole",
        ),
    ];
    for (action, fault, error, hint) in cases {
        let mut t = TestEnv::workbench();
        t.endpoint(&front.url);
        front.clear();
        front.inject(action, fault.clone(), None);
        let (line, got_hint) = assert_one_error(&t.run(&[]), 4);
        assert!(line.contains(error), "{action} {fault:?}: {line}");
        assert!(got_hint.starts_with(hint), "{action} {fault:?}: {got_hint}");
        assert_eq!(cache_entries(&t), 0, "{action} {fault:?}: no entry written");
        front.clear();
        t.run(&[]).assert_ok();
        assert_eq!(
            cache_entries(&t),
            1,
            "{action} {fault:?}: the next call succeeds and caches"
        );
    }
}

#[test]
fn an_expired_token_is_read_again_and_retried_once() {
    let (t, moto, front) = workbench_with_front();
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::error(400, "ExpiredTokenException", "Token expired"),
        Some(1),
    );
    t.run(&[]).assert_ok();
    assert_eq!(front.count("AssumeRoleWithWebIdentity"), 2);
    assert_eq!(chains(&moto), (1, 1));
}

#[test]
fn hostile_role_arns_and_env_values_are_refused_cleanly() {
    let t0 = TestEnv::workbench();
    let long = format!("arn:aws:iam::123456789012:role/{}", "a".repeat(10 * 1024));
    for arn in [
        "arn:aws-cn-x1:iam::123456789012:role/x",
        "arn:azure:iam::123456789012:role/x",
        "arn:aws:sts::123456789012:assumed-role/x/y",
        "arn:aws:iam::123456789012:policy/x",
        "arn:aws:iam::123456789012:role/x y",
        "arn:aws:iam::123456789012:role/x\n",
        "\tarn:aws:iam::123456789012:role/x",
        "arn:aws:iam::123456789012:role/😀",
        long.as_str(),
        ":::::",
        "arn",
    ] {
        let (line, hint) = assert_one_error(&t0.clone_with("TARGET_ROLE_ARN", arn).run(&[]), 2);
        assert!(line.contains("is not an IAM role ARN"), "{line}");
        assert!(line.len() < 300, "long values are cut in messages: {line}");
        assert!(
            hint.starts_with("use the role's ARN as IAM shows it"),
            "{hint}"
        );
    }
    for region in ["us-east-1\n", "US-EAST-1", "us east 1"] {
        let (line, _) = assert_one_error(&t0.clone_with("AWS_REGION", region).run(&[]), 2);
        assert!(line.contains("is not an AWS region"), "{line}");
    }
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
        let (line, _) = assert_one_error(
            &t.clone_with(
                "OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE",
                path.to_str().unwrap(),
            )
            .run(&[]),
            5,
        );
        assert!(line.contains(why), "{name}: {line}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{name} took {:?}",
            started.elapsed()
        );
    }
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
        let (line, hint) = assert_one_error(&t.clone_with("RHOAI_USER", &user).run(&[]), 3);
        assert!(
            line.starts_with("oc-role-assume: error: env RHOAI_USER: the user name"),
            "{line}"
        );
        assert_eq!(
            hint,
            "the user name becomes a session tag: fix the value at its source"
        );
    }
    // An empty variable is unset: the chain goes on.
    let (line, _) = assert_one_error(&t.clone_with("RHOAI_USER", "").run(&[]), 3);
    assert!(line.contains("no user identity found"), "{line}");
}

#[test]
fn hostile_downward_api_files_give_a_clear_error_or_a_correct_result() {
    let (t, _moto) = workbench_with_moto();
    let cases: Vec<(String, Option<&str>)> = vec![
        ("opendatahub.io/username=\"\\xff\"".into(), None),
        ("opendatahub.io/username=\"unterminated".into(), None),
        ("opendatahub.io/username=\"a\"b\"".into(), None),
        (
            format!(
                "a=\"{}\"\nopendatahub.io/username=\"bob\"",
                "x".repeat(300_000)
            ),
            Some("bob"),
        ),
        (
            format!("opendatahub.io/username=\"{}\"", "y".repeat(300)),
            None,
        ),
        ("opendatahub.io/username=\"b64:Ym9i\"".into(), Some("bob")),
        ("opendatahub.io/username=\"\\u0062ob\"".into(), Some("bob")),
    ];
    for (text, expected) in cases {
        let file = t.write("annotations", &text);
        let t = t.clone_with("OC_ROLE_ASSUME_PODINFO_FILE", file.to_str().unwrap());
        let run = t.run(&["whoami", "--json"]);
        match expected {
            Some(user) => {
                run.assert_ok();
                assert_eq!(run.json()["user"], user);
            }
            None => {
                assert_one_error(&run, 3);
            }
        }
    }
}

#[test]
fn secrets_and_tokens_never_reach_stderr_logs_or_other_files() {
    let moto = Moto::start();
    let front = Front::start(&moto.url);
    let mut t = TestEnv::workbench();
    t.endpoint(&front.url);
    let claims = r#"{"sub":"system:serviceaccount:ns:sa","aud":["sts.amazonaws.com"],"canary":"TOKENCANARY0123456789"}"#;
    let token = harness::jwt(claims);
    t.write("token", &token);
    let answer = |op: &str, key: &str, secret: &str, session: &str| Fault::Respond {
        status: 200,
        body: format!(
            "<{op}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{op}Result><Credentials>\
             <AccessKeyId>{key}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey>\
             <SessionToken>{session}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>\
             </Credentials></{op}Result></{op}Response>"
        ),
    };
    let base = answer(
        "AssumeRoleWithWebIdentity",
        "ASIABASECANARY0001",
        "BASESECRETCANARY",
        "BASESESSIONCANARY",
    );
    let target = answer(
        "AssumeRole",
        "ASIATARGETCANARY01",
        "TARGETSECRETCANARY",
        "TARGETSESSIONCANARY",
    );
    front.inject("AssumeRoleWithWebIdentity", base, None);
    front.inject("AssumeRole", target, None);

    let mut runs = vec![
        t.run(&[]),
        t.run(&[]),
        t.run(&["whoami", "--json"]),
        t.run(&["whoami", "--verify"]),
        t.run(&["doctor"]),
        t.run(&["doctor", "--json"]),
        t.run(&["exec", "--", "true"]),
        t.run(&["exec", "--server", "--", "true"]),
        t.run(&["--no-cache", "--tag", "bad"]),
        t.run(&["configure"]),
    ];
    // Error paths with the secrets in flight.
    front.clear();
    front.inject(
        "AssumeRoleWithWebIdentity",
        answer(
            "AssumeRoleWithWebIdentity",
            "ASIABASECANARY0001",
            "BASESECRETCANARY",
            "BASESESSIONCANARY",
        ),
        None,
    );
    front.inject(
        "AssumeRole",
        Fault::error(403, "AccessDenied", "denied"),
        None,
    );
    runs.push(t.run(&["--no-cache"]));
    runs.push(t.run(&["--no-cache", "--timeout", "0.5"]));
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::error(400, "InvalidIdentityToken", "bad"),
        None,
    );
    runs.push(t.run(&["--no-cache"]));
    assert_eq!(
        runs[0].json()["SecretAccessKey"],
        "TARGETSECRETCANARY",
        "the canaries are in play"
    );

    let canaries = [
        "TOKENCANARY",
        "BASESECRETCANARY",
        "BASESESSIONCANARY",
        "TARGETSECRETCANARY",
        "TARGETSESSIONCANARY",
    ];
    let payload = token.split('.').nth(1).unwrap().to_owned();
    for run in &runs {
        assert_no_panic(run);
        for canary in canaries.iter().copied().chain([payload.as_str()]) {
            assert!(!run.stderr.contains(canary), "{canary} on stderr: {run:?}");
        }
    }
    for (i, run) in runs.iter().enumerate().skip(2) {
        // Only the credential output itself (runs 0 and 1) and exec's child may carry target secrets.
        for canary in [
            "BASESECRETCANARY",
            "BASESESSIONCANARY",
            "TARGETSECRETCANARY",
            "TARGETSESSIONCANARY",
            "TOKENCANARY",
        ] {
            assert!(
                !run.stdout.contains(canary),
                "run {i}: {canary} on stdout: {run:?}"
            );
        }
    }
    // Files: the cache entry holds the target credentials and nothing else does; nothing holds the
    // token or the Base credentials.
    let mut files = Vec::new();
    packaging_files(t.dir.path(), &mut files);
    for path in files.iter().filter(|p| !p.ends_with("token")) {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        for canary in [
            "TOKENCANARY",
            "BASESECRETCANARY",
            "BASESESSIONCANARY",
            payload.as_str(),
        ] {
            assert!(!text.contains(canary), "{canary} in {}", path.display());
        }
        let is_entry =
            path.extension().is_some_and(|e| e == "json") && path.starts_with(cache_dir(&t));
        if !is_entry {
            assert!(
                !text.contains("TARGETSECRETCANARY"),
                "target secret in {}",
                path.display()
            );
        }
    }
}
