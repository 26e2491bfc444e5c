#pragma once
// The match weight of a comparison: the sum of its fields' weights, with
// the term-frequency adjustment on exact agreements.
//
// The parts of an address (postcode, street number, address lines, town)
// are not independent: a child who moves disagrees on all of them at once,
// which is one piece of evidence, not five. So among these fields the
// disagreements count once, at the strongest of them; agreements all count.

#include "match/fields.h"
#include "match/model.h"
#include "match/term_frequencies.h"

namespace cp::match {

// True for postcode, street number, address lines and town.
constexpr bool IsAddressField(Field f) {
  return f == Field::kPostcode || f == Field::kStreetNumber || f == Field::kAddressLine1 ||
         f == Field::kAddressLine2 || f == Field::kTown;
}

// Bits of evidence, without the prior. `tf` is the adjustment of one of the
// two records (they share the value wherever a level is exact).
inline double MatchWeight(const MatchModel& model, const ComparisonVector& cv,
                          const TfAdjustments& tf) {
  double w = 0;
  double address_against = 0;  // the strongest evidence against among the address fields
  for (int i = 0; i < kFieldCount; ++i) {
    const int level = cv.level[static_cast<std::size_t>(i)];
    if (level == 0) continue;
    const Field f = FieldAt(i);
    double field = model.weight(f, level);
    if (level == 1) field += tf[static_cast<std::size_t>(i)];
    if (IsAddressField(f) && field < 0) {
      address_against = field < address_against ? field : address_against;
    } else {
      w += field;
    }
  }
  return w + address_against;
}

}  // namespace cp::match
