#!/usr/bin/env bash
# Instruction counts of a warm call, with valgrind's callgrind (not run in CI; the README's figures
# come from here). Instructions, not seconds: the same binary, inputs and environment give the same
# count whatever else the machine is doing.
#   tests/profile.sh                                  # the release binary
#   BENCH_BIN=path/to/oc-role-assume tests/profile.sh # another build (e.g. the static musl one)
# Prints one line per command: its instruction count, and the musl floor's beside it (the same C
# program bench.sh times, reading and printing the same cache entry).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for tool in valgrind musl-gcc; do
  command -v "$tool" >/dev/null ||
    { echo "profile: needs $tool (Debian: apt-get install valgrind musl-tools)" >&2; exit 2; }
done
venv=$("$root/tests/testenv.sh")
[ -n "${BENCH_BIN:-}" ] || (cd "$root" && cargo build --locked --release --quiet)
bin=${BENCH_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/oc-role-assume}
start_workbench "$venv"

# The warm call out of a cluster (no service-account token: its key has no pod in it).
# As an SDK runs it: no arguments (an argument sends a call to the full parse, past the hit path).
out_of_cluster=("${workbench[@]}" OC_ROLE_ASSUME_SERVICEACCOUNT_DIR="$work/none")
"${out_of_cluster[@]}" "$bin" >/dev/null
entry=$(ls "$work"/cache/*.json)
build_floor

# Instructions of one run of a command (callgrind's "Collected" line).
instructions() {
  "$@" >/dev/null 2>"$work/vg.err" || { cat "$work/vg.err" >&2; exit 1; }
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/vg.err"
}
vg=(valgrind --tool=callgrind --callgrind-out-file=/dev/null)
floor=$(instructions "${vg[@]}" "$work/floor" "$entry")
out=$(instructions "${out_of_cluster[@]}" "${vg[@]}" "$bin")
window=$(instructions "${out_of_cluster[@]}" OC_ROLE_ASSUME_REFRESH_AHEAD=3600 "${vg[@]}" "$bin")
cold=$(instructions "${out_of_cluster[@]}" OC_ROLE_ASSUME_NO_CACHE=true "${vg[@]}" "$bin")
echo "binary: $bin ($(stat -c %s "$bin") bytes)"
echo "instructions, warm call out of a cluster: $out (the musl floor: $floor)"
echo "instructions, a call inside the refresh-ahead window (full parse, renewal started): $window"
echo "instructions, cold call out of a cluster (both STS calls to http:// moto, no TLS set-up): $cold"
