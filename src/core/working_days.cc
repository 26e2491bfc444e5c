#include "core/working_days.h"

#include <algorithm>

namespace cp::core {
namespace {

// Proclaimed one-off bank holidays (and moved ones), by ISO date.
constexpr const char* kProclaimedHolidays[] = {
    "2011-04-29",  // royal wedding
    "2012-06-05",  // diamond jubilee
    "2020-05-08",  // VE day 75: moved early May bank holiday
    "2022-06-03",  // platinum jubilee
    "2022-09-19",  // state funeral
    "2023-05-08",  // coronation
};

// Moved holidays: the rule's date that did not happen that year.
constexpr const char* kCancelledRuleDays[] = {
    "1995-05-01",  // VE day 50: early May holiday moved to 8 May
    "2002-05-27",  // golden jubilee: spring holiday moved to 4 June
    "2012-05-28",  // diamond jubilee: spring holiday moved to 4 June
    "2020-05-04",  // VE day 75
    "2022-05-30",  // platinum jubilee: spring holiday moved to 2 June
};
constexpr const char* kMovedRuleDays[] = {"1995-05-08", "2002-06-04", "2012-06-04", "2022-06-02"};

Date Ymd(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// First `weekday` (0 = Monday) on or after `d`.
Date OnOrAfter(Date d, int weekday) { return d.AddDays((weekday - d.weekday() + 7) % 7); }
// Last `weekday` on or before `d`.
Date OnOrBefore(Date d, int weekday) { return d.AddDays(-((d.weekday() - weekday + 7) % 7)); }

// A fixed holiday at a weekend moves to the next weekday not already taken.
Date Substitute(Date d, const std::vector<Date>& taken) {
  while (d.weekday() >= 5 || std::find(taken.begin(), taken.end(), d) != taken.end()) {
    d = d.AddDays(1);
  }
  return d;
}

}  // namespace

Date EasterSunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Ymd(year, month, day);
}

std::vector<Date> BankHolidays(int year) {
  std::vector<Date> days;
  days.push_back(Substitute(Ymd(year, 1, 1), days));
  const Date easter = EasterSunday(year);
  days.push_back(easter.AddDays(-2));
  days.push_back(easter.AddDays(1));
  if (year >= 1978) days.push_back(OnOrAfter(Ymd(year, 5, 1), 0));  // early May
  days.push_back(OnOrBefore(Ymd(year, 5, 31), 0));                  // spring
  days.push_back(OnOrBefore(Ymd(year, 8, 31), 0));                  // summer
  const Date christmas = Substitute(Ymd(year, 12, 25), days);
  days.push_back(christmas);
  days.push_back(Substitute(Ymd(year, 12, 26), days));
  for (const char* iso : kCancelledRuleDays) {
    const Date d = *Date::ParseIso(iso);
    days.erase(std::remove(days.begin(), days.end(), d), days.end());
  }
  for (const char* iso : kMovedRuleDays) {
    const Date d = *Date::ParseIso(iso);
    if (d.year() == year) days.push_back(d);
  }
  for (const char* iso : kProclaimedHolidays) {
    const Date d = *Date::ParseIso(iso);
    if (d.year() == year && std::find(days.begin(), days.end(), d) == days.end()) {
      days.push_back(d);
    }
  }
  std::sort(days.begin(), days.end());
  return days;
}

bool IsBankHoliday(Date d) {
  const auto days = BankHolidays(d.year());
  return std::find(days.begin(), days.end(), d) != days.end();
}

bool IsWorkingDay(Date d) { return d.weekday() < 5 && !IsBankHoliday(d); }

Date NextWorkingDay(Date d) {
  Date next = d.AddDays(1);
  while (!IsWorkingDay(next)) next = next.AddDays(1);
  return next;
}

Date AddWorkingDays(Date d, int n) {
  for (int i = 0; i < n; ++i) d = NextWorkingDay(d);
  return d;
}

}  // namespace cp::core
