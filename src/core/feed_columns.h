#pragma once
// The columns of the feed format (docs/feeds.md), in the documented order:
// what sources send, what the generator writes and what the import reads.
// There is none for case notes, needs, attainment, attendance or clinical
// observations (REC-11).

#include <string>
#include <vector>

namespace cp::core {

const std::vector<std::string>& FeedColumnNames();

}  // namespace cp::core
