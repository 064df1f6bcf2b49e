#!/usr/bin/env bash
# tests/iam/run.sh [--templates DIR]
#
# The IAM templates in packaging/iam/ (or DIR), filled with concrete values by a fill that refuses bad
# values (tests/iam/fill.mjs), judged against every isolation claim of README.md's "Security model" and
# packaging/README.md by an IAM policy engine nobody here wrote: @cloud-copilot/iam-simulate, pinned in
# tests/iam/package-lock.json. It is AGPL-3.0-or-later: a test-time tool, installed by this script
# into target/iam-node (CARGO_TARGET_DIR respected; flock: safe to run concurrently), never shipped.
#
# Ends with the line "N passed, N failed"; exits non-zero on any failure, when no case passed, and
# when the engine cannot be installed (that is a failure, never a skip). --templates DIR judges other
# copies of the templates (e.g. an older commit's) with the same cases.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
templates=$root/packaging/iam
while (($#)); do
  case $1 in
    --templates) templates=$(cd "$2" && pwd); shift 2 ;;
    *) echo "usage: $0 [--templates DIR]" >&2; exit 2 ;;
  esac
done

fail() {
  echo "iam bed: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

command -v node >/dev/null || fail "node is not installed (the bed needs Node 18 or later and npm)"
command -v npm >/dev/null || fail "npm is not installed"
target=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$target/iam-node"
dir=$(cd "$target/iam-node" && pwd)
exec 9>"$dir/lock"
flock 9
if ! cmp -s "$root/tests/iam/package-lock.json" "$dir/.installed" 2>/dev/null; then
  echo "iam bed: installing the pinned engine into $dir (first run only)" >&2
  rm -rf "$dir/node_modules" "$dir/.installed"
  cp "$root/tests/iam/package.json" "$root/tests/iam/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2) ||
    fail "npm ci in $dir failed: the engine could not be installed"
  cp "$root/tests/iam/package-lock.json" "$dir/.installed"
fi
flock -u 9

exec node "$root/tests/iam/evaluate.mjs" "$dir" "$templates"
