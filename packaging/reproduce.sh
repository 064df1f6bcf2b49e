#!/usr/bin/env bash
# Is the release reproducible? Builds it twice with packaging/release.sh, from two clones of HEAD at two
# different paths and with two different target directories, and fails unless the binaries are
# byte-identical; every other file of the release (tarballs, SBOMs, man pages: all of SHA256SUMS) is
# compared too and must match as well. Only committed work is built: commit first.
#
#   packaging/reproduce.sh                 # both targets, about twice as long as packaging/release.sh
#   OC_ROLE_ASSUME_TARGETS=aarch64-unknown-linux-musl packaging/reproduce.sh
#   KEEP=1 packaging/reproduce.sh          # keep the two trees (for diffoscope) instead of removing them
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
commit=$(git -C "$root" rev-parse HEAD)
base=$(mktemp -d "${TMPDIR:-/tmp}/oc-role-assume-reproduce.XXXXXX")
if [ -n "${KEEP:-}" ]; then trap 'echo "reproduce: trees kept in $base" >&2' EXIT; else trap 'rm -rf "$base"' EXIT; fi
say() { echo "reproduce: $*" >&2; }

# Two checkouts at unrelated paths of different lengths, each with its own target dir elsewhere.
checkouts=("$base/one/oc-role-assume" "$base/second-build/src/x/oc-role-assume-checkout")
target_dirs=("$base/one/target" "$base/t2/cargo-target")
for i in 0 1; do
  git clone --quiet --no-checkout "$root" "${checkouts[$i]}"
  git -C "${checkouts[$i]}" -c advice.detachedHead=false checkout --quiet --detach "$commit"
  s=$(date +%s)
  say "build $((i + 1)) of 2: ${checkouts[$i]} -> ${target_dirs[$i]}"
  CARGO_TARGET_DIR=${target_dirs[$i]} bash "${checkouts[$i]}/packaging/release.sh" >"$base/build-$i.log" 2>&1 || {
    tail -40 "$base/build-$i.log" >&2; say "build $((i + 1)) failed (log: $base/build-$i.log)"; exit 1
  }
  say "build $((i + 1)) took $(($(date +%s) - s)) s"
done

one=${target_dirs[0]}/release-dist
two=${target_dirs[1]}/release-dist
status=0
for bin in "$one"/*/oc-role-assume; do
  rel=${bin#"$one"/}
  if cmp -s "$bin" "$two/$rel"; then
    say "identical: $rel $(sha256sum <"$bin" | cut -d' ' -f1)"
  else
    say "DIFFERENT: $rel"; status=1
  fi
done
if ! diff -u "$one/SHA256SUMS" "$two/SHA256SUMS" >&2; then
  say "the releases differ (above)"; status=1
else
  say "every file of the release is identical ($(wc -l <"$one/SHA256SUMS") files in SHA256SUMS)"
fi
say "commit $commit; $(rustc -V); $(cargo -V)"
[ $status = 0 ] && say "reproducible" || say "NOT reproducible"
exit $status
