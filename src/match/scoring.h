#pragma once
// The match weight of a comparison: the sum of its fields' weights, with
// the term-frequency adjustment on exact agreements.

#include "match/fields.h"
#include "match/model.h"
#include "match/term_frequencies.h"

namespace cp::match {

// Bits of evidence, without the prior. `tf` is the adjustment of one of the
// two records (they share the value wherever a level is exact).
inline double MatchWeight(const MatchModel& model, const ComparisonVector& cv,
                          const TfAdjustments& tf) {
  double w = 0;
  for (int i = 0; i < kFieldCount; ++i) {
    const int level = cv.level[static_cast<std::size_t>(i)];
    if (level == 0) continue;
    w += model.weight(FieldAt(i), level);
    if (level == 1) w += tf[static_cast<std::size_t>(i)];
  }
  return w;
}

}  // namespace cp::match
