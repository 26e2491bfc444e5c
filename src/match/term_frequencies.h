#pragma once
// Term-frequency adjustment: agreeing on a common value ("Smith", the most
// common date of birth in a file, "High Street") is weaker evidence than
// agreeing on a rare one ("Oyelaran"). For the fields that have it, the
// exact-agreement weight log2(m / u) becomes log2(m / f), where f is the
// frequency of the shared value, estimated with smoothing towards the
// field's average u so that small counts do not claim too much:
//
//   f = (count + 1) / (records + 1 / u_exact)
//
// and the adjustment log2(u_exact / f) is kept within ±kMaxTfBits.
//
// Thread safety: const methods may be called concurrently; Add and Remove
// may not run alongside anything else.

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "match/fields.h"
#include "match/match_record.h"
#include "match/model.h"

namespace cp::match {

inline constexpr double kMaxTfBits = 10.0;

// Forename, surname, birth date, postcode, street number, address lines, town.
bool HasTermFrequency(Field f);

// The value of `f` in `r` that frequencies are counted by: a TextId, or the
// packed birth date; 0 when the record has none.
std::uint32_t TermKey(Field f, const MatchRecord& r);

// Per field, bits to add to the exact-agreement weight when a comparison
// with this record agrees exactly on the field (0 for other fields).
using TfAdjustments = std::array<float, kFieldCount>;

class TermFrequencies {
 public:
  void Add(const MatchRecord& r);
  void Remove(const MatchRecord& r);

  std::uint32_t Count(Field f, std::uint32_t key) const;
  std::uint64_t records() const { return records_; }

  // log2(u_exact / f) for the value `key` of `f`, clamped; 0 when nothing
  // has been counted or the key is 0.
  double Adjustment(Field f, std::uint32_t key, double u_exact) const;

  // The adjustment for field `f` of `r` under `model` (0 for a field
  // without term frequencies), as a comparison adds it.
  float AdjustmentFor(const MatchModel& model, Field f, const MatchRecord& r) const;
  // The adjustments for every field of `r` under `model`.
  TfAdjustments AdjustmentsFor(const MatchModel& model, const MatchRecord& r) const;

  std::size_t MemoryBytes() const;

 private:
  void Change(const MatchRecord& r, int delta);

  std::array<std::vector<std::uint32_t>, kFieldCount> by_text_{};
  std::unordered_map<std::uint32_t, std::uint32_t> birth_dates_;
  std::uint64_t records_ = 0;
};

}  // namespace cp::match
