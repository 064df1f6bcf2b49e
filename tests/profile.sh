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
"${workbench[@]}" "$bin" --serviceaccount-dir "$work/none" >/dev/null
entry=$(ls "$work"/cache/*.json)
printf '%s\n' '#include <fcntl.h>' '#include <unistd.h>' \
  'int main(int c, char **v) { char b[65536]; int fd = open(v[1], O_RDONLY); if (fd < 0) return 1;' \
  '  ssize_t n = read(fd, b, sizeof b); return n > 0 && write(1, b, (size_t)n) == n ? 0 : 1; }' \
  >"$work/floor.c"
musl-gcc -O2 -static -o "$work/floor" "$work/floor.c"

# Instructions of one run of a command (callgrind's "Collected" line).
instructions() {
  "$@" >/dev/null 2>"$work/vg.err" || { cat "$work/vg.err" >&2; exit 1; }
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/vg.err"
}
vg=(valgrind --tool=callgrind --callgrind-out-file=/dev/null)
floor=$(instructions "${vg[@]}" "$work/floor" "$entry")
out=$(instructions "${workbench[@]}" "${vg[@]}" "$bin" --serviceaccount-dir "$work/none")
window=$(instructions "${workbench[@]}" "${vg[@]}" "$bin" --serviceaccount-dir "$work/none" --refresh-ahead 3600)
cold=$(instructions "${workbench[@]}" "${vg[@]}" "$bin" --serviceaccount-dir "$work/none" --no-cache)
# The same cold call trusting the system store as an https:// endpoint would (SSL_CERT_DIR=/etc/ssl/certs
# loads every file there); against moto's plain http:// it is loaded only when TLS is needed.
echo "binary: $bin ($(stat -c %s "$bin") bytes)"
echo "instructions, warm call out of a cluster: $out (the musl floor: $floor)"
echo "instructions, a call inside the refresh-ahead window (full parse, renewal started): $window"
echo "instructions, cold call out of a cluster (both STS calls to http:// moto, no TLS set-up): $cold"
