//! The deployment without a per-workbench patch: no token file and no Base role ARN in the pod's
//! settings, only what every workbench pod has. The web-identity token comes from a TokenRequest for
//! the pod's own service account (served by the fake API server with the RBAC and pod-binding answers
//! a real one gives), the user from the pod's annotation, the Base role from an ARN template filled
//! with the namespace; both STS calls are checked on the wire.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::harness::kube::FakeKube;
use crate::harness::moto::Moto;
use crate::harness::{self, TestEnv, workbench_in_cluster};

const TEMPLATE: &str = "arn:aws:iam::123456789012:role/oc-role-assume/{namespace}";
const PROJECT_BASE: &str = "arn:aws:iam::123456789012:role/oc-role-assume/fraud-detection";

/// A workbench in a cluster with nothing but the image's settings: Target ARN, Base ARN template.
fn no_patch_workbench() -> (TestEnv, Moto, FakeKube) {
    let (mut t, moto, kube) = workbench_in_cluster();
    t.unset("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE")
        .unset("OC_ROLE_ASSUME_BASE_ROLE_ARN")
        .set("OC_ROLE_ASSUME_BASE_ROLE_ARN_TEMPLATE", TEMPLATE);
    (t, moto, kube)
}

fn claims_of(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[test]
fn a_requested_token_a_templated_base_role_and_the_annotated_user_make_the_chain() {
    let (t, moto, kube) = no_patch_workbench();
    t.run(&[]).assert_ok();

    assert_eq!(
        kube.requests(),
        [
            "GET /api/v1/namespaces/fraud-detection/pods/my-workbench-0",
            "POST /api/v1/namespaces/fraud-detection/serviceaccounts/my-workbench/token",
        ]
    );
    let request = &kube.token_requests()[0];
    assert_eq!(
        request["spec"]["audiences"],
        serde_json::json!(["sts.amazonaws.com"])
    );
    assert_eq!(
        request["spec"]["boundObjectRef"],
        serde_json::json!({"apiVersion": "v1", "kind": "Pod", "name": "my-workbench-0",
                           "uid": "3f6c1a52-8d0e-4b7a-9a51-1c2d3e4f5a6b"})
    );
    assert!(request["spec"]["expirationSeconds"].as_i64().unwrap() >= 600);

    let base = &moto.sts("AssumeRoleWithWebIdentity")[0].form();
    assert_eq!(base["RoleArn"], PROJECT_BASE);
    let claims = claims_of(&base["WebIdentityToken"]);
    assert_eq!(claims["aud"], serde_json::json!(["sts.amazonaws.com"]));
    assert_eq!(
        claims["sub"],
        "system:serviceaccount:fraud-detection:my-workbench"
    );
    assert_eq!(claims["kubernetes.io"]["pod"]["name"], "my-workbench-0");
    let target = &moto.sts("AssumeRole")[0].form();
    assert_eq!(target["Tags.member.1.Value"], "Alice.Smith@example.com");

    // doctor walks the same path and passes it.
    let doctor = t.run(&["doctor"]);
    assert!(
        doctor.stdout.contains("PASS  web-identity token   a TokenRequest for service account fraud-detection/my-workbench: sub system:serviceaccount:fraud-detection:my-workbench, aud sts.amazonaws.com"),
        "{}",
        doctor.stdout
    );
}

#[test]
fn without_the_rbac_grant_the_request_fails_closed_naming_the_fix() {
    let (t, moto, kube) = no_patch_workbench();
    kube.allow_token_requests(false);
    t.run(&[]).assert_error(
        3,
        "oc-role-assume: error: cannot request a web-identity token for service account fraud-detection/my-workbench: \
         403 Forbidden (serviceaccounts \"my-workbench\" is forbidden: User \"system:serviceaccount:fraud-detection:my-workbench\" \
         cannot create resource \"serviceaccounts/token\" in API group \"\" in the namespace \"fraud-detection\")\n\
         hint: grant it: packaging/kubernetes/apply-rbac.sh fraud-detection (create on serviceaccounts/token), and keep \
         packaging/kubernetes/token-request-policy.yaml beside it\n",
    );
    assert!(moto.requests().is_empty(), "no STS call without a token");
}

#[test]
fn a_token_for_another_service_accounts_pod_is_refused_by_the_api_server() {
    let (mut t, moto, kube) = no_patch_workbench();
    // The pipeline runner's token, claiming the workbench pod: the API server will not bind it.
    let mut claims: serde_json::Value =
        serde_json::from_str(&harness::fixture("serviceaccount-token-claims.json")).unwrap();
    claims["kubernetes.io"]["serviceaccount"]["name"] = "pipeline-runner-dspa".into();
    t.in_cluster(&kube, &claims.to_string());
    let run = t.run(&[]);
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr.contains(
            "HTTP 400 (cannot bind token for serviceaccount \"pipeline-runner-dspa\" to pod running with different serviceaccount name.)"
        ),
        "{run:?}"
    );
    assert!(moto.requests().is_empty());
}

#[test]
fn an_explicit_base_role_beats_the_template_and_out_of_a_cluster_the_template_is_refused() {
    let (mut t, moto, _kube) = no_patch_workbench();
    t.set("OC_ROLE_ASSUME_BASE_ROLE_ARN", harness::BASE_ARN);
    t.run(&[]).assert_ok();
    assert_eq!(
        moto.sts("AssumeRoleWithWebIdentity")[0].form()["RoleArn"],
        harness::BASE_ARN
    );

    let mut out = TestEnv::workbench();
    out.unset("OC_ROLE_ASSUME_BASE_ROLE_ARN")
        .set("OC_ROLE_ASSUME_BASE_ROLE_ARN_TEMPLATE", TEMPLATE);
    out.run(&[]).assert_error(
        2,
        "oc-role-assume: error: --base-role-arn-template needs this pod's namespace, and there is no service-account token\n\
         hint: run in a cluster with the service-account token mounted, or pass --base-role-arn\n",
    );
    out.set(
        "OC_ROLE_ASSUME_BASE_ROLE_ARN_TEMPLATE",
        "arn:aws:iam::123456789012:role/fixed",
    );
    let run = out.run(&[]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("has no {namespace}"), "{run:?}");
}

#[test]
fn claims_that_are_not_kubernetes_names_are_refused_before_any_api_call_or_arn() {
    // The claims are read unverified and --serviceaccount-dir may be the user's: a namespace such as
    // `ds-project/../other` must not become an API path or a Base role ARN.
    let cases = [
        ("namespace", "ds-project/../other", "namespace claim"),
        ("namespace", "Fraud-Detection", "namespace claim"),
        ("pod", "my-workbench-0/../../x", "pod name claim"),
        (
            "serviceaccount",
            "my-workbench/../default",
            "service account name claim",
        ),
    ];
    for (field, value, what) in cases {
        let (mut t, moto, kube) = no_patch_workbench();
        let mut claims: serde_json::Value =
            serde_json::from_str(&harness::fixture("serviceaccount-token-claims.json")).unwrap();
        match field {
            "namespace" => claims["kubernetes.io"]["namespace"] = value.into(),
            "pod" => claims["kubernetes.io"]["pod"]["name"] = value.into(),
            _ => claims["kubernetes.io"]["serviceaccount"]["name"] = value.into(),
        }
        t.in_cluster(&kube, &claims.to_string());
        for args in [&[][..], &["whoami"][..]] {
            let run = t.run(args);
            let expected = format!(
                "oc-role-assume: error: the service-account token's {what} \"{value}\" is not a Kubernetes name\n\
                 hint: use the token the kubelet mounts (--serviceaccount-dir pointing at a real service-account dir)\n"
            );
            assert_eq!(
                (run.code, run.stderr.as_str()),
                (Some(3), expected.as_str()),
                "{args:?}: {run:?}"
            );
        }
        assert_eq!(
            kube.requests(),
            Vec::<String>::new(),
            "{value}: no API call"
        );
        assert!(moto.requests().is_empty(), "{value}: no STS call");
    }
}
