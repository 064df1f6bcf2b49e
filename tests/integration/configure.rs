//! `configure`: the AWS config profile it writes, what it refuses to replace, and what it warns about.

use std::os::unix::fs::PermissionsExt;

use crate::harness::{self, BASE_ARN, TestEnv, workbench_with_moto};

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

#[test]
fn configure_follows_the_homes_group_convention_for_what_it_creates() {
    let (mut t, _moto) = workbench_with_moto();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for (home_mode, dir_mode, file_mode) in [(0o770, 0o770, 0o660), (0o700, 0o700, 0o600)] {
        let home = t.path(&format!("home-{home_mode:o}"));
        std::fs::create_dir(&home).unwrap();
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(home_mode)).unwrap();
        let config = home.join(".aws/config");
        t.set("AWS_CONFIG_FILE", config.to_str().unwrap());
        t.run(&["configure"]).assert_ok();
        assert_eq!(
            (mode(&home.join(".aws")), mode(&config)),
            (dir_mode, file_mode),
            "home {home_mode:o}"
        );
        // The lock beside it is the group's too, so another UID of the group can configure again.
        let lock = home.join(".aws/.config.oc-role-assume.lock");
        assert_eq!(mode(&lock), file_mode, "home {home_mode:o}");
    }
}
