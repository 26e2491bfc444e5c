#pragma once
// Bounded Damerau-Levenshtein distance (optimal string alignment: insert,
// delete, substitute, swap two adjacent characters; no substring is edited
// twice) between two byte strings.

#include <string_view>

namespace cp::match {

// The distance between `a` and `b` when it is at most `bound`, otherwise
// bound + 1. Work is O(len(a) * (2 * bound + 1)).
int DamerauLevenshtein(std::string_view a, std::string_view b, int bound);

}  // namespace cp::match
