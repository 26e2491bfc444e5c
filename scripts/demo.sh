#!/usr/bin/env bash
# demo.sh — the main job of ./run.sh: creates the embedded demo database under
# var/ once (a synthetic population), then runs the service on it. Before the
# web service exists it prints the population summary instead.
#
# Environment: CP_DEMO_CHILDREN (default 100000), CP_DEMO_SEED (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/src/cli/contactpoint
db_path=var/contactpoint.db
db="sqlite:$db_path"
children=${CP_DEMO_CHILDREN:-100000}
seed=${CP_DEMO_SEED:-1}

mkdir -p var
if [ ! -f var/.demo-ready ]; then
  rm -f "$db_path" "$db_path-wal" "$db_path-shm"
  "$bin" init --db "$db"
  echo "Generating a demo population of $children children (seed $seed)…"
  "$bin" generate --db "$db" --children "$children" --seed "$seed"
  touch var/.demo-ready
else
  "$bin" init --db "$db" >/dev/null  # migrate an existing demo database
fi

if "$bin" serve --help >/dev/null 2>&1; then
  exec "$bin" serve --config var/demo.toml "$@"
fi
"$bin" stats --db "$db"
