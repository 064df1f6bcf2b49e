#!/usr/bin/env bash
# Runs each cargo-fuzz target for a fixed budget (not in CI). Needs cargo-fuzz (`cargo install
# cargo-fuzz`); on a stable toolchain it runs without a sanitizer (RUSTC_BOOTSTRAP lets cargo-fuzz pass
# its -Z flags). The corpus lives in tests/fuzz/corpus/<target>, seeded from tests/fixtures.
#   tests/fuzz.sh [seconds per target, default 60]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
budget=${1:-60}
cd "$root"
corpus=tests/fuzz/corpus
mkdir -p "$corpus"/{translated_decode,podinfo_lookup,jwt_claims,cache_entry}
cut -f2 tests/fixtures/translated-usernames.tsv | tail -n +2 | while read -r t; do
  printf '%s' "$t" >"$corpus/translated_decode/seed-$t"; done
cp tests/fixtures/downward-annotations "$corpus/podinfo_lookup/seed-fixture"
python3 - "$corpus" <<'PY'
import base64, json, sys
corpus = sys.argv[1]
b = lambda x: base64.urlsafe_b64encode(x).rstrip(b"=").decode()
for name in ("serviceaccount-token-claims.json", "irsa-token-claims.json"):
    claims = open("tests/fixtures/" + name, "rb").read()
    open(f"{corpus}/jwt_claims/seed-{name}", "w").write(b(b'{"alg":"RS256"}') + "." + b(claims) + ".c2ln")
entry = {"version": 1, "key": "00112233445566778899aabbccddeeff", "user": "alice", "source": "env RHOAI_USER",
         "credentials": {"Version": 1, "AccessKeyId": "ASIAEXAMPLEEXAMPLE", "SecretAccessKey": "s",
                         "SessionToken": "t", "Expiration": "2030-01-01T00:00:00Z"}}
open(f"{corpus}/cache_entry/seed-entry", "w").write(json.dumps(entry))
PY
for target in translated_decode podinfo_lookup jwt_claims cache_entry; do
  echo "== $target ($budget s)"
  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir tests/fuzz --sanitizer none "$target" "$corpus/$target" \
    -- -max_total_time="$budget" -print_final_stats=1 2>&1 | grep -E "stat::number_of_executed_units|Done|SUMMARY|panicked|crash-" || true
done
