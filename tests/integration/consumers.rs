//! Real consumers of credential_process: the AWS CLI and boto3, and the shadowing trap (the CLI's own
//! web-identity provider runs before credential_process when the AWS_* names are exported).

use crate::harness::{BASE_ARN, workbench_with_moto};

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
