#!/usr/bin/env bash
# The code-server stand-in's start command (the image's CMD, as upstream's run-code-server.sh is):
# seeds a .bashrc when the home has none, as upstream does, then execs the server on 8787 (BED_PORT).
if [ ! -f /opt/app-root/src/.bashrc ]; then
  echo 'PS1="[\$(pwd)]\n$ "' >/opt/app-root/src/.bashrc
fi
exec /opt/app-root/bin/code-server --bind-addr "127.0.0.1:${BED_PORT:-8787}" --disable-telemetry "$@"
