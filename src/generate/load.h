#pragma once
// Loading a synthetic population straight into a database: the demo
// database of ./run.sh and the store benchmark. Generation and writing run
// in parallel (one thread each); writes go in large transactions.

#include <cstdint>
#include <ostream>
#include <string>

#include "generate/population.h"
#include "platform/result.h"

namespace cp::generate {

struct LoadSummary {
  std::int64_t children = 0;
  std::int64_t organisations = 0;
  double seconds = 0;
};

// Migrates the database at `url` if needed, seeds the reference data, and
// stores the population of `options`. Progress lines go to `progress`.
// Refuses a database that already holds children (Conflict).
Result<LoadSummary> LoadIntoDatabase(const std::string& url, const PopulationOptions& options,
                                     std::ostream& progress);

}  // namespace cp::generate
