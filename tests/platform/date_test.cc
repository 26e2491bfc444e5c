#include "platform/date.h"

#include <gtest/gtest.h>

namespace cp {
namespace {

TEST(Date, RejectsImpossibleDates) {
  EXPECT_FALSE(Date::FromYmd(2023, 2, 29));
  EXPECT_TRUE(Date::FromYmd(2024, 2, 29));
  EXPECT_FALSE(Date::FromYmd(2024, 13, 1));
  EXPECT_FALSE(Date::ParseIso("2024-1-01"));
  EXPECT_FALSE(Date::ParseIso("2024-01-32"));
}

TEST(Date, RoundTripsIso) {
  auto d = Date::ParseIso("2008-03-17");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->ToIso(), "2008-03-17");
  EXPECT_EQ(d->year(), 2008);
  EXPECT_EQ(d->month(), 3);
  EXPECT_EQ(d->day(), 17);
  EXPECT_EQ(Date::FromDays(0).ToIso(), "1970-01-01");
  EXPECT_EQ(Date::FromTimestamp(-1).ToIso(), "1969-12-31");
}

TEST(Date, WeekdayMondayIsZero) {
  EXPECT_EQ(Date::ParseIso("2026-11-23")->weekday(), 0);  // a Monday
  EXPECT_EQ(Date::ParseIso("2026-11-29")->weekday(), 6);
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date::ParseIso("2024-08-31")->AddMonths(6).ToIso(), "2025-02-28");
  EXPECT_EQ(Date::ParseIso("2024-01-31")->AddMonths(1).ToIso(), "2024-02-29");
  EXPECT_EQ(Date::ParseIso("2024-03-15")->AddMonths(-3).ToIso(), "2023-12-15");
}

TEST(Date, AgeCountsWholeYears) {
  Date born = *Date::ParseIso("2008-11-24");
  EXPECT_EQ(born.YearsOfAgeOn(*Date::ParseIso("2026-11-23")), 17);
  EXPECT_EQ(born.YearsOfAgeOn(*Date::ParseIso("2026-11-24")), 18);
}

}  // namespace
}  // namespace cp
