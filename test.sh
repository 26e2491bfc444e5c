#!/usr/bin/env bash
# test.sh — installs what is needed, builds the test configuration (debug,
# AddressSanitizer + UndefinedBehaviorSanitizer) and runs every test through
# ctest, on SQLite and on a throw-away PostgreSQL 15 cluster.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
cmake --preset test >/dev/null
cmake --build --preset test
ctest --preset test -j "$(nproc)" "$@"
