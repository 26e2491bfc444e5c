#pragma once
// Aggregate, non-identifying figures about a database: what `contactpoint
// stats` prints and operators check after a load. No personal data.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/db.h"

namespace cp::store {

struct PopulationStatistics {
  std::int64_t children = 0;
  std::int64_t local_authorities_with_children = 0;
  std::int64_t organisations = 0;
  std::int64_t parents_carers = 0;
  std::int64_t involvements_targeted = 0;
  std::int64_t involvements_sensitive = 0;
  std::int64_t caf_holders = 0;
  std::int64_t lead_professionals = 0;
  std::int64_t looked_after = 0;
  std::int64_t deceased = 0;
  std::int64_t shielded = 0;
  std::int64_t no_educational_setting = 0;
  // Children by year of birth, oldest first.
  std::vector<std::pair<int, std::int64_t>> by_birth_year;
  // The largest local authorities by number of children: (name, count).
  std::vector<std::pair<std::string, std::int64_t>> largest_authorities;
};

Result<PopulationStatistics> ReadStatistics(Connection& conn, int top_authorities = 10);

// The highest child record id (0 when there are none), so that a benchmark
// can draw record ids at random. Reads the primary key only.
Result<std::int64_t> HighestChildId(Connection& conn);

}  // namespace cp::store
