#include "match/birth_date.h"

#include <array>
#include <cstdlib>
#include <string>
#include <vector>

namespace cp::match {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Drops a time of day written after the date.
std::string_view DatePart(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  const auto cut = text.find_first_of("T ");
  if (cut != std::string_view::npos && cut >= 4) text = text.substr(0, cut);
  return text;
}

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::array<char, 8> Digits(std::uint32_t packed) {
  std::array<char, 8> d{};
  for (int i = 7; i >= 0; --i) {
    d[static_cast<std::size_t>(i)] = static_cast<char>('0' + packed % 10);
    packed /= 10;
  }
  return d;
}

// One substitution, or one swap of adjacent digits.
bool OneDigitApart(std::uint32_t a, std::uint32_t b) {
  const auto da = Digits(a);
  const auto db = Digits(b);
  int first = -1;
  int differing = 0;
  for (int i = 0; i < 8; ++i) {
    if (da[static_cast<std::size_t>(i)] != db[static_cast<std::size_t>(i)]) {
      if (first < 0) first = i;
      ++differing;
    }
  }
  if (differing == 1) return true;
  if (differing != 2 || first == 7) return false;
  const auto f = static_cast<std::size_t>(first);
  return da[f] == db[f + 1] && da[f + 1] == db[f] && da[f + 1] != db[f + 1];
}

// Days on a calendar of 31-day months: close enough to tell "within about
// a year" for dates that may not exist (a mis-keyed 31 April).
int MonthDays(BirthDate d) { return (d.year() * 12 + d.month()) * 31 + d.day(); }

// Days since 1970-01-01 of a full date (the proleptic Gregorian calendar).
int CivilDays(BirthDate d) {
  const int m = d.month(), dd = d.day();
  const int y = d.year() - (m <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::optional<BirthDate> BirthDate::FromParts(int year, int month, int day) {
  if (year < 1000 || year > 2999 || month < 0 || month > 99 || day < 0 || day > 99) {
    return std::nullopt;
  }
  if (month == 0 && day != 0) return std::nullopt;
  return BirthDate(static_cast<std::uint32_t>(year * 10000 + month * 100 + day));
}

std::optional<BirthDate> BirthDate::Parse(std::string_view text) {
  text = DatePart(text);
  if (text.empty()) return std::nullopt;
  if (AllDigits(text)) {
    if (text.size() == 8) {
      const int head = ToInt(text.substr(0, 4));
      if (head >= 1000 && head <= 2999) {
        return FromParts(head, ToInt(text.substr(4, 2)), ToInt(text.substr(6, 2)));
      }
      return FromParts(ToInt(text.substr(4, 4)), ToInt(text.substr(2, 2)),
                       ToInt(text.substr(0, 2)));
    }
    if (text.size() == 6) return FromParts(ToInt(text.substr(0, 4)), ToInt(text.substr(4, 2)), 0);
    if (text.size() == 4) return FromParts(ToInt(text), 0, 0);
    return std::nullopt;
  }
  char sep = 0;
  for (char c : {'-', '/', '.'}) {
    if (text.find(c) != std::string_view::npos) sep = c;
  }
  if (sep == 0) return std::nullopt;
  const auto parts = SplitOn(text, sep);
  for (auto p : parts) {
    if (!AllDigits(p) || p.size() > 4) return std::nullopt;
  }
  if (parts.size() == 3) {
    if (parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
      return FromParts(ToInt(parts[0]), ToInt(parts[1]), ToInt(parts[2]));
    }
    if (parts[2].size() == 4 && parts[0].size() <= 2 && parts[1].size() <= 2) {
      return FromParts(ToInt(parts[2]), ToInt(parts[1]), ToInt(parts[0]));
    }
    return std::nullopt;
  }
  if (parts.size() == 2) {
    if (parts[0].size() == 4 && parts[1].size() <= 2) {
      return FromParts(ToInt(parts[0]), ToInt(parts[1]), 0);
    }
    if (parts[1].size() == 4 && parts[0].size() <= 2) {
      return FromParts(ToInt(parts[1]), ToInt(parts[0]), 0);
    }
  }
  return std::nullopt;
}

BirthDateLevel CompareBirthDates(BirthDate a, BirthDate b) {
  if (!a.known() || !b.known()) return BirthDateLevel::kMissing;
  if (a.full() && b.full()) {
    if (a == b) return BirthDateLevel::kExact;
    if (a.year() == b.year() && a.month() == b.day() && a.day() == b.month()) {
      return BirthDateLevel::kDayMonthSwapped;
    }
    if (OneDigitApart(a.packed(), b.packed()) || std::abs(CivilDays(a) - CivilDays(b)) == 1) {
      return BirthDateLevel::kOneDigit;
    }
    if (a.year() == b.year() && a.month() == b.month()) return BirthDateLevel::kSameYearMonth;
    if (a.year() == b.year()) return BirthDateLevel::kSameYear;
    if (std::abs(MonthDays(a) - MonthDays(b)) <= 372) return BirthDateLevel::kWithinAYear;
    return BirthDateLevel::kDisagree;
  }
  // At least one is partial: compare what both know.
  if (std::abs(a.year() - b.year()) == 1) return BirthDateLevel::kWithinAYear;
  if (a.year() != b.year()) return BirthDateLevel::kDisagree;
  if (a.month() == 0 || b.month() == 0) return BirthDateLevel::kPartialYear;
  if (a.month() == b.month()) return BirthDateLevel::kPartialYearMonth;
  // Only a partial side gets here (year and month given, day unknown).
  return BirthDateLevel::kSameYear;
}

}  // namespace cp::match
