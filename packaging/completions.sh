#!/usr/bin/env bash
# Regenerate completions/ from the binary (a test fails when they are stale).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
(cd "$root" && cargo build --locked --quiet)
bin=${CARGO_TARGET_DIR:-$root/target}/debug/oc-role-assume
"$bin" completions bash >"$root/completions/oc-role-assume.bash"
"$bin" completions zsh >"$root/completions/_oc-role-assume"
"$bin" completions fish >"$root/completions/oc-role-assume.fish"
"$bin" completions powershell >"$root/completions/_oc-role-assume.ps1"
"$bin" completions elvish >"$root/completions/oc-role-assume.elv"
