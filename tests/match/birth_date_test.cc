// Dates of birth: the formats sources write, and the levels of agreement
// (SRCH-2: transposed and partial dates of birth still count).

#include "match/birth_date.h"

#include <gtest/gtest.h>

namespace cp::match {
namespace {

std::uint32_t Packed(const char* text) {
  const auto d = BirthDate::Parse(text);
  return d ? d->packed() : 0;
}

TEST(BirthDate, ParsesTheFormatsSourcesWrite) {
  EXPECT_EQ(Packed("20120304"), 20120304U);
  EXPECT_EQ(Packed("2012-03-04"), 20120304U);
  EXPECT_EQ(Packed("2012/03/04"), 20120304U);
  EXPECT_EQ(Packed("04/03/2012"), 20120304U);  // day first, as in England
  EXPECT_EQ(Packed("4/3/2012"), 20120304U);
  EXPECT_EQ(Packed("04.03.2012"), 20120304U);
  EXPECT_EQ(Packed("04032012"), 20120304U);
  EXPECT_EQ(Packed("2012-03-04T00:00:00"), 20120304U);
  EXPECT_EQ(Packed(" 2012-03-04 00:00 "), 20120304U);
  EXPECT_EQ(Packed("2012-03"), 20120300U);
  EXPECT_EQ(Packed("03/2012"), 20120300U);
  EXPECT_EQ(Packed("2012"), 20120000U);
  // A mis-keyed month is kept: it is evidence of a slip.
  EXPECT_EQ(Packed("19081331"), 19081331U);
}

TEST(BirthDate, RejectsWhatIsNotADate) {
  EXPECT_FALSE(BirthDate::Parse(""));
  EXPECT_FALSE(BirthDate::Parse("unknown"));
  EXPECT_FALSE(BirthDate::Parse("04/03/12"));  // two-digit year: ambiguous
  EXPECT_FALSE(BirthDate::Parse("2012-3-4-5"));
  EXPECT_FALSE(BirthDate::Parse("0999-01-01"));
  EXPECT_FALSE(BirthDate::FromParts(2012, 0, 5));  // a day without a month
}

TEST(BirthDate, KnowsWhatIsPartial) {
  const BirthDate full = *BirthDate::Parse("2012-03-04");
  EXPECT_TRUE(full.full());
  EXPECT_EQ(full.year(), 2012);
  EXPECT_EQ(full.month(), 3);
  EXPECT_EQ(full.day(), 4);
  EXPECT_FALSE(BirthDate::Parse("2012-03")->full());
  EXPECT_FALSE(BirthDate().known());
}

struct LevelCase {
  const char* a;
  const char* b;
  BirthDateLevel level;
};

// SRCH-2: transposed and partial dates of birth.
TEST(BirthDate, ComparesAtEachLevel) {
  const LevelCase cases[] = {
      {"2012-03-04", "2012-03-04", BirthDateLevel::kExact},
      {"2012-03-04", "2012-04-03", BirthDateLevel::kDayMonthSwapped},
      {"2012-03-04", "2012-03-05", BirthDateLevel::kOneDigit},
      {"2012-03-04", "2013-03-04", BirthDateLevel::kOneDigit},
      {"2012-03-14", "2012-03-41", BirthDateLevel::kOneDigit},  // adjacent digits swapped
      {"2014-10-31", "2014-11-01", BirthDateLevel::kOneDigit},  // a day apart, across a month
      {"2012-07-30", "2012-07-29", BirthDateLevel::kOneDigit},
      {"2015-12-31", "2016-01-01", BirthDateLevel::kOneDigit},  // across a year
      {"2016-02-28", "2016-03-01", BirthDateLevel::kSameYear},  // two days (a leap year)
      {"2012-03-04", "2012-03-27", BirthDateLevel::kSameYearMonth},
      {"2012-03-04", "2012-11-27", BirthDateLevel::kSameYear},
      {"2012-03-04", "2013-01-27", BirthDateLevel::kWithinAYear},
      {"2012-03-04", "2009-11-27", BirthDateLevel::kDisagree},
      {"2012-03", "2012-03-04", BirthDateLevel::kPartialYearMonth},
      {"2012-03-04", "2012", BirthDateLevel::kPartialYear},
      {"2012-05", "2012-03-04", BirthDateLevel::kSameYear},
      {"2011", "2012-03-04", BirthDateLevel::kWithinAYear},
      {"2010", "2012-03-04", BirthDateLevel::kDisagree},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CompareBirthDates(*BirthDate::Parse(c.a), *BirthDate::Parse(c.b)), c.level)
        << c.a << " / " << c.b;
    EXPECT_EQ(CompareBirthDates(*BirthDate::Parse(c.b), *BirthDate::Parse(c.a)), c.level)
        << c.b << " / " << c.a;
  }
  EXPECT_EQ(CompareBirthDates(BirthDate(), *BirthDate::Parse("2012")), BirthDateLevel::kMissing);
}

}  // namespace
}  // namespace cp::match
