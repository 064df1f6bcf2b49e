#!/usr/bin/env bash
# The dependency policy in deny.toml, offline: permissive licences only, one TLS stack (rustls on ring,
# no OpenSSL, no native-tls, no aws-lc), one version of each crate but the listed few, crates.io only.
# Installs a pinned cargo-deny first (cargo install --locked: about 6-12 minutes on 2 cores, which is why
# .ci/run does not run this; run it before a release and whenever Cargo.lock changes).
#
#   packaging/policy.sh
#
# Advisories need the RustSec database from the network, so they are not checked here: where it can be
# fetched, `cargo deny check advisories` (source) or `cargo audit bin <binary>` (a released binary).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cargo_deny_version=0.20.2
if ! cargo install --list | grep -qx "cargo-deny v$cargo_deny_version:"; then
  s=$(date +%s)
  echo "policy: cargo install --locked cargo-deny@$cargo_deny_version" >&2
  env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET \
    cargo install --locked --quiet cargo-deny --version "=$cargo_deny_version" >&2
  echo "policy: cargo-deny installed in $(($(date +%s) - s)) s" >&2
fi
cd "$root"
cargo deny --locked check licenses bans sources
