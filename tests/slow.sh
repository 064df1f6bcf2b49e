#!/usr/bin/env bash
# Every bed that CI does not run, in one command, each reporting pass or fail; ends with the line
# "N passed, N failed". Quote its output in the closing note of any change that touches a bed's area.
#   tests/slow.sh               # all of them (an hour or more on 2 cores; each installs what it needs)
#   tests/slow.sh consumers soak   # only the named ones
# The beds:
#   consumers  tests/consumers.sh            every S3 tool in every setup, against moto
#   soak       tests/soak.sh 2000 32 60      concurrent invocations across expiries, with SIGKILLs
#   fuzz       tests/fuzz.sh 60              every cargo-fuzz target for 60 s (needs cargo-fuzz)
#   wheel      packaging/python/test.sh      the real wheels (both targets), not the --source run
#   reproduce  packaging/reproduce.sh        two release builds, byte for byte
#   policy     packaging/policy.sh           cargo deny over Cargo.lock
#   bench      tests/bench.sh                hyperfine figures (timings: run on an idle machine)
#   profile    tests/profile.sh              instruction counts (callgrind)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
declare -A beds=(
  [consumers]="tests/consumers.sh"
  [soak]="tests/soak.sh 2000 32 60"
  [fuzz]="tests/fuzz.sh 60"
  [wheel]="packaging/python/test.sh"
  [reproduce]="packaging/reproduce.sh"
  [policy]="packaging/policy.sh"
  [bench]="tests/bench.sh"
  [profile]="tests/profile.sh"
)
order=(consumers soak fuzz wheel reproduce policy bench profile)
[ "$#" -gt 0 ] && order=("$@")
passed=0 failed=0
for name in "${order[@]}"; do
  command=${beds[$name]:-}
  [ -n "$command" ] || { echo "slow: no bed named $name (one of: ${!beds[*]})" >&2; exit 2; }
  log=${CARGO_TARGET_DIR:-$root/target}/slow-$name.log
  mkdir -p "$(dirname "$log")"
  start=$(date +%s)
  # shellcheck disable=SC2086 # the command and its arguments, split on purpose
  if (cd "$root" && bash $command) >"$log" 2>&1; then
    echo "ok   $name ($(($(date +%s) - start)) s): $(tail -1 "$log")"
    passed=$((passed + 1))
  else
    echo "FAIL $name ($(($(date +%s) - start)) s): see $log"
    tail -5 "$log" | sed 's/^/     /'
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
