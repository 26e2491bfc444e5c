#!/usr/bin/env bash
# run.sh — installs what is needed, builds the release configuration,
# creates the embedded demo database under var/ (once) and runs the service.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec scripts/demo.sh "$@"
