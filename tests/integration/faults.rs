//! STS refusals and faults through the harness's fault front: one clear error with the fix per cause,
//! retries where they help, a bounded wait, and no cache entry left behind.

use crate::harness::front::{Fault, Front};
use crate::harness::moto::Moto;
use crate::harness::{TestEnv, cache_dir, chains, workbench_with_front};

/// How many entries (`*.json`) the default cache dir holds.
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
    let refusing = crate::harness::RefusingPort::new();
    let port = refusing.port;
    t.endpoint(&refusing.url());
    t.run(&[]).assert_error(
        4,
        &format!(
            "oc-role-assume: error: cannot reach STS at http://127.0.0.1:{port} for AssumeRoleWithWebIdentity: \
             Connection refused (os error 111)\n\
             hint: no proxy variable is set: if the cluster's egress goes through a proxy, set HTTPS_PROXY and NO_PROXY \
             (an admin can inject them into every workbench with the notebook controller's INJECT_CLUSTER_PROXY_ENV); \
             AWS_ENDPOINT_URL_STS overrides the endpoint (AWS_ENDPOINT_URL is not used for STS)\n"
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
            "check that AWS_ENDPOINT_URL_STS",
        ),
        (
            "AssumeRoleWithWebIdentity",
            Fault::Garbage,
            "sent an unreadable answer to AssumeRoleWithWebIdentity (HTTP 200)",
            "check that AWS_ENDPOINT_URL_STS",
        ),
        (
            "AssumeRoleWithWebIdentity",
            Fault::Drop,
            "for AssumeRoleWithWebIdentity",
            "no proxy variable is set",
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
        let (line, got_hint) = t.run(&[]).assert_one_error(4);
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
