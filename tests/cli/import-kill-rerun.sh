#!/usr/bin/env bash
# import-kill-rerun.sh CONTACTPOINT ENGINE [PG_URL_FILE]
#
# Nothing lost, nothing twice (FEED-3): the generator's extracts are imported
# once without interruption into database A, by one run given every file
# (its uploads in turn, over one index). Into database B the same
# imports are started again and again, each killed with SIGKILL as soon as
# the upload has committed a little further (so each kill lands at another
# point: inside a batch's transaction, between batches, while applying
# shielding flags), then run to completion. A and B must then hold exactly
# the same records, contributions, review queue, mismatches and uploads.
set -euo pipefail
bin=$1
engine=$2
urlfile=${3:-}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [ "$engine" = postgres ]; then
    for n in kill_a kill_b; do psql "$(cat "$urlfile")" -qc "DROP DATABASE IF EXISTS $n" || true; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

db_url() {
  if [ "$engine" = sqlite ]; then
    echo "sqlite:$work/$1.db"
  else
    local base
    base=$(cat "$urlfile")
    psql "$base" -qc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
    echo "${base/\/postgres\?//$1?}"
  fi
}

sql() {  # sql DB_URL QUERY: rows, fields separated by |
  if [ "$engine" = sqlite ]; then
    python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join("" if v is None else str(v) for v in r))' \
      "${1#sqlite:}" "$2"
  else
    psql "$1" -qAtc "$2"
  fi
}

sources=(school_census:school_census:10 gp_registrations:gp_registrations:20 la_social_care:local_authority:30)
setup() {
  "$bin" init --db "$1" >/dev/null
  local id=0
  for s in "${sources[@]}"; do
    IFS=: read -r name type rank <<<"$s"
    id=$((id + 1))
    "$bin" source add "$name" --type "$type" --reliability "$rank" --db "$1" --keys "$work/keys" >/dev/null
    "$bin" source accredit "$id" --db "$1" --keys "$work/keys" >/dev/null
    "$bin" source activate "$id" --db "$1" --keys "$work/keys" >/dev/null
  done
}

import() {  # import DB NAME
  "$bin" import --source "$2" "$work/x/$2.csv" --db "$1" --keys "$work/keys" --batch 20
}

dump() {
  sql "$1" "SELECT s.name, c.source_record_id, c.state, COALESCE(CAST(ch.uin AS TEXT), ''), c.fields
            FROM contribution c JOIN data_source s ON s.id = c.source_id
            LEFT JOIN child ch ON ch.id = c.child_id ORDER BY s.name, c.source_record_id"
  sql "$1" "SELECT uin, la_code, forenames, surname, known_as_surname, gender, date_of_birth,
                   address_line1, postcode, shielded, archive_state, version FROM child ORDER BY uin"
  sql "$1" "SELECT ch.uin, p.forenames, p.surname FROM parent_carer p JOIN child ch ON ch.id = p.child_id
            ORDER BY ch.uin, p.position"
  sql "$1" "SELECT ch.uin, i.service_type, i.organisation FROM involvement i
            JOIN child ch ON ch.id = i.child_id ORDER BY ch.uin, i.service_type, i.organisation"
  # Candidates name records by internal id, which PostgreSQL does not reuse
  # after a rollback: compare them by UIN.
  sql "$1" "SELECT id, uin FROM child" >"$work/ids.txt"
  sql "$1" "SELECT c.source_record_id, r.la_code, r.candidates FROM match_review r
            JOIN contribution c ON c.id = r.contribution_id ORDER BY c.source_record_id" |
    python3 -c 'import json, sys
uin = dict(line.strip().split("|") for line in open(sys.argv[1]) if line.strip())
for line in sys.stdin:
    rid, la, cands = line.rstrip("\n").split("|", 2)
    print(rid, la, [(uin[str(c["child_id"])], round(c["probability"], 9)) for c in json.loads(cands)])' \
      "$work/ids.txt"
  sql "$1" "SELECT source_id, source_record_id, item FROM source_mismatch ORDER BY 1, 2, 3"
  sql "$1" "SELECT source_id, status, rows_done, rows_accepted, rows_rejected, rows_linked,
                   rows_created, rows_review FROM data_upload ORDER BY source_id, id"
  sql "$1" "SELECT ch.uin, r.status FROM shield_request r JOIN child ch ON ch.id = r.child_id
            ORDER BY ch.uin, r.source_code"
  sql "$1" "SELECT next_value FROM uin_sequence"
}

"$bin" generate --extracts "$work/x" --children 2500 --seed 11 >/dev/null

a=$(db_url kill_a)
setup "$a"
uploads=()
for s in "${sources[@]}"; do uploads+=(--source "${s%%:*}" "$work/x/${s%%:*}.csv"); done
"$bin" import "${uploads[@]}" --db "$a" --keys "$work/keys" --batch 20 >/dev/null 2>&1
dump "$a" >"$work/a.txt"

b=$(db_url kill_b)
setup "$b"
mid_batch=0
for s in "${sources[@]}"; do
  name=${s%%:*}
  total=$(($(wc -l <"$work/x/$name.csv") - 1))
  finished=0
  for step in 1 2 3 4; do
    # Wait for the upload to commit past STEP fifths, then kill at once.
    # The program itself in the background (not a subshell), so the kill
    # reaches it.
    "$bin" import --source "$name" "$work/x/$name.csv" --db "$b" --keys "$work/keys" \
      --batch 20 >/dev/null 2>&1 &
    pid=$!
    pids+=("$pid")
    target=$((step * total / 5))
    while kill -0 "$pid" 2>/dev/null; do
      done_rows=$(sql "$b" "SELECT COALESCE(MAX(rows_done), 0) FROM data_upload u
                             JOIN data_source s ON s.id = u.source_id
                             WHERE s.name = '$name' AND u.status = 'processing'" 2>/dev/null || echo 0)
      if [ "${done_rows:-0}" -ge "$target" ]; then
        kill -9 "$pid" 2>/dev/null && mid_batch=$((mid_batch + 1))
        break
      fi
      sleep 0.01
    done
    if wait "$pid" 2>/dev/null; then
      finished=1  # it outran the kill: the upload is complete
      break
    fi
    # Killed, but perhaps only after the upload had completed: importing
    # the file again would then be a second upload, not a resumption.
    completed=$(sql "$b" "SELECT COUNT(*) FROM data_upload u JOIN data_source s ON s.id = u.source_id
                          WHERE s.name = '$name' AND u.status = 'completed'")
    if [ "${completed:-0}" -gt 0 ]; then
      finished=1
      break
    fi
  done
  [ "$finished" = 1 ] || import "$b" "$name" >/dev/null 2>&1
done
dump "$b" >"$work/b.txt"

if ! diff -q "$work/a.txt" "$work/b.txt" >/dev/null; then
  echo "FAIL: the killed and re-run import differs from the uninterrupted one:" >&2
  diff "$work/a.txt" "$work/b.txt" | head -40 >&2
  exit 1
fi
if [ "$mid_batch" -lt 6 ]; then
  echo "FAIL: only $mid_batch imports were killed during an upload: the test proved too little" >&2
  exit 1
fi
rows=$(wc -l <"$work/a.txt")
echo "ok: $mid_batch imports killed mid-upload on $engine; $rows lines of state identical"
