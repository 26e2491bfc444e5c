#!/usr/bin/env bash
# run-browser-tests.sh CLI SOURCE_DIR ASSETS_DIR OUT_DIR — end-to-end tests in
# headless Chromium: a small generated database with the demo users, the
# real service on a free loopback port, and tests/browser/smoke.mjs driving it;
# a second instance on the same database, configured with short sessions
# (one minute idle, the warning after ten seconds), for the time-out tests.
# Finally the service must stop cleanly on SIGTERM.
# Screenshots are kept in OUT_DIR/screenshots.
set -euo pipefail
cli=$1
src=$2
assets=$3
out=$4
rm -rf "$out"
mkdir -p "$out/screenshots"
db="sqlite:$out/browser.db"
"$cli" generate --db "$db" --children 3000 --seed 11 --la E08000035 >/dev/null 2>&1
"$cli" demo-users --db "$db" --keys "$out/keys" >/dev/null
read -r surname dob < <(sqlite3 -separator ' ' "$out/browser.db" \
  "SELECT surname, date(date_of_birth * 86400, 'unixepoch') FROM child WHERE shielded = 0 AND instr(surname, ' ') = 0 ORDER BY id LIMIT 1")
# A second child, for the shielding tests: its id, surname, date of birth and postcode.
IFS='|' read -r shield_id shield_surname shield_dob shield_postcode < <(sqlite3 "$out/browser.db" \
  "SELECT id, surname, date(date_of_birth * 86400, 'unixepoch'), postcode FROM child WHERE shielded = 0 AND instr(surname, ' ') = 0 AND postcode <> '' ORDER BY id DESC LIMIT 1")
# A child with a sensitive involvement, for the brokering test.
sensitive_id=$(sqlite3 "$out/browser.db" "SELECT c.id FROM child c JOIN involvement i ON i.child_id = c.id WHERE i.category = 'sensitive' AND c.shielded = 0 ORDER BY c.id LIMIT 1")
# A Leeds source, accredited with an active agreement, and its file for the
# data administrator's upload: two new children and a row without a surname.
for step in "source add Leeds-school-census --type school_census --la E08000035 --reliability 10" \
            "source accredit 1" "source activate 1"; do
  # shellcheck disable=SC2086
  "$cli" $step --db "$db" --keys "$out/keys" >/dev/null
done
cat >"$out/upload.csv" <<CSV
source_record_id,forenames,surname,date_of_birth,gender,postcode
BR-1,Zebedee,Quillfeather,2016-04-12,male,LS6 2AB
BR-2,Marigold,Quillfeather,2018-09-30,female,LS6 2AB
BR-3,Nobody,,2015-01-01,male,LS6 2AB
CSV
# FEED-6: four children the same census sends again, each under a nickname
# and from a postcode in another part of Leeds. The matching engine can
# neither link such a row (0.95) nor call it a new child (0.01), and its
# sibling guard lets a nickname through: each goes to the review queue. The
# surnames are common ones (a rare surname is evidence enough to link), no
# other child shares the surname and date of birth, and none of the four
# has a sensitive involvement (the brokering test's child).
review_rows=()
new_postcodes=("LS16 5QA" "LS17 6EB" "LS18 4HD" "LS16 6JA")
{
  echo "source_record_id,forenames,surname,date_of_birth,gender,postcode"
  while IFS='|' read -r rid rforenames nickname rsurname rdob gender rpostcode; do
    new_postcode=${new_postcodes[${#review_rows[@]}]}
    review_rows+=("$rid|$rforenames|$nickname|$rsurname|$rdob|$rpostcode|$new_postcode")
    echo "RV-$rid,$nickname,$rsurname,$rdob,$gender,$new_postcode"
  done < <(sqlite3 -separator '|' "$out/browser.db" "
    SELECT c.id, c.forenames,
      CASE c.forenames WHEN 'Oliver' THEN 'Ollie' WHEN 'Charlotte' THEN 'Lottie' WHEN 'Samuel' THEN 'Sam'
        WHEN 'Sophia' THEN 'Sophie' WHEN 'Eleanor' THEN 'Ellie' WHEN 'Isabella' THEN 'Izzy'
        WHEN 'William' THEN 'Will' WHEN 'Thomas' THEN 'Tom' END,
      c.surname, date(c.date_of_birth * 86400, 'unixepoch'),
      CASE c.gender WHEN 1 THEN 'male' ELSE 'female' END, c.postcode
    FROM child c
    WHERE c.id > 1 AND c.shielded = 0 AND instr(c.surname, ' ') = 0 AND c.postcode <> ''
      AND c.forenames IN ('Oliver', 'Charlotte', 'Samuel', 'Sophia', 'Eleanor', 'Isabella', 'William', 'Thomas')
      AND (SELECT count(*) FROM child s WHERE s.surname = c.surname) >= 10
      AND NOT EXISTS (SELECT 1 FROM child o WHERE o.id <> c.id AND o.surname = c.surname
                      AND o.date_of_birth = c.date_of_birth)
      AND NOT EXISTS (SELECT 1 FROM involvement i WHERE i.child_id = c.id AND i.category = 'sensitive')
    ORDER BY c.id LIMIT 4")
} >"$out/review.csv"
if [ "${#review_rows[@]}" -ne 4 ]; then
  echo "not ok - the generated database has no four children for the review queue"
  exit 1
fi
# UPD-1, UPD-2: a child for the users' amendments tests — live, unshielded,
# in Leeds, aged 3 to 15, with an address, no sensitive involvement, the
# only child of its surname and date of birth (nor the day before, the date
# the data administrator applies), and no surname another test searches
# for: its id, forenames, surname, date of birth, that date less a day, and
# postcode. Its details were loaded before any feed, so no source's recent
# word stands against a new Leeds address: that is applied at once.
sql_text() { printf "'%s'" "${1//\'/\'\'}"; }
taken_surnames="$(sql_text "$surname"), $(sql_text "$shield_surname")"
taken_ids="$shield_id, ${sensitive_id:-0}"
for row in "${review_rows[@]}"; do
  IFS='|' read -r taken_id _ _ taken_surname _ <<<"$row"
  taken_surnames+=", $(sql_text "$taken_surname")"
  taken_ids+=", $taken_id"
done
amend_row=$(sqlite3 -separator '|' "$out/browser.db" "
  SELECT c.id, c.forenames, c.surname, date(c.date_of_birth * 86400, 'unixepoch'),
         date((c.date_of_birth - 1) * 86400, 'unixepoch'), c.postcode
  FROM child c
  WHERE c.shielded = 0 AND c.archive_state = 'live' AND c.la_code = 'E08000035'
    AND c.date_of_death IS NULL AND c.looked_after = 0
    AND instr(c.surname, ' ') = 0 AND c.postcode <> '' AND c.address_line1 <> ''
    AND c.date_of_birth BETWEEN unixepoch('now', '-15 years') / 86400 AND unixepoch('now', '-3 years') / 86400
    AND c.id NOT IN ($taken_ids) AND c.surname NOT IN ($taken_surnames)
    AND NOT EXISTS (SELECT 1 FROM child o WHERE o.id <> c.id AND o.surname = c.surname
                    AND o.date_of_birth IN (c.date_of_birth, c.date_of_birth - 1))
    AND NOT EXISTS (SELECT 1 FROM involvement i WHERE i.child_id = c.id AND i.category = 'sensitive')
    AND EXISTS (SELECT 1 FROM parent_carer p WHERE p.child_id = c.id)
    AND EXISTS (SELECT 1 FROM involvement i WHERE i.child_id = c.id AND i.archived = 0)
  ORDER BY c.id LIMIT 1")
if [ -z "$amend_row" ]; then
  echo "not ok - the generated database has no child for the amendment tests"
  exit 1
fi
read -r server url < <("$src/scripts/start-service.sh" "$out/serve.log" "$cli" serve --db "$db" \
  --keys "$out/keys" --port 0 --assets "$assets" --templates "$src/web/templates")
cat >"$out/short-sessions.toml" <<TOML
[sessions]
idle_seconds = 60
warning_seconds = 50
TOML
read -r short_server short_url < <("$src/scripts/start-service.sh" "$out/serve-short.log" "$cli" \
  serve --config "$out/short-sessions.toml" --db "$db" --keys "$out/keys" --port 0 \
  --assets "$assets" --templates "$src/web/templates")
trap 'kill $server $short_server 2>/dev/null || true' EXIT
node "$src/tests/browser/smoke.mjs" "$url" "$cli" "$db" "$out/keys" "$out/screenshots" \
  "$surname" "$dob" "$src/web" "$short_url" "$shield_id|$shield_surname|$shield_dob|$shield_postcode" "$sensitive_id" \
  "$out/upload.csv" "$out/review.csv" "$amend_row" "${review_rows[@]}"
# Graceful shutdown on SIGTERM: the process ends by itself, saying it stopped.
kill -TERM "$short_server"
for _ in $(seq 1 150); do
  kill -0 "$short_server" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$short_server" 2>/dev/null || ! grep -q "Stopped." "$out/serve-short.log"; then
  echo "not ok - the service did not stop cleanly on SIGTERM"
  exit 1
fi
echo "ok - the service stops cleanly on SIGTERM"
