# Sourced by tests/demo.sh, bench.sh, soak.sh and fuzz.sh: the pieces they share. The Rust tests have
# the same pieces in tests/integration/harness/ (TestEnv::workbench, jwt, Moto).
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"      sets $root, $BASE_ARN, $TARGET_ARN
#   start_workbench VENV [record]
#       $work: a temp dir, removed on exit after every pid in $cleanup_pids is killed;
#       moto_server on a free loopback port at $endpoint (with "record", every request it gets goes to
#       $work/recording.jsonl); a projected-token stand-in in $work/token; and the array $workbench:
#       `env -i` and the clean environment a workbench gives the helper, pointed at moto. Prefix a
#       command with "${workbench[@]}", adding NAME=VALUE words to change or add variables.
#   start_moto VENV DIR [record]
#       just moto_server, logging into DIR, for a script with its own environment (start_workbench uses it)
#   mint_jwt CLAIMS_FILE
#       prints a JWT with those claims, shaped like the projected token (the signature is not real).
#   build_floor
#       $work/floor (musl-gcc -static) and $work/floor-glibc (gcc -static): the C program bench.sh and
#       profile.sh measure against, which reads the file named by its argument and prints it.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE_ARN=arn:aws:iam::123456789012:role/OpenShiftAIBaseRole
TARGET_ARN=arn:aws:iam::123456789012:role/DataScienceTargetRole

work=
cleanup_pids=()
cleanup() {
  local pid
  for pid in "${cleanup_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

start_moto() {
  local venv=$1 dir=$2 record=${3:-}
  (
    if [ -n "$record" ]; then export MOTO_ENABLE_RECORDING=1 MOTO_RECORDER_FILEPATH="$dir/recording.jsonl"; fi
    exec "$venv/bin/moto_server" -H 127.0.0.1 -p 0 >"$dir/moto.out" 2>"$dir/moto.log"
  ) &
  cleanup_pids+=($!)
  for _ in $(seq 400); do grep -q 'Running on' "$dir/moto.log" 2>/dev/null && break; sleep 0.05; done
  endpoint=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/moto.log" | head -1)
  [ -n "$endpoint" ] || { echo "moto did not start:" >&2; cat "$dir/moto.log" >&2; exit 1; }
}

start_workbench() {
  local venv=$1 record=${2:-}
  work=$(mktemp -d)
  start_moto "$venv" "$work" "$record"
  mint_jwt "$root/tests/fixtures/irsa-token-claims.json" >"$work/token"
  workbench=(env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8
    AWS_CONFIG_FILE="$work/none" AWS_SHARED_CREDENTIALS_FILE="$work/none"
    AWS_ENDPOINT_URL="$endpoint" AWS_ENDPOINT_URL_STS="$endpoint"
    TARGET_ROLE_ARN="$TARGET_ARN" OC_ROLE_ASSUME_BASE_ROLE_ARN="$BASE_ARN"
    OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE="$work/token" RHOAI_USER=alice@example.com
    OC_ROLE_ASSUME_PODINFO_FILE="$work/none" OC_ROLE_ASSUME_CACHE_DIR="$work/cache")
}

# base64url without padding, as JWTs have it.
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

mint_jwt() {
  printf '%s.%s.%s' \
    "$(printf '{"alg":"RS256","kid":"test-key"}' | b64url)" \
    "$(b64url <"$1")" \
    "$(printf 'not-a-real-signature' | b64url)"
}

build_floor() {
  cat >"$work/floor.c" <<'C'
#include <fcntl.h>
#include <unistd.h>
int main(int argc, char **argv) {
  char buf[65536];
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) return 1;
  ssize_t n = read(fd, buf, sizeof buf);
  if (n <= 0) return 1;
  return write(1, buf, (size_t)n) == n ? 0 : 1;
}
C
  musl-gcc -O2 -static -o "$work/floor" "$work/floor.c"
  gcc -O2 -static -o "$work/floor-glibc" "$work/floor.c"
}
