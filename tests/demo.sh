#!/usr/bin/env bash
# The main job, end to end, on this machine: moto plays STS and S3, a token file plays the projected
# IRSA token, and the real AWS CLI lists S3 through `credential_process = oc-role-assume`.
# Run from anywhere: tests/demo.sh
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Python venv with moto, awscli and boto3 (tests/testenv.sh; first run takes ~30 s)"
venv=$("$root/tests/testenv.sh")
echo "$venv"

step "Build oc-role-assume (cargo build --locked)"
(cd "$root" && cargo build --locked --quiet)
bin=${CARGO_TARGET_DIR:-$root/target}/debug/oc-role-assume
echo "$bin"

step "Start moto (STS + S3) on a free loopback port, recording every request; a projected-token stand-in (a JWT with the IRSA claims)"
start_workbench "$venv" record
echo "$endpoint $work/token"

step "Write an AWS config whose default profile runs the helper"
cat >"$work/aws-config" <<CFG
[default]
region = us-east-1
credential_process = $bin
CFG
cat "$work/aws-config"

# A clean environment, as a workbench would have it: our own variable names, no host AWS_* settings.
run() {
  "${workbench[@]}" PATH="$venv/bin:/usr/bin:/bin" AWS_CONFIG_FILE="$work/aws-config" \
    RHOAI_USER="${DEMO_USER:-alice@example.com}" "$@"
}

step "aws s3 mb s3://fraud-detection-data   (credentials from credential_process)"
run aws s3 mb s3://fraud-detection-data
step "aws s3 ls"
run aws s3 ls
step "aws sts get-caller-identity   (the Target role, session named after the user)"
run aws sts get-caller-identity
step "What the helper printed (secrets cut short)"
run "$bin" | "$venv/bin/python" -c 'import json,sys; d=json.load(sys.stdin); print({k:(v[:8]+"…" if k in ("SecretAccessKey","SessionToken") else v) for k,v in d.items()})'

step "The STS requests on the wire, from moto's recorder: one chain for every run above (the rest came from the cache); AssumeRole signed by the Base key and tagged with the user"
"$venv/bin/python" - "$work/recording.jsonl" <<'PY'
import base64, json, sys, urllib.parse
for line in open(sys.argv[1]):
    r = json.loads(line)
    body = base64.b64decode(r["body"]).decode() if r.get("body_encoded") else (r.get("body") or "")
    form = dict(urllib.parse.parse_qsl(body))
    if form.get("Action") not in ("AssumeRoleWithWebIdentity", "AssumeRole"):
        continue
    auth = r["headers"].get("Authorization", "")
    signer = auth.split("Credential=")[1].split("/")[0] if "Credential=" in auth else "(unsigned)"
    shown = {k: v for k, v in form.items() if k in ("RoleArn", "RoleSessionName", "DurationSeconds") or k.startswith("Tags.")}
    print(f"{form['Action']:<26} signed by {signer:<22} {shown}")
PY
step "Done: the AWS CLI listed S3 as the Target role, tagged user=${DEMO_USER:-alice@example.com}"
