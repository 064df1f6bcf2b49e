#!/usr/bin/env bash
# The consumer test bed: every tool a data scientist reads S3 with, in every setup the README names,
# against moto — proven with the tools themselves. Not in CI (it installs a lot and takes minutes);
# `cargo test consumers_matrix` runs the fast part (boto3 and the AWS CLI v1) on every build.
#
#   tests/consumers.sh            install what is missing, then run the matrix and print the tables
#   CONSUMERS_ONLY='polars.*server' tests/consumers.sh      only the cases matching a regex on
#                                                           "<consumer> / <setup>" (the rest show -)
#
# Installs, under ${CARGO_TARGET_DIR:-target}/consumers (once; later runs only check):
#   - a venv with pyarrow, polars, s3fs (aiobotocore), boto3, DuckDB and its httpfs + aws extension
#     wheels (duckdb-ext-*, loaded from disk: DuckDB never downloads an extension here), pinned below;
#   - the JS SDK v3 from npm (@aws-sdk/client-s3 + @aws-sdk/credential-providers), pinned below;
#   - a tiny cargo project using aws-config + aws-sdk-s3 (the Rust SDK; the first build takes minutes);
#   - Debian's awscli (the AWS CLI v2) and rclone (the Go SDK v1), with apt-get (root);
#   - moto, and the AWS CLI v1, from tests/testenv.sh (tests/lib.sh starts moto and mints the token).
# Then it runs the matrix inside a new network namespace that has nothing but loopback, so no
# consumer can reach anything but moto on 127.0.0.1 (no instance metadata, no real STS), even one
# that ignores AWS_EC2_METADATA_DISABLED=true (set too) or the STS endpoint variables.
#
# Setups (columns): credential_process from the packaged AWS config (packaging/aws-config);
# `exec --server` with a region-only config, with the packaged config, and with the IRSA webhook's
# AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE instead of the OC_ROLE_ASSUME_* names (packaged config);
# `exec` env mode (packaged config). A second table shows the shadowing trap: the packaged config's
# credential_process with AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE exported and no wrapper.
#
# A case "works" when the consumer listed the bucket and read the object, and moto's recorder shows
# every S3 request signed (SigV4 Credential=) by the access key of the Target session the helper made
# (AssumeRole tagged user=<name>). "runs" counts the helper's invocations (a counting wrapper around
# the binary, also in the AWS config's credential_process line); "chains" is shown when the helper
# made more than one STS chain (AssumeRole calls). A case still running after 60 s is killed; what
# it printed before still counts ("works, then hangs"). Each case keeps its files (stdout, stderr,
# runs, aws-config) under target/consumers/run/cases/<consumer>--<setup>/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${CARGO_TARGET_DIR:-$root/target}/consumers
helper=${CARGO_TARGET_DIR:-$root/target}/debug/oc-role-assume

# Pinned consumers. The DuckDB extension wheels must match DuckDB's version.
python_requirements='pyarrow==26.0.1
polars==2.1.0
s3fs==2026.9.0
aiobotocore==3.10.0
botocore==1.43.117
boto3==1.43.117
duckdb==1.4.4
duckdb-ext-httpfs==1.4.4.20260205
duckdb-ext-aws==1.4.4.20260205'
js_client_s3=3.1175.0
js_credential_providers=3.1175.0
rust_aws_config=1.13.0
rust_aws_sdk_s3=1.157.0

step() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }

install_python() {
  local venv=$out/venv
  if [ "$(cat "$venv/.requirements" 2>/dev/null)" != "$python_requirements" ]; then
    step "Python consumers into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    printf '%s\n' "$python_requirements" >"$out/requirements.txt"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$out/requirements.txt"
    printf '%s' "$python_requirements" >"$venv/.requirements"
  fi
}

install_js() {
  local dir=$out/js
  local package="{\"private\":true,\"dependencies\":{\"@aws-sdk/client-s3\":\"$js_client_s3\",\"@aws-sdk/credential-providers\":\"$js_credential_providers\"}}"
  mkdir -p "$dir"
  if [ "$(cat "$dir/package.json" 2>/dev/null)" != "$package" ] || [ ! -d "$dir/node_modules" ]; then
    step "JS SDK v3 into $dir"
    rm -rf "$dir/node_modules" "$dir/package-lock.json"
    printf '%s' "$package" >"$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2)
  fi
  cat >"$dir/consumer.js" <<'JS'
// Lists the bucket and reads the object with the JS SDK v3's default chain (fromNodeProviderChain:
// env, SSO, the profile — credential_process —, process, web identity, container, instance).
const { S3Client, ListObjectsV2Command, GetObjectCommand } = require("@aws-sdk/client-s3");
const { fromNodeProviderChain } = require("@aws-sdk/credential-providers");
const [bucket, key] = process.argv.slice(2);
(async () => {
  const s3 = new S3Client({ forcePathStyle: true, credentials: fromNodeProviderChain() });
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  console.log(listed.Contents.map((o) => o.Key), await object.Body.transformToString());
})().catch((e) => {
  console.error(`${e.name}: ${e.message}`);
  process.exit(1);
});
JS
}

install_rust() {
  local dir=$out/rust-sdk
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<TOML
[package]
name = "s3-consumer"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
aws-config = { version = "=$rust_aws_config", features = ["behavior-version-latest"] }
aws-sdk-s3 = { version = "=$rust_aws_sdk_s3", features = ["behavior-version-latest"] }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

[workspace]
TOML
  cat >"$dir/src/main.rs" <<'RUST'
// Lists a bucket and reads an object as a data scientist's Rust code would: aws-config's default
// chain (env, the profile — credential_process —, web identity, container, instance), the endpoint
// from AWS_ENDPOINT_URL, path-style addressing (moto).
use aws_sdk_s3::error::DisplayErrorContext;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (bucket, key) = (args.next().expect("bucket"), args.next().expect("key"));
    let shared = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&shared)
            .force_path_style(true)
            .build(),
    );
    let fail = |e: &dyn std::fmt::Display| -> ! {
        eprintln!("{e}");
        std::process::exit(1)
    };
    let listed = s3
        .list_objects_v2()
        .bucket(&bucket)
        .send()
        .await
        .unwrap_or_else(|e| fail(&DisplayErrorContext(e)));
    let keys: Vec<_> = listed.contents().iter().filter_map(|o| o.key()).collect();
    let object = s3
        .get_object()
        .bucket(&bucket)
        .key(&key)
        .send()
        .await
        .unwrap_or_else(|e| fail(&DisplayErrorContext(e)));
    let body = object.body.collect().await.unwrap_or_else(|e| fail(&e));
    println!("{keys:?} {}", String::from_utf8_lossy(&body.into_bytes()));
}
RUST
  [ -x "$out/rust-target/release/s3-consumer" ] ||
    step "Rust SDK consumer (cargo build --release; the first build takes minutes)"
  (cd "$dir" && CARGO_TARGET_DIR=$out/rust-target cargo build --release --quiet)
}

install_debian() {
  if /usr/bin/aws --version 2>/dev/null | grep -q '^aws-cli/2' && command -v rclone >/dev/null; then
    return
  fi
  step "Debian's awscli (the AWS CLI v2) and rclone"
  [ "$(id -u)" = 0 ] || { echo "consumers.sh: run as root, or apt-get install awscli rclone first" >&2; exit 1; }
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli rclone >&2
}

if [ "${1:-}" != --matrix ]; then
  started=$(date +%s)
  mkdir -p "$out"
  install_python
  install_js
  install_debian
  install_rust
  step "Helper (cargo build --locked) and moto (tests/testenv.sh)"
  (cd "$root" && cargo build --locked --quiet)
  venv=$("$root/tests/testenv.sh")
  step "The matrix, in a network namespace with loopback only"
  matrix_started=$(date +%s)
  if [ "$(id -u)" = 0 ]; then netns=(unshare --net); else netns=(unshare --user --map-root-user --net); fi
  "${netns[@]}" -- "$0" --matrix "$venv"
  now=$(date +%s)
  printf '\nconsumers.sh: %d s in all, the matrix %d s\n' "$((now - started))" "$((now - matrix_started))"
  exit 0
fi

# --- inside the namespace ---
venv=$2
ip link set lo up
. "$root/tests/lib.sh"  # start_moto, mint_jwt, $BASE_ARN, $TARGET_ARN; stops moto on exit
run=$out/run
rm -rf "$run"
mkdir -p "$run/cases"
start_moto "$venv" "$run" record
mint_jwt "$root/tests/fixtures/irsa-token-claims.json" >"$run/token"
cat >"$out/driver.py" <<'PY'
"""The matrix: run by tests/consumers.sh inside a network namespace with loopback only."""
import base64, json, os, re, subprocess, sys, time, urllib.parse

import boto3  # the moto venv's, for seeding moto with static keys

root, out, venv, helper, endpoint, token_file, BASE, TARGET = sys.argv[1:9]
only = os.environ.get("CONSUMERS_ONLY", "")  # a regex on "<consumer> / <setup>": run only those cases
cvenv = f"{out}/venv"
BUCKET, KEY, CSV = "consumer-data", "data.csv", b"name,n\nalice,1\nbob,2\n"
USER = "alice@example.com"
work = f"{out}/run"  # moto's recording, the token, and a dir per case
TIMEOUT = 60


def recorded():
    try:
        with open(f"{work}/recording.jsonl") as f:
            return [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return []


def form(r):
    body = r.get("body") or ""
    if r.get("body_encoded"):
        body = base64.b64decode(body).decode("utf-8", "replace")
    return dict(urllib.parse.parse_qsl(body))


def header(r, name):
    return next((v for k, v in (r.get("headers") or {}).items() if k.lower() == name), "")


def signer(r):
    found = re.search(r"Credential=([^/]+)/", header(r, "authorization"))
    return found.group(1) if found else "(unsigned)"


def is_s3(r):
    path = urllib.parse.urlsplit(r.get("url") or "").path
    return path.startswith(f"/{BUCKET}") or header(r, "host").startswith(f"{BUCKET}.")


hostport = endpoint.removeprefix("http://")
seed = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                    aws_access_key_id="AKIASEEDSEEDSEEDSEED", aws_secret_access_key="seed")
seed.create_bucket(Bucket=BUCKET)
seed.put_object(Bucket=BUCKET, Key=KEY, Body=CSV)


def version(cmd, pattern=r"(\S+)"):
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        text = done.stdout + done.stderr
        return re.search(pattern, text).group(1)
    except Exception:  # a missing tool shows as "?" and fails its row
        return "?"


def pip_version(name):
    return version([f"{cvenv}/bin/python", "-c", f"import importlib.metadata as m; print(m.version('{name}'))"])


js_version = json.load(open(f"{out}/js/node_modules/@aws-sdk/client-s3/package.json"))["version"]
rust_lock = open(f"{out}/rust-sdk/Cargo.lock").read()
rust_version = re.search(r'name = "aws-sdk-s3"\nversion = "([^"]+)"', rust_lock).group(1)
ext_dir = version([f"{cvenv}/bin/python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]) + "/duckdb_ext/extensions"

cli2_version = version(["/usr/bin/aws", "--version"], r"aws-cli/(\S+)")
cli1_version = version([f"{venv}/bin/aws", "--version"], r"aws-cli/(\S+)")
rclone_version = version(["rclone", "version"], r"rclone v(\S+)")
polars_version = pip_version("polars")
PY = f"{cvenv}/bin/python"
LIST_READ = f"s3://{BUCKET}/{KEY}"
# "allow_http", not "aws_allow_http": polars takes any key it does not know for a credential and
# then leaves boto3 out. It imports boto3 only to use it, so the last line tells which way it went.
POLARS = f"""import sys, polars as pl
df = pl.scan_csv("s3://{BUCKET}/*.csv", include_file_paths="path", storage_options={{
    "aws_endpoint_url": "{endpoint}", "allow_http": "true", "aws_region": "us-east-1"}}{{provider}}).collect()
print(df["path"].to_list(), df["name"].to_list())
print("via", "boto3" if "boto3" in sys.modules else "object_store")
"""
CONSUMERS = [
    (f"boto3 {pip_version('boto3')}", [PY, "-c", f"""import boto3
s3 = boto3.client("s3")
print([o["Key"] for o in s3.list_objects_v2(Bucket="{BUCKET}")["Contents"]])
print(s3.get_object(Bucket="{BUCKET}", Key="{KEY}")["Body"].read().decode())
"""], {}),
    (f"AWS CLI v2 {cli2_version} (Debian)",
     ["/bin/sh", "-c", f"/usr/bin/aws --endpoint-url {endpoint} s3 ls s3://{BUCKET}/ && "
      f"/usr/bin/aws --endpoint-url {endpoint} s3 cp {LIST_READ} -"], {}),
    (f"AWS CLI v1 {cli1_version}",
     ["/bin/sh", "-c", f"{venv}/bin/aws s3 ls s3://{BUCKET}/ && {venv}/bin/aws s3 cp {LIST_READ} -"], {}),
    (f"s3fs {pip_version('s3fs')} (aiobotocore {pip_version('aiobotocore')})", [PY, "-c", f"""import s3fs
fs = s3fs.S3FileSystem()
print(fs.ls("{BUCKET}"), fs.cat("{BUCKET}/{KEY}").decode())
"""], {}),
    (f"polars {polars_version}, default (boto3)", [PY, "-c", POLARS.replace("{provider}", "")], {},
     "via boto3"),
    (f"polars {polars_version}, object_store", [PY, "-c", POLARS.replace("{provider}", ", credential_provider=None")],
     {}, "via object_store"),
    (f"pyarrow {pip_version('pyarrow')} (C++ SDK)", [PY, "-c", f"""from pyarrow import fs
s3 = fs.S3FileSystem(endpoint_override="{endpoint}", scheme="http", region="us-east-1")
print([i.path for i in s3.get_file_info(fs.FileSelector("{BUCKET}"))])
with s3.open_input_stream("{BUCKET}/{KEY}") as f:
    print(f.read().decode())
"""], {}),
    (f"DuckDB {pip_version('duckdb')} httpfs+aws (C++ SDK)", [PY, "-c", f"""import duckdb
con = duckdb.connect(config={{"extension_directory": "{ext_dir}",
    "autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}})
con.execute("LOAD httpfs")
con.execute("LOAD aws")
con.execute("CREATE SECRET s3 (TYPE s3, PROVIDER credential_chain, REGION 'us-east-1', "
            "ENDPOINT '{hostport}', URL_STYLE 'path', USE_SSL false)")
print(con.sql("SELECT file FROM glob('s3://{BUCKET}/*')").fetchall())
print(con.sql("SELECT * FROM read_csv('{LIST_READ}')").fetchall())
"""], {}),
    (f"JS SDK v3 {js_version}", ["node", f"{out}/js/consumer.js", BUCKET, KEY], {}),
    (f"Rust SDK {rust_version}", [f"{out}/rust-target/release/s3-consumer", BUCKET, KEY], {}),
    (f"rclone {rclone_version} (Go SDK v1)",
     ["/bin/sh", "-c", f"rclone lsf :s3:{BUCKET} && rclone cat :s3:{BUCKET}/{KEY}"],
     # provider Other: with AWS, rclone insists on virtual-hosted buckets, which moto cannot serve.
     {"RCLONE_S3_PROVIDER": "Other", "RCLONE_S3_ENV_AUTH": "true", "RCLONE_S3_REGION": "us-east-1",
      "RCLONE_S3_ENDPOINT": endpoint, "RCLONE_S3_FORCE_PATH_STYLE": "true", "RCLONE_RETRIES": "1",
      "RCLONE_LOW_LEVEL_RETRIES": "1"}),
]

OURS = {"OC_ROLE_ASSUME_BASE_ROLE_ARN": BASE, "OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE": token_file}
IRSA = {"AWS_ROLE_ARN": BASE, "AWS_WEB_IDENTITY_TOKEN_FILE": token_file}
SETUPS = [  # column, AWS config, variable names, wrapper
    ("credential_process", "packaged", OURS, None),
    ("server, region-only config", "region", OURS, ["exec", "--server", "--"]),
    ("server, packaged config", "packaged", OURS, ["exec", "--server", "--"]),
    ("server, IRSA names", "packaged", IRSA, ["exec", "--server", "--"]),
    ("exec (env)", "packaged", OURS, ["exec", "--"]),
]
SHADOW = ("credential_process, IRSA names exported", "packaged", IRSA, None)
packaged = open(f"{root}/packaging/aws-config").read()
assert "credential_process = /usr/local/bin/oc-role-assume" in packaged


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def error_line(text):
    """The line that says what went wrong: a Python exception's own line, else the last line."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", l).rstrip() for l in text.splitlines()]
    lines = [l for l in lines if l.strip()]
    frames = [i for i, l in enumerate(lines) if l.startswith("  File ")]
    if frames:
        after = [l for l in lines[frames[-1] + 1:] if not l.startswith(" ")]
        if after:
            return after[0][:300]
    return (lines[-1].strip() if lines else "(no output)")[:300]


def run_case(consumer, setup):
    name, argv, extra, *expect = consumer
    column, config, names, wrapper = setup
    case = f"{work}/cases/{slug(name)}--{slug(column)}"
    os.makedirs(f"{case}/home")
    counter = f"{case}/count-runs"
    with open(counter, "w") as f:
        f.write(f"#!/bin/sh\necho run >>'{case}/runs'\nexec \"$@\"\n")
    os.chmod(counter, 0o755)
    with open(f"{case}/aws-config", "w") as f:
        f.write("[default]\nregion = us-east-1\n" if config == "region" else
                packaged.replace("/usr/local/bin/oc-role-assume", f"{counter} {helper}"))
    env = {"PATH": f"{cvenv}/bin:/usr/bin:/bin", "HOME": f"{case}/home", "LANG": "C.UTF-8",
           "AWS_CONFIG_FILE": f"{case}/aws-config", "AWS_SHARED_CREDENTIALS_FILE": f"{case}/none",
           "AWS_ENDPOINT_URL": endpoint, "AWS_ENDPOINT_URL_STS": endpoint,
           "AWS_EC2_METADATA_DISABLED": "true", "TARGET_ROLE_ARN": TARGET, "RHOAI_USER": USER,
           "OC_ROLE_ASSUME_PODINFO_FILE": f"{case}/none", "OC_ROLE_ASSUME_SERVICEACCOUNT_DIR": f"{case}/none",
           "RCLONE_CONFIG": f"{case}/rclone.conf", "PYTHONUNBUFFERED": "1", **names, **extra}
    cmd = argv if wrapper is None else [counter, helper, *wrapper, *argv]
    before = len(recorded())
    try:
        p = subprocess.run(cmd, env=env, cwd=case, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=TIMEOUT)
        code, stdout, stderr = p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        # What it printed before it hung still tells whether it read the object, and as whom.
        code, stdout, stderr = None, (e.stdout or b"").decode(errors="replace"), (e.stderr or b"").decode(errors="replace")
    with open(f"{case}/stdout", "w") as f:
        f.write(stdout)
    with open(f"{case}/stderr", "w") as f:
        f.write(stderr)
    records = recorded()[before:]
    runs = len(open(f"{case}/runs").read().splitlines()) if os.path.exists(f"{case}/runs") else 0
    # The Target session's key, from the cache the case filled (a direct run: not counted, and it
    # comes after the slice above).
    key = subprocess.run([helper], env=env, capture_output=True, text=True)
    target = json.loads(key.stdout)["AccessKeyId"] if key.returncode == 0 else None
    s3 = [r for r in records if is_s3(r)]
    signers = {signer(r) for r in s3}
    chains = sum(form(r).get("Action") == "AssumeRole" for r in records)
    own_web_identity = [r for r in records if form(r).get("Action") == "AssumeRoleWithWebIdentity"
                        and form(r).get("RoleSessionName") != USER]
    read = code in (0, None) and KEY in stdout and "alice" in stdout and all(e in stdout for e in expect)
    plural = lambda n, what: f"{n} {what}{'' if n == 1 else 's'}"
    counts = plural(runs, "run") + ("" if chains == 1 or runs == 0 else ", " + plural(chains, "chain"))
    if read and s3 and signers == {target} and code is None:
        return f"works, then hangs, {counts}", f"read the object, then did not exit within {TIMEOUT} s"
    if read and s3 and signers == {target}:
        return f"works, {counts}", None
    if read and s3 and own_web_identity:
        return f"Base role (shadowed), {counts}", None
    if read:
        return f"signed by {', '.join(sorted(signers)) or 'nothing'}, {counts}", None
    if setup is SHADOW and runs == 0:
        counts = "FAILS, " + counts  # its own web-identity call, not the helper: see the note
        return f"shadowed, {counts}", error_line(stderr or stdout)
    if code is None:
        return f"FAILS, {counts}", f"no answer within {TIMEOUT} s: {error_line(stderr or stdout)}"
    if code == 0 and KEY in stdout:
        return f"FAILS, {counts}", f"read the object, but not as asked: {error_line(stdout)}"
    return f"FAILS, {counts}", error_line(stderr or stdout)


def table(columns, rows, notes, first=0):
    header = ["consumer", *columns]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    for n, note in enumerate(notes[first:], first + 1):
        print(f"\n[{n}] {note}")


def matrix(setups, notes):
    """One row per consumer; errors go to `notes` (numbered across tables), cells point at them."""
    rows = []
    for consumer in CONSUMERS:
        row = [consumer[0]]
        for setup in setups:
            if not re.search(only, f"{consumer[0]} / {setup[0]}"):
                row.append("-")
                continue
            cell, error = run_case(consumer, setup)
            if error is not None:
                if error not in notes:
                    notes.append(error)
                cell += f" [{notes.index(error) + 1}]"
            row.append(cell)
            print(f"  {consumer[0]} / {setup[0]}: {cell}", file=sys.stderr, flush=True)
        rows.append(row)
    return rows


started = time.monotonic()
notes = []
rows = matrix(SETUPS, notes)
first_shadow_note = len(notes)
shadow_rows = matrix([SHADOW], notes)
print(f"\nmoto {endpoint}; every case in {work}/cases/<consumer>--<setup>/ (stdout, stderr, runs)\n")
table([s[0] for s in SETUPS], rows, notes[:first_shadow_note])
print("\nThe shadowing trap: no wrapper, the IRSA webhook's variables exported\n")
table([SHADOW[0]], shadow_rows, notes, first_shadow_note)
print(f"\n{len(rows) * (len(SETUPS) + 1)} cases in {time.monotonic() - started:.0f} s")
PY
"$venv/bin/python" "$out/driver.py" "$root" "$out" "$venv" "$helper" "$endpoint" "$run/token" \
  "$BASE_ARN" "$TARGET_ARN"
