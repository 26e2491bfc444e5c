#!/usr/bin/env bash
# bench/linkage.sh DATASET — runs `contactpoint link` (release build) on a
# record-linkage data set with ground truth and prints, as its last line:
# {"dataset":…,"records":…,"candidate_pairs":…,"blocking_recall":…,
#  "precision":…,"recall":…,"f1":…,"bcubed_f1":…,"pairs_per_s":…,"seconds":…}
#
# DATASET: febrl1, febrl2, febrl3 (deduplicate one file), febrl4 (link 4a to
# 4b), fake_1000, generated (the population generator's noisy source
# extracts, deduplicated together). One configuration for all: no option
# below depends on the data set except where its columns are.
#
# CP_LINK_BIN overrides the program (default build/release/src/cli/contactpoint,
# built with the release preset when missing or out of date).
set -euo pipefail
cd "$(dirname "$0")/.."
dataset=${1:?usage: bench/linkage.sh febrl1|febrl2|febrl3|febrl4|fake_1000|generated}
data=${CP_SHARED_DATA_DIR:-../shared/data}/linkage

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -n "${CP_LINK_BIN:-}" ]]; then
  bin=$CP_LINK_BIN
else
  if ! { cmake --preset release && cmake --build --preset release; } >"$work/build.log" 2>&1; then
    tail -n 40 "$work/build.log" >&2
    echo "linkage.sh: the release build failed" >&2
    exit 1
  fi
  bin=build/release/src/cli/contactpoint
fi

febrl_map="first_name=given_name,surname=surname,street_number=street_number,address_1=address_1,address_2=address_2,town=suburb,postcode=postcode,dob=date_of_birth,identifier=soc_sec_id"
args=()
case "$dataset" in
  febrl1|febrl2|febrl3)
    n=${dataset#febrl}
    args=(--input "$data/febrl_dataset$n.csv" --id rec_id --map "$febrl_map")
    truth=febrl
    ;;
  febrl4)
    args=(--input "$data/febrl_dataset4a.csv" --input2 "$data/febrl_dataset4b.csv" --id rec_id
          --map "$febrl_map")
    truth=febrl
    ;;
  fake_1000)
    args=(--input "$data/fake_1000.csv" --id unique_id
          --map "first_name=first_name,surname=surname,dob=dob,town=city,email=email")
    truth="column:$data/fake_1000.csv:unique_id:cluster"
    ;;
  generated)
    if ! "$bin" --help 2>/dev/null | grep -qE '^[[:space:]]+generate[[:space:]]'; then
      echo "linkage.sh: 'contactpoint generate' is not available in this build, so the" \
           "generated data set cannot be made" >&2
      exit 2
    fi
    extracts="$work/extracts"
    "$bin" generate --extracts "$extracts" --children 20000 --seed 1 >"$work/generate.log" 2>&1 \
      || { cat "$work/generate.log" >&2; exit 1; }
    [[ -f "$extracts/ground_truth.csv" ]] \
      || { echo "linkage.sh: $extracts/ground_truth.csv was not written" >&2; exit 1; }
    # The extracts are deduplicated together: one file, ids "source:record id".
    python3 bench/linkage_extracts.py "$extracts" "$work/combined.csv"
    args=(--input "$work/combined.csv" --id record_id)
    truth="ground:$extracts/ground_truth.csv"
    ;;
  *)
    echo "linkage.sh: unknown data set '$dataset'" >&2
    exit 2
    ;;
esac

start=$(date +%s.%N)
"$bin" link "${args[@]}" --out "$work/clusters.csv" --stats-json "$work/stats.json" \
  --candidates-out "$work/candidates.csv" >&2
end=$(date +%s.%N)
seconds=$(python3 -c "print($end - $start)")

python3 bench/linkage_eval.py --dataset "$dataset" --clusters "$work/clusters.csv" \
  --candidates "$work/candidates.csv" --stats "$work/stats.json" --truth "$truth" \
  --seconds "$seconds"
