//! Integration tests: the built binary against moto, the AWS CLI, boto3 and the harness's fault front.
//! Each test names the behaviour it pins and asserts what the outside world sees.

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
    t.run(&[]).assert_ok();
    t.write(
        "token",
        &harness::jwt(r#"{"sub":"system:serviceaccount:ns:rotated"}"#),
    );
    t.run(&[]).assert_ok();
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
        "oc-role-assume: error: no user identity found (tried env RHOAI_USER, env JUPYTERHUB_USER, --fallback-user)\n\
         hint: run inside an OpenShift AI workbench, or set RHOAI_USER, or pass --fallback-user NAME\n",
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
