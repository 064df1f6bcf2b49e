#!/usr/bin/env bash
# The container test bed: the workbench image (packaging/Containerfile) built with podman as the
# README says, on local stand-ins of the OpenShift AI Jupyter and code-server images, and run as the
# notebook controller runs a workbench, in every setup the README offers:
#   no-patch      the default target; the helper asks the (fake) API for its own token
#   irsa          --target generic; the pod identity webhook's AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE,
#                 AWS_STS_REGIONAL_ENDPOINTS and its token mount, plus irsa-serviceaccount.yaml's env
#   volume        --target generic; notebook-env.yaml's env, notebook-token.yaml's and
#                 notebook-podinfo.yaml's mounts
# each as uid 1001 (first start, then a restart on the same home volume), as a random UID in group 0
# on that volume (restricted SCC), and with a read-only root and no /tmp (readOnlyRootFilesystem).
# In each it checks what a workbench terminal gets (a command run by the server, as a Jupyter or
# code-server terminal is): `aws sts get-caller-identity`, boto3, `oc-role-assume whoami --verify`,
# `oc-role-assume doctor`, against moto (STS) and a fake Kubernetes API on loopback (--network host).
# Then the image-level cases: container args, the build's refusal of a start command the base lacks,
# the build context, `oc exec` sessions (podman exec) in the IRSA setup, SIGTERM.
#
#   tests/container.sh            # everything; ends with "N passed, N failed", non-zero on failure
#   . tests/container.sh --lib    # only the functions below, for another bed (tests/README: issue 26)
#
# Needs root (rootful podman). Installs podman, runc and debootstrap (apt) when missing. No registry
# is needed: the base is `debootstrap --variant=minbase bookworm` from the mirror apt uses, with
# python3-boto3 and awscli (the AWS CLI v2), cached as a tarball in target/container/ (cold: a few
# minutes; warm: seconds) and `podman import`ed. The engine: runc (crun refuses this VM's hybrid
# cgroups) and default ulimits the sandbox allows, through a containers.conf in CONTAINERS_CONF.
#
# Functions (all prefixed bed_; each fails loudly):
#   bed_engine                  podman, runc, debootstrap; $CONTAINERS_CONF
#   bed_rootfs                  the cached rootfs tarball ($bed_rootfs_tar) and its image ($bed_rootfs_image)
#   bed_bases                   the stand-in bases: $bed_jupyter and $bed_code_server
#   bed_dist                    the static (musl) binary laid out as release.sh does, in $bed_dist
#   bed_build TAG ARGS...       podman build -f packaging/Containerfile from the repository root
#   bed_fakes                   moto ($bed_sts) and the fake API ($bed_api_port), service-account dir,
#                               tokens (IRSA and volume-based), podinfo, under $work
#   bed_env SETUP               the array $bed_pod: podman run options the controller (and webhook,
#                               and patches) give a workbench pod in SETUP
#   bed_run NAME IMAGE PORT OPTS... [-- ARGS...]
#                               start a workbench container, wait until its server answers on PORT
#   bed_term PORT CMD...        run CMD in a "terminal" of that workbench (a child of its server);
#                               stdout/stderr to $bed_out/$bed_err, returns its exit code
#   bed_stop NAME               podman stop (SIGTERM), sets $bed_stop_ms
set -euo pipefail
bed_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bed_dir=${CARGO_TARGET_DIR:-$bed_root/target}/container
bed_version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$bed_root/Cargo.toml" | head -1)
# Names of this checkout's own (images, containers, volumes), so beds of two checkouts never meet.
bed_id=$(printf '%s' "$bed_dir" | sha256sum | cut -c1-8)
bed_prefix=localhost/oc-role-assume-bed-$bed_id
bed_containers=()
# What a workbench terminal needs, beyond minbase: the AWS CLI v2 and boto3 as Debian ships them,
# CA roots, ps. (debootstrap resolves no virtual packages: python3-cffi-backend provides the ABI that
# python3-cryptography depends on.)
bed_packages=awscli,python3-boto3,python3-cffi-backend,ca-certificates,procps
BED_TARGET_ARN=arn:aws:iam::123456789012:role/DataScienceTargetRole
BED_BASE_ARN=arn:aws:iam::123456789012:role/oc-role-assume/fraud-detection
BED_BASE_TEMPLATE='arn:aws:iam::123456789012:role/oc-role-assume/{namespace}'
BED_USER=Alice.Smith@example.com

bed_say() { echo "container: $*" >&2; }

bed_engine() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v runc >/dev/null || missing+=(runc)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { bed_say "needs root to install ${missing[*]}"; return 1; }
    bed_say "apt-get install ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
  mkdir -p "$bed_dir"
  cat >"$bed_dir/containers.conf" <<'EOF'
[engine]
runtime = "runc"

[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
EOF
  export CONTAINERS_CONF=$bed_dir/containers.conf
}

bed_rootfs() {
  local key mirror tmp
  key=$(printf '%s' "$bed_packages" | sha256sum | cut -c1-12)
  bed_rootfs_tar=$bed_dir/rootfs-bookworm-$key.tar
  bed_rootfs_image=$bed_prefix/debian:bookworm-$key
  if [ ! -s "$bed_rootfs_tar" ]; then
    mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
    mirror=${mirror:-http://deb.debian.org/debian}
    tmp=$(mktemp -d "$bed_dir/rootfs.XXXXXX")
    bed_say "debootstrap --variant=minbase bookworm from $mirror (first run only)"
    debootstrap --variant=minbase --include="$bed_packages" bookworm "$tmp/root" "$mirror" >"$tmp/log" 2>&1 ||
      { tail -20 "$tmp/log" >&2; rm -rf "$tmp"; return 1; }
    rm -rf "$tmp/root/var/cache/apt/archives/"*.deb "$tmp/root/var/lib/apt/lists/"*
    tar -C "$tmp/root" --numeric-owner -cf "$tmp/rootfs.tar" .
    mv "$tmp/rootfs.tar" "$bed_rootfs_tar"
    rm -rf "$tmp"
  fi
  podman image exists "$bed_rootfs_image" ||
    podman import --quiet "$bed_rootfs_tar" "$bed_rootfs_image" >/dev/null
}

bed_bases() {
  bed_jupyter=$bed_prefix/jupyter:latest
  bed_code_server=$bed_prefix/code-server:latest
  local t
  for t in jupyter code-server; do
    podman build --quiet --label "oc-role-assume-bed=$bed_id" --build-arg ROOTFS="$bed_rootfs_image" --target "$t" \
      -t "$bed_prefix/$t:latest" "$bed_root/tests/container" >/dev/null
  done
}

# The release's layout (release.sh), for x86_64 only: a static musl binary, its completions and man
# page, in target/release-dist-bed (.containerignore lets target/release-dist* into the context).
bed_dist() {
  local target=x86_64-unknown-linux-musl target_dir=${CARGO_TARGET_DIR:-$bed_root/target} rel
  rustup target list --installed | grep -qx "$target" || rustup target add "$target" >&2
  command -v musl-gcc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq musl-tools >&2
  (cd "$bed_root" && CC_x86_64_unknown_linux_musl=musl-gcc cargo build --locked --release --quiet --target "$target")
  bed_dist=$target_dir/release-dist-bed
  rel=$bed_dist/oc-role-assume-$bed_version-x86_64-linux-musl
  rm -rf "$bed_dist" && mkdir -p "$rel/completions" "$rel/man"
  cp "$target_dir/$target/release/oc-role-assume" "$rel/"
  cp "$bed_root"/completions/* "$rel/completions/"
  "$rel/oc-role-assume" man >"$rel/man/oc-role-assume.1"
  bed_dist_arg=${bed_dist#"$bed_root"/}
}

# podman build as the README says (from the repository root), the release from $bed_dist; the
# build's whole output in $bed_build_log.
bed_build() {
  local tag=$1
  shift
  bed_build_log=$bed_dir/build-${tag##*/}.log
  bed_build_log=${bed_build_log//:/-}
  (cd "$bed_root" && podman build -f packaging/Containerfile --label "oc-role-assume-bed=$bed_id" -t "$tag" \
    --build-arg DIST="$bed_dist_arg" "$@" .) \
    >"$bed_build_log" 2>&1
}

# A JWT shaped like a projected service-account token (the signature is not real), valid for an hour.
bed_jwt() {
  local aud=$1 now
  now=$(date +%s)
  python3 - "$aud" "$now" <<'PY'
import base64, json, sys
aud, now = sys.argv[1], int(sys.argv[2])
claims = {"aud": [aud], "exp": now + 3600, "iat": now, "nbf": now,
          "iss": "https://oidc.bed.test/cluster", "sub": "system:serviceaccount:fraud-detection:my-workbench",
          "kubernetes.io": {"namespace": "fraud-detection",
                            "pod": {"name": "my-workbench-0", "uid": "3f6c1a52-8d0e-4b7a-9a51-1c2d3e4f5a6b"},
                            "serviceaccount": {"name": "my-workbench", "uid": "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b"}}}
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head = b64(json.dumps({"alg": "RS256", "kid": "bed"}).encode())
print(head + "." + b64(json.dumps(claims).encode()) + "." + b64(b"not-a-real-signature"), end="")
PY
}

bed_fakes() {
  local venv sa=$work/serviceaccount
  venv=$("$bed_root/tests/testenv.sh")
  start_moto "$venv" "$work"
  bed_sts=$endpoint
  mkdir -p "$sa" "$work/irsa" "$work/volume-token" "$work/podinfo"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=bed-ca -keyout "$work/ca.key" -out "$sa/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$work/api.key" -out "$work/api.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' >"$work/san"
  openssl x509 -req -in "$work/api.csr" -CA "$sa/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
    -extfile "$work/san" -out "$work/api.crt" 2>/dev/null
  bed_jwt https://kubernetes.default.svc >"$sa/token"
  printf fraud-detection >"$sa/namespace"
  bed_jwt sts.amazonaws.com >"$work/irsa/token"
  bed_jwt sts.amazonaws.com >"$work/volume-token/token"
  python3 - "$bed_root/tests/fixtures/workbench-pod.json" "$work/podinfo/annotations" <<'PY'
import json, sys
pod = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    for k, v in sorted(pod["metadata"]["annotations"].items()):
        f.write(f"{k}={json.dumps(v)}\n")
PY
  # Everything the containers mount is readable by any UID, as the kubelet's projected files are.
  chmod -R a+rX "$work"
  chmod 0755 "$work"
  python3 "$bed_root/tests/container/kube-api.py" "$work/api.crt" "$work/api.key" "$sa/token" \
    "$bed_root/tests/fixtures/workbench-pod.json" "$work/api.port" "$work/api.log" 2>"$work/api.err" &
  cleanup_pids+=($!)
  for _ in $(seq 100); do [ -s "$work/api.port" ] && break; sleep 0.05; done
  bed_api_port=$(cat "$work/api.port")
}

# What the notebook controller gives every workbench container (env from the dashboard's form, the
# service-account token, the pod's hostname), then what each setup adds.
bed_env() {
  local setup=$1
  bed_pod=(--network host --hostname my-workbench-0 --passwd=false
    -e JUPYTER_IMAGE=bed -e KUBERNETES_SERVICE_HOST=127.0.0.1 -e KUBERNETES_SERVICE_PORT="$bed_api_port"
    -e AWS_ENDPOINT_URL_STS="$bed_sts"
    -v "$work/serviceaccount:/var/run/secrets/kubernetes.io/serviceaccount:ro")
  case $setup in
    no-patch) ;;
    irsa)
      # The pod identity webhook (eks.amazonaws.com/role-arn on the ServiceAccount), then
      # irsa-serviceaccount.yaml's env.
      bed_pod+=(-e AWS_ROLE_ARN="$BED_BASE_ARN" -e AWS_STS_REGIONAL_ENDPOINTS=regional
        -e AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/eks.amazonaws.com/serviceaccount/token
        -v "$work/irsa:/var/run/secrets/eks.amazonaws.com/serviceaccount:ro"
        -e TARGET_ROLE_ARN="$BED_TARGET_ARN" -e AWS_REGION=us-east-1 -e AWS_DEFAULT_REGION=us-east-1)
      ;;
    volume)
      # notebook-env.yaml, notebook-token.yaml, notebook-podinfo.yaml.
      bed_pod+=(-e TARGET_ROLE_ARN="$BED_TARGET_ARN" -e OC_ROLE_ASSUME_BASE_ROLE_ARN="$BED_BASE_ARN"
        -e OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/oc-role-assume/token
        -e AWS_REGION=us-east-1 -e AWS_DEFAULT_REGION=us-east-1
        -v "$work/volume-token:/var/run/secrets/oc-role-assume:ro" -v "$work/podinfo:/etc/podinfo:ro")
      ;;
    *) bed_say "unknown setup $setup"; return 1 ;;
  esac
}

bed_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bed_run NAME IMAGE PORT [podman run options...] [-- container args...]
bed_run() {
  local name=$1 image=$2 port=$3 opts=() args=()
  shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift && args=("$@")
  podman rm -f "$name" >/dev/null 2>&1 || true
  bed_containers+=("$name")
  podman run -d --name "$name" "${opts[@]}" -e NOTEBOOK_ARGS="--ServerApp.port=$port --ServerApp.token=" \
    -e BED_PORT="$port" "$image" "${args[@]}" >/dev/null
  for _ in $(seq 200); do
    curl -fsS "http://127.0.0.1:$port/started" >"$work/started" 2>/dev/null && return 0
    [ "$(podman inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || break
    sleep 0.05
  done
  bed_say "$name did not start:"
  podman logs "$name" >&2 || true
  return 1
}

bed_term() {
  local port=$1
  shift
  python3 - "$port" "$@" >"$work/term.json" <<'PY'
import json, sys, urllib.request
port, argv = sys.argv[1], sys.argv[2:]
req = urllib.request.Request(f"http://127.0.0.1:{port}/run", data=json.dumps({"argv": argv}).encode())
print(urllib.request.urlopen(req, timeout=90).read().decode())
PY
  bed_out=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stdout"], end="")' "$work/term.json")
  bed_err=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stderr"], end="")' "$work/term.json")
  return "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rc"])' "$work/term.json")"
}

bed_stop() {
  local start
  start=$(date +%s%N)
  podman stop -t 10 "$1" >/dev/null
  bed_stop_ms=$((($(date +%s%N) - start) / 1000000))
}

bed_cleanup() {
  local c
  for c in "${bed_containers[@]}"; do podman rm -f "$c" >/dev/null 2>&1 || true; done
  for c in "${bed_volumes[@]}"; do podman volume rm -f "$c" >/dev/null 2>&1 || true; done
  cleanup
}

# tests/lib.sh: start_moto, $work, $cleanup_pids and its cleanup (which bed_cleanup extends).
. "$bed_root/tests/lib.sh"
trap bed_cleanup EXIT
bed_volumes=()
if [ "${1:-}" = --lib ]; then
  return 0 2>/dev/null || exit 0
fi

# ------------------------------------------------------------------------------------------------
# The bed itself.
passed=0
failed=0
t0=$(date +%s)
lap() { bed_say "$1 ($(($(date +%s) - t0)) s so far)"; }
ok() { passed=$((passed + 1)); echo "ok    $1"; }
not_ok() {
  failed=$((failed + 1))
  echo "FAIL  $1"
  [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/      /' | head -40
}
# check NAME CMD...: CMD's exit status decides.
check() {
  local name=$1
  shift
  if "$@" >"$work/check.out" 2>&1; then ok "$name"; else not_ok "$name" "$(cat "$work/check.out")"; fi
}

[ "$(id -u)" = 0 ] || { bed_say "run as root (rootful podman)"; exit 2; }
bed_engine
# One bed at a time per checkout: they share the cached rootfs, the images and these names.
exec 8>"$bed_dir/lock"
flock 8
# The images earlier runs left untagged (each rebuild moves the tag).
podman image prune -f --filter "label=oc-role-assume-bed=$bed_id" >/dev/null 2>&1 || true
work=$(mktemp -d)
chmod 0755 "$work"
s=$(date +%s)
bed_rootfs
bed_rootfs_s=$(($(date +%s) - s))
lap "rootfs ready in $bed_rootfs_s s"
bed_bases
bed_dist
bed_fakes
lap "bases, binary, moto and the fake API ready"

# --- Building the image ---------------------------------------------------------------------------
img_nopatch=$bed_prefix/workbench:no-patch
img_generic=$bed_prefix/workbench:generic
img_cs=$bed_prefix/workbench:code-server
if bed_build "$img_nopatch" --build-arg BASE_IMAGE="$bed_jupyter" \
  --build-arg TARGET_ROLE_ARN="$BED_TARGET_ARN" --build-arg BASE_ROLE_ARN_TEMPLATE="$BED_BASE_TEMPLATE" \
  --build-arg AWS_REGION=us-east-1; then ok "build: no-patch (default target) on the Jupyter base"
else not_ok "build: no-patch (default target) on the Jupyter base" "$(tail -20 "$bed_build_log")"; fi
if grep -qE 'level=warning|\[Warning\]' "$bed_build_log"; then
  not_ok "build: no warnings (TARGETARCH)" "$(grep -E 'level=warning|\[Warning\]' "$bed_build_log")"
else ok "build: no warnings (TARGETARCH)"; fi
if bed_build "$img_generic" --target generic --build-arg BASE_IMAGE="$bed_jupyter"; then
  ok "build: --target generic on the Jupyter base"
else not_ok "build: --target generic on the Jupyter base" "$(tail -20 "$bed_build_log")"; fi
if bed_build "$img_cs" --build-arg BASE_IMAGE="$bed_code_server" \
  --build-arg WORKBENCH_COMMAND=/opt/app-root/bin/run-code-server.sh --build-arg CONTAINER_ARGS=replace \
  --build-arg TARGET_ROLE_ARN="$BED_TARGET_ARN" --build-arg BASE_ROLE_ARN_TEMPLATE="$BED_BASE_TEMPLATE"; then
  ok "build: no-patch on the code-server base (WORKBENCH_COMMAND, CONTAINER_ARGS=replace)"
else not_ok "build: no-patch on the code-server base" "$(tail -20 "$bed_build_log")"; fi
if bed_build "$bed_prefix/workbench:code-server-unset" --target generic --build-arg BASE_IMAGE="$bed_code_server"; then
  not_ok "build: a start command the base lacks fails the build, naming WORKBENCH_COMMAND" \
    "the build succeeded; the image would crash-loop: $(podman run --rm "$bed_prefix/workbench:code-server-unset" 2>&1 | tail -2)"
  podman rmi -f "$bed_prefix/workbench:code-server-unset" >/dev/null 2>&1 || true
elif grep -q 'WORKBENCH_COMMAND' "$bed_build_log" && grep -q 'start-notebook.sh' "$bed_build_log"; then
  ok "build: a start command the base lacks fails the build, naming WORKBENCH_COMMAND"
else not_ok "build: a start command the base lacks fails the build, naming WORKBENCH_COMMAND" "$(tail -5 "$bed_build_log")"; fi
# The build context: what .containerignore lets in (the Containerfile needs only the release and
# three files of packaging/). A stage that copies the whole context shows it.
printf 'FROM %s\nCOPY . /context/\n' "$bed_rootfs_image" >"$work/context.Containerfile"
if (cd "$bed_root" && podman build --quiet -f "$work/context.Containerfile" -t "$bed_prefix/context" . >/dev/null 2>"$work/context.err"); then
  listing=$(podman run --rm "$bed_prefix/context" sh -c 'cd /context && find . -maxdepth 3 | sort; du -sk . | cut -f1')
  size_k=$(printf '%s\n' "$listing" | tail -1)
  if printf '%s\n' "$listing" | grep -qE '^\./(src|tests|target/debug|target/release|target/x86_64-unknown-linux-musl|target/container)$'; then
    not_ok "build context: .containerignore keeps target/, src/ and tests/ out" "$(printf '%s\n' "$listing" | head -30)"
  elif [ "$size_k" -gt 51200 ]; then
    not_ok "build context: .containerignore keeps target/, src/ and tests/ out" "context is ${size_k} KiB"
  else ok "build context: .containerignore keeps target/, src/ and tests/ out (${size_k} KiB)"; fi
  podman rmi -f "$bed_prefix/context" >/dev/null 2>&1 || true
else not_ok "build context" "$(cat "$work/context.err")"; fi
lap "images built"

# --- What a workbench terminal gets -----------------------------------------------------------------
# The four checks, in the terminal of the workbench on PORT; LABEL names the run. Every one must see
# the tagged Target session: assumed-role/DataScienceTargetRole/<the user's session name>.
target_session=assumed-role/DataScienceTargetRole/Alice.Smith@example.com
terminal_checks() {
  local port=$1 label=$2 want_setup=$3
  if bed_term "$port" aws sts get-caller-identity --endpoint-url "$bed_sts" --output text --query Arn &&
    [[ $bed_out == *"$target_session"* ]]; then ok "$label: aws sts get-caller-identity is the Target session"
  else not_ok "$label: aws sts get-caller-identity is the Target session" "$bed_out$bed_err"; fi
  if bed_term "$port" python3 -c 'import boto3, os
print(boto3.client("sts", endpoint_url=os.environ["AWS_ENDPOINT_URL_STS"]).get_caller_identity()["Arn"])' &&
    [[ $bed_out == *"$target_session"* ]]; then ok "$label: boto3 is the Target session"
  else not_ok "$label: boto3 is the Target session" "$bed_out$bed_err"; fi
  if bed_term "$port" oc-role-assume whoami --verify &&
    [[ $bed_out == *"$target_session"* ]] && [[ $bed_out == *"$BED_USER"* ]]; then
    ok "$label: oc-role-assume whoami --verify"
  else not_ok "$label: oc-role-assume whoami --verify" "$bed_out$bed_err"; fi
  if bed_term "$port" oc-role-assume doctor && ! grep -q '^FAIL' <<<"$bed_out" &&
    grep -q "^PASS  setup .*$want_setup" <<<"$bed_out"; then
    ok "$label: oc-role-assume doctor passes and names the setup ($want_setup)"
  else not_ok "$label: oc-role-assume doctor passes and names the setup ($want_setup)" "$bed_out$bed_err"; fi
}

# The home's files as a user in group 0 needs them: the AWS config group-readable and -writable
# (the platform's convention, as the home is), the cache private to its UID.
home_checks() {
  local port=$1 label=$2
  if bed_term "$port" sh -c 'stat -c "%a %g %n" "$HOME/.aws" "$HOME/.aws/config"' &&
    [ "$(printf '%s\n' "$bed_out" | awk '{print $1" "$2}' | tr '\n' ' ')" = "770 0 660 0 " ]; then
    ok "$label: ~/.aws 0770 and ~/.aws/config 0660, group 0"
  else not_ok "$label: ~/.aws 0770 and ~/.aws/config 0660, group 0" "$bed_out$bed_err"; fi
  if bed_term "$port" sh -c 'for f in "$HOME"/.cache/oc-role-assume*/ "$HOME"/.cache/oc-role-assume*/*.json; do stat -c "%a %u %n" "$f"; done' &&
    ! grep -qvE '^(700|600) ' <<<"$bed_out" && grep -q '^600 ' <<<"$bed_out"; then
    ok "$label: the cache stays 0700/0600, per UID"
  else not_ok "$label: the cache stays 0700/0600, per UID" "$bed_out$bed_err"; fi
}

# One setup: first start, a user's edit, restart, a random UID in group 0, read-only root.
run_setup() {
  local setup=$1 image=$2 want=$3 vol=bed-$bed_id-home-$1 name=bed-$bed_id-$1 port
  podman volume rm -f "$vol" >/dev/null 2>&1 || true
  podman volume create "$vol" >/dev/null
  bed_volumes+=("$vol")
  bed_env "$setup"
  port=$(bed_free_port)
  if bed_run "$name" "$image" "$port" "${bed_pod[@]}" -v "$vol:/opt/app-root/src"; then
    ok "$setup: first start (uid 1001)"
  else not_ok "$setup: first start (uid 1001)"; return; fi
  if bed_term "$port" cat .aws/config && grep -q '^credential_process = /usr/local/bin/oc-role-assume' <<<"$bed_out"; then
    ok "$setup: first start seeds ~/.aws/config"
  else not_ok "$setup: first start seeds ~/.aws/config" "$bed_out$bed_err"; fi
  terminal_checks "$port" "$setup uid 1001" "$want"
  home_checks "$port" "$setup uid 1001"
  bed_term "$port" sh -c 'printf "\n[profile minio]\nregion = eu-west-1\n" >>.aws/config' || true
  bed_stop "$name"
  if [ "$bed_stop_ms" -lt 5000 ]; then ok "$setup: SIGTERM stops the workbench (${bed_stop_ms} ms)"
  else not_ok "$setup: SIGTERM stops the workbench" "took ${bed_stop_ms} ms"; fi

  port=$(bed_free_port)
  if bed_run "$name" "$image" "$port" "${bed_pod[@]}" -v "$vol:/opt/app-root/src"; then
    ok "$setup: restart on the same home"
  else not_ok "$setup: restart on the same home"; return; fi
  if bed_term "$port" cat .aws/config && grep -q 'profile minio' <<<"$bed_out"; then
    ok "$setup: restart keeps the user's edits to ~/.aws/config"
  else not_ok "$setup: restart keeps the user's edits to ~/.aws/config" "$bed_out$bed_err"; fi
  terminal_checks "$port" "$setup restart" "$want"
  bed_stop "$name"

  port=$(bed_free_port)
  if bed_run "$name" "$image" "$port" "${bed_pod[@]}" --user 1000680000:0 -v "$vol:/opt/app-root/src"; then
    ok "$setup: start as a random UID in group 0 on the same home"
  else not_ok "$setup: start as a random UID in group 0 on the same home"; return; fi
  terminal_checks "$port" "$setup uid 1000680000" "$want"
  home_checks "$port" "$setup uid 1000680000"
  bed_stop "$name"

  port=$(bed_free_port)
  if bed_run "$name" "$image" "$port" "${bed_pod[@]}" --read-only --read-only-tmpfs=false \
    -v "$vol:/opt/app-root/src"; then
    ok "$setup: start with a read-only root and no /tmp"
  else not_ok "$setup: start with a read-only root and no /tmp"; return; fi
  terminal_checks "$port" "$setup read-only" "$want"
  [ "$setup" != irsa ] || oc_exec_checks "$name"
  bed_stop "$name"
}

# `oc exec` / `oc rsh` into an IRSA workbench (here podman exec): not a child of the entrypoint, so
# it starts from the pod's environment, the webhook's variables included.
oc_exec_checks() {
  local name=$1 out
  out=$(podman exec "$name" bash -lc "aws sts get-caller-identity --endpoint-url $bed_sts --output text --query Arn" 2>&1) || true
  if [[ $out == *"$target_session"* ]]; then ok "irsa oc exec: a login shell (bash -l) gets the Target session"
  else not_ok "irsa oc exec: a login shell (bash -l) gets the Target session" "$out"; fi
  out=$(podman exec "$name" sh -ic "aws sts get-caller-identity --endpoint-url $bed_sts --output text --query Arn" 2>&1) || true
  if [[ $out == *"$target_session"* ]]; then ok "irsa oc exec: an interactive sh (oc rsh) gets the Target session"
  else not_ok "irsa oc exec: an interactive sh (oc rsh) gets the Target session" "$out"; fi
  out=$(podman exec "$name" bash -lc 'oc-role-assume whoami --verify' 2>&1) || true
  if [[ $out == *"$target_session"* ]]; then ok "irsa oc exec: whoami --verify in a login shell"
  else not_ok "irsa oc exec: whoami --verify in a login shell" "$out"; fi
  # No shell at all: the pod's environment as it is. doctor must say what it gets and the fix.
  out=$(podman exec "$name" oc-role-assume doctor 2>&1) && rc=0 || rc=$?
  if [ "$rc" = 1 ] && grep -q '^FAIL  setup .*oc exec' <<<"$out" && grep -q 'profile.d/oc-role-assume.sh' <<<"$out"; then
    ok "irsa oc exec: doctor without a shell says the session gets the Base role, and the fix"
  else not_ok "irsa oc exec: doctor without a shell says the session gets the Base role, and the fix" "$out"; fi
}

run_setup no-patch "$img_nopatch" "no-patch"
lap "no-patch done"
run_setup irsa "$img_generic" "IRSA webhook"
lap "irsa done"
run_setup volume "$img_generic" "volume-based"
lap "volume done"

# --- Container args, as the base image takes them ------------------------------------------------
bed_env no-patch
port=$(bed_free_port)
if bed_run "bed-$bed_id-args" "$img_nopatch" "$port" "${bed_pod[@]}" -- --ServerApp.port=9999; then
  ok "args: the Jupyter image passes container args to start-notebook.sh (which ignores them)"
else not_ok "args: the Jupyter image passes container args to start-notebook.sh"; fi
podman rm -f "bed-$bed_id-args" >/dev/null 2>&1 || true
out=$(podman run --rm "${bed_pod[@]}" "$img_cs" /bin/echo replaced 2>&1) || true
if [ "$out" = replaced ]; then ok "args: the code-server image runs container args instead of its CMD"
else not_ok "args: the code-server image runs container args instead of its CMD" "$out"; fi
port=$(bed_free_port)
if bed_run "bed-$bed_id-cs" "$img_cs" "$port" "${bed_pod[@]}"; then
  ok "code-server: starts run-code-server.sh"
  terminal_checks "$port" "code-server no-patch" "no-patch"
else not_ok "code-server: starts run-code-server.sh"; fi
bed_stop "bed-$bed_id-cs"

lap "done"
echo "container: rootfs $bed_rootfs_s s, whole bed $(($(date +%s) - t0)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
