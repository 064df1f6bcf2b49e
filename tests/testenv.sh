#!/usr/bin/env bash
# Creates the Python venv the tests and the demo use (target/testenv/venv, from tests/requirements.txt),
# once; later calls only check it. Safe to run from many processes at once (flock). Prints the venv path.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${CARGO_TARGET_DIR:-$root/target}/testenv
venv=$dir/venv
python=${OC_ROLE_ASSUME_TEST_PYTHON:-python3}
mkdir -p "$dir"
exec 9>"$dir/lock"
flock 9
if ! cmp -s "$root/tests/requirements.txt" "$venv/.requirements" 2>/dev/null; then
  echo "testenv: installing $(grep -cv '^#' "$root/tests/requirements.txt") pinned packages into $venv (first run only)" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tests/requirements.txt" >&2
  cp "$root/tests/requirements.txt" "$venv/.requirements"
fi
echo "$venv"
