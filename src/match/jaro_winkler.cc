#include "match/jaro_winkler.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace cp::match {
namespace {

double JaroFromCounts(std::size_t matches, std::size_t half_transpositions, std::size_t la,
                      std::size_t lb) {
  if (matches == 0) return 0.0;
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(half_transpositions / 2);
  return (m / static_cast<double>(la) + m / static_cast<double>(lb) + (m - t) / m) / 3.0;
}

// Strings of up to 64 bytes (every name in practice): matched positions are
// bits, and the positions of each byte of `b` are a bit set, so finding the
// first unmatched equal byte in the window is a few bit operations.
double JaroShort(std::string_view a, std::string_view b) {
  const std::size_t la = a.size();
  const std::size_t lb = b.size();
  const std::size_t window = std::max(la, lb) / 2 > 0 ? std::max(la, lb) / 2 - 1 : 0;
  std::array<std::uint64_t, 256> positions;  // only entries for bytes of b are set and read
  for (unsigned char c : a) positions[c] = 0;
  for (unsigned char c : b) positions[c] = 0;
  for (std::size_t j = 0; j < lb; ++j) {
    positions[static_cast<unsigned char>(b[j])] |= std::uint64_t{1} << j;
  }
  // Bits of b within `window` of position i: the window's mask shifted to
  // i (the window is at most 63 bits wide, so the shift fits 128 bits).
  // Each step is free of branches: whether a[i] finds a partner is as
  // unpredictable as the names are.
  const std::uint64_t b_bits = lb == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << lb) - 1;
  const auto window_bits = (static_cast<unsigned __int128>(1) << (2 * window + 1)) - 1;
  std::uint64_t matched_b = 0;
  std::uint64_t matched_a = 0;
  for (std::size_t i = 0; i < la; ++i) {
    const auto span = static_cast<std::uint64_t>((window_bits << i) >> window) & b_bits;
    const std::uint64_t free = positions[static_cast<unsigned char>(a[i])] & span & ~matched_b;
    const std::uint64_t lowest = free & (~free + 1);
    matched_b |= lowest;
    matched_a |= static_cast<std::uint64_t>(lowest != 0) << i;
  }
  const auto matches = static_cast<std::size_t>(std::popcount(matched_a));
  if (matches == 0) return 0.0;
  std::size_t half_transpositions = 0;
  std::uint64_t rest_b = matched_b;
  std::uint64_t rest_a = matched_a;
  while (rest_a != 0) {
    const int i = __builtin_ctzll(rest_a);
    const int j = __builtin_ctzll(rest_b);
    if (a[static_cast<std::size_t>(i)] != b[static_cast<std::size_t>(j)]) ++half_transpositions;
    rest_a &= rest_a - 1;
    rest_b &= rest_b - 1;
  }
  return JaroFromCounts(matches, half_transpositions, la, lb);
}

double JaroLong(std::string_view a, std::string_view b) {
  const std::size_t la = a.size();
  const std::size_t lb = b.size();
  const std::size_t window = std::max(la, lb) / 2 > 0 ? std::max(la, lb) / 2 - 1 : 0;
  std::vector<bool> fa(la, false);
  std::vector<bool> fb(lb, false);
  std::size_t matches = 0;
  for (std::size_t i = 0; i < la; ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(lb, i + window + 1);
    for (std::size_t j = lo; j < hi; ++j) {
      if (!fb[j] && a[i] == b[j]) {
        fa[i] = fb[j] = true;
        ++matches;
        break;
      }
    }
  }
  std::size_t half_transpositions = 0;
  std::size_t k = 0;
  for (std::size_t i = 0; i < la; ++i) {
    if (!fa[i]) continue;
    while (!fb[k]) ++k;
    if (a[i] != b[k]) ++half_transpositions;
    ++k;
  }
  return JaroFromCounts(matches, half_transpositions, la, lb);
}

}  // namespace

double Jaro(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() <= 64 && b.size() <= 64) return JaroShort(a, b);
  return JaroLong(a, b);
}

double JaroWinkler(std::string_view a, std::string_view b) {
  const double jaro = Jaro(a, b);
  if (jaro <= 0.7) return jaro;
  std::size_t prefix = 0;
  const std::size_t limit = std::min<std::size_t>({4, a.size(), b.size()});
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

}  // namespace cp::match
