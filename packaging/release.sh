#!/usr/bin/env bash
# Build the release: a statically linked, stripped x86-64 Linux binary and a tarball with it, the
# completions, the man page, LICENSE, README and SHA256SUMS, in target/release-dist/.
#
# musl first (installs the rustup target and Debian's musl-tools when missing and it can), else glibc
# with crt-static (which links getaddrinfo/getpwuid_r statically: glibc's NSS caveats apply). Either
# way non-PIE (`relocation-model=static`): no runtime relocations, the fastest start for a warm call.
# Fails unless `ldd` calls the result "not a dynamic executable" and `--version` runs from it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
target_dir=${CARGO_TARGET_DIR:-$root/target}
dist=$target_dir/release-dist
export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static -C relocation-model=static"

musl_ready() {
  rustup target list --installed 2>/dev/null | grep -qx x86_64-unknown-linux-musl && command -v musl-gcc >/dev/null
}
if ! musl_ready; then
  rustup target add x86_64-unknown-linux-musl >&2 || true
  command -v musl-gcc >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq musl-tools >&2; } || true
fi
if musl_ready; then
  target=x86_64-unknown-linux-musl
  export CC_x86_64_unknown_linux_musl=musl-gcc
else
  echo "release: musl unavailable, building glibc with crt-static instead" >&2
  target=x86_64-unknown-linux-gnu
fi

cargo build --locked --release --target "$target"
bin=$target_dir/$target/release/oc-role-assume
strip "$bin" 2>/dev/null || true

linkage=$(ldd "$bin" 2>&1 || true)
case "$linkage" in
  *"not a dynamic executable"*) ;;
  *) echo "release: $bin is not static: $linkage" >&2; exit 1 ;;
esac
"$bin" --version

name=oc-role-assume-$version-x86_64-linux-${target##*-linux-}
stage=$dist/$name
rm -rf "$stage" && mkdir -p "$stage/completions" "$stage/man"
cp "$bin" "$stage/oc-role-assume"
cp completions/* "$stage/completions/"
"$bin" man >"$stage/man/oc-role-assume.1"
cp LICENSE README.md "$stage/"
tar -C "$dist" -czf "$dist/$name.tar.gz" "$name"
(cd "$dist" && sha256sum "$name.tar.gz" "$name/oc-role-assume" >SHA256SUMS)
echo "release: $dist/$name.tar.gz ($(stat -c %s "$stage/oc-role-assume") bytes binary; ldd: $linkage)"
cat "$dist/SHA256SUMS"
