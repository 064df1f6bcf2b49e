#!/usr/bin/env bash
# packaging/kubernetes/apply-rbac.sh [--print] [NAMESPACE...]
#
# Grants rbac.yaml (a Role + RoleBinding: `get` pods, `create` serviceaccounts/token) in each NAMESPACE,
# or, with none named, in every data-science project: every namespace labelled
# opendatahub.io/dashboard=true, the label the OpenShift AI dashboard puts on the projects it creates.
# Each namespace also gets the label oc-role-assume/token-policy=enforce, which the second binding in
# token-request-policy.yaml selects, so the admission policy guards every namespace that has the grant.
# Idempotent: run it after new projects appear (by hand, from a CronJob with `oc`, or from your GitOps
# pipeline), or use project-template.yaml so that new projects get the grant when they are created.
#
#   --print   write the manifests to stdout instead of applying them (no cluster needed when
#             namespaces are named)
#
# Needs `oc` (or `kubectl`: set KUBECTL=kubectl) logged in as a cluster admin. In this order, and
# stopping at the first step that fails, before anything is granted:
#   1. checks that `oc` is logged in (`oc whoami`; `kubectl auth whoami`), else says `oc login`;
#   2. checks that the ValidatingAdmissionPolicy oc-role-assume-own-sts-token and both its bindings
#      (oc-role-assume-data-science-projects, oc-role-assume-labelled-projects) from
#      token-request-policy.yaml are installed and deny (OC_ROLE_ASSUME_NO_POLICY=1 skips this: the
#      token grant is then unguarded, see rbac.yaml);
# then, one namespace at a time:
#   3. labels it oc-role-assume/token-policy=enforce and reads the label back;
#   4. only then applies rbac.yaml to it.
# A namespace whose label cannot be set or confirmed gets no grant, and the script stops there.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kubectl=${KUBECTL:-oc}
policy=oc-role-assume-own-sts-token
bindings=(oc-role-assume-data-science-projects oc-role-assume-labelled-projects)
label_key=oc-role-assume/token-policy
label_value=enforce
print=0
if [[ ${1:-} == --print ]]; then
  print=1
  shift
fi

die() {
  echo "apply-rbac.sh: $*" >&2
  exit 1
}

render() { # NAMESPACE
  [[ $1 =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]] || {
    echo "apply-rbac.sh: not a namespace name: $1" >&2
    return 2
  }
  sed "s/<NAMESPACE>/$1/g" "$here/rbac.yaml"
}

# The cluster answers as someone: `oc whoami`, or `kubectl auth whoami` (Kubernetes 1.28+).
logged_in() {
  local out
  if [[ $(basename -- "$kubectl") == oc ]]; then
    out=$("$kubectl" whoami 2>&1) && return 0
  else
    out=$("$kubectl" auth whoami 2>&1) && return 0
  fi
  die "$kubectl is not logged in, or cannot reach the cluster (${out//$'\n'/ }): log in as a cluster" \
    "admin first, oc login --server=https://api.<cluster>:6443 (with KUBECTL=kubectl: a cluster-admin" \
    "KUBECONFIG); nothing was granted"
}

namespaces=("$@")
checked_login=0
if [[ ${#namespaces[@]} -eq 0 ]]; then
  logged_in
  checked_login=1
  listed=$("$kubectl" get namespaces -l opendatahub.io/dashboard=true \
    -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}') ||
    die "could not list the namespaces labelled opendatahub.io/dashboard=true (see $kubectl's error above)"
  mapfile -t namespaces < <(printf '%s\n' "$listed" | sed '/^$/d')
  if [[ ${#namespaces[@]} -eq 0 ]]; then
    die "no namespace is labelled opendatahub.io/dashboard=true; name one"
  fi
fi
for ns in "${namespaces[@]}"; do
  render "$ns" >/dev/null || exit 2
done

if [[ $print -eq 1 ]]; then
  first=1
  for ns in "${namespaces[@]}"; do
    [[ $first -eq 1 ]] || echo ---
    first=0
    render "$ns"
  done
  exit 0
fi

[[ $checked_login -eq 1 ]] || logged_in

if [[ ${OC_ROLE_ASSUME_NO_POLICY:-} != 1 ]]; then
  install="oc apply -f $here/token-request-policy.yaml first (see rbac.yaml for why); nothing was granted"
  "$kubectl" get validatingadmissionpolicy "$policy" -o name >/dev/null ||
    die "the ValidatingAdmissionPolicy $policy is not installed (or not readable: see above): $install"
  for binding in "${bindings[@]}"; do
    got=$("$kubectl" get validatingadmissionpolicybinding "$binding" \
      -o jsonpath='{.spec.policyName} {.spec.validationActions[*]}') ||
      die "the ValidatingAdmissionPolicyBinding $binding is not installed (or not readable: see" \
        "above), so the policy guards nothing there: $install"
    [[ $got == "$policy "* && " ${got#* } " == *" Deny "* ]] ||
      die "the ValidatingAdmissionPolicyBinding $binding does not deny for $policy" \
        "(it has: '$got'): $install"
  done
fi

granted=()
for ns in "${namespaces[@]}"; do
  stop="nothing granted in $ns${granted[*]:+ (granted before: ${granted[*]})}"
  "$kubectl" label namespace "$ns" "$label_key=$label_value" --overwrite ||
    die "could not label namespace $ns $label_key=$label_value; $stop"
  got=$("$kubectl" get namespace "$ns" -o jsonpath="{.metadata.labels.${label_key//./\\.}}") ||
    die "could not read namespace $ns back; $stop"
  [[ $got == "$label_value" ]] ||
    die "namespace $ns does not carry $label_key=$label_value after labelling (it has '$got'); $stop"
  render "$ns" | "$kubectl" apply -n "$ns" -f - ||
    die "applying rbac.yaml to $ns failed${granted[*]:+ (granted before: ${granted[*]})}"
  granted+=("$ns")
done
