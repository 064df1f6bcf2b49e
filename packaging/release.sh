#!/usr/bin/env bash
# Build the release in target/release-dist/ (or $CARGO_TARGET_DIR/release-dist/): for each of
# x86_64-unknown-linux-musl and aarch64-unknown-linux-musl a statically linked, stripped, non-PIE
# binary, a tarball with it, the completions, the man page, LICENSE and README, and a CycloneDX SBOM;
# SHA256SUMS over every file. Installs what it needs (as root, on Debian): musl-tools,
# gcc-aarch64-linux-gnu, qemu-user, the rustup targets, and pinned cargo-auditable and cargo-cyclonedx.
#
# Fails unless, for each target:
#   - the ELF has no interpreter and no dynamic section (and `ldd` says "not a dynamic executable");
#   - `--version` runs (aarch64 under qemu-aarch64) and names the target;
#   - one full credentials call against moto succeeds (AssumeRoleWithWebIdentity, then AssumeRole,
#     then GetCallerIdentity through `whoami --verify`) — the aarch64 binary under qemu-aarch64;
#   - the binary's `.dep-v0` section (cargo auditable) decodes and lists aws-sdk-sts, rustls and tokio
#     at their Cargo.lock versions, and no OpenSSL, and not aws-sdk-iam (the admin binary's, built
#     only with the default `admin` feature, which the release leaves out).
#
# Reproducible: paths are remapped (--remap-path-prefix for CARGO_HOME, the checkout, the target dir),
# SOURCE_DATE_EPOCH is the commit time, tarballs are sorted with fixed owners, modes and mtimes.
# packaging/reproduce.sh builds twice from two checkouts and compares.
#
#   packaging/release.sh                                  # both targets
#   OC_ROLE_ASSUME_TARGETS=x86_64-unknown-linux-musl packaging/release.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
target_dir=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$target_dir"
target_dir=$(cd "$target_dir" && pwd)
dist=$target_dir/release-dist
targets=${OC_ROLE_ASSUME_TARGETS:-x86_64-unknown-linux-musl aarch64-unknown-linux-musl}
cargo_home=${CARGO_HOME:-$HOME/.cargo}
cargo_auditable_version=0.7.7
cargo_cyclonedx_version=0.5.9
say() { echo "release: $*" >&2; }
t0=$(date +%s)
lap() { say "$1 ($(($(date +%s) - t0)) s so far)"; }

# --- Tools --------------------------------------------------------------------------------------
apt_missing=()
command -v python3 >/dev/null || apt_missing+=(python3)
command -v readelf >/dev/null || apt_missing+=(binutils)
for t in $targets; do
  case $t in
    x86_64-unknown-linux-musl) command -v musl-gcc >/dev/null || apt_missing+=(musl-tools) ;;
    aarch64-unknown-linux-musl)
      command -v aarch64-linux-gnu-gcc >/dev/null || apt_missing+=(gcc-aarch64-linux-gnu)
      command -v qemu-aarch64 >/dev/null || apt_missing+=(qemu-user)
      ;;
    *) say "unknown target $t"; exit 2 ;;
  esac
done
if [ ${#apt_missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { say "missing ${apt_missing[*]}: install them (apt-get install ${apt_missing[*]})"; exit 1; }
  say "apt-get install ${apt_missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >&2
fi
installed_targets=$(rustup target list --installed)
for t in $targets; do
  grep -qx "$t" <<<"$installed_targets" || rustup target add "$t" >&2
done
# Cargo subcommands, pinned, built with their own lock files; not with this build's flags or target dir.
cargo_tool() {
  local crate=$1 ver=$2
  if ! cargo install --list | grep -qx "$crate v$ver:"; then
    say "cargo install --locked $crate@$ver"
    env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET \
      cargo install --locked --quiet "$crate" --version "=$ver" >&2
  fi
}
cargo_tool cargo-auditable "$cargo_auditable_version"
cargo_tool cargo-cyclonedx "$cargo_cyclonedx_version"
lap "tools ready"

# --- Build environment: static, non-PIE, path-independent ---------------------------------------
# Non-PIE (`relocation-model=static`): no runtime relocations, the fastest start for a warm call.
# The remaps keep the build machine's paths out of the binary (panic locations of dependencies, and
# generated code under the target dir); the last matching prefix wins, so the most specific is last.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || stat -c %Y Cargo.lock)}
rustflags=(${RUSTFLAGS:-}
  -C target-feature=+crt-static -C relocation-model=static
  "--remap-path-prefix=$cargo_home=/cargo"
  "--remap-path-prefix=$root=/build/oc-role-assume"
  "--remap-path-prefix=$target_dir=/build/target")
CARGO_ENCODED_RUSTFLAGS=$(IFS=$'\x1f'; echo "${rustflags[*]}")
export CARGO_ENCODED_RUSTFLAGS
unset RUSTFLAGS
cflags="-ffile-prefix-map=$cargo_home=/cargo -ffile-prefix-map=$root=/build/oc-role-assume -ffile-prefix-map=$target_dir=/build/target"
export CC_x86_64_unknown_linux_musl=musl-gcc CFLAGS_x86_64_unknown_linux_musl=$cflags
export CC_aarch64_unknown_linux_musl=aarch64-linux-gnu-gcc AR_aarch64_unknown_linux_musl=aarch64-linux-gnu-ar
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc CFLAGS_aarch64_unknown_linux_musl=$cflags

# --- The moto stand-in for STS, for the credentials call --------------------------------------
# tests/lib.sh: start_workbench starts moto, writes a projected-token stand-in and sets the array
# $workbench (env -i and a workbench's environment, pointed at moto); its EXIT trap stops moto and
# removes $work.
. "$root/tests/lib.sh"
venv=$("$root/tests/testenv.sh")
start_workbench "$venv"

# The embedded dependency list (cargo auditable's `.dep-v0`: zlib-compressed JSON in an ELF section),
# read with nothing but Python, checked against Cargo.lock.
check_deps() {
  python3 - "$1" "$root/Cargo.lock" <<'PY'
import json, struct, sys, tomllib, zlib
binary, lock = sys.argv[1], sys.argv[2]
data = open(binary, "rb").read()
assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, "not a 64-bit little-endian ELF"
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
names = sections[shstrndx][4]
def name(s):
    start = names + s[0]
    return data[start:data.index(b"\0", start)].decode()
found = [s for s in sections if name(s) == ".dep-v0"]
assert found, "no .dep-v0 section: not built with cargo auditable, or stripped"
packages = json.loads(zlib.decompress(data[found[0][4]:found[0][4] + found[0][5]]))["packages"]
embedded = {}
for p in packages:
    embedded.setdefault(p["name"], set()).add(p["version"])
locked = {}
for p in tomllib.load(open(lock, "rb"))["package"]:
    locked.setdefault(p["name"], set()).add(p["version"])
for crate in ("aws-sdk-sts", "rustls", "tokio"):
    assert embedded.get(crate), f"{crate} is not in the binary's dependency list"
    assert embedded[crate] <= locked.get(crate, set()), f"{crate} {embedded[crate]} not as in Cargo.lock {locked.get(crate)}"
    print(f"  {crate} {', '.join(sorted(embedded[crate]))} (Cargo.lock: {', '.join(sorted(locked[crate]))})")
# (openssl-probe is not OpenSSL: pure Rust, it finds the system's CA files for rustls-native-certs.)
banned = sorted(set(embedded) & {"openssl", "openssl-sys", "native-tls", "aws-lc-rs", "aws-lc-sys", "boring-sys"})
assert "aws-sdk-iam" not in embedded, "the admin side (aws-sdk-iam) is in the in-pod binary"
assert not banned, f"another TLS stack in the binary: {banned}"
assert len(embedded["rustls"]) == 1, "two rustls versions"
print(f"  {len(packages)} packages embedded; one TLS stack (rustls {next(iter(embedded['rustls']))} on ring)")
PY
}

# --- Per target -------------------------------------------------------------------------------
rm -rf "$dist" && mkdir -p "$dist"
for target in $targets; do
  arch=${target%%-*}
  runner=()
  [ "$arch" = aarch64 ] && runner=(qemu-aarch64)
  s=$(date +%s)
  # The in-pod binary only: without the `admin` feature (oc-role-assume-admin and aws-sdk-iam), so
  # the binary, its dependency list and the SBOM are the in-pod binary's alone.
  cargo auditable build --locked --release --no-default-features --target "$target"
  bin=$target_dir/$target/release/oc-role-assume
  lap "$target built in $(($(date +%s) - s)) s"

  # Static: no program interpreter, no dynamic section (readelf reads any architecture; ldd only the
  # host's, and calls every foreign binary "not a dynamic executable").
  if readelf -lW "$bin" | grep -q INTERP || ! readelf -dW "$bin" | grep -q "no dynamic section"; then
    say "$bin is not static:"; readelf -lW "$bin" >&2; exit 1
  fi
  linkage=static
  if [ "$arch" = "$(uname -m)" ]; then
    linkage=$(ldd "$bin" 2>&1 | sed "s/^[[:space:]]*//" || true)
    case "$linkage" in
      *"not a dynamic executable"*) ;;
      *) say "$bin is not static: $linkage"; exit 1 ;;
    esac
  fi

  shown=$("${runner[@]}" "$bin" --version)
  echo "$shown"
  case "$shown" in
    "oc-role-assume $version (commit "*", $target, release)") ;;
    *) say "--version of $bin does not name $version, $target and release: $shown"; exit 1 ;;
  esac

  say "$target: credentials from moto${runner:+ under ${runner[*]}}"
  "${workbench[@]}" AWS_REGION=us-east-1 "${runner[@]}" "$bin" --no-cache | python3 -c '
import json, sys
c = json.load(sys.stdin)
assert c["Version"] == 1 and all(c[k] for k in ("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration")), c
print("  credential_process JSON: Version 1, AccessKeyId " + c["AccessKeyId"] + ", Expiration " + c["Expiration"])'
  "${workbench[@]}" AWS_REGION=us-east-1 "${runner[@]}" "$bin" --no-cache whoami --verify --json | python3 -c '
import json, sys
w = json.load(sys.stdin)
assert ":assumed-role/DataScienceTargetRole/" in w["arn"], w
print("  whoami --verify: " + w["user"] + " is " + w["arn"])'

  say "$target: dependency list embedded in the binary"
  check_deps "$bin"

  name=oc-role-assume-$version-$arch-linux-musl
  stage=$dist/$name
  mkdir -p "$stage/completions" "$stage/man"
  cp "$bin" "$stage/oc-role-assume"
  cp completions/* "$stage/completions/"
  "${runner[@]}" "$bin" man >"$stage/man/oc-role-assume.1"
  cp LICENSE README.md "$stage/"
  chmod -R u=rwX,go=rX "$stage"
  # Byte-for-byte the same tarball from the same files: sorted, fixed owner, mtime and modes, no gzip
  # timestamp or name.
  tar -C "$dist" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    --format=gnu -cf - "$name" | gzip -9n >"$dist/$name.tar.gz"

  # The SBOM: every crate of this target's build (normal and build dependencies, this target's
  # platform), CycloneDX 1.5 JSON, dated SOURCE_DATE_EPOCH. cargo cyclonedx writes beside Cargo.toml
  # and names our own package by its path (as a cargo package ID, which leaves out the name when the
  # directory has the package's name): that becomes /build/oc-role-assume#oc-role-assume@<VERSION>.
  s=$(date +%s)
  cargo cyclonedx --quiet --format json --spec-version 1.5 --no-default-features --target "$target" --override-filename "$name.cdx"
  python3 - "$name.cdx.json" "$dist/$name.cdx.json" "$root" <<'PY'
import json, re, sys
src, dst, root = sys.argv[1:]
ours = re.escape(f"path+file://{root}#") + r"(?:oc-role-assume@)?"
text = re.sub(ours, "path+file:///build/oc-role-assume#oc-role-assume@", open(src).read())
bom = json.loads(text)
assert bom["bomFormat"] == "CycloneDX" and root not in text, "the SBOM still names the checkout"
names = {c["name"] for c in bom["components"]}
assert {"aws-sdk-sts", "rustls", "tokio"} <= names, "the SBOM misses a main dependency"
assert "aws-sdk-iam" not in names, "the SBOM lists the admin side (aws-sdk-iam)"
open(dst, "w").write(text)
print(f"  SBOM: {len(bom['components'])} components")
PY
  rm -f "$name.cdx.json"
  lap "$target SBOM in $(($(date +%s) - s)) s"
  echo "release: $dist/$name.tar.gz ($(stat -c %s "$stage/oc-role-assume") bytes binary; $linkage)"
done

(cd "$dist" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
lap "done: $dist"
cat "$dist/SHA256SUMS"
