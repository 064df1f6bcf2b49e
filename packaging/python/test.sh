#!/usr/bin/env bash
# Tests the Python package against moto, in a workbench-like environment: the IRSA webhook's
# AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE exported (a stand-in JWT), TARGET_ROLE_ARN, and the user in
# a downward-API file. The Python checks are in tests/check.py; this script counts them with its own.
#
#   packaging/python/test.sh                     builds both wheels (build.sh: slow, release builds),
#                                                installs the x86_64 one into a fresh venv, tests it,
#                                                and checks the aarch64 one's tags and binary
#   OC_ROLE_ASSUME_WHEELS=target/wheels packaging/python/test.sh     the same with wheels built before
#   packaging/python/test.sh --source [BIN]      fast (CI): the module from src/ and BIN (default
#                                                target/debug/oc-role-assume, named by OC_ROLE_ASSUME_BIN),
#                                                in tests/testenv.sh's venv; for the checks of which binary
#                                                the installed module runs, a wheel of both
#                                                (tests/source_wheel.py) that pip installs
#   OC_ROLE_ASSUME_TEST_PYTHON=python3.9 ...     the interpreter for the fresh venv (default python3);
#   OC_ROLE_ASSUME_TEST_UNPINNED=1 ...           with the newest boto3 it allows, not tests/requirements.txt's
#
# Ends with 'N passed, N failed'; exits non-zero if anything failed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
mode=wheel
if [ "${1:-}" = --source ]; then
  mode=source
  bin=$(realpath "${2:-$target_dir/debug/oc-role-assume}")
  [ -x "$bin" ] || { echo "test: no binary at $bin: run cargo build --locked first" >&2; exit 2; }
fi

passed=0 failed=0 skipped=0
pass() { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
skip() { echo "skip $1"; skipped=$((skipped + 1)); }
# check NAME COMMAND...: passes when COMMAND exits 0; its output explains a failure.
check() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then pass "$name"; else fail "$name: $out"; fi
}

moto_venv=$("$root/tests/testenv.sh")
. "$root/tests/lib.sh" # start_moto; cleanup on EXIT stops moto and removes $work
work=$(mktemp -d)
start_moto "$moto_venv" "$work" record

# ---- the package under test: an installed wheel, or the source tree with a given binary ----------------
wheel_checks() {
  local wheels=${OC_ROLE_ASSUME_WHEELS:-}
  if [ -z "$wheels" ]; then
    "$here/build.sh" x86_64 aarch64
    wheels=$target_dir/wheels
  fi
  x86=$(newest "$wheels" x86_64)
  arm=$(newest "$wheels" aarch64)
  [ -n "$x86" ] || { fail "no x86_64 wheel of version $version in $wheels"; return; }
  echo "wheels: $x86 ($(stat -c %s "$x86") bytes); ${arm:-no aarch64 wheel} ${arm:+($(stat -c %s "$arm") bytes)}"

  "${OC_ROLE_ASSUME_TEST_PYTHON:-python3}" -m venv "$work/venv"
  local pins="boto3 pinned as in tests/requirements.txt"
  if [ -n "${OC_ROLE_ASSUME_TEST_UNPINNED:-}" ]; then
    pins="boto3 as pip resolves it for $("$work/venv/bin/python" -V)"
    : >"$work/constraints.txt"
  else
    grep -E '^(boto3|botocore)==' "$root/tests/requirements.txt" >"$work/constraints.txt"
  fi
  check "pip installs the x86_64 wheel into a fresh venv ($pins)" \
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check -c "$work/constraints.txt" "$x86"
  py=$work/venv/bin/python
  module_dir=$("$py" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/oc_role_assume
  bin=$work/venv/bin/oc-role-assume
  check "the binary is on the venv's PATH" \
    env -i PATH="$work/venv/bin:/usr/bin:/bin" sh -c '[ "$(command -v oc-role-assume)" = "$1" ]' - "$bin"
  check "no dependency but boto3 (and its own)" sh -c '
    extra=$("$1" -m pip list --disable-pip-version-check --format=freeze | cut -d= -f1 |
      grep -vxiE "oc-role-assume|boto3|botocore|s3transfer|jmespath|python-dateutil|six|urllib3|pip|setuptools")
    [ -z "$extra" ] || { echo "unexpected: $extra"; exit 1; }' - "$py"
  check "--version names the Cargo version and this commit" version_matches "$bin"

  local arch arch_wheel
  for arch in x86_64 ${arm:+aarch64}; do
    arch_wheel=$x86
    [ "$arch" = x86_64 ] || arch_wheel=$arm
    check "$arch wheel is tagged manylinux_2_17 and musllinux_1_2" sh -c \
      'case $1 in *manylinux_2_17_$2*musllinux_1_2_$2.whl) ;; *) exit 1 ;; esac' - "$arch_wheel" "$arch"
    for platform in "manylinux_2_17_$arch" "manylinux2014_$arch" "musllinux_1_2_$arch"; do
      check "pip accepts the $arch wheel for $platform" "$work/venv/bin/pip" download --quiet \
        --disable-pip-version-check --no-deps --only-binary=:all: --platform "$platform" \
        --python-version 3.9 -d "$work/download-$platform" "$arch_wheel"
    done
    check "$arch wheel's binary is a static $arch executable" static_binary "$arch_wheel" "$arch"
  done
  if [ -z "$arm" ]; then
    fail "no aarch64 wheel of version $version in $wheels"
  elif command -v qemu-aarch64 >/dev/null; then
    printf '#!/bin/sh\nexec qemu-aarch64 %s "$@"\n' \
      "$work/unpacked-aarch64/oc_role_assume-$version.data/scripts/oc-role-assume" >"$work/aarch64"
    chmod +x "$work/aarch64"
    # The same version and commit; --version names each binary's own target.
    check "aarch64 binary runs (qemu-aarch64) and says the x86_64 one's --version for its target" sh -c \
      '[ "$("$1" --version)" = "$("$2" --version | sed s/x86_64-unknown-linux-musl/aarch64-unknown-linux-musl/)" ]' \
      - "$work/aarch64" "$bin"
  else
    skip "aarch64 binary runs: no qemu-aarch64 (Debian qemu-user)"
  fi
}

# newest DIR ARCH: the path of the most recent wheel of this version for ARCH in DIR, or nothing.
newest() {
  local wheel
  wheel=$(ls -t "$1"/oc_role_assume-"$version"-py3-none-*"$2".whl 2>/dev/null | head -1) || true
  [ -z "$wheel" ] || realpath "$wheel"
}

version_matches() {
  local out commit
  out=$("$1" --version)
  case $out in "oc-role-assume $version"*) ;; *) echo "$out"; return 1 ;; esac
  # A commit in the version line (build.rs) must be this checkout's.
  commit=$(grep -oE '\b[0-9a-f]{7,40}\b' <<<"$out" | head -1 || true)
  if [ -n "$commit" ]; then
    case $(git -C "$root" rev-parse HEAD) in "$commit"*) ;; *) echo "$out is not HEAD"; return 1 ;; esac
  fi
  echo "$out"
}

static_binary() {
  local dir=$work/unpacked-$2 info
  "$work/venv/bin/python" -m zipfile -e "$1" "$dir"
  chmod +x "$dir/oc_role_assume-$version.data/scripts/oc-role-assume" # zipfile drops the mode
  info=$(file -b "$dir/oc_role_assume-$version.data/scripts/oc-role-assume")
  echo "$info"
  case $2:$info in
    x86_64:*x86-64*statically\ linked* | aarch64:*ARM\ aarch64*statically\ linked*) ;;
    *) return 1 ;;
  esac
}

if [ "$mode" = wheel ]; then
  wheel_checks
  [ -x "${py:-}" ] || { echo "$passed passed, $failed failed"; exit 1; }
else
  py=$moto_venv/bin/python
  module_dir=$here/src/oc_role_assume
fi

# ---- a workbench, faked: stand-in token, downward-API file, the IRSA webhook's variables ------------
"$moto_venv/bin/python" - "$root/tests/fixtures/irsa-token-claims.json" >"$work/token" <<'PY'
import base64, json, sys
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
claims = json.dumps(json.load(open(sys.argv[1])), separators=(",", ":")).encode()
print(b64(b'{"alg":"RS256","kid":"test"}') + "." + b64(claims) + "." + b64(b"test-signature"), end="")
PY
user=alice@example.com
printf '%s\n' 'kubernetes.io/config.seen="2026-05-01T12:00:00Z"' "opendatahub.io/username=\"$user\"" \
  'openshift.io/scc="restricted-v2"' >"$work/podinfo"
mkdir -p "$work/home"
base=(
  env -i HOME="$work/home" LANG=C.UTF-8 PATH=/usr/bin:/bin
  PYTHONDONTWRITEBYTECODE=1 PYTHONNOUSERSITE=1 # no __pycache__ in packaging/ (its test reads every file)
  AWS_CONFIG_FILE="$work/none" AWS_SHARED_CREDENTIALS_FILE="$work/none" AWS_EC2_METADATA_DISABLED=true
  AWS_ENDPOINT_URL="$endpoint" AWS_ENDPOINT_URL_STS="$endpoint"
  AWS_ROLE_ARN=arn:aws:iam::123456789012:role/OpenShiftAIBaseRole
  AWS_WEB_IDENTITY_TOKEN_FILE="$work/token"
  TARGET_ROLE_ARN=arn:aws:iam::123456789012:role/DataScienceTargetRole
  CHECK_TARGET_SESSION_ARN="arn:aws:sts::123456789012:assumed-role/DataScienceTargetRole/$user"
  CHECK_BASE_SESSION_PREFIX=arn:aws:sts::123456789012:assumed-role/OpenShiftAIBaseRole/
  CHECK_USER="$user"
)
workbench=("${base[@]}" CHECK_MODULE_DIR="$module_dir" CHECK_BIN="$(realpath "$bin")")
[ "$mode" = wheel ] || workbench+=(PYTHONPATH="$here/src" OC_ROLE_ASSUME_BIN="$bin")
run_env=("${workbench[@]}")

# py_checks GROUP [VAR=VALUE...]: runs one group of tests/check.py in its own process (in $run_env)
# and counts it.
py_checks() {
  local group=$1 out status=0
  shift
  out=$("${run_env[@]}" "$@" "$py" "$here/tests/check.py" "$group" 2>&1) || status=$?
  echo "$out" | grep -E '^(ok|FAIL) ' || true
  passed=$((passed + $(grep -c '^ok ' <<<"$out" || true)))
  failed=$((failed + $(grep -c '^FAIL ' <<<"$out" || true)))
  if [ "$status" != 0 ] && ! grep -q '^FAIL ' <<<"$out"; then
    fail "check.py $group exited $status: $(tail -5 <<<"$out")"
  fi
}

py_checks main OC_ROLE_ASSUME_PODINFO_FILE="$work/podinfo"
py_checks again OC_ROLE_ASSUME_PODINFO_FILE="$work/podinfo"
py_checks data-connection OC_ROLE_ASSUME_PODINFO_FILE="$work/podinfo" \
  AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=data-connection-secret-key

# ---- the wire, from moto's recorder: one STS chain for every process above -----------------------------
sts_calls() {
  "$moto_venv/bin/python" - "$work/recording.jsonl" <<'PY'
import base64, json, sys, urllib.parse
for line in open(sys.argv[1]):
    r = json.loads(line)
    body = base64.b64decode(r["body"]).decode() if r.get("body_encoded") else (r.get("body") or "")
    form = dict(urllib.parse.parse_qsl(body))
    if form.get("Action") in ("AssumeRoleWithWebIdentity", "AssumeRole"):
        tag = {form.get(f"Tags.member.{i}.Key"): form.get(f"Tags.member.{i}.Value") for i in (1, 2)}
        print(form["Action"], form["RoleArn"].split("/")[-1], tag.get("user", "-"))
PY
}
one_chain() {
  local calls
  calls=$(sts_calls)
  [ "$calls" = "AssumeRoleWithWebIdentity OpenShiftAIBaseRole -
AssumeRole DataScienceTargetRole $user" ] || { echo "$calls"; return 1; }
}
check "one STS chain for three processes, AssumeRole tagged user=$user" one_chain

py_checks shadowed OC_ROLE_ASSUME_PODINFO_FILE="$work/podinfo"
if [ -x "$work/aarch64" ]; then
  py_checks aarch64 OC_ROLE_ASSUME_PODINFO_FILE="$work/podinfo" OC_ROLE_ASSUME_BIN="$work/aarch64"
fi
mkdir -m 0777 "$work/open-cache" && chmod 0777 "$work/open-cache" # group/other-writable: not used
py_checks warning OC_ROLE_ASSUME_PODINFO_FILE="$work/podinfo" OC_ROLE_ASSUME_CACHE_DIR="$work/open-cache"
py_checks failure OC_ROLE_ASSUME_PODINFO_FILE="$work/absent"

# ---- which binary the installed module runs: only its own, whatever sys.path and the cwd hold ---------
# The same wheel installed by pip with --prefix and --target (in --source mode a wheel of src/ and BIN
# made by tests/source_wheel.py, as maturin lays it out); no OC_ROLE_ASSUME_BIN in these runs.
if [ "$mode" = wheel ]; then
  wheel=$x86
else
  wheel=$("$py" "$here/tests/source_wheel.py" "$here/src/oc_role_assume" "$bin" "$version" "$work")
fi
pip_installs() {
  local opts=(--quiet --disable-pip-version-check --no-deps --no-index --no-compile)
  "$py" -m pip install "${opts[@]}" --ignore-installed --prefix "$work/prefix" "$wheel" &&
    "$py" -m pip install "${opts[@]}" --target "$work/target-install" "$wheel"
}
check "pip installs the package with --prefix and with --target" pip_installs
# Where --prefix put them depends on the interpreter (Debian's: local/lib/python3.X/dist-packages).
dist_info=$(find "$work/prefix" -name 'oc_role_assume-*.dist-info' 2>/dev/null | head -1) || true
site=${dist_info%/*}
prefix_bin=$(find "$work/prefix" -name oc-role-assume -type f 2>/dev/null | head -1) || true
if [ "$mode" = source ]; then
  run_env=("${base[@]}" PYTHONPATH="$site" CHECK_MODULE_DIR="$site/oc_role_assume"
    CHECK_BIN="$(realpath -m "$prefix_bin")")
fi # (a wheel is tested where test.sh installed it, in the venv)
py_checks planted OC_ROLE_ASSUME_PODINFO_FILE="$work/podinfo"
run_env=("${base[@]}" PYTHONPATH="$work/target-install" CHECK_MODULE_DIR="$work/target-install/oc_role_assume"
  CHECK_BIN="$(realpath -m "$work/target-install/bin/oc-role-assume")")
py_checks target OC_ROLE_ASSUME_PODINFO_FILE="$work/podinfo"
# A copy of the --prefix install whose binary is replaced by a script of the same size (NUL-padded):
# only its sha256 tells them apart.
cp -al "$work/prefix" "$work/tampered" # hard links: the binary's is replaced below, not written through
tampered_bin=$work/tampered${prefix_bin#"$work/prefix"}
rm -f "$tampered_bin"
printf '#!/bin/sh\ntouch "%s"\nexit 0\n' "$work/tampered-ran" >"$tampered_bin"
truncate -s "$(stat -c %s "$prefix_bin")" "$tampered_bin"
chmod 0755 "$tampered_bin"
run_env=("${base[@]}" PYTHONPATH="$work/tampered${site#"$work/prefix"}" CHECK_MARKER="$work/tampered-ran")
py_checks tampered OC_ROLE_ASSUME_PODINFO_FILE="$work/podinfo"
run_env=("${workbench[@]}")

if [ "$skipped" = 0 ]; then echo "$passed passed, $failed failed"; else echo "$passed passed, $failed failed, $skipped skipped"; fi
[ "$failed" = 0 ]
