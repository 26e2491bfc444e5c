#pragma once
// Civil dates (proleptic Gregorian, no time zone) and UTC timestamps.
//
// A Date is a count of days since 1970-01-01, so it stores as one integer in
// either database engine and compares with <. Construct one only through
// Date::FromYmd or Date::ParseIso, which reject impossible dates.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cp {

// Seconds since the Unix epoch, UTC.
using Timestamp = std::int64_t;

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(std::int32_t days) { return Date(days); }
  // nullopt unless year is 1800..2999 and the day exists in that month.
  static std::optional<Date> FromYmd(int year, int month, int day);
  // Accepts exactly "YYYY-MM-DD".
  static std::optional<Date> ParseIso(std::string_view text);
  // The UTC calendar day containing `t`.
  static Date FromTimestamp(Timestamp t);

  constexpr std::int32_t days() const { return days_; }
  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  // 0 = Monday … 6 = Sunday.
  int weekday() const;
  std::string ToIso() const;  // "YYYY-MM-DD"
  // Midnight UTC at the start of this day.
  Timestamp StartTimestamp() const { return static_cast<Timestamp>(days_) * 86400; }

  Date AddDays(int n) const { return Date(days_ + n); }
  // Calendar months; the day is clamped to the end of a shorter month.
  Date AddMonths(int n) const;
  Date AddYears(int n) const { return AddMonths(12 * n); }
  // Whole years of age on `on` (a birthday on 29 February counts on 1 March
  // in common years).
  int YearsOfAgeOn(Date on) const;

  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

}  // namespace cp
