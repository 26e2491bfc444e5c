#include "match/guard.h"

#include "match/birth_date.h"

namespace cp::match {

bool ShowsDifferentPeople(const ComparisonVector& cv) {
  if (cv[Field::kIdentifier] == static_cast<std::uint8_t>(TextLevel::kExact)) return false;
  if (cv[Field::kForename] == static_cast<std::uint8_t>(ForenameLevel::kDisagree)) return true;
  return cv[Field::kBirthDate] == static_cast<std::uint8_t>(BirthDateLevel::kDisagree);
}

}  // namespace cp::match
