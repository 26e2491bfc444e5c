#pragma once
// The match weight of a comparison: the sum of its fields' weights, with
// the term-frequency adjustment on exact agreements.
//
// The parts of an address (postcode, street number, address lines, town)
// are not independent evidence, so they do not all count:
// - A child who moves disagrees on all of them at once, which is one piece
//   of evidence, not five: among these fields the disagreements count once,
//   at the strongest of them.
// - A postcode that agrees down to its district says which town the child
//   lives in: the town's agreement then adds nothing. Where the postcodes
//   share only their area letters, the town is the finer evidence and the
//   area's agreement adds nothing.
// - Street names and house numbers repeat from town to town ("Church
//   Road", "57"): where the postcodes (or, without postcodes, the towns)
//   show two places, a street line or number that agrees is chance, not
//   evidence. A house number counts only on a street that agrees (or is
//   not given).

#include <array>

#include "match/fields.h"
#include "match/model.h"
#include "match/postcode.h"
#include "match/term_frequencies.h"

namespace cp::match {

// True for postcode, street number, address lines and town.
constexpr bool IsAddressField(Field f) {
  return f == Field::kPostcode || f == Field::kStreetNumber || f == Field::kAddressLine1 ||
         f == Field::kAddressLine2 || f == Field::kTown;
}

// Per field: false when an agreement of `cv` on that field is implied by
// another or shown to be chance (see above), so weighs nothing. Only
// address fields are ever false; a disagreement is never discounted here.
inline std::array<bool, kFieldCount> CountedAgreements(const ComparisonVector& cv) {
  std::array<bool, kFieldCount> counted;
  counted.fill(true);
  auto level = [&cv](Field f) { return cv[f]; };
  auto drop = [&counted](Field f) { counted[static_cast<std::size_t>(Index(f))] = false; };
  const auto postcode = static_cast<PostcodeLevel>(level(Field::kPostcode));
  const bool town_agrees =
      level(Field::kTown) != 0 && level(Field::kTown) != LevelCount(Field::kTown) - 1;
  const bool town_differs = level(Field::kTown) == LevelCount(Field::kTown) - 1;
  const bool postcode_places =
      postcode == PostcodeLevel::kExact || postcode == PostcodeLevel::kSector ||
      postcode == PostcodeLevel::kTypo || postcode == PostcodeLevel::kDistrict;
  if (postcode_places) {
    drop(Field::kTown);
  } else if (postcode == PostcodeLevel::kArea && town_agrees) {
    drop(Field::kPostcode);
  }
  const bool elsewhere = postcode == PostcodeLevel::kArea || postcode == PostcodeLevel::kDisagree ||
                         (postcode == PostcodeLevel::kMissing && town_differs);
  if (elsewhere) {
    drop(Field::kAddressLine1);
    drop(Field::kAddressLine2);
    drop(Field::kStreetNumber);
  }
  if (level(Field::kAddressLine1) == LevelCount(Field::kAddressLine1) - 1) {
    drop(Field::kStreetNumber);
  }
  return counted;
}

// The bits each field of `cv` counts for, given `raw(field_index, level)`,
// the weight of one field's level on its own (a model's weight, or EM's
// current log-ratio): 0 for a missing field, for an agreement
// CountedAgreements drops, and for every address disagreement but the
// strongest (the first of equals). Their sum is the comparison's evidence;
// MatchWeight, Explain and the EM estimation all count through here.
template <class RawWeight>
inline std::array<double, kFieldCount> CountedWeights(const ComparisonVector& cv, RawWeight raw) {
  const auto counted = CountedAgreements(cv);
  std::array<double, kFieldCount> w{};
  int address_against = -1;  // the field of the strongest evidence against among the address
  for (int i = 0; i < kFieldCount; ++i) {
    const auto s = static_cast<std::size_t>(i);
    const int level = cv.level[s];
    if (level == 0) continue;
    const double field = raw(i, level);
    if (field > 0 && !counted[s]) continue;
    if (field < 0 && IsAddressField(FieldAt(i))) {
      if (address_against < 0 || field < w[static_cast<std::size_t>(address_against)]) {
        if (address_against >= 0) w[static_cast<std::size_t>(address_against)] = 0;
        address_against = i;
        w[s] = field;
      }
      continue;
    }
    w[s] = field;
  }
  return w;
}

// The weight of one field's level on its own under `model`, with `tf_bits`
// (the term-frequency adjustment) on exact agreement.
inline double RawFieldWeight(const MatchModel& model, Field f, int level, double tf_bits) {
  return model.weight(f, level) + (level == 1 ? tf_bits : 0.0);
}

// Bits of evidence, without the prior. `tf` is the adjustment of one of the
// two records (they share the value wherever a level is exact).
inline double MatchWeight(const MatchModel& model, const ComparisonVector& cv,
                          const TfAdjustments& tf) {
  const auto w = CountedWeights(cv, [&](int i, int level) {
    return RawFieldWeight(model, FieldAt(i), level, tf[static_cast<std::size_t>(i)]);
  });
  double sum = 0;
  for (double x : w) sum += x;
  return sum;
}

}  // namespace cp::match
