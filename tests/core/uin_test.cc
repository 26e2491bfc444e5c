#include "core/uin.h"

#include <gtest/gtest.h>

#include <set>

namespace cp::core {
namespace {

// REC-1: a UIN's check digit catches any single mistyped digit.
TEST(Uin, CheckDigitCatchesEverySingleMistypedDigit) {
  for (int n = 0; n < 200; ++n) {
    const std::string good = Uin::FromSequence(n * 7919).ToString();
    ASSERT_TRUE(Uin::Parse(good)) << good;
    for (std::size_t pos = 0; pos < good.size(); ++pos) {
      for (char d = '0'; d <= '9'; ++d) {
        if (d == good[pos]) continue;
        std::string bad = good;
        bad[pos] = d;
        EXPECT_FALSE(Uin::Parse(bad)) << good << " -> " << bad;
      }
    }
  }
}

// REC-1: … and any swap of two neighbouring digits.
TEST(Uin, CheckDigitCatchesEverySwapOfNeighbours) {
  for (int n = 0; n < 500; ++n) {
    const std::string good = Uin::FromSequence(n * 104729 + 17).ToString();
    for (std::size_t pos = 0; pos + 1 < good.size(); ++pos) {
      if (good[pos] == good[pos + 1]) continue;
      std::string bad = good;
      std::swap(bad[pos], bad[pos + 1]);
      EXPECT_FALSE(Uin::Parse(bad)) << good << " -> " << bad;
    }
  }
}

TEST(Uin, SequenceGivesDistinctTwelveDigitNumbers) {
  std::set<std::int64_t> seen;
  for (int n = 0; n < 100000; ++n) {
    const Uin u = Uin::FromSequence(n);
    EXPECT_EQ(u.ToString().size(), 12u);
    seen.insert(u.value());
  }
  EXPECT_EQ(seen.size(), 100000u);
}

TEST(Uin, ParsesDisplayFormAndNamesTheFieldOnError) {
  const Uin u = Uin::FromSequence(42);
  auto parsed = Uin::Parse(u.ToDisplay());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, u);
  EXPECT_EQ(u.ToDisplay().size(), 14u);
  auto bad = Uin::Parse("12ab");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "uin");
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace cp::core
