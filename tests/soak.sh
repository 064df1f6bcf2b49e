#!/usr/bin/env bash
# Soak: many invocations from concurrent workers over a cache whose entries go stale every few seconds,
# with random SIGKILLs, against moto on loopback; then checks what is left. Not run in CI.
#   tests/soak.sh [invocations, default 2000] [workers, default 32] [seconds, default 60]
# Entries: --duration 900 --min-remaining 895, so each is served for ~5 s and then refreshed; the
# invocations are spread over the given seconds, so the run crosses many expiries.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
venv=$("$root/tests/testenv.sh")
[ -n "${SOAK_BIN:-}" ] || (cd "$root" && cargo build --locked --release --quiet)
bin=${SOAK_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/oc-role-assume}
start_workbench "$venv" record

# The workers run in the workbench environment this Python process is started in.
"${workbench[@]}" "$venv/bin/python" - "$bin" "$work" "${1:-2000}" "${2:-32}" "${3:-60}" <<'PY'
import base64, concurrent.futures as cf, datetime as dt, json, os, random, signal, stat, subprocess, sys, time
from urllib.parse import parse_qsl
binary, work = sys.argv[1], sys.argv[2]
total, workers, seconds = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
cache = os.environ["OC_ROLE_ASSUME_CACHE_DIR"]
args = [binary, "--duration", "900", "--min-remaining", "895"]
LIFE = 5.0  # seconds an entry is served

def one(i):
    time.sleep(max(0.0, start + i * seconds / total - time.time()))
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if random.random() < 0.05:  # a worker killed at a random moment
        time.sleep(random.uniform(0, 0.03))
        p.send_signal(signal.SIGKILL)
        p.communicate()
        return ("killed", None, None)
    out, err = p.communicate()
    return ("ok" if p.returncode == 0 else "fail", out, err)

start = time.time() + 0.5
with cf.ThreadPoolExecutor(workers) as pool:
    results = list(pool.map(one, range(total)))
elapsed = time.time() - start

bad_json = 0
for status, out, err in results:
    if status != "ok":
        continue
    try:
        d = json.loads(out)
        exp = dt.datetime.strptime(d["Expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
        assert d["Version"] == 1 and d["AccessKeyId"] and d["SecretAccessKey"] and d["SessionToken"]
        assert exp > dt.datetime.now(dt.timezone.utc)
    except Exception as e:
        bad_json += 1
failures = [err.decode() for status, out, err in results if status == "fail"]

corrupt = foreign_mode = 0
names = os.listdir(cache)
for name in names:
    path = os.path.join(cache, name)
    st = os.lstat(path)
    if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o077 or st.st_uid != os.geteuid():
        foreign_mode += 1
    if name.endswith(".json"):
        try:
            json.load(open(path))
        except Exception:
            corrupt += 1

chains = 0
for line in open(os.path.join(work, "recording.jsonl")):
    r = json.loads(line)
    body = base64.b64decode(r["body"]).decode() if r.get("body_encoded") else (r.get("body") or "")
    if dict(parse_qsl(body)).get("Action") == "AssumeRole":
        chains += 1
expiries = int(elapsed // LIFE) + 1
print(f"invocations {total}, workers {workers}, elapsed {elapsed:.1f} s")
print(f"ok {sum(1 for r in results if r[0] == 'ok')}, failed {len(failures)}, SIGKILLed {sum(1 for r in results if r[0] == 'killed')}")
print(f"STS chains {chains}, entry lifetimes elapsed {expiries}")
print(f"invalid outputs {bad_json}, corrupt entries {corrupt}, files with foreign owner/mode {foreign_mode}")
print(f"files left in the cache dir: {sorted(n.rsplit('.', 1)[-1] for n in names)}")
for f in failures[:5]:
    print("failure:", f.strip())
ok = bad_json == 0 and corrupt == 0 and foreign_mode == 0 and not failures and len(names) <= 3 and chains <= expiries * 2
sys.exit(0 if ok else 1)
PY
