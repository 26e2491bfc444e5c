#pragma once
// The fields that matching compares and the agreement levels of each.
//
// Every comparison of two records yields one level per field. Level 0 always
// means "no evidence" (a value is missing on either side) and weighs
// nothing; level 1 is always exact agreement; the last level is always
// disagreement. The levels in between are partial agreements, best first.

#include <array>
#include <cstdint>
#include <string_view>

namespace cp::match {

enum class Field : std::uint8_t {
  kForename,
  kMiddleName,
  kSurname,
  kBirthDate,
  kGender,
  kPostcode,
  kStreetNumber,
  kAddressLine1,
  kAddressLine2,
  kTown,
  kIdentifier,  // a national identifier such as an NHS number
  kEmail,
  kPhone,
  kSchool,
  kGpPractice,
  kCarerName,
};

inline constexpr int kFieldCount = 16;
inline constexpr int kMaxLevels = 10;  // including level 0

constexpr int Index(Field f) { return static_cast<int>(f); }
constexpr Field FieldAt(int i) { return static_cast<Field>(i); }

// Forename levels (SRCH-2: spelling variants, nicknames, phonetic
// similarity, a forename used in another position).
enum class ForenameLevel : std::uint8_t {
  kMissing,
  kExact,
  kClose,
  kNickname,
  kPhonetic,
  kInitial,
  kOtherName,
  kDisagree
};
enum class MiddleNameLevel : std::uint8_t { kMissing, kExact, kClose, kInitial, kDisagree };
// Surname levels (SRCH-2: changed surnames share a previous or a
// double-barrelled part; names written in the wrong order).
enum class SurnameLevel : std::uint8_t {
  kMissing,
  kExact,
  kClose,
  kPhonetic,
  kSharedPart,
  kOtherName,
  kDisagree
};
enum class GenderLevel : std::uint8_t { kMissing, kAgree, kDisagree };
enum class StreetNumberLevel : std::uint8_t { kMissing, kExact, kDisagree };
// Address lines: kOtherLine when a line matches the other record's other line.
enum class AddressLevel : std::uint8_t {
  kMissing,
  kExact,
  kClose,
  kSimilar,
  kOtherLine,
  kDisagree
};
// Towns, identifiers, e-mail, telephone, school, GP practice.
enum class TextLevel : std::uint8_t { kMissing, kExact, kClose, kDisagree };
// A parent's or carer's full name. Most carry the child's surname, which the
// surname field has already counted: when the names agree and the carer's
// surname is the child's on both records, only the forename is further
// evidence (kExactFamilySurname), and it is weighed as such.
enum class CarerLevel : std::uint8_t { kMissing, kExact, kExactFamilySurname, kClose, kDisagree };

// "forename", "birth_date", …: the names used in explanations and reports.
std::string_view FieldName(Field f);
// Number of levels of `f`, including level 0.
int LevelCount(Field f);
// "exact", "nickname", "day_month_swapped", …; "missing" for level 0.
std::string_view LevelName(Field f, int level);

// One comparison: the level of each field.
struct ComparisonVector {
  std::array<std::uint8_t, kFieldCount> level{};
  std::uint8_t operator[](Field f) const { return level[static_cast<std::size_t>(f)]; }
  std::uint8_t& operator[](Field f) { return level[static_cast<std::size_t>(f)]; }
  friend bool operator==(const ComparisonVector&, const ComparisonVector&) = default;
};

}  // namespace cp::match
