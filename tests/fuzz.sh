#!/usr/bin/env bash
# Runs each cargo-fuzz target for a fixed budget (not in CI). Needs cargo-fuzz (`cargo install
# cargo-fuzz`); on a stable toolchain it runs without a sanitizer (RUSTC_BOOTSTRAP lets cargo-fuzz pass
# its -Z flags). The corpus, tests/fuzz/corpus/<target>, is not committed: this script seeds it from
# tests/fixtures and a few hand-written inputs, and each run adds what it finds.
# Runs every target, then exits with the first failing target's cargo-fuzz status (a crash leaves its
# input in tests/fuzz/artifacts/<target>/).
#   tests/fuzz.sh [seconds per target, default 60]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
budget=${1:-60}
targets=(translated_decode podinfo_lookup jwt_claims cache_entry)
cd "$root"
corpus=tests/fuzz/corpus
for target in "${targets[@]}"; do mkdir -p "$corpus/$target"; done

# translated_decode: every translated name in the fixture, and the escapes the dashboard would not
# write that the first runs found (`-37` for `7`, `-4d` for `M`: they decode per the `-xx` rule).
cut -f2 tests/fixtures/translated-usernames.tsv | tail -n +2 | while read -r t; do
  printf '%s' "$t" >"$corpus/translated_decode/seed-$t"; done
printf '%s' 'user-37' >"$corpus/translated_decode/seed-digit-escape"
printf '%s' 'a-4b-4b-4d' >"$corpus/translated_decode/seed-upper-escape"
cp tests/fixtures/downward-annotations "$corpus/podinfo_lookup/seed-fixture"
for claims in serviceaccount-token-claims.json irsa-token-claims.json; do
  mint_jwt "tests/fixtures/$claims" >"$corpus/jwt_claims/seed-$claims"; done
printf '%s' '{"version": 1, "key": "00112233445566778899aabbccddeeff", "user": "alice", "source": "env RHOAI_USER",
 "credentials": {"Version": 1, "AccessKeyId": "ASIAEXAMPLEEXAMPLE", "SecretAccessKey": "s",
 "SessionToken": "t", "Expiration": "2030-01-01T00:00:00Z"}}' >"$corpus/cache_entry/seed-entry"

status=0
for target in "${targets[@]}"; do
  echo "== $target ($budget s)"
  code=0
  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir tests/fuzz --sanitizer none "$target" "$corpus/$target" \
    -- -max_total_time="$budget" -print_final_stats=1 2>&1 |
    { grep -E "^error|ERROR|stat::number_of_executed_units|Done|SUMMARY|panicked|crash-" || true; } || code=$?
  if [ "$code" -ne 0 ]; then
    echo "== $target failed: cargo fuzz exited $code" >&2
    if [ "$status" -eq 0 ]; then status=$code; fi
  fi
done
exit "$status"
