// Blocking keys and candidate pairs: records that could be the same person
// meet under some key, and nothing compares every pair.

#include "match/blocking.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "match/candidates.h"
#include "people.h"

namespace cp::match {
namespace {

using testing_support::Nicknames;
using testing_support::Numbered;
using testing_support::Person;

std::vector<BlockingKey> Keys(const PersonDetails& d, TextPool& pool, RuleMask rules = kAllRules) {
  const MatchRecord r = PrepareRecord(d, pool);
  std::vector<BlockingKey> keys;
  AppendBlockingKeys({&r, &pool}, rules, &keys);
  return keys;
}

bool ShareKey(std::vector<BlockingKey> a, std::vector<BlockingKey> b) {
  std::vector<BlockingKey> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  return !common.empty();
}

TEST(Blocking, KeysCarryTheirRule) {
  TextPool pool(&Nicknames());
  PersonDetails d = Person("Oliver", "Smith", "2014-05-06", "N1 9GU");
  d.identifier = "9434765919";
  const auto keys = Keys(d, pool);
  std::vector<bool> seen(kBlockingRuleCount, false);
  for (BlockingKey k : keys) seen[static_cast<std::size_t>(RuleOfKey(k))] = true;
  for (int r = 0; r < kBlockingRuleCount; ++r) {
    if (static_cast<BlockingRule>(r) == BlockingRule::kContact) continue;  // no e-mail given
    EXPECT_TRUE(seen[static_cast<std::size_t>(r)])
        << BlockingRuleName(static_cast<BlockingRule>(r));
  }
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  const auto only_dob = Keys(d, pool, RuleBit(BlockingRule::kBirthDate));
  ASSERT_EQ(only_dob.size(), 1U);
  EXPECT_EQ(RuleOfKey(only_dob[0]), BlockingRule::kBirthDate);
}

// SRCH-2: the errors matching tolerates still leave a shared key.
TEST(Blocking, VariantsOfOnePersonShareAKey) {
  TextPool pool(&Nicknames());
  const PersonDetails base = Person("Oliver", "Smith", "2014-05-06", "N1 9GU");
  const PersonDetails variants[] = {
      Person("Olly", "Smith", "2014-06-05", "N1 9GU"),    // nickname, day and month swapped
      Person("Oliver", "Smyth", "2014-05-07", ""),        // misspelt surname, wrong day
      Person("Oliver", "Jones", "2014-05-06", "E2 7QT"),  // changed surname, moved
      Person("Smith", "Oliver", "2014-05-06", ""),        // names the wrong way round
      Person("Oliver", "Smith", "2041-05-06", "N1 9GU"),  // year mis-keyed
      Person("Oliver", "", "2014-05-09", ""),             // surname missing, wrong day
  };
  const auto base_keys = Keys(base, pool);
  for (const auto& v : variants) {
    EXPECT_TRUE(ShareKey(base_keys, Keys(v, pool))) << v.forenames << " " << v.surname;
  }
  EXPECT_FALSE(ShareKey(base_keys, Keys(Person("Zainab", "Begum", "2009-11-30", "M1 1AE"), pool)));
}

TEST(Candidates, PairsOnlyRecordsThatShareAKey) {
  TextPool pool(&Nicknames());
  const std::vector<PersonDetails> people = {
      Person("Oliver", "Smith", "2014-05-06", "N1 9GU"),
      Person("Ollie", "Smith", "2014-05-06", "N1 9GU"),
      Person("Zainab", "Begum", "2009-11-30", "M1 1AE"),
      Person("Amelia", "Jones", "2011-02-03", "B1 1AA"),
      Person("Amelia", "Jones", "2011-02-03", "B1 1AA"),
  };
  std::vector<std::vector<BlockingKey>> keys;
  for (const auto& p : people) keys.push_back(Keys(p, pool));
  const auto pairs = GenerateCandidates(keys, keys.size(), {});
  ASSERT_EQ(pairs.size(), 2U);
  EXPECT_EQ(pairs[0].a, 0U);
  EXPECT_EQ(pairs[0].b, 1U);
  EXPECT_NE(pairs[0].rules & RuleBit(BlockingRule::kBirthDate), 0);
  EXPECT_NE(pairs[0].rules & RuleBit(BlockingRule::kPostcode), 0);
  EXPECT_EQ(pairs[1].a, 3U);
  EXPECT_EQ(pairs[1].b, 4U);
}

TEST(Candidates, LinkingTwoFilesPairsOnlyAcross) {
  TextPool pool(&Nicknames());
  std::vector<std::vector<BlockingKey>> keys;
  for (int i = 0; i < 4; ++i) keys.push_back(Keys(Person("Ann", "Lee", "2012-01-01"), pool));
  const auto pairs = GenerateCandidates(keys, 2, {});  // records 0, 1 | 2, 3
  ASSERT_EQ(pairs.size(), 4U);
  for (const auto& p : pairs) {
    EXPECT_LT(p.a, 2U);
    EXPECT_GE(p.b, 2U);
  }
}

TEST(Candidates, OversizedBlocksArePassedOver) {
  TextPool pool(&Nicknames());
  std::vector<std::vector<BlockingKey>> keys;
  // Everyone born on one day, all names different: only the date block,
  // which is too large.
  for (int i = 0; i < 50; ++i) {
    keys.push_back(Keys(Person(Numbered("N", i * 7919), Numbered("S", i * 104729), "2012-01-01"),
                        pool, RuleBit(BlockingRule::kBirthDate)));
  }
  CandidateStats stats;
  CandidateOptions options;
  options.max_block_size = 10;
  EXPECT_TRUE(GenerateCandidates(keys, keys.size(), options, &stats).empty());
  EXPECT_EQ(stats.blocks_skipped, 1U);
  options.max_block_size = 50;
  EXPECT_EQ(GenerateCandidates(keys, keys.size(), options).size(), 50U * 49 / 2);
}

}  // namespace
}  // namespace cp::match
