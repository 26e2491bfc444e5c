#include "core/local_authority.h"

#include <gtest/gtest.h>

#include <set>

namespace cp::core {
namespace {

// REC-12: every record belongs to one of England's upper-tier LAs.
TEST(LocalAuthority, ListsEveryUpperTierAuthorityOfEngland) {
  const auto& all = EnglandLocalAuthorities();
  EXPECT_EQ(all.size(), 153u);
  std::set<std::string_view> codes;
  for (const auto& la : all) {
    EXPECT_EQ(la.code.size(), 9u);
    EXPECT_EQ(la.code[0], 'E');
    codes.insert(la.code);
  }
  EXPECT_EQ(codes.size(), all.size());
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                             [](const auto& a, const auto& b) { return a.code < b.code; }));
}

TEST(LocalAuthority, FindsByOnsCode) {
  ASSERT_NE(FindLocalAuthority("E09000033"), nullptr);
  EXPECT_EQ(FindLocalAuthority("E09000033")->name, "Westminster");
  EXPECT_EQ(FindLocalAuthority("E08000035")->name, "Leeds");
  EXPECT_EQ(FindLocalAuthority("E06000065")->name, "North Yorkshire");
  EXPECT_EQ(FindLocalAuthority("E10000029")->name, "Suffolk");
  EXPECT_EQ(FindLocalAuthority("E10000023"), nullptr);  // abolished 2023
  EXPECT_EQ(FindLocalAuthority("W06000015"), nullptr);  // Cardiff: Wales
}

}  // namespace
}  // namespace cp::core
