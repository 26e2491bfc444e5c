#pragma once
// Case folding for exact comparisons: stored *_fold columns and the values
// compared with them are folded by this one function, so both engines
// compare the same bytes (DESIGN: compare case-folded columns, never ILIKE).

#include <string>
#include <string_view>

namespace cp::core {

// Unicode NFKC case fold, with leading/trailing spaces trimmed and inner
// runs of spaces collapsed. Invalid UTF-8 folds to the ASCII-lowercased
// input with non-ASCII bytes dropped.
std::string FoldForSearch(std::string_view text);

}  // namespace cp::core
