// Nicknames and diminutives (SRCH-2: a child searched for as "Alfie" is
// found as "Alfred").

#include "match/nicknames.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

namespace cp::match {
namespace {

const NicknameTable& Loaded() {
  static const NicknameTable* table = [] {
    auto* t = new NicknameTable;
    EXPECT_TRUE(t->LoadCsv(std::string(CP_SHARED_DATA_DIR) + "/names/nicknames.csv"));
    EXPECT_TRUE(t->LoadCsv(std::string(CP_DATA_DIR) + "/names/diminutives_england.csv"));
    return t;
  }();
  return *table;
}

// SRCH-2.
TEST(Nicknames, RelatesDiminutivesCommonInEngland) {
  const NicknameTable& t = Loaded();
  const std::pair<const char*, const char*> pairs[] = {
      {"alfie", "alfred"},      {"ollie", "oliver"},      {"izzy", "isabella"},
      {"izzy", "isabel"},       {"harry", "henry"},       {"jack", "john"},
      {"evie", "eve"},          {"freddie", "frederick"}, {"millie", "amelia"},
      {"charlie", "charlotte"}, {"charlie", "charles"},   {"archie", "archibald"},
      {"theo", "theodore"},     {"maisie", "margaret"},   {"sophie", "sophia"},
      {"ellie", "eleanor"},     {"kate", "catherine"},    {"becky", "rebecca"},
      {"abi", "abigail"},       {"lizzie", "elizabeth"},  {"mo", "mohammed"},
      {"mohammed", "muhammad"}, {"mohamed", "muhammad"},  {"bill", "will"},
      {"jamie", "james"},       {"zach", "zachary"},
  };
  for (const auto& [a, b] : pairs) {
    EXPECT_TRUE(t.AreRelated(a, b)) << a << " / " << b;
    EXPECT_TRUE(t.AreRelated(b, a)) << b << " / " << a;
  }
}

TEST(Nicknames, DoesNotChainThroughASharedNickname) {
  const NicknameTable& t = Loaded();
  EXPECT_TRUE(t.AreRelated("ronnie", "ronald"));
  EXPECT_TRUE(t.AreRelated("ronnie", "veronica"));
  EXPECT_FALSE(t.AreRelated("ronald", "veronica"));
  EXPECT_FALSE(t.AreRelated("oliver", "olivia"));  // both "ollie", still two names
  EXPECT_FALSE(t.AreRelated("john", "john"));
  EXPECT_FALSE(t.AreRelated("zzyzx", "john"));
}

TEST(Nicknames, ListsRelatedNamesForSearch) {
  const auto related = Loaded().RelatedNames("alfie");
  EXPECT_NE(std::find(related.begin(), related.end(), "alfred"), related.end());
  EXPECT_EQ(std::find(related.begin(), related.end(), "alfie"), related.end());
}

TEST(Nicknames, ProjectFileHasAtLeast150Diminutives) {
  std::ifstream in(std::string(CP_DATA_DIR) + "/names/diminutives_england.csv");
  ASSERT_TRUE(in);
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.find(",has_nickname,") != std::string::npos) ++rows;
  }
  EXPECT_GE(rows, 150);
}

TEST(Nicknames, RejectsMissingOrMalformedFiles) {
  NicknameTable t;
  EXPECT_FALSE(t.LoadCsv("/nonexistent/nicknames.csv"));
  const std::string path = testing::TempDir() + "/bad_nicknames.csv";
  std::ofstream(path) << "name1,relationship,name2\nalfred,has_nickname\n";
  const Status s = t.LoadCsv(path);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace cp::match
