#include "core/postcode.h"

#include <gtest/gtest.h>

namespace cp::core {
namespace {

// REC-1: addresses carry a postcode checked against the UK format.
TEST(Postcode, AcceptsEveryUkFormatAndNormalises) {
  for (const char* ok : {"SW1A 1AA", "sw1a1aa", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT",
                         "W1A 0AX", "EC1A 1BB", "LS6 3AB", "GIR 0AA"}) {
    auto pc = Postcode::Parse(ok);
    ASSERT_TRUE(pc) << ok;
  }
  EXPECT_EQ(Postcode::Parse("sw1a1aa")->text(), "SW1A 1AA");
  EXPECT_EQ(Postcode::Parse("  ls6   3ab ")->text(), "LS6 3AB");
}

TEST(Postcode, RejectsWrongFormatsNamingTheField) {
  for (const char* bad :
       {"", "SW1A", "12345", "SW1A 1AAA", "1SW 1AA", "SW1A 1CA", "LS6-3AB", "AAA1 1AA"}) {
    auto pc = Postcode::Parse(bad);
    ASSERT_FALSE(pc) << bad;
    EXPECT_EQ(pc.error().field, "postcode");
  }
}

TEST(Postcode, SplitsIntoAreaDistrictSector) {
  auto pc = *Postcode::Parse("SW1A 1AA");
  EXPECT_EQ(pc.area(), "SW");
  EXPECT_EQ(pc.outward(), "SW1A");
  EXPECT_EQ(pc.sector(), "SW1A 1");
  EXPECT_EQ(pc.inward(), "1AA");
}

// REC-13: postcode areas tell England from Scotland, Wales and elsewhere.
TEST(Postcode, KnowsAreasOutsideEngland) {
  EXPECT_EQ(NationOfArea("EH"), Nation::kScotland);
  EXPECT_EQ(NationOfArea("CF"), Nation::kWales);
  EXPECT_EQ(NationOfArea("BT"), Nation::kNorthernIreland);
  EXPECT_EQ(NationOfArea("LS"), Nation::kEngland);
  EXPECT_EQ(NationOfArea("CH"), Nation::kBorder);
}

}  // namespace
}  // namespace cp::core
