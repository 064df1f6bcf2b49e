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
    assert_eq!(steps[2].1, "FAIL");
    assert_eq!(
        steps[2].2,
        "project the token with audience: sts.amazonaws.com (serviceAccountToken.audience)"
    );
    claims["aud"] = serde_json::json!("sts.amazonaws.com");
    claims["exp"] = serde_json::json!(1_000_000_000);
    t.write("token", &harness::jwt(&claims.to_string()));
    let (_, steps, text) = doctor_steps(&t);
    assert_eq!(steps[2].1, "FAIL", "{text}");
    assert!(
        steps[2]
            .2
            .starts_with("the kubelet rotates projected tokens"),
        "{text}"
    );
}
