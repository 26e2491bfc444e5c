#include "match/damerau_levenshtein.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace cp::match {
namespace {

// The banded alignment over three caller-provided rows of lb + 1 cells.
// Only cells within `bound` of the diagonal are computed; the cell just left
// of the band is reset each row, and cells right of it still hold the
// initial `over` (the band only moves right), so no row is cleared.
int Banded(std::string_view a, std::string_view b, int bound, int* prev2, int* prev, int* cur) {
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  const int over = bound + 1;
  std::fill(prev2, prev2 + lb + 1, over);
  std::fill(prev, prev + lb + 1, over);
  std::fill(cur, cur + lb + 1, over);
  for (int j = 0; j <= std::min(lb, bound); ++j) prev[j] = j;
  for (int i = 1; i <= la; ++i) {
    const int lo = std::max(1, i - bound);
    const int hi = std::min(lb, i + bound);
    cur[lo - 1] = lo - 1 == 0 && i <= bound ? i : over;
    int row_min = cur[lo - 1];
    const char ai = a[static_cast<std::size_t>(i - 1)];
    for (int j = lo; j <= hi; ++j) {
      const char bj = b[static_cast<std::size_t>(j - 1)];
      int best = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai == bj ? 0 : 1)});
      if (i > 1 && j > 1 && ai == b[static_cast<std::size_t>(j - 2)] &&
          a[static_cast<std::size_t>(i - 2)] == bj) {
        best = std::min(best, prev2[j - 2] + 1);
      }
      cur[j] = std::min(best, over);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > bound) return over;
    // Rotate the rows: prev2 <- prev <- cur <- (old prev2, overwritten next).
    int* spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return std::min(prev[lb], over);
}

// Whether `a` and `b` (different, lengths within one) are one edit apart:
// one character substituted, inserted or deleted, or two neighbours
// swapped. The first difference decides which edit it could be, so no table
// is needed: most pairs compared differ in their first few characters.
bool OneEditApart(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  std::size_t p = 0;
  while (p < b.size() && a[p] == b[p]) ++p;
  if (a.size() != b.size()) return a.substr(p + 1) == b.substr(p);  // one inserted in `a`
  if (a.substr(p + 1) == b.substr(p + 1)) return true;              // one substituted
  return p + 1 < a.size() && a[p] == b[p + 1] && a[p + 1] == b[p] &&
         a.substr(p + 2) == b.substr(p + 2);  // neighbours swapped
}

}  // namespace

int DamerauLevenshtein(std::string_view a, std::string_view b, int bound) {
  if (bound < 0) bound = 0;
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > bound) return bound + 1;
  if (la == 0 || lb == 0) return std::max(la, lb);
  if (a == b) return 0;
  if (bound <= 1) return OneEditApart(a, b) ? 1 : bound + 1;
  constexpr int kStackCells = 64;
  if (lb < kStackCells) {
    std::array<int, kStackCells> r0;
    std::array<int, kStackCells> r1;
    std::array<int, kStackCells> r2;
    return Banded(a, b, bound, r0.data(), r1.data(), r2.data());
  }
  std::vector<int> rows(3 * (static_cast<std::size_t>(lb) + 1));
  const auto stride = static_cast<std::size_t>(lb) + 1;
  return Banded(a, b, bound, rows.data(), rows.data() + stride, rows.data() + 2 * stride);
}

}  // namespace cp::match
