#include "match/guard.h"

#include "match/birth_date.h"

namespace cp::match {

bool ShowsDifferentPeople(const ComparisonVector& cv) {
  if (cv[Field::kIdentifier] == static_cast<std::uint8_t>(TextLevel::kExact)) return false;
  if (cv[Field::kForename] == static_cast<std::uint8_t>(ForenameLevel::kDisagree)) return true;
  switch (static_cast<BirthDateLevel>(cv[Field::kBirthDate])) {
    case BirthDateLevel::kSameYearMonth:
    case BirthDateLevel::kSameYear:
    case BirthDateLevel::kWithinAYear:
    case BirthDateLevel::kDisagree:
      return true;
    default:
      return false;
  }
}

}  // namespace cp::match
