// Postcode agreement by the levels of the UK postcode hierarchy.

#include "match/postcode.h"

#include <gtest/gtest.h>

namespace cp::match {
namespace {

TEST(Postcode, FoldsAndRecognisesUkShape) {
  EXPECT_EQ(FoldPostcode(" sw1a 1aa"), "SW1A1AA");
  EXPECT_TRUE(IsUkPostcode("SW1A1AA"));
  EXPECT_TRUE(IsUkPostcode("M11AE"));
  EXPECT_TRUE(IsUkPostcode("B338TH"));
  EXPECT_TRUE(IsUkPostcode("CR26XH"));
  EXPECT_TRUE(IsUkPostcode("DN551PT"));
  EXPECT_FALSE(IsUkPostcode("2615"));
  EXPECT_FALSE(IsUkPostcode("1AA"));
  EXPECT_FALSE(IsUkPostcode("SW1A1A1"));
  EXPECT_EQ(PostcodeDistrict("SW1A1AA"), "SW1A");
  EXPECT_EQ(PostcodeDistrict("2615"), "261");
}

struct Case {
  const char* a;
  const char* b;
  PostcodeLevel level;
};

TEST(Postcode, ComparesAtEachLevel) {
  const Case cases[] = {
      {"SW1A 1AA", "sw1a1aa", PostcodeLevel::kExact},
      {"SW1A 1AA", "SW1A 1BB", PostcodeLevel::kSector},
      {"SW1A 1AA", "SW1A 2AA", PostcodeLevel::kTypo},
      {"SW1A 1AA", "SW1A 2BD", PostcodeLevel::kDistrict},
      {"SW1A 1AA", "SW2 5QT", PostcodeLevel::kArea},
      {"SW1A 1AA", "M1 1AE", PostcodeLevel::kDisagree},
      {"2615", "2615", PostcodeLevel::kExact},
      {"2615", "2651", PostcodeLevel::kTypo},
      {"2615", "3999", PostcodeLevel::kDisagree},
      {"", "2615", PostcodeLevel::kMissing},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ComparePostcodes(FoldPostcode(c.a), FoldPostcode(c.b)), c.level)
        << c.a << " / " << c.b;
  }
}

}  // namespace
}  // namespace cp::match
