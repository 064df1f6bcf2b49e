//! User identity from this pod: the platform-set sources (downward-API file, pod annotations and
//! labels over the Kubernetes API), `whoami`, and failing closed when the pod cannot be read.

use crate::harness::kube::{FakeKube, Mode, claims_for_pod};
use crate::harness::moto::Moto;
use crate::harness::{self, TestEnv, workbench_in_cluster, workbench_with_moto};

const WORKBENCH_POD: &str = "/api/v1/namespaces/fraud-detection/pods/my-workbench-0";

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
    // The harness's service-account dir is not the kubelet's default one, so what its API server
    // says is labelled user-controlled (`the_default_service_account_dir_is_platform_set` has the other
    // side).
    assert_eq!(
        run.stdout,
        "user:      Alice.Smith@example.com\n\
         tag:       Alice.Smith@example.com\n\
         source:    pod annotation opendatahub.io/username (user-controlled)\n\
         namespace: fraud-detection\n\
         pod:       my-workbench-0\n"
    );
    assert_eq!(
        whoami_json(&t),
        serde_json::json!({
            "user": "Alice.Smith@example.com",
            "tag": "Alice.Smith@example.com",
            "source": "pod annotation opendatahub.io/username",
            "platform_set": false,
            "namespace": "fraud-detection",
            "pod": "my-workbench-0",
        })
    );
    assert!(moto.requests().is_empty(), "whoami must not call AWS");
}

#[test]
fn whoami_verify_shows_the_target_session_arn_and_account() {
    let (t, _moto, _kube) = workbench_in_cluster();
    let v = t.run(&["whoami", "--json", "--verify"]);
    v.assert_ok();
    assert_eq!(
        v.json()["arn"],
        "arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/Alice.Smith@example.com"
    );
    assert_eq!(v.json()["account"], "123456789012");
    let text = t.run(&["whoami", "--verify"]);
    text.assert_ok();
    assert!(
        text.stdout.ends_with(
            "\narn:       arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/Alice.Smith@example.com\naccount:   123456789012\n"
        ),
        "{text:?}"
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
                run.assert_one_error(3);
            }
        }
    }
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
             hint: grant it: packaging/kubernetes/apply-rbac.sh fraud-detection (a Role with get on pods and its RoleBinding)\n",
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
    // Out of a cluster (no service-account token anywhere) the kubeconfig is not a source either:
    // the env sources are used as is.
    t.unset("KUBERNETES_SERVICE_HOST")
        .unset("OC_ROLE_ASSUME_SERVICEACCOUNT_DIR");
    assert_eq!(whoami_json(&t)["source"], "env RHOAI_USER");
    assert!(
        users_cluster.requests().is_empty(),
        "{:?}",
        users_cluster.requests()
    );
}
