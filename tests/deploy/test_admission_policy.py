"""The ValidatingAdmissionPolicy in packaging/kubernetes/token-request-policy.yaml, evaluated offline.

Its CEL (match condition, validations, message expressions) is compiled and run by two independent CEL
implementations: cel-cpp (Google's C++ CEL, through `cel-expr-python`) and the Rust `cel` crate
(through `common-expression-language`). Every expression of every case runs in both, and a case fails
when the two disagree (a value against a value, or a value against an error).

The admission requests are built the way the API server builds them for
POST /api/v1/namespaces/<ns>/serviceaccounts/<sa>/token (pkg/registry/core/serviceaccount/storage/
token.go, 1.30+, and pkg/apis/authentication/v1/defaults.go), in this order:
  1. decoding defaults spec.expirationSeconds to 3600 when the body has none;
  2. a body name/namespace that differs from the URL's is refused (Invalid), before admission;
  3. empty spec.audiences is set to the API server's own audiences; metadata.name and .namespace are
     filled in from the service account;
  4. static validation: 600 <= expirationSeconds <= 2^32, else Invalid, before admission;
  5. admission: `request` carries the caller's userInfo, the namespace and the service account's name
     (request.name), `object` is the TokenRequest as it stands now;
  6. only then the bound object is looked up (not modelled: it does not change what admission sees).
The bindings select by the namespace's labels, as the API server does. A decision is "allowed" when no
binding selects the namespace, when a match condition is false, or when every validation is true;
otherwise "denied" with the validation's message (its messageExpression, or `message` when that
expression fails). An evaluation error counts as the policy's failurePolicy says (Fail: denied).
"""

import importlib.metadata
import pathlib
import re

import cel as cel_rust  # common-expression-language: the Rust `cel` crate
import pytest
import yaml
from cel_expr_python import cel as cel_cpp  # cel-expr-python: cel-cpp

ROOT = pathlib.Path(__file__).resolve().parents[2]
POLICY_FILE = ROOT / "packaging/kubernetes/token-request-policy.yaml"
REQUIREMENTS = ROOT / "tests/deploy/requirements.txt"

DS_PROJECT = "fraud-detection"
DS_LABELS = {"opendatahub.io/dashboard": "true", "kubernetes.io/metadata.name": DS_PROJECT}
STS = "sts.amazonaws.com"
API = "https://kubernetes.default.svc"
API_AUDIENCES = [API]  # what the API server defaults an empty spec.audiences to (OpenShift's)
HELPER_SECONDS = 3600  # what the helper asks for (src/identity/pod.rs, TOKEN_SECONDS)
POD = "my-workbench-0"
POD_UID = "3f0b4f0e-5d1a-4c1e-9d3b-6a1f2b3c4d5e"


# --- two CEL engines ----------------------------------------------------------------------------


class EvalError(Exception):
    """A CEL runtime error (the same in both engines, or the case fails)."""


class CelCpp:
    name = "cel-cpp (cel-expr-python)"

    def __init__(self):
        dyn = cel_cpp.Type.DYN
        self.env = cel_cpp.NewEnv(variables={"request": dyn, "object": dyn, "oldObject": dyn})

    def compile(self, expression):
        return self.env.compile(expression)

    def run(self, program, activation):
        value = program.eval(data=activation)
        if value.type() == cel_cpp.Type.ERROR:
            raise EvalError(str(value.value()))
        return value.plain_value()


class CelRust:
    name = "Rust cel (common-expression-language)"

    def compile(self, expression):
        return cel_rust.compile(expression)

    def run(self, program, activation):
        try:
            return program.execute(dict(activation))
        except (KeyError, TypeError, ValueError, RuntimeError) as e:
            raise EvalError(f"{type(e).__name__}: {e}") from None


ENGINES = (CelCpp(), CelRust())


class Expression:
    """One CEL expression, compiled by every engine; run() insists that they agree."""

    def __init__(self, source):
        self.source = source
        self.programs = [engine.compile(source) for engine in ENGINES]

    def run(self, activation):
        outcomes = []
        for engine, program in zip(ENGINES, self.programs):
            try:
                outcomes.append(("value", engine.run(program, activation)))
            except EvalError as e:
                outcomes.append(("error", str(e)))
        kinds = {kind for kind, _ in outcomes}
        agree = kinds == {"error"} or (kinds == {"value"} and
                                       all(o == outcomes[0] for o in outcomes) and
                                       all(type(v) is type(outcomes[0][1]) for _, v in outcomes))
        assert agree, (f"the CEL engines disagree on {self.source!r}: " +
                       "; ".join(f"{e.name}: {o}" for e, o in zip(ENGINES, outcomes)))
        kind, value = outcomes[0]
        if kind == "error":
            raise EvalError(value)
        return value


# --- the policy ---------------------------------------------------------------------------------


def load():
    docs = [d for d in yaml.safe_load_all(POLICY_FILE.read_text()) if d]
    policies = [d for d in docs if d["kind"] == "ValidatingAdmissionPolicy"]
    bindings = [d for d in docs if d["kind"] == "ValidatingAdmissionPolicyBinding"]
    assert len(policies) == 1 and len(bindings) == 2
    return policies[0], bindings


POLICY, BINDINGS = load()
MATCH = [(c["name"], Expression(c["expression"])) for c in POLICY["spec"].get("matchConditions", [])]
VALIDATIONS = [
    (
        Expression(v["expression"]),
        Expression(v["messageExpression"]) if "messageExpression" in v else None,
        v.get("message", ""),
    )
    for v in POLICY["spec"]["validations"]
]
FAIL_CLOSED = POLICY["spec"].get("failurePolicy", "Fail") == "Fail"


def selected(namespace_labels):
    """The bindings whose namespaceSelector.matchLabels the namespace has."""
    out = []
    for binding in BINDINGS:
        want = binding["spec"]["matchResources"]["namespaceSelector"]["matchLabels"]
        if all(namespace_labels.get(k) == v for k, v in want.items()):
            assert binding["spec"]["validationActions"] == ["Deny"]
            out.append(binding["metadata"]["name"])
    return out


def admit(activation):
    """(allowed, why) from the policy for one admission request."""
    for name, expression in MATCH:
        try:
            if not expression.run(activation):
                return True, f"match condition {name} is false"
        except EvalError as e:
            if FAIL_CLOSED:
                return False, f"match condition {name}: {e}"
    for expression, message_expression, message in VALIDATIONS:
        try:
            ok = expression.run(activation)
        except EvalError as e:
            if FAIL_CLOSED:
                return False, f"error: {e}"
            continue
        if not ok:
            if message_expression is not None:
                try:
                    message = str(message_expression.run(activation))
                except EvalError:
                    pass  # the API server then uses `message`
            return False, message
    return True, "all validations pass"


# --- the API server -----------------------------------------------------------------------------


def sa(name, namespace=DS_PROJECT):
    return f"system:serviceaccount:{namespace}:{name}"


def sa_user(name, namespace=DS_PROJECT):
    """userInfo of a pod's bound service-account token (what the workbench's code holds)."""
    return {
        "username": sa(name, namespace),
        "uid": "9a1c2b3d-0000-4000-8000-00000000000a",
        "groups": ["system:serviceaccounts", f"system:serviceaccounts:{namespace}",
                   "system:authenticated"],
        "extra": {
            "authentication.kubernetes.io/pod-name": [POD],
            "authentication.kubernetes.io/pod-uid": [POD_UID],
            "authentication.kubernetes.io/credential-id": ["JTI=0c9e1e5c-6f7a-4d2b-9e3f-0a1b2c3d4e5f"],
        },
    }


def person(username, groups=("system:authenticated",)):
    return {"username": username, "uid": "", "groups": list(groups)}


def body(audiences=(STS,), bound="Pod", expiration=HELPER_SECONDS, body_name=None,
         body_namespace=None):
    """The TokenRequest a client POSTs. expiration=None: no expirationSeconds in the body."""
    spec = {}
    if audiences is not None:
        spec["audiences"] = list(audiences)
    if expiration is not None:
        spec["expirationSeconds"] = expiration
    if bound:
        spec["boundObjectRef"] = {"apiVersion": "v1", "kind": bound, "name": POD, "uid": POD_UID}
    metadata = {k: v for k, v in (("name", body_name), ("namespace", body_namespace)) if v is not None}
    return {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "metadata": metadata,
            "spec": spec}


def api_server(user, service_account, tr, *, namespace=DS_PROJECT, labels=None):
    """What POST .../namespaces/<namespace>/serviceaccounts/<service_account>/token answers:
    ("invalid", why) before admission, else the policy's (allowed, why)."""
    tr = {k: (dict(v) if isinstance(v, dict) else v) for k, v in tr.items()}
    spec, meta = tr["spec"], tr["metadata"]
    spec.setdefault("expirationSeconds", 3600)  # SetDefaults_TokenRequestSpec, at decoding
    if meta.get("name", service_account) != service_account:
        return "invalid", "metadata.name must match the service account name if specified"
    if meta.get("namespace", namespace) != namespace:
        return "invalid", "metadata.namespace must match the service account namespace if specified"
    if not spec.get("audiences"):
        spec["audiences"] = list(API_AUDIENCES)
    meta.update(name=service_account, namespace=namespace,
                uid="5b0c7e2a-1111-4222-8333-444455556666",
                creationTimestamp="2026-05-01T12:00:00Z")
    tr["status"] = {}
    if not 600 <= spec["expirationSeconds"] <= 2**32:
        return "invalid", "spec.expirationSeconds: between 10 minutes and 2^32 seconds"
    labels = DS_LABELS if labels is None else labels
    if not selected(labels):
        return True, "no binding"
    request = {
        "uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
        "kind": {"group": "authentication.k8s.io", "version": "v1", "kind": "TokenRequest"},
        "resource": {"group": "", "version": "v1", "resource": "serviceaccounts"},
        "subResource": "token",
        "requestKind": {"group": "authentication.k8s.io", "version": "v1", "kind": "TokenRequest"},
        "requestResource": {"group": "", "version": "v1", "resource": "serviceaccounts"},
        "requestSubResource": "token",
        "name": service_account,
        "namespace": namespace,
        "operation": "CREATE",
        "userInfo": user,
        "options": {"apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions"},
        "dryRun": False,
    }
    return admit({"request": request, "object": tr, "oldObject": None})


def decide(user, service_account, *, namespace=DS_PROJECT, labels=None, **body_fields):
    """The API server's answer to `user` asking for a token of `service_account`; user: a user name
    (a service account's gets sa_user()'s userInfo) or a userInfo dict."""
    if isinstance(user, str):
        m = re.fullmatch(r"system:serviceaccount:([^:]+):([^:]+)", user)
        user = sa_user(m[2], m[1]) if m else person(user)
    return api_server(user, service_account, body(**body_fields), namespace=namespace, labels=labels)


# --- the engines ---------------------------------------------------------------------------------


def pinned(package):
    for line in REQUIREMENTS.read_text().splitlines():
        name, _, version = line.partition("==")
        if name.strip().lower() == package:
            return version.strip()
    raise AssertionError(f"{package} is not pinned in {REQUIREMENTS}")


@pytest.mark.parametrize("package", ["cel-expr-python", "common-expression-language"])
def test_both_cel_engines_are_the_pinned_ones(package):
    assert importlib.metadata.version(package) == pinned(package)


@pytest.mark.parametrize("source, data, want", [
    ("a == ['sts.amazonaws.com']", {"a": ["sts.amazonaws.com"]}, True),
    ("a == ['sts.amazonaws.com']", {"a": ["sts.amazonaws.com", "sts.amazonaws.com"]}, False),
    ("a == ['x', 'y']", {"a": ["y", "x"]}, False),
    ("has(m.k) && m.k <= 3600", {"m": {"k": 2**32}}, False),
    ("has(m.k) && m.k <= 3600", {"m": {}}, False),
    ("'n=' + string(m.k)", {"m": {"k": 2**32}}, "n=4294967296"),
    ("s.startsWith('system:serviceaccount:' + n + ':')", {"s": "system:serviceaccount:ab:c", "n": "a"},
     False),
    ("m.x.y", {"m": {}}, EvalError),
])
def test_the_engines_agree_on_what_the_policy_uses(source, data, want):
    # The constructs the policy is made of, with the answers the CEL spec gives.
    programs = [(e, e.compile(source)) for e in (CelRust(),)]
    env = cel_cpp.NewEnv(variables={k: cel_cpp.Type.DYN for k in data})
    programs.append((CelCpp(), env.compile(source)))
    for engine, program in programs:
        if want is EvalError:
            with pytest.raises(EvalError):
                engine.run(program, data)
        else:
            assert engine.run(program, data) == want, engine.name


def test_a_disagreement_between_the_engines_fails_the_case():
    expression = Expression("true")
    expression.programs = [ENGINES[0].compile("true"), ENGINES[1].compile("false")]
    with pytest.raises(AssertionError, match="the CEL engines disagree"):
        expression.run({"request": {}, "object": {}, "oldObject": None})


# --- allowed: the helper's own request ----------------------------------------------------------


def test_own_service_account_own_token_sts_audience_bound_to_its_pod_is_allowed():
    assert decide(sa("my-workbench"), "my-workbench") == (True, "all validations pass")


@pytest.mark.parametrize("seconds", [600, 1800, 3599, 3600, None], ids=lambda s: f"{s}")
def test_an_hour_or_less_is_allowed_and_so_is_the_default(seconds):
    # None: the body has no expirationSeconds; the API server makes it 3600 before admission.
    assert decide(sa("my-workbench"), "my-workbench", expiration=seconds) == (
        True, "all validations pass")


# --- denied: everything else a workbench's code could ask for -----------------------------------


@pytest.mark.parametrize("seconds", [3601, 3607, 7200, 86400, 31536000, 2**32])
def test_a_token_longer_than_an_hour_is_denied_and_the_message_says_why(seconds):
    # 3607: the kubelet's own projected-token lifetime; 31536000: a year; 2^32: the API's maximum.
    allowed, message = decide(sa("my-workbench"), "my-workbench", expiration=seconds)
    assert not allowed
    assert message == (f"oc-role-assume policy: a service account of this project may request a token "
                       f"of at most 3600 seconds, not {seconds}: STS accepts a token until it expires, "
                       f"even after its pod is gone")


def test_a_token_request_without_a_lifetime_at_admission_is_denied():
    # Cannot come from the API server (it defaults the field); the policy must not read it as "short".
    activation = {"request": {"name": "my-workbench", "namespace": DS_PROJECT,
                              "userInfo": sa_user("my-workbench")},
                  "object": body(expiration=None), "oldObject": None}
    allowed, message = admit(activation)
    assert not allowed
    assert message == ("oc-role-assume policy: a service account of this project may request a token "
                       "of at most 3600 seconds: STS accepts a token until it expires, even after its "
                       "pod is gone")


@pytest.mark.parametrize("seconds", [599, 2**32 + 1])
def test_lifetimes_the_api_server_refuses_never_reach_admission(seconds):
    assert decide(sa("my-workbench"), "my-workbench", expiration=seconds)[0] == "invalid"


@pytest.mark.parametrize("other", ["pipeline-runner-dspa", "builder", "deployer", "default",
                                   "other-users-workbench", "my-workbench-2", "my-workbenc"])
def test_a_token_for_another_service_account_is_denied(other):
    allowed, message = decide(sa("my-workbench"), other)
    assert not allowed
    assert message == (f"oc-role-assume policy: {sa('my-workbench')} may request a token only for "
                       f"itself, not for service account {other}")


def test_a_body_naming_another_service_account_or_namespace_is_refused_before_admission():
    assert decide(sa("my-workbench"), "my-workbench", body_name="builder")[0] == "invalid"
    assert decide(sa("my-workbench"), "my-workbench", body_namespace="other")[0] == "invalid"
    assert decide(sa("my-workbench"), "my-workbench", body_name="my-workbench",
                  body_namespace=DS_PROJECT) == (True, "all validations pass")


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
    # [] and None: the API server's own audiences by the time admission sees the request.
    allowed, message = decide(sa("my-workbench"), "my-workbench", audiences=audiences)
    assert not allowed
    assert "only with the single audience sts.amazonaws.com" in message


@pytest.mark.parametrize("bound", [None, "Secret", "Node", "pod"])
def test_a_token_not_bound_to_a_pod_is_denied(bound):
    allowed, message = decide(sa("my-workbench"), "my-workbench", bound=bound)
    assert not allowed
    assert "bound to a pod" in message


def test_another_service_account_and_another_audience_is_denied_for_the_name_first():
    allowed, message = decide(sa("my-workbench"), "pipeline-runner-dspa", audiences=[API],
                              expiration=86400)
    assert not allowed and "only for itself" in message


def test_the_guard_follows_the_grant_into_non_data_science_namespaces():
    labels = {"oc-role-assume/token-policy": "enforce"}
    assert not decide(sa("app", "team-a"), "deployer", namespace="team-a", labels=labels)[0]
    assert not decide(sa("app", "team-a"), "app", namespace="team-a", labels=labels,
                      expiration=86400)[0]
    assert decide(sa("app", "team-a"), "app", namespace="team-a", labels=labels)[0] is True
    both = dict(DS_LABELS, **labels)
    assert not decide(sa("my-workbench"), "builder", labels=both)[0]


# --- allowed: people and controllers are not judged ---------------------------------------------


@pytest.mark.parametrize("audiences", [[API], [STS], ["vault"]], ids=["api", "sts", "vault"])
def test_the_kubelet_requesting_projected_tokens_is_allowed(audiences):
    # The kubelet mounts every pod's tokens: the API-server token of every workbench (3607 s), and the
    # sts.amazonaws.com token of the volume-based and IRSA setups (notebook-token.yaml: 86400 s).
    kubelet = person("system:node:ip-10-0-1-23.ec2.internal", ("system:nodes", "system:authenticated"))
    for seconds in (3607, 86400):
        allowed, why = decide(kubelet, "my-workbench", audiences=audiences, expiration=seconds)
        assert allowed is True and why.startswith("match condition")


@pytest.mark.parametrize("user", ["alice@example.com", "kube:admin", "system:admin"])
def test_people_are_allowed_any_token(user):
    # `oc create token pipeline-runner-dspa -n fraud-detection --duration 24h` by a project admin:
    # RBAC decides.
    allowed, why = decide(user, "pipeline-runner-dspa", audiences=[API], bound=None, expiration=86400)
    assert allowed is True and why.startswith("match condition")


@pytest.mark.parametrize("caller", [
    "system:kube-controller-manager",
    sa("serviceaccount-pull-secrets-controller", "openshift-infra"),
    sa("openshift-controller-manager-sa", "openshift-controller-manager"),
    sa("odh-notebook-controller-manager", "redhat-ods-applications"),
    sa("my-workbench", "another-project"),
    sa("x", f"{DS_PROJECT}-2"),
])
def test_controllers_and_service_accounts_of_other_namespaces_are_left_to_rbac(caller):
    allowed, why = decide(caller, "builder", audiences=[API], bound=None, expiration=7200)
    assert allowed is True and why.startswith("match condition")


def test_namespaces_no_binding_selects_are_not_judged():
    for labels in ({}, {"opendatahub.io/dashboard": "false"}, {"modelmesh-enabled": "true"}):
        allowed, why = decide(sa("app", "team-b"), "deployer", namespace="team-b", labels=labels,
                              audiences=[API], expiration=86400)
        assert allowed is True and why == "no binding"


# --- the policy's shape -------------------------------------------------------------------------


def test_the_policy_matches_token_requests_only_and_fails_closed():
    spec = POLICY["spec"]
    assert spec["failurePolicy"] == "Fail"
    assert spec["matchConstraints"]["resourceRules"] == [{
        "apiGroups": [""], "apiVersions": ["v1"], "resources": ["serviceaccounts/token"],
        "operations": ["CREATE"]}]
    assert all(v.get("reason") == "Forbidden" for v in spec["validations"])
    assert {b["spec"]["policyName"] for b in BINDINGS} == {POLICY["metadata"]["name"]}


def test_the_cap_is_what_the_helper_asks_for():
    source = (ROOT / "src/identity/pod.rs").read_text()
    assert re.search(rf"const TOKEN_SECONDS: i64 = {HELPER_SECONDS};", source)


def test_a_malformed_request_errs_toward_deny_for_the_projects_service_accounts():
    # A TokenRequest without a spec at all: the validations cannot read it and must not allow it.
    activation = {"request": {"name": "my-workbench", "namespace": DS_PROJECT,
                              "userInfo": sa_user("my-workbench")},
                  "object": {}, "oldObject": None}
    results = []
    for expression, _, _ in VALIDATIONS:
        try:
            results.append(expression.run(activation))
        except EvalError:  # an error is a deny under failurePolicy Fail
            results.append(False)
    assert not all(results)
    assert admit(activation)[0] is False
