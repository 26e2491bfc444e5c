#pragma once
// Jaro and Jaro-Winkler similarity of two byte strings (names already folded
// by FoldText). 1.0 means identical, 0.0 means nothing in common.

#include <string_view>

namespace cp::match {

// Jaro similarity: matching characters within half the longer length, less
// half the transpositions. Two empty strings are identical (1.0); an empty
// and a non-empty string share nothing (0.0).
double Jaro(std::string_view a, std::string_view b);

// Winkler's variant: Jaro plus 0.1 per shared leading character (at most
// four) times the remaining distance, applied when Jaro exceeds 0.7.
double JaroWinkler(std::string_view a, std::string_view b);

}  // namespace cp::match
