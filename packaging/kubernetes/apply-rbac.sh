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
# Needs `oc` (or `kubectl`: set KUBECTL=kubectl) logged in as a cluster admin. Refuses to run unless
# the ValidatingAdmissionPolicy from token-request-policy.yaml is installed (OC_ROLE_ASSUME_NO_POLICY=1
# skips that check: the token grant is then unguarded, see rbac.yaml).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kubectl=${KUBECTL:-oc}
print=0
if [[ ${1:-} == --print ]]; then
  print=1
  shift
fi

render() { # NAMESPACE
  [[ $1 =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]] || {
    echo "apply-rbac.sh: not a namespace name: $1" >&2
    return 2
  }
  sed "s/<NAMESPACE>/$1/g" "$here/rbac.yaml"
}

namespaces=("$@")
if [[ ${#namespaces[@]} -eq 0 ]]; then
  mapfile -t namespaces < <("$kubectl" get namespaces -l opendatahub.io/dashboard=true \
    -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}')
  if [[ ${#namespaces[@]} -eq 0 ]]; then
    echo "apply-rbac.sh: no namespace is labelled opendatahub.io/dashboard=true; name one" >&2
    exit 1
  fi
fi

if [[ $print -eq 1 ]]; then
  first=1
  for ns in "${namespaces[@]}"; do
    [[ $first -eq 1 ]] || echo ---
    first=0
    render "$ns"
  done
  exit 0
fi

if [[ ${OC_ROLE_ASSUME_NO_POLICY:-} != 1 ]] &&
  ! "$kubectl" get validatingadmissionpolicy oc-role-assume-own-sts-token >/dev/null 2>&1; then
  echo "apply-rbac.sh: the ValidatingAdmissionPolicy oc-role-assume-own-sts-token is not installed:" \
    "oc apply -f $here/token-request-policy.yaml first (see rbac.yaml for why)" >&2
  exit 1
fi

for ns in "${namespaces[@]}"; do
  render "$ns" | "$kubectl" apply -n "$ns" -f -
  "$kubectl" label namespace "$ns" oc-role-assume/token-policy=enforce --overwrite
done
