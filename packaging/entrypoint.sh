#!/bin/sh
# oc-role-assume-entrypoint: the ENTRYPOINT of the workbench image (packaging/Containerfile).
#
# 1. Seeds the user's AWS config: when ${AWS_CONFIG_FILE:-$HOME/.aws/config} does not exist (a new
#    workbench; $HOME is the workbench's volume, so this happens once), copies
#    /etc/oc-role-assume/aws-config there. Modes follow the platform's convention where the home
#    follows it: when the nearest existing directory above the config is group-writable (a workbench
#    home is 0770, group 0, so that any UID in group 0 can use it), the new directory is 0770 and the
#    file 0660 (group 0, the process's group); otherwise 0700 and 0600. The config holds no secret (the
#    credentials stay in the helper's per-UID cache, 0600). An existing file or symlink,
#    whatever it holds, is never touched, and nothing is written through a symlink: the copy is made
#    in a new directory of unpredictable name (mktemp -d) beside the config, then hard-linked into
#    place (ln), which fails if anything has the name by then; that directory is removed either way.
#    A config directory that is itself a symlink (~/.aws -> elsewhere) is not followed: no seed, a
#    warning. A failure to write it is a warning, never a failed start.
# 2. Starts the workbench's own command, $OC_ROLE_ASSUME_ENTRYPOINT_COMMAND (the base image's, set at
#    build time from --build-arg WORKBENCH_COMMAND; split on blanks, no quoting), treating the
#    container's args as the base image did (OC_ROLE_ASSUME_ENTRYPOINT_ARGS, from --build-arg
#    CONTAINER_ARGS): "append" when the command was the base's ENTRYPOINT (Jupyter's
#    start-notebook.sh: args go after it), "replace" when it was the base's CMD (code-server's
#    run-code-server.sh: args, if any, run instead of it).
# 3. Runs that command under `oc-role-assume exec --server` when the pod exports the IRSA webhook's
#    AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE: botocore, the AWS CLI and the Java SDK would otherwise
#    take the untagged Base role from them before any credential_process. Otherwise it exec's the command
#    directly, and the SDKs run the helper through the AWS config.
#
# OC_ROLE_ASSUME_ENTRYPOINT_SERVER=auto (default) | always | never overrides step 3.
# OC_ROLE_ASSUME_ENTRYPOINT_SEED and OC_ROLE_ASSUME_ENTRYPOINT_BIN move the seed file and the helper
# (tests use them).
set -u

seed=${OC_ROLE_ASSUME_ENTRYPOINT_SEED:-/etc/oc-role-assume/aws-config}
helper=${OC_ROLE_ASSUME_ENTRYPOINT_BIN:-/usr/local/bin/oc-role-assume}

warn() {
  printf 'oc-role-assume-entrypoint: %s\n' "$*" >&2
}

# Whether the nearest existing directory at or above $1 is group-writable.
group_shares() {
  d=$1
  while [ ! -d "$d" ] && [ "$d" != / ] && [ "$d" != . ]; do d=$(dirname -- "$d"); done
  case $(stat -c %A -- "$d" 2>/dev/null) in
    ?????w*) return 0 ;;
  esac
  return 1
}

seed_aws_config() {
  if [ -n "${AWS_CONFIG_FILE:-}" ]; then
    config=$AWS_CONFIG_FILE
  elif [ -n "${HOME:-}" ]; then
    config=$HOME/.aws/config
  else
    warn "no HOME and no AWS_CONFIG_FILE: AWS config not seeded"
    return 0
  fi
  if [ -e "$config" ] || [ -L "$config" ]; then
    return 0
  fi
  if [ ! -r "$seed" ]; then
    warn "$seed is missing: AWS config not seeded"
    return 0
  fi
  dir=$(dirname -- "$config")
  if [ -L "$dir" ]; then
    warn "$dir is a symbolic link, not followed: AWS config not seeded; run 'oc-role-assume configure'"
    return 0
  fi
  # The copy goes into a fresh directory that only we can write to: mktemp -d picks an unpredictable
  # name and creates it with mkdir(2), which fails on anything already there (a planted symlink
  # included) and then tries another name; mode 0700. Nothing else can put a link in it, so the copy
  # is a new file. link(2) (`ln -T`: $config is a name even if a directory appears there) then puts it
  # in place, atomically and only if $config still does not exist: it fails on any entry by that name,
  # file, directory or symlink (dangling or not), and never follows one. `mv` would rename over a
  # config written meanwhile, and `cp` to a fixed name follows a symlink planted there. (Whoever can
  # write to the config's directory itself can replace the config at any time anyway.)
  mask=077
  if group_shares "$dir"; then mask=007; fi
  tmp=$( (umask "$mask" && mkdir -p -- "$dir" &&
    mktemp -d -- "$dir/.config.oc-role-assume.XXXXXXXXXX") 2>/dev/null)
  if [ -n "$tmp" ] && (umask "$mask" && cat -- "$seed" >"$tmp/config") 2>/dev/null &&
    ln -T -- "$tmp/config" "$config" 2>/dev/null; then
    rm -rf -- "$tmp"
    return 0
  fi
  [ -z "$tmp" ] || rm -rf -- "$tmp" 2>/dev/null
  if [ -e "$config" ] || [ -L "$config" ]; then
    return 0 # written by someone else since the check above: theirs stays
  fi
  warn "could not write $config: run 'oc-role-assume configure' in a terminal"
}

seed_aws_config

case ${OC_ROLE_ASSUME_ENTRYPOINT_ARGS:-append} in
  append)
    set -f
    # shellcheck disable=SC2086 # split on purpose: a plain command line recorded at build time
    set -- ${OC_ROLE_ASSUME_ENTRYPOINT_COMMAND:-} "$@"
    set +f
    ;;
  replace)
    if [ "$#" -eq 0 ]; then
      set -f
      # shellcheck disable=SC2086 # as above
      set -- ${OC_ROLE_ASSUME_ENTRYPOINT_COMMAND:-}
      set +f
    fi
    ;;
  *)
    warn "OC_ROLE_ASSUME_ENTRYPOINT_ARGS must be append or replace"
    exit 64
    ;;
esac
if [ "$#" -eq 0 ]; then
  warn "no command: build the image with --build-arg WORKBENCH_COMMAND=... (the base image's start command)"
  exit 64
fi

case ${OC_ROLE_ASSUME_ENTRYPOINT_SERVER:-auto} in
  always) server=1 ;;
  never) server=0 ;;
  auto)
    if [ -n "${AWS_ROLE_ARN:-}" ] && [ -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ]; then
      server=1
    else
      server=0
    fi
    ;;
  *)
    warn "OC_ROLE_ASSUME_ENTRYPOINT_SERVER must be auto, always or never"
    exit 64
    ;;
esac

if [ "$server" -eq 1 ]; then
  exec "$helper" exec --server -- "$@"
fi
exec "$@"
