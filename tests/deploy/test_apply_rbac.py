"""packaging/kubernetes/apply-rbac.sh against a fake `oc` on PATH.

The fake records every call (its arguments, one line each; what `apply` reads from stdin, per
namespace) and answers as a cluster would: logged in as kube:admin, the policy and both its bindings
installed, labels that stick. FAKE_OC_FAIL names the steps that fail instead (`whoami`, `list`,
`policy`, `binding:<name>`, `label:<ns>`, `readback:<ns>`, `apply:<ns>`); FAKE_OC_BINDING answers a
binding's `<policyName> <validationActions>`, FAKE_OC_READBACK the label read back.

What must hold: the script labels a namespace and reads the label back before it grants there, grants
nothing until the login, the policy and both bindings are confirmed, and stops without granting at the
first step that fails; when `oc` is not logged in it says `oc login`.
"""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging/kubernetes/apply-rbac.sh"
POLICY = "oc-role-assume-own-sts-token"
BINDINGS = ["oc-role-assume-data-science-projects", "oc-role-assume-labelled-projects"]
LABEL = "oc-role-assume/token-policy=enforce"

FAKE_OC = r"""#!/usr/bin/env bash
log=${FAKE_OC_LOG:?}
printf '%s\n' "$*" >>"$log"
failing() { [[ " ${FAKE_OC_FAIL:-} " == *" $1 "* ]]; }
case "$1 ${2:-}" in
  "whoami "|"auth whoami")
    if failing whoami; then
      echo "error: You must be logged in to the server (Unauthorized)" >&2
      exit 1
    fi
    echo kube:admin ;;
  "get namespaces")
    if failing list; then
      echo "error: You must be logged in to the server (Unauthorized)" >&2
      exit 1
    fi
    for ns in ${FAKE_OC_NAMESPACES:-}; do echo "$ns"; done ;;
  "get validatingadmissionpolicy")
    if failing policy; then
      echo "Error from server (NotFound): validatingadmissionpolicies.admissionregistration.k8s.io \"$3\" not found" >&2
      exit 1
    fi
    echo "validatingadmissionpolicy.admissionregistration.k8s.io/$3" ;;
  "get validatingadmissionpolicybinding")
    if failing "binding:$3"; then
      echo "Error from server (NotFound): validatingadmissionpolicybindings.admissionregistration.k8s.io \"$3\" not found" >&2
      exit 1
    fi
    printf '%s' "${FAKE_OC_BINDING-oc-role-assume-own-sts-token Deny}" ;;
  "label namespace")
    if failing "label:$3"; then
      echo "Error from server (Forbidden): namespaces \"$3\" is forbidden: User cannot patch resource" >&2
      exit 1
    fi
    echo "namespace/$3 labeled" ;;
  "get namespace")
    if failing "readback:$3"; then
      echo "Error from server (NotFound): namespaces \"$3\" not found" >&2
      exit 1
    fi
    printf '%s' "${FAKE_OC_READBACK-enforce}" ;;
  "apply -n")
    cat >"$log.apply.$3"
    if failing "apply:$3"; then
      echo "error: the server could not apply" >&2
      exit 1
    fi
    echo "role.rbac.authorization.k8s.io/oc-role-assume configured" ;;
  *)
    echo "fake oc: unexpected call: $*" >&2
    exit 99 ;;
esac
"""


class Run:
    def __init__(self, proc, log):
        self.code = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.calls = log.read_text().splitlines() if log.exists() else []
        self.log = log

    def applied(self):
        """The namespaces `apply` was called for, in order."""
        return [c.split()[2] for c in self.calls if c.startswith("apply ")]

    def labelled(self):
        return [c.split()[2] for c in self.calls if c.startswith("label namespace ")]

    def manifest(self, ns):
        return pathlib.Path(f"{self.log}.apply.{ns}").read_text()


@pytest.fixture
def run(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("oc", "kubectl"):
        (bin_dir / name).write_text(FAKE_OC)
        (bin_dir / name).chmod(0o755)
    counter = iter(range(1000))

    def go(*args, **env):
        log = tmp_path / f"calls-{next(counter)}"
        environ = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "FAKE_OC_LOG": str(log)}
        environ.update({k: str(v) for k, v in env.items()})
        proc = subprocess.run(["bash", str(SCRIPT), *args], env=environ, capture_output=True,
                              text=True, timeout=30)
        return Run(proc, log)

    return go


def checks(calls):
    return [c for c in calls if c.startswith(("whoami", "auth whoami", "get validatingadmission"))]


EXPECTED_CHECKS = ["whoami", f"get validatingadmissionpolicy {POLICY} -o name"] + [
    f"get validatingadmissionpolicybinding {b} -o jsonpath={{.spec.policyName}} "
    "{.spec.validationActions[*]}" for b in BINDINGS]


def per_namespace(ns):
    return [f"label namespace {ns} {LABEL} --overwrite",
            f"get namespace {ns} -o jsonpath={{.metadata.labels.oc-role-assume/token-policy}}",
            f"apply -n {ns} -f -"]


# --- the order ----------------------------------------------------------------------------------


def test_named_namespaces_are_checked_then_labelled_then_granted_one_by_one(run):
    r = run("fraud-detection", "churn-model")
    assert r.code == 0, r.stderr
    assert r.calls == EXPECTED_CHECKS + per_namespace("fraud-detection") + per_namespace("churn-model")
    assert "name: system:serviceaccounts:fraud-detection" in r.manifest("fraud-detection")
    assert "name: system:serviceaccounts:churn-model" in r.manifest("churn-model")
    assert "<NAMESPACE>" not in r.manifest("churn-model")


def test_without_names_every_data_science_project_is_listed_after_the_login_check(run):
    r = run(FAKE_OC_NAMESPACES="fraud-detection churn-model")
    assert r.code == 0, r.stderr
    assert r.calls[:2] == ["whoami", "get namespaces -l opendatahub.io/dashboard=true -o "
                           "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}"]
    assert r.calls[2:] == EXPECTED_CHECKS[1:] + per_namespace("fraud-detection") + per_namespace(
        "churn-model")


def test_kubectl_is_asked_who_it_is_with_auth_whoami(run):
    r = run("fraud-detection", KUBECTL="kubectl")
    assert r.code == 0, r.stderr
    assert r.calls[0] == "auth whoami"
    assert r.applied() == ["fraud-detection"]


def test_print_needs_no_cluster_when_namespaces_are_named(run):
    r = run("--print", "fraud-detection", FAKE_OC_FAIL="whoami")
    assert r.code == 0, r.stderr
    assert r.calls == []
    assert "system:serviceaccounts:fraud-detection" in r.stdout


# --- not logged in ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("fraud-detection",), ("--print",)], ids=["all", "named", "print"])
def test_not_logged_in_says_oc_login_and_touches_nothing(run, args):
    r = run(*args, FAKE_OC_FAIL="whoami", FAKE_OC_NAMESPACES="fraud-detection")
    assert r.code != 0
    assert r.calls == ["whoami"]
    assert "oc login" in r.stderr
    assert "Unauthorized" in r.stderr  # oc's own reason, kept
    assert "no namespace is labelled" not in r.stderr
    assert r.stdout == ""


def test_a_failed_listing_is_not_reported_as_no_data_science_projects(run):
    r = run(FAKE_OC_FAIL="list")
    assert r.code != 0
    assert "could not list" in r.stderr and "no namespace is labelled" not in r.stderr
    assert r.labelled() == [] and r.applied() == []


def test_no_data_science_project_says_name_one(run):
    r = run(FAKE_OC_NAMESPACES="")
    assert r.code != 0
    assert "no namespace is labelled opendatahub.io/dashboard=true; name one" in r.stderr
    assert r.labelled() == [] and r.applied() == []


# --- the policy and its bindings come first -----------------------------------------------------


def test_a_missing_policy_stops_before_any_label_or_grant(run):
    r = run("fraud-detection", FAKE_OC_FAIL="policy")
    assert r.code != 0
    assert f"ValidatingAdmissionPolicy {POLICY} is not installed" in r.stderr
    assert "token-request-policy.yaml" in r.stderr and "nothing was granted" in r.stderr
    assert r.labelled() == [] and r.applied() == []


@pytest.mark.parametrize("binding", BINDINGS)
def test_a_missing_binding_stops_before_any_label_or_grant(run, binding):
    r = run("fraud-detection", "churn-model", FAKE_OC_FAIL=f"binding:{binding}")
    assert r.code != 0
    assert f"ValidatingAdmissionPolicyBinding {binding} is not installed" in r.stderr
    assert "nothing was granted" in r.stderr
    assert r.labelled() == [] and r.applied() == []


@pytest.mark.parametrize("answer", ["oc-role-assume-own-sts-token Warn",
                                    "oc-role-assume-own-sts-token Audit",
                                    "oc-role-assume-own-sts-token ",
                                    "some-other-policy Deny",
                                    " Deny",
                                    ""])
def test_a_binding_that_does_not_deny_for_the_policy_stops_everything(run, answer):
    r = run("fraud-detection", FAKE_OC_BINDING=answer)
    assert r.code != 0
    assert "does not deny for oc-role-assume-own-sts-token" in r.stderr
    assert r.labelled() == [] and r.applied() == []


def test_a_binding_that_denies_and_audits_is_enough(run):
    r = run("fraud-detection", FAKE_OC_BINDING="oc-role-assume-own-sts-token Deny Audit")
    assert r.code == 0, r.stderr
    assert r.applied() == ["fraud-detection"]


def test_without_the_policy_check_the_label_still_comes_first(run):
    r = run("fraud-detection", OC_ROLE_ASSUME_NO_POLICY=1, FAKE_OC_FAIL="policy")
    assert r.code == 0, r.stderr
    assert r.calls == ["whoami"] + per_namespace("fraud-detection")


# --- no grant after a failed label --------------------------------------------------------------


def test_a_failed_label_on_the_first_namespace_grants_nothing(run):
    r = run("fraud-detection", "churn-model", FAKE_OC_FAIL="label:fraud-detection")
    assert r.code != 0
    assert r.applied() == []
    assert r.labelled() == ["fraud-detection"]  # and it stopped there
    assert "could not label namespace fraud-detection" in r.stderr
    assert "nothing granted in fraud-detection" in r.stderr


def test_a_failed_label_later_stops_there_and_says_what_was_granted(run):
    r = run("fraud-detection", "churn-model", "credit-risk", FAKE_OC_FAIL="label:churn-model")
    assert r.code != 0
    assert r.applied() == ["fraud-detection"]
    assert r.calls[-1] == f"label namespace churn-model {LABEL} --overwrite"
    assert "nothing granted in churn-model (granted before: fraud-detection)" in r.stderr


@pytest.mark.parametrize("env", [{"FAKE_OC_READBACK": ""}, {"FAKE_OC_READBACK": "audit"},
                                 {"FAKE_OC_FAIL": "readback:fraud-detection"}],
                         ids=["absent", "other-value", "unreadable"])
def test_a_label_that_cannot_be_confirmed_grants_nothing(run, env):
    r = run("fraud-detection", **env)
    assert r.code != 0
    assert r.applied() == []
    assert "nothing granted in fraud-detection" in r.stderr


def test_a_failed_apply_fails_the_script(run):
    r = run("fraud-detection", "churn-model", FAKE_OC_FAIL="apply:fraud-detection")
    assert r.code != 0
    assert r.applied() == ["fraud-detection"]
    assert "applying rbac.yaml to fraud-detection failed" in r.stderr


@pytest.mark.parametrize("args", [("a/b",), ("fraud-detection", "Bad_Name")])
def test_a_name_that_is_not_a_namespace_stops_before_any_call(run, args):
    r = run(*args)
    assert r.code == 2
    assert r.calls == []
    assert "not a namespace name" in r.stderr


def test_a_listed_name_that_is_not_a_namespace_stops_before_any_change(run):
    r = run(FAKE_OC_NAMESPACES="fraud-detection x/y")
    assert r.code == 2
    assert r.labelled() == [] and r.applied() == []


@pytest.mark.parametrize("case", [
    {}, {"FAKE_OC_FAIL": "label:b"}, {"FAKE_OC_FAIL": "readback:b"}, {"FAKE_OC_READBACK": "no"},
    {"FAKE_OC_FAIL": "binding:oc-role-assume-labelled-projects"}, {"FAKE_OC_FAIL": "policy"},
    {"FAKE_OC_FAIL": "whoami"}, {"OC_ROLE_ASSUME_NO_POLICY": "1"},
], ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "ok")
def test_every_grant_follows_the_checks_and_its_own_confirmed_label(run, case):
    r = run("a", "b", "c", **case)
    for i, call in enumerate(r.calls):
        if not call.startswith("apply "):
            continue
        ns = call.split()[2]
        before = r.calls[:i]
        assert before[-2:] == per_namespace(ns)[:2], (ns, r.calls)
        if case.get("OC_ROLE_ASSUME_NO_POLICY") != "1":
            assert checks(before) == EXPECTED_CHECKS, r.calls
    assert (r.code == 0) == (r.applied() == ["a", "b", "c"]), (r.code, r.stderr)


def test_the_script_names_the_bindings_that_token_request_policy_yaml_defines():
    import yaml

    docs = [d for d in yaml.safe_load_all((SCRIPT.parent / "token-request-policy.yaml").read_text())
            if d]
    assert [d["metadata"]["name"] for d in docs if d["kind"] == "ValidatingAdmissionPolicy"] == [
        POLICY]
    assert [d["metadata"]["name"] for d in docs
            if d["kind"] == "ValidatingAdmissionPolicyBinding"] == BINDINGS
    label = next(d for d in docs if d["metadata"]["name"] == BINDINGS[1])["spec"]["matchResources"][
        "namespaceSelector"]["matchLabels"]
    assert "=".join(*label.items()) == LABEL
    assert os.access(SCRIPT, os.X_OK)
