#!/usr/bin/env bash
# Builds the Python wheels: one per target, each holding the static oc-role-assume binary (installed by
# pip as a script, so on the venv's PATH) and the pure-Python module oc_role_assume.
#
#   packaging/python/build.sh [x86_64|aarch64 ...]     (default: both)  -> target/wheels/*.whl
#
# maturin (pinned, from PyPI) runs in its own venv under target/python/. The binary is the release
# build: musl, `+crt-static`, non-PIE, like packaging/release.sh, so it runs on any Linux of its
# architecture and the wheel carries both tags, manylinux_2_17 and musllinux_1_2, for pip on glibc and
# musl images alike. aarch64 is cross-compiled with Debian's gcc-aarch64-linux-gnu (installed when
# missing and root). Fails unless each wheel's binary is static and of the right architecture.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
out=${OC_ROLE_ASSUME_WHEEL_DIR:-$target_dir/wheels}
maturin_version=1.16.0
venv=$target_dir/python/build-venv
arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(x86_64 aarch64)

if [ "$("$venv/bin/maturin" --version 2>/dev/null)" != "maturin $maturin_version" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "maturin==$maturin_version" >&2
fi

# Installs a Debian package when its command is missing and we may (root); otherwise the build says why.
need() {
  command -v "$1" >/dev/null && return
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq "$2" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq "$2" >&2; }
  fi
  command -v "$1" >/dev/null || { echo "build: $1 missing: apt-get install $2" >&2; exit 1; }
}

mkdir -p "$out"
for arch in "${arches[@]}"; do
  triple=$arch-unknown-linux-musl
  rustup target list --installed | grep -qx "$triple" || rustup target add "$triple" >&2
  case $arch in
    x86_64)
      need musl-gcc musl-tools
      export CC_x86_64_unknown_linux_musl=musl-gcc ;;
    aarch64)
      need aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
      export CC_aarch64_unknown_linux_musl=aarch64-linux-gnu-gcc
      export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc ;;
    *) echo "build: unknown architecture $arch (x86_64 or aarch64)" >&2; exit 2 ;;
  esac
  # The same flags as packaging/release.sh, so both build the same binary (and share cargo's output).
  # maturin reads pyproject.toml from the current dir; it names ../../Cargo.toml.
  (cd "$here" && RUSTFLAGS="-C target-feature=+crt-static -C relocation-model=static" \
    "$venv/bin/maturin" build --release --locked --strip \
    --target "$triple" --compatibility manylinux_2_17 musllinux_1_2 --auditwheel skip \
    --out "$out" >&2)
done

# Check what was built: tags, and that each binary is static and of its architecture.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
for arch in "${arches[@]}"; do
  wheel=$(ls -t "$out"/oc_role_assume-"$version"-py3-none-*"$arch".whl | head -1)
  unpacked=$(mktemp -d)
  "$venv/bin/python" -m zipfile -e "$wheel" "$unpacked"
  info=$(file -b "$unpacked/oc_role_assume-$version.data/scripts/oc-role-assume")
  rm -rf "$unpacked"
  case $arch:$info in
    x86_64:*x86-64*statically\ linked* | aarch64:*ARM\ aarch64*statically\ linked*) ;;
    *) echo "build: $wheel: binary is not a static $arch executable: $info" >&2; exit 1 ;;
  esac
  echo "$wheel ($(stat -c %s "$wheel") bytes): $info"
done
