#!/usr/bin/env bash
# The Jupyter stand-in's start script, shaped like opendatahub-io/notebooks' start-notebook.sh: it
# ignores its own arguments and builds the server's from NOTEBOOK_PORT, NOTEBOOK_BASE_URL,
# NOTEBOOK_ROOT_DIR and NOTEBOOK_ARGS (what the notebook controller sets), then execs the server.
args=""
if [ -n "${NOTEBOOK_PORT:-}" ]; then args+="--ServerApp.port=${NOTEBOOK_PORT} "; fi
if [ -n "${NOTEBOOK_BASE_URL:-}" ]; then args+="--ServerApp.base_url=${NOTEBOOK_BASE_URL} "; fi
args+="--ServerApp.root_dir=${NOTEBOOK_ROOT_DIR:-$HOME} "
if [ -n "${NOTEBOOK_ARGS:-}" ]; then args+=${NOTEBOOK_ARGS}; fi
# shellcheck disable=SC2086 # split on purpose, as upstream does
exec /opt/app-root/bin/jupyter lab ${args} --ServerApp.ip="" --ServerApp.open_browser=False
