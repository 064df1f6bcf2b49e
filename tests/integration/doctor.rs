//! `doctor`: every step of a working setup passes; a broken one names its step and fix, with no secret.

use crate::harness::front::{Fault, xml_field};
use crate::harness::kube::{FakeKube, Mode};
use crate::harness::{self, BASE_ARN, TestEnv, workbench_in_cluster, workbench_with_front};

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
    let (code, steps, text) = doctor_steps(&t);
    let statuses: Vec<(&str, &str)> = steps
        .iter()
        .map(|(s, st, _)| (s.as_str(), st.as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("setup", "PASS"),
            ("settings", "PASS"),
            ("STS endpoint", "PASS"),
            ("web-identity token", "PASS"),
            ("in-cluster files", "PASS"),
            ("Kubernetes API", "PASS"),
            ("identity", "PASS"),
            ("Base role", "PASS"),
            ("Target role", "PASS"),
            ("cache", "PASS"),
            ("AWS config", "PASS"),
            ("shadowing", "PASS"),
            ("credentials file", "PASS"),
            ("exported keys", "PASS"),
            ("non-dumpable", "PASS"),
            ("proxy", "PASS"),
            ("trust", "PASS"),
            ("STS handshake", "PASS"),
            ("version", "PASS"),
        ]
    );
    assert_eq!(code, Some(0));
    let version = t.run(&["--version"]).assert_ok().stdout.clone();
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let detail = report.as_array().unwrap().last().unwrap()["detail"].clone();
    assert_eq!(
        format!("oc-role-assume {}\n", detail.as_str().unwrap()),
        version
    );
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
    assert!(
        run.stdout
            .contains("hint: grant it: packaging/kubernetes/apply-rbac.sh fraud-detection")
    );
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
    assert_eq!(steps[3].1, "FAIL");
    assert_eq!(
        steps[3].2,
        "project the token with audience: sts.amazonaws.com (serviceAccountToken.audience)"
    );
    claims["aud"] = serde_json::json!("sts.amazonaws.com");
    claims["exp"] = serde_json::json!(1_000_000_000);
    t.write("token", &harness::jwt(&claims.to_string()));
    let (_, steps, text) = doctor_steps(&t);
    assert_eq!(steps[3].1, "FAIL", "{text}");
    assert!(
        steps[3]
            .2
            .starts_with("the kubelet rotates projected tokens"),
        "{text}"
    );
}

#[test]
fn doctor_names_the_setup_it_finds() {
    let (mut t, _moto, _kube) = workbench_in_cluster();
    t.run(&["configure"]).assert_ok();
    let setup = |t: &TestEnv| {
        let run = t.run(&["doctor"]);
        run.stdout.lines().next().unwrap_or_default().to_owned()
    };
    let token = t.path("token").to_str().unwrap().to_owned();
    assert_eq!(
        setup(&t),
        format!(
            "PASS  setup                volume-based: the token file {token}; SDKs run the helper through the AWS config"
        )
    );
    let irsa = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";
    t.set("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE", irsa);
    assert_eq!(
        setup(&t),
        format!(
            "PASS  setup                IRSA webhook: its token {irsa}; SDKs run the helper through the AWS config"
        )
    );
    t.unset("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE");
    assert_eq!(
        setup(&t),
        "PASS  setup                no-patch: a TokenRequest for this pod's service account; SDKs run the helper through the AWS config"
    );
}

/// `oc exec` into an IRSA workbench: the pod's environment, the webhook's variables included, no
/// exec --server endpoint. doctor must say what the session's SDKs get, and the fix.
#[test]
fn doctor_in_an_oc_exec_session_of_the_irsa_setup_says_it_gets_the_base_role_and_the_fix() {
    let (mut t, _moto, _kube) = workbench_in_cluster();
    let token = t.path("token").to_str().unwrap().to_owned();
    t.unset("OC_ROLE_ASSUME_BASE_ROLE_ARN")
        .unset("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE")
        .set("AWS_ROLE_ARN", BASE_ARN)
        .set("AWS_WEB_IDENTITY_TOKEN_FILE", &token);
    t.run(&["configure"]);
    let (code, steps, text) = doctor_steps(&t);
    assert_eq!(code, Some(1), "{text}");
    let (step, status, hint) = &steps[0];
    assert_eq!(
        (step.as_str(), status.as_str()),
        ("setup", "FAIL"),
        "{text}"
    );
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let detail = report[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("not started by the workbench (an `oc exec` or `oc rsh`"),
        "{detail}"
    );
    assert!(
        detail.contains(&format!("the untagged Base role {BASE_ARN}")),
        "{detail}"
    );
    assert_eq!(
        hint,
        "run `. /etc/profile.d/oc-role-assume.sh` in this shell (a login shell, `bash -l`, runs it), or run the tool under `oc-role-assume exec --`"
    );
}
