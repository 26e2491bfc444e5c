#!/usr/bin/env bash
# bench/population_key.sh — prints a short key of what the generator makes
# a population from (its sources and data files), so that a population kept
# under var/bench/ is reused only while the generator is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
cat src/generate/*.h src/generate/*.cc data/names/*.csv data/places/*.csv | sha1sum | cut -c1-8
