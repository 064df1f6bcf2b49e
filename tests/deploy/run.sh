#!/usr/bin/env bash
# tests/deploy/run.sh [pytest args...]
#
# The deploy tests outside cargo: the admission policy's CEL against admission requests
# (test_admission_policy.py) and the image's AWS config layout read by the AWS CLI and boto3 as the
# workbench user, uid 1001 (test_image_layout.py). Makes its own venv, target/deploy-venv, from
# tests/deploy/requirements.txt on first use (flock: safe to run concurrently). Ends with the line
# "N passed, N failed" (", N skipped" when some were); exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${CARGO_TARGET_DIR:-$root/target}/deploy-venv
venv=$dir/venv
# A Python the workbench user (uid 1001) can run too: prefer the system one over a per-user install
# (a pyenv under /root is unreadable for other users).
if [[ -n ${OC_ROLE_ASSUME_TEST_PYTHON:-} ]]; then
  python=$OC_ROLE_ASSUME_TEST_PYTHON
elif [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import venv, ensurepip' 2>/dev/null; then
  python=/usr/bin/python3
else
  python=python3
fi
mkdir -p "$dir"
exec 9>"$dir/lock"
flock 9
if ! cmp -s "$root/tests/deploy/requirements.txt" "$venv/.requirements" 2>/dev/null; then
  echo "deploy tests: installing pinned packages into $venv (first run only)" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tests/deploy/requirements.txt" >&2
  cp "$root/tests/deploy/requirements.txt" "$venv/.requirements"
fi
flock -u 9

report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
(cd "$root" && "$venv/bin/python" -m pytest -p no:cacheprovider -q --junitxml="$report" \
  tests/deploy "$@") || status=$?
"$venv/bin/python" - "$report" <<'PY'
import sys
import xml.etree.ElementTree as ET

suites = ET.parse(sys.argv[1]).getroot()
suites = [suites] if suites.tag == "testsuite" else list(suites)
total = sum(int(s.get("tests", 0)) for s in suites)
failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
line = f"{total - failed - skipped} passed, {failed} failed"
print(line + (f", {skipped} skipped" if skipped else ""))
PY
exit "$status"
