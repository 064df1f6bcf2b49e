# Sourced by tests/demo.sh, tests/bench.sh and tests/soak.sh (the Rust tests have tests/integration/harness/moto.rs).
#   work=$(mktemp -d); start_moto "$venv" "$work" [record]
# Starts moto_server on a free loopback port, recording every request to $work/recording.jsonl when
# "record" is given; sets $moto_pid and $endpoint; `cleanup` (trapped on EXIT) stops it and removes $work.
moto_pid=
cleanup() { [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

start_moto() {
  local venv=$1 dir=$2 record=${3:-}
  (
    if [ -n "$record" ]; then export MOTO_ENABLE_RECORDING=1 MOTO_RECORDER_FILEPATH="$dir/recording.jsonl"; fi
    exec "$venv/bin/moto_server" -H 127.0.0.1 -p 0 >"$dir/moto.out" 2>"$dir/moto.log"
  ) &
  moto_pid=$!
  for _ in $(seq 400); do grep -q 'Running on' "$dir/moto.log" 2>/dev/null && break; sleep 0.05; done
  endpoint=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/moto.log" | head -1)
  [ -n "$endpoint" ] || { echo "moto did not start:" >&2; cat "$dir/moto.log" >&2; exit 1; }
}
