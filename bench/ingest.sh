#!/usr/bin/env bash
# bench/ingest.sh [CHILDREN] — the national load through the real import
# path. Builds release if needed, writes the generator's noisy source
# extracts for CHILDREN children (default 1,000,000; kept under var/bench/
# and reused while the generator is unchanged, bench/population_key.sh),
# registers the six sources with their reliability ranks, and imports every
# extract with `contactpoint import` into a fresh SQLite database — the
# school census first, as a national load would begin.
# The result is measured against the generator's ground truth:
#   precision, recall  over all pairs of rows linked to one record
#   false_merges       records holding rows of more than one true child
#   review_queue       rows left for a data administrator
# Last line: {"children":N,"source_rows":…,"rows_per_s":…,"seconds":…,
#             "precision":…,"recall":…,"false_merges":…,"review_queue":…,
#             "peak_rss_mb":…}
#
# CP_INGEST_BIN overrides the program (default build/release/src/cli/
# contactpoint, built with the release preset), to compare two builds;
# CP_INGEST_BATCH the rows a transaction (default 2000).
set -euo pipefail
cd "$(dirname "$0")/.."
children=${1:-1000000}
batch=${CP_INGEST_BATCH:-2000}
seed=7
if [[ -n "${CP_INGEST_BIN:-}" ]]; then
  bin=$CP_INGEST_BIN
else
  cmake --preset release >/dev/null
  cmake --build --preset release --target contactpoint >/dev/null
  bin=$PWD/build/release/src/cli/contactpoint
fi
extracts=$PWD/var/bench/extracts-$children-s$seed-$(bench/population_key.sh)
if [ ! -f "$extracts/ground_truth.csv" ]; then
  mkdir -p "$PWD/var/bench"
  partial=$(mktemp -d "$PWD/var/bench/partial.XXXXXX")
  trap 'rm -rf "$partial"' EXIT
  "$bin" generate --extracts "$partial/x" --children "$children" --seed "$seed" >&2
  mv "$partial/x" "$extracts"
  rm -rf "$partial"
  trap - EXIT
fi
work=$(mktemp -d "$PWD/var/bench/ingest.XXXXXX")
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/ingest.db"
run() { "$bin" "$@" --db "$db" --keys "$work/keys" >/dev/null; }
"$bin" init --db "$db" >/dev/null
# name, body type, reliability rank (1 most reliable)
sources=(school_census:school_census:10 gp_registrations:gp_registrations:20
         health_visiting:health_trust:30 la_social_care:local_authority:30
         youth_offending:youth_offending:40 camhs_and_sensitive_services:health_trust:40)
id=0
for s in "${sources[@]}"; do
  IFS=: read -r name type rank <<<"$s"
  id=$((id + 1))
  run source add "$name" --type "$type" --reliability "$rank"
  run source accredit "$id"
  run source activate "$id"
done
# One run loads every extract in turn, as a national load would: the live
# records are indexed once for them all.
uploads=()
for s in "${sources[@]}"; do
  IFS=: read -r name _ _ <<<"$s"
  uploads+=(--source "$name" "$extracts/$name.csv")
done
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time" "$bin" import "${uploads[@]}" \
  --db "$db" --keys "$work/keys" --batch "$batch" >&2
peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
end=$(date +%s.%N)
python3 - "$children" "$extracts/ground_truth.csv" "$work/ingest.db" "$start" "$end" "$peak" <<'PY'
import collections, csv, json, sqlite3, sys
children, truth_path, db_path, start, end, peak = sys.argv[1:]
truth = {}
for r in csv.DictReader(open(truth_path)):
    truth[(r["source"], r["source_record_id"])] = r["child_id"]
con = sqlite3.connect(db_path)
got = {}
for name, rid, child in con.execute(
        "SELECT s.name, c.source_record_id, c.child_id FROM contribution c "
        "JOIN data_source s ON s.id = c.source_id"):
    got[(name, rid)] = child
def pair_count(groups):
    return sum(len(v) * (len(v) - 1) // 2 for v in groups.values())
by_record = collections.defaultdict(list)
for key, child in got.items():
    if child is not None:
        by_record[child].append(truth[key])
by_truth = collections.defaultdict(list)
for key, child in truth.items():
    by_truth[child].append(key)
predicted = pair_count(by_record)
correct = sum(n * (n - 1) // 2 for rows in by_record.values()
              for n in collections.Counter(rows).values())
actual = pair_count(by_truth)
seconds = float(end) - float(start)
rows = len(truth)
print(json.dumps({
    "children": int(children), "source_rows": rows,
    "rows_per_s": round(rows / seconds, 1), "seconds": round(seconds, 1),
    "precision": round(correct / predicted, 5) if predicted else 1.0,
    "recall": round(correct / actual, 5) if actual else 1.0,
    "false_merges": sum(1 for rows in by_record.values() if len(set(rows)) > 1),
    "review_queue": sum(1 for c in got.values() if c is None),
    "peak_rss_mb": round(int(peak) / 1024, 1)}, separators=(",", ":")))
PY
