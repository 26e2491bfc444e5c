#pragma once
// Dates of birth as source records hold them: possibly partial (year only,
// year and month), possibly mis-keyed (a month of 13 is kept as written,
// because it is evidence of a typing slip that the comparison can see).

#include <cstdint>
#include <optional>
#include <string_view>

namespace cp::match {

// Eight decimal digits YYYYMMDD packed in one integer; 00 for an unknown
// month or day; 0 when nothing is known.
class BirthDate {
 public:
  constexpr BirthDate() = default;
  static constexpr BirthDate FromPacked(std::uint32_t yyyymmdd) { return BirthDate(yyyymmdd); }
  // Month or day 0 means unknown. nullopt unless 1000 <= year <= 2999 and
  // month, day are two-digit values.
  static std::optional<BirthDate> FromParts(int year, int month, int day);

  // Accepts YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, DD-MM-YYYY,
  // DD.MM.YYYY (day first, as written in England; one-digit day and month
  // allowed), YYYY-MM, MM/YYYY and YYYY. A time after the date ("T00:00:00"
  // or " 00:00") is ignored. nullopt for anything else, including two-digit
  // years.
  static std::optional<BirthDate> Parse(std::string_view text);

  constexpr std::uint32_t packed() const { return packed_; }
  bool known() const { return packed_ != 0; }
  int year() const { return static_cast<int>(packed_ / 10000); }
  int month() const { return static_cast<int>(packed_ / 100 % 100); }
  int day() const { return static_cast<int>(packed_ % 100); }
  // Year, month and day all known.
  bool full() const { return known() && month() != 0 && day() != 0; }

  friend constexpr bool operator==(BirthDate, BirthDate) = default;

 private:
  constexpr explicit BirthDate(std::uint32_t packed) : packed_(packed) {}
  std::uint32_t packed_ = 0;
};

// How two dates of birth agree, best first (SRCH-2: transposed and partial
// dates still count as evidence).
enum class BirthDateLevel : std::uint8_t {
  kMissing = 0,           // either is unknown: no evidence
  kExact = 1,             // same day
  kPartialYearMonth = 2,  // one gives only year and month, and they agree
  kPartialYear = 3,       // one gives only the year, and it agrees
  kDayMonthSwapped = 4,   // 03/04 against 04/03 of the same year
  kOneDigit = 5,          // one digit differs, two adjacent digits swapped, or a day apart
  kSameYearMonth = 6,     // full dates in the same month
  kSameYear = 7,          // full dates in the same year
  kWithinAYear = 8,       // no more than about a year apart
  kDisagree = 9,          // further apart: for children, another child (guard.h)
};

BirthDateLevel CompareBirthDates(BirthDate a, BirthDate b);

}  // namespace cp::match
