#include "match/term_frequencies.h"

#include <algorithm>
#include <cmath>

namespace cp::match {

bool HasTermFrequency(Field f) {
  switch (f) {
    case Field::kForename:
    case Field::kSurname:
    case Field::kBirthDate:
    case Field::kPostcode:
    case Field::kStreetNumber:
    case Field::kAddressLine1:
    case Field::kAddressLine2:
    case Field::kTown:
      return true;
    default:
      return false;
  }
}

std::uint32_t TermKey(Field f, const MatchRecord& r) {
  switch (f) {
    case Field::kForename:
      return r.forename;
    case Field::kSurname:
      return r.surname;
    case Field::kBirthDate:
      return r.birth_date;
    case Field::kPostcode:
      return r.postcode;
    case Field::kStreetNumber:
      return r.street_number;
    case Field::kAddressLine1:
      return r.address_line1;
    case Field::kAddressLine2:
      return r.address_line2;
    case Field::kTown:
      return r.town;
    default:
      return 0;
  }
}

void TermFrequencies::Change(const MatchRecord& r, int delta) {
  for (int i = 0; i < kFieldCount; ++i) {
    const Field f = FieldAt(i);
    if (!HasTermFrequency(f)) continue;
    const std::uint32_t key = TermKey(f, r);
    if (key == 0) continue;
    if (f == Field::kBirthDate) {
      auto& count = birth_dates_[key];
      count = static_cast<std::uint32_t>(static_cast<int>(count) + delta);
      if (count == 0) birth_dates_.erase(key);
      continue;
    }
    auto& counts = by_text_[static_cast<std::size_t>(i)];
    if (key >= counts.size()) counts.resize(std::max<std::size_t>(key + 1, counts.size() * 3 / 2));
    counts[key] = static_cast<std::uint32_t>(static_cast<int>(counts[key]) + delta);
  }
}

void TermFrequencies::Add(const MatchRecord& r) {
  Change(r, +1);
  ++records_;
}

void TermFrequencies::Remove(const MatchRecord& r) {
  Change(r, -1);
  if (records_ > 0) --records_;
}

std::uint32_t TermFrequencies::Count(Field f, std::uint32_t key) const {
  if (key == 0) return 0;
  if (f == Field::kBirthDate) {
    const auto it = birth_dates_.find(key);
    return it == birth_dates_.end() ? 0 : it->second;
  }
  const auto& counts = by_text_[static_cast<std::size_t>(Index(f))];
  return key < counts.size() ? counts[key] : 0;
}

double TermFrequencies::Adjustment(Field f, std::uint32_t key, double u_exact) const {
  if (key == 0 || records_ == 0 || u_exact <= 0) return 0;
  const double count = Count(f, key);
  const double frequency = (count + 1.0) / (static_cast<double>(records_) + 1.0 / u_exact);
  return std::clamp(std::log2(u_exact / frequency), -kMaxTfBits, kMaxTfBits);
}

float TermFrequencies::AdjustmentFor(const MatchModel& model, Field f, const MatchRecord& r) const {
  if (!HasTermFrequency(f)) return 0.0F;
  return static_cast<float>(Adjustment(f, TermKey(f, r), model.u(f, 1)));
}

TfAdjustments TermFrequencies::AdjustmentsFor(const MatchModel& model, const MatchRecord& r) const {
  TfAdjustments out{};
  for (int i = 0; i < kFieldCount; ++i) {
    out[static_cast<std::size_t>(i)] = AdjustmentFor(model, FieldAt(i), r);
  }
  return out;
}

std::size_t TermFrequencies::MemoryBytes() const {
  std::size_t bytes = birth_dates_.size() * 32 + birth_dates_.bucket_count() * sizeof(void*);
  for (const auto& v : by_text_) bytes += v.capacity() * sizeof(std::uint32_t);
  return bytes;
}

}  // namespace cp::match
