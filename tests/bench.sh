#!/usr/bin/env bash
# Benchmarks with hyperfine against moto on loopback (not run in CI; numbers go in the README and notes).
#   tests/bench.sh            # builds the release binary, starts moto, runs hyperfine
# Measures, per invocation, in one hyperfine run:
#   - the warm call (credentials served from the cache), against the floor: a tiny static C program
#     that reads and prints the same cache file;
#   - the reference Python library (aws-openshift-role-assume, its STS pointed at moto) doing its
#     per-process credential fetch;
#   - the warm call out of a cluster too (its key needs no service-account token read);
#   - the cold path out of a cluster (both STS calls) and in a cluster (the pod read over TLS from a
#     stand-in API server, then both STS calls), and whoami;
#   - in a second run, a call inside the refresh-ahead window with STS delayed by 2 s (a delaying
#     front before moto): it must cost what a warm call costs, the renewal running detached.
# hyperfine runs inside a clean environment (env -i) that every command inherits, so no command pays
# for an `env` wrapper of its own (it costs about 0.5 ms, as much as the floor).
# The floors: the same C program linked statically with musl (`musl-gcc -static`: no CPUID traps at
# start, the real floor) and, labelled, with glibc (whose static start-up runs ~65 CPUIDs, each a
# trap to this VM's hypervisor). Every hyperfine run exports JSON; the script prints each command's
# median, mean and min, and the ratio of each median to the musl floor's, from that JSON, and the
# number of system calls one warm call makes (strace -c -f, when strace is installed).
# Needs gcc, musl-tools, openssl and hyperfine; the reference library goes into target/benchenv.
#   BENCH_BIN=path/to/oc-role-assume tests/bench.sh   # measure another build (e.g. the static one)
#   BENCH_RUNS=1000 tests/bench.sh                    # more runs (default 50)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for tool in hyperfine musl-gcc; do
  command -v "$tool" >/dev/null ||
    { echo "bench: needs $tool (Debian: apt-get install hyperfine musl-tools)" >&2; exit 2; }
done
venv=$("$root/tests/testenv.sh")
[ -n "${BENCH_BIN:-}" ] || (cd "$root" && cargo build --locked --release --quiet)
bin=${BENCH_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/oc-role-assume}

start_workbench "$venv"
export -n AWS_CA_BUNDLE SSL_CERT_FILE REQUESTS_CA_BUNDLE 2>/dev/null || true
"${workbench[@]}" "$bin" --no-cache >/dev/null   # warm moto up

# A stand-in Kubernetes API for the in-cluster case: TLS with its own CA, bearer check, the fixture pod.
sa=$work/serviceaccount
mkdir -p "$sa"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=bench-ca -keyout "$work/ca.key" -out "$sa/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$work/api.key" -out "$work/api.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' >"$work/san"
openssl x509 -req -in "$work/api.csr" -CA "$sa/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
  -extfile "$work/san" -out "$work/api.crt" 2>/dev/null
mint_jwt "$root/tests/fixtures/serviceaccount-token-claims.json" >"$sa/token"
printf fraud-detection >"$sa/namespace"
"$venv/bin/python" - "$work" "$root/tests/fixtures/workbench-pod.json" "$sa/token" <<'PY' &
import http.server, ssl, sys
work, pod, token = sys.argv[1], open(sys.argv[2], "rb").read(), open(sys.argv[3]).read()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    def do_GET(self):
        ok = self.headers.get("Authorization") == "Bearer " + token and self.path.endswith("/pods/my-workbench-0")
        body = pod if ok else b'{"kind":"Status","code":403}'
        self.send_response(200 if ok else 403)
        self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(work + "/api.crt", work + "/api.key")
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
open(work + "/api.port", "w").write(str(srv.server_address[1]))
srv.serve_forever()
PY
cleanup_pids+=($!)
for _ in $(seq 100); do [ -s "$work/api.port" ] && break; sleep 0.05; done
cluster=(KUBERNETES_SERVICE_HOST=127.0.0.1 KUBERNETES_SERVICE_PORT="$(cat "$work/api.port")"
  OC_ROLE_ASSUME_SERVICEACCOUNT_DIR="$sa")
"${workbench[@]}" "${cluster[@]}" "$bin" whoami

# The warm call's cache entry, and the floor: a static C program that reads and prints that file.
"${workbench[@]}" "${cluster[@]}" "$bin" >/dev/null
entry=$(ls "$work"/cache/*.json)
build_floor

# Medians from a hyperfine JSON export, each against the musl floor's median.
summarize() {
  "$venv/bin/python" - "$1" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
floor = next(r for r in results if r["command"].startswith("floor (musl)"))
base = statistics.median(floor["times"])
print(f"{'command':<78} {'median ms':>10} {'mean ms':>9} {'min ms':>8} {'x musl floor':>13}")
for r in results:
    median = statistics.median(r["times"])
    print(f"{r['command']:<78} {median * 1e3:>10.3f} {r['mean'] * 1e3:>9.3f} {r['min'] * 1e3:>8.3f} {median / base:>12.2f}x")
print(f"({len(floor['times'])} runs each)")
PY
}

# The reference Python library, in its own venv, doing what each of its processes does at start.
refvenv=${CARGO_TARGET_DIR:-$root/target}/benchenv
if [ ! -x "$refvenv/bin/python" ] || ! "$refvenv/bin/python" -c 'import aws_openshift_role_assume' 2>/dev/null; then
  python3 -m venv "$refvenv"
  "$refvenv/bin/pip" install --quiet --disable-pip-version-check aws-openshift-role-assume==0.1.0 boto3==1.44.5
fi
# It reads the AWS names for the Base role and the token, and wants a region.
reference=("${workbench[@]}" AWS_DEFAULT_REGION=us-east-1 AWS_ROLE_ARN="$BASE_ARN" AWS_WEB_IDENTITY_TOKEN_FILE="$work/token"
  "$refvenv/bin/python" -c 'from aws_openshift_role_assume import get_boto3_session; get_boto3_session()')
"${reference[@]}"
printf -v reference_cmd '%q ' "${reference[@]}"

# The out-of-cluster warm call has its own entry (its key has no pod in it).
"${workbench[@]}" "$bin" --serviceaccount-dir "$work/none" >/dev/null

echo "binary: $bin ($(stat -c %s "$bin") bytes)"
"${workbench[@]}" "${cluster[@]}" hyperfine --warmup 3 --runs "${BENCH_RUNS:-50}" -N \
  --command-name "warm call, in a cluster: credentials from the cache" "$bin" \
  --command-name "floor (musl): static C program printing the same cache file" "$work/floor $entry" \
  --command-name "floor (glibc, CPUID traps at start): the same C program" "$work/floor-glibc $entry" \
  --command-name "reference Python library: per-process credential fetch" "$reference_cmd" \
  --command-name "cold path, out of a cluster: web identity + AssumeRole against moto" \
  "$bin --no-cache --serviceaccount-dir $work/none" \
  --command-name "cold path, in a cluster: pod read over TLS + web identity + AssumeRole" "$bin --no-cache" \
  --command-name "whoami, in a cluster: pod read over TLS only" "$bin whoami" \
  --export-json "$work/main.json" ${BENCH_EXPORT:+--export-markdown "$BENCH_EXPORT"}
echo
summarize "$work/main.json"

# The warm call out of a cluster, as an SDK makes it: no arguments (an argument sends a call past the
# hit path to the full parse), the service-account dir moved by its variable for the whole run.
"${workbench[@]}" OC_ROLE_ASSUME_SERVICEACCOUNT_DIR="$work/none" hyperfine --warmup 3 --runs "${BENCH_RUNS:-50}" -N \
  --command-name "warm call, out of a cluster: credentials from the cache" "$bin" \
  --command-name "floor (musl): static C program printing the same cache file" "$work/floor $entry" \
  --command-name "the same call with an argument (--serviceaccount-dir): the full parse" \
  "$bin --serviceaccount-dir $work/none" \
  --export-json "$work/out.json" >/dev/null
echo
summarize "$work/out.json"
if command -v strace >/dev/null; then
  for where in "in a cluster" "out of a cluster"; do
    extra=(); [ "$where" = "out of a cluster" ] && extra=(OC_ROLE_ASSUME_SERVICEACCOUNT_DIR="$work/none")
    calls=$("${workbench[@]}" "${cluster[@]}" "${extra[@]}" strace -f -c -o "$work/strace.txt" "$bin" >/dev/null &&
      awk '$NF == "total" { print $4 }' "$work/strace.txt")
    floor_calls=$(strace -f -c -o "$work/strace-floor.txt" "$work/floor" "$entry" >/dev/null &&
      awk '$NF == "total" { print $4 }' "$work/strace-floor.txt")
    echo "system calls of one warm call, $where: $calls (the musl floor: $floor_calls)"
  done
fi

# A call inside the refresh-ahead window while STS takes 2 s: a front that sleeps, then forwards to moto.
"$venv/bin/python" - "$endpoint" "$work/slow.port" <<'PY' &
import http.server, sys, time, urllib.request
upstream, portfile = sys.argv[1], sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(2)
        req = urllib.request.Request(upstream + self.path, data=body, method="POST",
                                     headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
        with urllib.request.urlopen(req) as r:
            out = r.read()
            self.send_response(r.status)
            self.send_header("Content-Type", r.headers.get("Content-Type", "text/xml"))
            self.send_header("Content-Length", str(len(out)))
            self.end_headers(); self.wfile.write(out)
    def log_message(self, *a): pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
open(portfile, "w").write(str(srv.server_address[1]))
srv.serve_forever()
PY
cleanup_pids+=($!)
for _ in $(seq 100); do [ -s "$work/slow.port" ] && break; sleep 0.05; done
slow=(AWS_ENDPOINT_URL_STS="http://127.0.0.1:$(cat "$work/slow.port")")
"${workbench[@]}" "${slow[@]}" "$bin" --serviceaccount-dir "$work/none" >/dev/null   # its entry (2 s)
"${workbench[@]}" "${slow[@]}" hyperfine --warmup 3 --runs "${BENCH_RUNS:-50}" -N \
  --command-name "warm call inside the refresh window, STS delayed 2 s (renewal detached)" \
  "$bin --serviceaccount-dir $work/none --refresh-ahead 3600" \
  --command-name "floor (musl): static C program printing the same cache file" "$work/floor $entry" \
  --export-json "$work/window.json"
echo
summarize "$work/window.json"

# exec --server: the credential endpoint's response time, as a child process sees it (100 requests).
"${workbench[@]}" "${cluster[@]}" PATH="$venv/bin:/usr/bin:/bin" "$bin" exec --server -- python - <<'PY'
import os, statistics, time, urllib.request
req = urllib.request.Request(os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"],
                             headers={"Authorization": os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]})
times = []
for _ in range(100):
    t = time.perf_counter(); urllib.request.urlopen(req).read(); times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"exec --server endpoint, 100 requests: median {statistics.median(times):.3f} ms, "
      f"p95 {times[94]:.3f} ms, max {times[-1]:.3f} ms")
PY
