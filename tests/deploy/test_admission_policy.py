"""The ValidatingAdmissionPolicy in packaging/kubernetes/token-request-policy.yaml, evaluated offline.

Its CEL (match condition, validations, message expression) is compiled and run by cel-python against
TokenRequest admission requests shaped as the API server hands them to admission: `request` with the
caller's userInfo, the namespace and the service account's name, `object` the TokenRequest. The
bindings are applied as the API server does: by the namespace's labels. A decision is "allowed" when no
binding selects the namespace, when a match condition is false, or when every validation is true;
otherwise "denied" with the validation's message. An evaluation error counts as the policy's
failurePolicy says (Fail: denied).
"""

import pathlib

import celpy
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
POLICY_FILE = ROOT / "packaging/kubernetes/token-request-policy.yaml"

DS_PROJECT = "fraud-detection"
DS_LABELS = {"opendatahub.io/dashboard": "true", "kubernetes.io/metadata.name": DS_PROJECT}
STS = "sts.amazonaws.com"
API = "https://kubernetes.default.svc"


def load():
    docs = [d for d in yaml.safe_load_all(POLICY_FILE.read_text()) if d]
    policies = [d for d in docs if d["kind"] == "ValidatingAdmissionPolicy"]
    bindings = [d for d in docs if d["kind"] == "ValidatingAdmissionPolicyBinding"]
    assert len(policies) == 1 and len(bindings) == 2
    return policies[0], bindings


POLICY, BINDINGS = load()
ENV = celpy.Environment()


def program(expression):
    return ENV.program(ENV.compile(expression))


MATCH = [(c["name"], program(c["expression"])) for c in POLICY["spec"].get("matchConditions", [])]
VALIDATIONS = [
    (
        program(v["expression"]),
        program(v["messageExpression"]) if "messageExpression" in v else None,
        v.get("message", ""),
    )
    for v in POLICY["spec"]["validations"]
]


def evaluate(prog, activation):
    result = prog.evaluate(activation)
    if isinstance(result, Exception):
        raise result
    return bool(result) if isinstance(result, celpy.celtypes.BoolType) else result


def selected(namespace_labels):
    """The bindings whose namespaceSelector.matchLabels the namespace has."""
    out = []
    for binding in BINDINGS:
        want = binding["spec"]["matchResources"]["namespaceSelector"]["matchLabels"]
        if all(namespace_labels.get(k) == v for k, v in want.items()):
            assert binding["spec"]["validationActions"] == ["Deny"]
            out.append(binding["metadata"]["name"])
    return out


def token_request(audiences=(STS,), bound="Pod", expiration=3600):
    spec = {"expirationSeconds": expiration}
    if audiences is not None:
        spec["audiences"] = list(audiences)
    if bound:
        spec["boundObjectRef"] = {"apiVersion": "v1", "kind": bound, "name": "my-workbench-0",
                                  "uid": "3f0b4f0e-5d1a-4c1e-9d3b-6a1f2b3c4d5e"}
    return {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
            "metadata": {"name": "ignored", "namespace": "ignored"}, "spec": spec}


def decide(caller, service_account, *, namespace=DS_PROJECT, labels=None, groups=None, **tr):
    """(allowed, message) for POST /api/v1/namespaces/<namespace>/serviceaccounts/<sa>/token."""
    labels = DS_LABELS if labels is None else labels
    if not selected(labels):
        return True, "no binding"
    request = {
        "uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
        "kind": {"group": "authentication.k8s.io", "version": "v1", "kind": "TokenRequest"},
        "resource": {"group": "", "version": "v1", "resource": "serviceaccounts"},
        "subResource": "token",
        "name": service_account,
        "namespace": namespace,
        "operation": "CREATE",
        "userInfo": {"username": caller, "groups": groups or []},
        "dryRun": False,
    }
    activation = {"request": celpy.json_to_cel(request),
                  "object": celpy.json_to_cel(token_request(**tr)),
                  "oldObject": None}
    fail = POLICY["spec"].get("failurePolicy", "Fail") == "Fail"
    for name, prog in MATCH:
        try:
            if not evaluate(prog, activation):
                return True, f"match condition {name} is false"
        except Exception as e:  # noqa: BLE001 - the API server applies failurePolicy to any error
            if fail:
                return False, f"match condition {name}: {e}"
    for prog, message_prog, message in VALIDATIONS:
        try:
            ok = evaluate(prog, activation)
        except Exception as e:  # noqa: BLE001
            if fail:
                return False, f"error: {e}"
            continue
        if not ok:
            if message_prog is not None:
                message = str(evaluate(message_prog, activation))
            return False, message
    return True, "all validations pass"


def sa(name, namespace=DS_PROJECT):
    return f"system:serviceaccount:{namespace}:{name}"


SA_GROUPS = ["system:serviceaccounts", f"system:serviceaccounts:{DS_PROJECT}", "system:authenticated"]


# --- allowed: the helper's own request ----------------------------------------------------------


def test_own_service_account_own_token_sts_audience_bound_to_its_pod_is_allowed():
    allowed, why = decide(sa("my-workbench"), "my-workbench", groups=SA_GROUPS)
    assert allowed, why
    assert why == "all validations pass"


def test_any_expiration_the_api_server_accepts_is_left_to_the_api_server():
    for seconds in (600, 3600, 86400):
        assert decide(sa("my-workbench"), "my-workbench", expiration=seconds)[0]


# --- denied: everything else a workbench's code could ask for -----------------------------------


@pytest.mark.parametrize("other", ["pipeline-runner-dspa", "builder", "deployer", "default",
                                   "other-users-workbench", "my-workbench-2", "my-workbenc"])
def test_a_token_for_another_service_account_is_denied(other):
    allowed, message = decide(sa("my-workbench"), other, groups=SA_GROUPS)
    assert not allowed
    assert message == (f"oc-role-assume policy: {sa('my-workbench')} may request a token only for "
                       f"itself, not for service account {other}")


@pytest.mark.parametrize("audiences", [
    [API],
    ["vault"],
    ["sts.amazonaws.com.evil.example"],
    ["STS.amazonaws.com"],
    [" sts.amazonaws.com"],
    [STS, API],
    [API, STS],
    [STS, STS],
    [],
    None,
], ids=lambda a: repr(a))
def test_any_audience_but_exactly_sts_is_denied(audiences):
    allowed, message = decide(sa("my-workbench"), "my-workbench", audiences=audiences)
    assert not allowed
    assert "only with the single audience sts.amazonaws.com" in message


@pytest.mark.parametrize("bound", [None, "Secret", "Node", "pod"])
def test_a_token_not_bound_to_a_pod_is_denied(bound):
    allowed, message = decide(sa("my-workbench"), "my-workbench", bound=bound)
    assert not allowed
    assert "bound to a pod" in message


def test_another_service_account_and_another_audience_is_denied_for_the_name_first():
    allowed, message = decide(sa("my-workbench"), "pipeline-runner-dspa", audiences=[API])
    assert not allowed and "only for itself" in message


def test_the_guard_follows_the_grant_into_non_data_science_namespaces():
    labels = {"oc-role-assume/token-policy": "enforce"}
    assert not decide(sa("app", "team-a"), "deployer", namespace="team-a", labels=labels)[0]
    assert decide(sa("app", "team-a"), "app", namespace="team-a", labels=labels)[0]
    both = dict(DS_LABELS, **labels)
    assert not decide(sa("my-workbench"), "builder", labels=both)[0]


# --- allowed: people and controllers are not judged ---------------------------------------------


@pytest.mark.parametrize("audiences", [[API], [STS], ["vault"]], ids=["api", "sts", "vault"])
def test_the_kubelet_requesting_projected_tokens_is_allowed(audiences):
    # The kubelet mounts every pod's tokens: the API-server token of every workbench, and the
    # sts.amazonaws.com token of the volume-based and IRSA setups.
    allowed, why = decide("system:node:ip-10-0-1-23.ec2.internal", "my-workbench",
                          groups=["system:nodes", "system:authenticated"], audiences=audiences)
    assert allowed and why.startswith("match condition")


@pytest.mark.parametrize("user", ["alice@example.com", "kube:admin", "system:admin"])
def test_people_are_allowed_any_token(user):
    # `oc create token pipeline-runner-dspa -n fraud-detection` by a project admin: RBAC decides.
    allowed, why = decide(user, "pipeline-runner-dspa", audiences=[API], bound=None,
                          groups=["system:authenticated"])
    assert allowed and why.startswith("match condition")


@pytest.mark.parametrize("caller", [
    "system:kube-controller-manager",
    sa("serviceaccount-pull-secrets-controller", "openshift-infra"),
    sa("openshift-controller-manager-sa", "openshift-controller-manager"),
    sa("odh-notebook-controller-manager", "redhat-ods-applications"),
    sa("my-workbench", "another-project"),
    sa("x", f"{DS_PROJECT}-2"),
])
def test_controllers_and_service_accounts_of_other_namespaces_are_left_to_rbac(caller):
    allowed, why = decide(caller, "builder", audiences=[API], bound=None)
    assert allowed and why.startswith("match condition")


def test_namespaces_no_binding_selects_are_not_judged():
    for labels in ({}, {"opendatahub.io/dashboard": "false"}, {"modelmesh-enabled": "true"}):
        allowed, why = decide(sa("app", "team-b"), "deployer", namespace="team-b", labels=labels,
                              audiences=[API])
        assert allowed and why == "no binding"


# --- the policy's shape -------------------------------------------------------------------------


def test_the_policy_matches_token_requests_only_and_fails_closed():
    spec = POLICY["spec"]
    assert spec["failurePolicy"] == "Fail"
    assert spec["matchConstraints"]["resourceRules"] == [{
        "apiGroups": [""], "apiVersions": ["v1"], "resources": ["serviceaccounts/token"],
        "operations": ["CREATE"]}]
    assert all(v.get("reason") == "Forbidden" for v in spec["validations"])
    assert {b["spec"]["policyName"] for b in BINDINGS} == {POLICY["metadata"]["name"]}


def test_a_malformed_request_errs_toward_deny_for_the_projects_service_accounts():
    # A TokenRequest without a spec at all: the validations cannot read it and must not allow it.
    request = {"name": "my-workbench", "namespace": DS_PROJECT,
               "userInfo": {"username": sa("my-workbench")}}
    activation = {"request": celpy.json_to_cel(request), "object": celpy.json_to_cel({})}
    results = []
    for prog, _, _ in VALIDATIONS:
        try:
            results.append(evaluate(prog, activation))
        except Exception:  # noqa: BLE001 - an error is a deny under failurePolicy Fail
            results.append(False)
    assert not all(results)
