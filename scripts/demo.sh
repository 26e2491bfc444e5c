#!/usr/bin/env bash
# demo.sh — the main job of ./run.sh: creates the embedded demo database under
# var/ once (a synthetic population and one demo user per role), then runs
# the web service on it at http://127.0.0.1:8080/.
#
# Environment: CP_DEMO_CHILDREN (default 100000), CP_DEMO_SEED (default 1),
# CP_PORT (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/src/cli/contactpoint
db_path=var/contactpoint.db
db="sqlite:$db_path"
keys=var/keys
children=${CP_DEMO_CHILDREN:-100000}
seed=${CP_DEMO_SEED:-1}
port=${CP_PORT:-8080}

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
"$bin" stats --db "$db" | head -13
echo
"$bin" demo-users --db "$db" --keys "$keys"
echo
echo "To sign in, open http://127.0.0.1:$port/ and give a demo user name, the"
echo "password above, and the security code printed by:"
echo "  $bin demo-code --db $db --keys $keys demo.practitioner"
echo
exec "$bin" serve --db "$db" --keys "$keys" --port "$port" "$@"
