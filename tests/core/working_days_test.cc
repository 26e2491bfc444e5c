#include "core/working_days.h"

#include <gtest/gtest.h>

namespace cp::core {
namespace {

Date D(const char* iso) { return *Date::ParseIso(iso); }

std::vector<std::string> Iso(const std::vector<Date>& days) {
  std::vector<std::string> out;
  for (Date d : days) out.push_back(d.ToIso());
  return out;
}

TEST(WorkingDays, EasterByRule) {
  EXPECT_EQ(EasterSunday(2024).ToIso(), "2024-03-31");
  EXPECT_EQ(EasterSunday(2025).ToIso(), "2025-04-20");
  EXPECT_EQ(EasterSunday(2026).ToIso(), "2026-04-05");
  EXPECT_EQ(EasterSunday(2038).ToIso(), "2038-04-25");
}

// The published England and Wales bank holidays, computed by rule.
TEST(WorkingDays, BankHolidaysMatchThePublishedLists) {
  EXPECT_EQ(Iso(BankHolidays(2026)),
            (std::vector<std::string>{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                      "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"}));
  // Christmas on a Saturday: substitutes on Monday and Tuesday.
  EXPECT_EQ(Iso(BankHolidays(2027)),
            (std::vector<std::string>{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
                                      "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"}));
  // 2022: moved spring holiday, jubilee, state funeral; Christmas on Sunday.
  EXPECT_EQ(Iso(BankHolidays(2022)),
            (std::vector<std::string>{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
                                      "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
                                      "2022-12-26", "2022-12-27"}));
}

// BG-3: an investigation opened on a Friday before a bank holiday Monday is
// due on Tuesday.
TEST(WorkingDays, NextWorkingDaySkipsWeekendsAndBankHolidays) {
  EXPECT_EQ(NextWorkingDay(D("2026-04-02")).ToIso(), "2026-04-07");  // Thu before Easter
  EXPECT_EQ(NextWorkingDay(D("2026-11-27")).ToIso(), "2026-11-30");  // Friday
  EXPECT_EQ(NextWorkingDay(D("2026-11-24")).ToIso(), "2026-11-25");
  EXPECT_EQ(NextWorkingDay(D("2026-12-24")).ToIso(), "2026-12-29");
}

TEST(WorkingDays, AddsTwentyWorkingDays) {  // CMP-1
  EXPECT_EQ(AddWorkingDays(D("2026-12-01"), 20).ToIso(), "2026-12-31");
}

}  // namespace
}  // namespace cp::core
