#!/usr/bin/env bash
# Benchmarks with hyperfine against moto on loopback (not run in CI; numbers go in the README and notes).
#   tests/bench.sh            # builds the release binary, starts moto, runs hyperfine
# Measures: the cold path (both STS calls) per invocation.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 2; }
venv=$("$root/tests/testenv.sh")
(cd "$root" && cargo build --locked --release --quiet)
bin=${CARGO_TARGET_DIR:-$root/target}/release/oc-role-assume

work=$(mktemp -d)
moto_pid=
cleanup() { [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$venv/bin/moto_server" -H 127.0.0.1 -p 0 >"$work/moto.out" 2>"$work/moto.log" &
moto_pid=$!
for _ in $(seq 200); do grep -q 'Running on' "$work/moto.log" 2>/dev/null && break; sleep 0.05; done
endpoint=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/moto.log" | head -1)
printf 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6bnM6c2EifQ.c2ln' >"$work/token"

export -n AWS_CA_BUNDLE SSL_CERT_FILE REQUESTS_CA_BUNDLE 2>/dev/null || true
envs=(env -i PATH=/usr/bin:/bin HOME="$work" AWS_CONFIG_FILE="$work/none" AWS_SHARED_CREDENTIALS_FILE="$work/none"
  AWS_ENDPOINT_URL="$endpoint"
  TARGET_ROLE_ARN=arn:aws:iam::123456789012:role/DataScienceTargetRole
  OC_ROLE_ASSUME_BASE_ROLE_ARN=arn:aws:iam::123456789012:role/OpenShiftAIBaseRole
  OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE="$work/token" RHOAI_USER=alice@example.com)
"${envs[@]}" "$bin" >/dev/null   # warm moto up

echo "binary: $bin ($(stat -c %s "$bin") bytes)"
hyperfine --warmup 3 --runs "${BENCH_RUNS:-50}" -N \
  --command-name "cold path: web identity + AssumeRole against moto" "${envs[*]} $bin" \
  ${BENCH_EXPORT:+--export-markdown "$BENCH_EXPORT"}
