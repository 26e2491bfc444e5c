// The compact tables behind the search index and the string pool.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "match/id_map.h"
#include "match/jaro_winkler.h"
#include "match/posting_table.h"
#include "match/text_pool.h"

namespace cp::match {
namespace {

TEST(IdMap, BehavesLikeAMapUnderRandomChanges) {
  IdMap map;
  std::map<std::uint64_t, std::uint32_t> reference;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t id = rng() % 3000;
    switch (rng() % 3) {
      case 0:
      case 1: {
        const auto slot = static_cast<std::uint32_t>(rng());
        map.Put(id, slot);
        reference[id] = slot;
        break;
      }
      default:
        EXPECT_EQ(map.Erase(id), reference.erase(id) == 1);
    }
  }
  EXPECT_EQ(map.size(), reference.size());
  for (std::uint64_t id = 0; id < 3000; ++id) {
    const auto found = map.Find(id);
    const auto it = reference.find(id);
    ASSERT_EQ(found.has_value(), it != reference.end()) << id;
    if (found) {
      EXPECT_EQ(*found, it->second);
    }
  }
}

TEST(PostingTable, AddsFindsAndRemoves) {
  PostingTable table;
  for (std::uint32_t slot = 0; slot < 100; ++slot) table.Add(42, slot);
  table.Add(0, 7);  // the zero key is a key like any other
  for (BlockingKey k = 1000; k < 5000; ++k) table.Add(k, static_cast<std::uint32_t>(k));
  EXPECT_EQ(table.Find(42).size(), 100U);
  ASSERT_EQ(table.Find(0).size(), 1U);
  EXPECT_EQ(table.Find(0)[0], 7U);
  EXPECT_EQ(table.Find(4321).size(), 1U);
  EXPECT_TRUE(table.Find(99).empty());
  table.Remove(42, 50);
  table.Remove(42, 50);
  table.Remove(99, 1);
  const auto rest = table.Find(42);
  EXPECT_EQ(rest.size(), 99U);
  EXPECT_EQ(std::count(rest.begin(), rest.end(), 50U), 0);
  EXPECT_GT(table.MemoryBytes(), 0U);
}

TEST(TextPool, InternsOnceWithPhoneticCodes) {
  TextPool pool;
  const TextId smith = pool.Intern("smith", TextKind::kName);
  EXPECT_EQ(pool.Intern("smith", TextKind::kName), smith);
  EXPECT_EQ(pool.Find("smith"), smith);
  EXPECT_EQ(pool.Find("jones"), kNoText);
  EXPECT_EQ(pool.Intern("", TextKind::kName), kNoText);
  EXPECT_EQ(UnpackCode(pool.Entry(smith).metaphone_primary), "SM0");
  EXPECT_EQ(UnpackCode(pool.Entry(smith).metaphone_alternate), "XMT");
  const TextId street = pool.Intern("high street", TextKind::kOther);
  EXPECT_EQ(pool.Entry(street).metaphone_primary, 0U);
  for (int i = 0; i < 5000; ++i)
    pool.Intern(std::string("name").append(std::to_string(i)), TextKind::kOther);
  EXPECT_EQ(pool.Text(smith), "smith");
  EXPECT_EQ(pool.Find("name4999"), pool.Intern("name4999", TextKind::kOther));
  EXPECT_EQ(PackCode("SM0"), PackCode("SM0"));
  EXPECT_EQ(UnpackCode(PackCode("KTRN")), "KTRN");
}

TEST(TextPool, JaroUpperBoundIsAnUpperBound) {
  std::mt19937 rng(1);
  for (int i = 0; i < 2000; ++i) {
    std::string a(1 + rng() % 8, 'a');
    std::string b(1 + rng() % 8, 'a');
    for (char& c : a) c = static_cast<char>('a' + rng() % 6);
    for (char& c : b) c = static_cast<char>('a' + rng() % 6);
    const double bound = JaroUpperBound(a, LetterBits(a), b, LetterBits(b));
    ASSERT_GE(bound + 1e-12, Jaro(a, b)) << a << " / " << b;
  }
}

}  // namespace
}  // namespace cp::match
