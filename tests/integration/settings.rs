//! Settings: which variable names and flags are read, in what order, and the one clear error a missing
//! or malformed value gives before any network call.

use crate::harness::{BASE_ARN, TARGET_ARN, TestEnv, workbench_with_moto};

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
         hint: pass --base-role-arn or set OC_ROLE_ASSUME_BASE_ROLE_ARN (AWS_ROLE_ARN also works), \
         or OC_ROLE_ASSUME_BASE_ROLE_ARN_TEMPLATE with {namespace}\n",
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
        let (line, hint) = t0
            .clone_with("TARGET_ROLE_ARN", arn)
            .run(&[])
            .assert_one_error(2);
        assert!(line.contains("is not an IAM role ARN"), "{line}");
        assert!(line.len() < 300, "long values are cut in messages: {line}");
        assert!(
            hint.starts_with("use the role's ARN as IAM shows it"),
            "{hint}"
        );
    }
    for region in ["us-east-1\n", "US-EAST-1", "us east 1"] {
        let (line, _) = t0
            .clone_with("AWS_REGION", region)
            .run(&[])
            .assert_one_error(2);
        assert!(line.contains("is not an AWS region"), "{line}");
    }
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

#[test]
fn aws_endpoint_url_sts_is_honoured_over_aws_endpoint_url() {
    let (mut t, moto) = workbench_with_moto();
    t.set("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
    t.set("AWS_ENDPOINT_URL_STS", &moto.url.clone());
    t.run(&[]).assert_ok();
    assert_eq!(moto.sts("AssumeRole").len(), 1);
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
