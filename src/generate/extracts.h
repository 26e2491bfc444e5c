#pragma once
// Source extracts: what the systems that feed ContactPoint would send about
// the synthetic population, one CSV file per kind of source, each seeing a
// subset of children through its own errors (typos, nicknames, day and month
// swapped, missing fields, an old address, a changed surname) — plus
// ground_truth.csv mapping every row to its true child. The files use the
// feed format of docs/feeds.md, so imports and linkage are measured on them.

#include <cstdint>
#include <string>

#include "generate/population.h"

namespace cp::generate {

struct ExtractSummary {
  std::int64_t children = 0;
  std::int64_t rows = 0;
  int files = 0;
};

// Writes DIR/<source>.csv for each source and DIR/ground_truth.csv
// (source,source_record_id,child_id,uin). Creates DIR.
Result<ExtractSummary> WriteExtracts(const PopulationOptions& options, const std::string& dir);

}  // namespace cp::generate
