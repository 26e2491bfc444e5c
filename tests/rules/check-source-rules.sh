#!/usr/bin/env bash
# check-source-rules.sh SOURCE_DIR — DESIGN invariants that are rules about
# where code may do something, checked over the source tree:
#   3. Time is an input: no wall-clock read outside platform/ (the Clock)
#      and cli/ (the composition root that makes the SystemClock).
#   4. One SQL dialect: no SQL statement outside store/.
# Each pattern is first shown to catch a planted example, so the check cannot
# pass by matching nothing.
set -euo pipefail
src=$1
sql='"[^"]*\b(SELECT|INSERT INTO|DELETE FROM|CREATE TABLE|UPDATE [a-z_]+ SET)\b'
clock='system_clock::now|std::time\(|time\(nullptr\)|gettimeofday|localtime|gmtime'
failed=0

planted_sql='auto st = conn.Prepare("SELECT id FROM child WHERE uin = $1");'
planted_clock='const auto now = std::chrono::system_clock::now();'
echo "$planted_sql" | grep -qE "$sql" || { echo "not ok - the SQL pattern misses SQL"; exit 1; }
echo "$planted_clock" | grep -qE "$clock" || { echo "not ok - the clock pattern misses a clock read"; exit 1; }

found=$(grep -rEn "$sql" "$src/src" "$src/bench" --include='*.cc' --include='*.h' |
  grep -v "^$src/src/store/" || true)
if [ -n "$found" ]; then
  echo "not ok - SQL outside src/store (DESIGN invariant 4):"
  echo "$found"
  failed=1
else
  echo "ok - SQL only in src/store (DESIGN invariant 4)"
fi

found=$(grep -rEn "$clock" "$src/src" "$src/bench" --include='*.cc' --include='*.h' |
  grep -v "^$src/src/platform/\|^$src/src/cli/" || true)
if [ -n "$found" ]; then
  echo "not ok - wall-clock reads outside the Clock (DESIGN invariant 3):"
  echo "$found"
  failed=1
else
  echo "ok - time only from the Clock (DESIGN invariant 3)"
fi
exit $failed
