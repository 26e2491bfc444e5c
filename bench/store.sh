#!/usr/bin/env bash
# bench/store.sh [N] — loads N synthetic children (default 1,000,000) into a
# fresh SQLite database with the release build and prints, as its last line:
# {"children":N,"seconds":…,"children_per_s":…,"db_bytes":…,"peak_rss_mb":…}
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
bin=build/release/src/cli/contactpoint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/bench.db"
"$bin" init --db "sqlite:$db" >/dev/null
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" "$bin" generate --db "sqlite:$db" --children "$n" --seed 7 >"$work/log" 2>&1 \
  || { cat "$work/log" >&2; exit 1; }
end=$(date +%s.%N)
bytes=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
python3 - "$n" "$start" "$end" "$bytes" "$(cat "$work/rss")" <<'PY'
import json, sys
n, start, end, size, rss_kb = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
secs = end - start
print(json.dumps({"children": n, "seconds": round(secs, 2), "children_per_s": round(n / secs),
                  "db_bytes": size, "peak_rss_mb": round(rss_kb / 1024, 1)}))
PY
