#!/usr/bin/env bash
# bench/search.sh [CHILDREN] [QUERIES] — the search service over a generated
# population. Builds release if needed, generates CHILDREN children (default
# 1,000,000) into an SQLite database, then runs search_throughput: QUERIES
# searches (default 10,000) made from real children with 0–2 corruptions,
# through the audited SearchService as a practitioner on 2 threads.
# The database is kept under var/bench/ (keyed by size, seed and the
# generator's version, bench/population_key.sh) and reused by later runs;
# each run adds its searches to that database's audit trail.
# Last line: {"children":N,"queries":…,"p50_ms":…,"p99_ms":…,"qps":…,
#             "recall_at_10":…,"recall_at_10_answerable":…,"crowded":…,
#             "index_bytes":…,"peak_rss_mb":…, …}
set -euo pipefail
cd "$(dirname "$0")/.."
children=${1:-1000000}
queries=${2:-10000}
seed=7
cmake --preset release >/dev/null
cmake --build --preset release --target contactpoint search_throughput >/dev/null
bin=$PWD/build/release/src/cli/contactpoint
bench=$PWD/build/release/bench/search_throughput
cache=$PWD/var/bench/search-$children-s$seed-$(bench/population_key.sh)
if [ ! -f "$cache/bench.db" ]; then
  # Generated beside the cache and renamed into place whole (with its WAL),
  # so an interrupted run leaves nothing that a later one would reuse.
  mkdir -p "$PWD/var/bench"
  partial=$(mktemp -d "$PWD/var/bench/partial.XXXXXX")
  trap 'rm -rf "$partial"' EXIT
  "$bin" generate --db "sqlite:$partial/bench.db" --children "$children" --seed "$seed" \
    >"$partial/generate.log" 2>&1 || { cat "$partial/generate.log" >&2; exit 1; }
  mv "$partial" "$cache"
  trap - EXIT
fi
# A database kept from an earlier version of the schema is migrated first.
"$bin" init --db "sqlite:$cache/bench.db" >/dev/null
sync  # a fresh database's dirty pages would otherwise slow every audit commit's fsync
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/time -v -o "$work/time" "$bench" "sqlite:$cache/bench.db" "$queries" 2 >"$work/out"
cat "$work/out" >&2
python3 - "$children" "$work/out" "$work/time" <<'PY'
import json, re, sys
figures = json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(sys.argv[3]).read()).group(1))
figures["children"] = int(sys.argv[1])
figures["peak_rss_mb"] = round(rss_kb / 1024, 1)
print(json.dumps(figures, separators=(",", ":")))
PY
