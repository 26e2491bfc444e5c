#include "generate/random.h"

#include <algorithm>

namespace cp::generate {

std::size_t WeightedChoice::Pick(Rng& rng) const {
  const double x = static_cast<double>(rng.Next() >> 11) * 0x1.0p-53 * total_;
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  if (it == cumulative_.end()) return cumulative_.size() - 1;
  return static_cast<std::size_t>(it - cumulative_.begin());
}

}  // namespace cp::generate
