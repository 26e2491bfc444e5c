// Grouping matched pairs: chains through an ambiguous record must not join
// two children; two-file linkage is one-to-one.

#include "match/clustering.h"

#include <gtest/gtest.h>

#include "match/compare.h"
#include "match/guard.h"
#include "people.h"

namespace cp::match {
namespace {

using testing_support::Nicknames;
using testing_support::Person;

TEST(Clustering, JoinsPairsTransitively) {
  const Clusters c = ClusterPairs(5, {{0, 1, 30}, {1, 2, 25}, {3, 4, 20}}, nullptr);
  EXPECT_EQ(c.count, 2U);
  EXPECT_EQ(c.cluster_of, (std::vector<std::uint32_t>{0, 0, 0, 1, 1}));
  EXPECT_EQ(c.accepted.size(), 3U);
}

// Twins: same surname, date of birth and address; different forenames. A
// record without a forename matches both; it must not make them one child.
TEST(Clustering, GuardStopsAChainBetweenTwins) {
  TextPool pool(&Nicknames());
  std::vector<MatchRecord> r = {
      PrepareRecord(Person("Amelia", "Khan", "2016-07-08", "LS6 2QT"), pool),
      PrepareRecord(Person("Amelia", "Khan", "2016-07-08", "LS6 2QT"), pool),
      PrepareRecord(Person("", "Khan", "2016-07-08", "LS6 2QT"), pool),
      PrepareRecord(Person("Sophia", "Khan", "2016-07-08", "LS6 2QT"), pool),
  };
  const ConflictTest conflict = [&](std::uint32_t x, std::uint32_t y) {
    return ShowsDifferentPeople(CompareRecords({&r[x], &pool}, {&r[y], &pool}));
  };
  EXPECT_TRUE(conflict(0, 3));
  EXPECT_FALSE(conflict(0, 2));
  // Record 2 matches both twins; 0 and 1 are one twin's records.
  const Clusters c = ClusterPairs(4, {{0, 1, 40}, {0, 2, 30}, {2, 3, 29}}, conflict);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[1]);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[2]);
  EXPECT_NE(c.cluster_of[0], c.cluster_of[3]);
  EXPECT_EQ(c.merges_refused, 1U);
  // Without the guard the chain would join them.
  EXPECT_EQ(ClusterPairs(4, {{0, 1, 40}, {0, 2, 30}, {2, 3, 29}}, nullptr).count, 1U);
}

TEST(Clustering, OneOddRecordDoesNotVetoALargeGroup) {
  // Records 0..4 are one group; record 4 conflicts with 5, the others do not.
  const ConflictTest conflict = [](std::uint32_t x, std::uint32_t y) {
    return (x == 4 && y == 5) || (x == 5 && y == 4);
  };
  const Clusters c =
      ClusterPairs(6, {{0, 1, 50}, {0, 2, 50}, {0, 3, 50}, {0, 4, 50}, {0, 5, 20}}, conflict);
  EXPECT_EQ(c.count, 1U);
}

TEST(Guard, DifferentForenamesOrDatesAreDifferentChildren) {
  ComparisonVector cv{};
  cv[Field::kSurname] = static_cast<std::uint8_t>(SurnameLevel::kExact);
  cv[Field::kBirthDate] = static_cast<std::uint8_t>(BirthDateLevel::kExact);
  cv[Field::kForename] = static_cast<std::uint8_t>(ForenameLevel::kDisagree);
  EXPECT_TRUE(ShowsDifferentPeople(cv));
  cv[Field::kIdentifier] = static_cast<std::uint8_t>(TextLevel::kExact);
  EXPECT_FALSE(ShowsDifferentPeople(cv));
  cv[Field::kIdentifier] = 0;
  cv[Field::kForename] = static_cast<std::uint8_t>(ForenameLevel::kNickname);
  EXPECT_FALSE(ShowsDifferentPeople(cv));
  // Born years apart: another child, even with the same names.
  cv[Field::kBirthDate] = static_cast<std::uint8_t>(BirthDateLevel::kDisagree);
  cv[Field::kForename] = static_cast<std::uint8_t>(ForenameLevel::kExact);
  EXPECT_TRUE(ShowsDifferentPeople(cv));
  // Months apart, but not by a slip of one digit or a swap: another child.
  cv[Field::kBirthDate] = static_cast<std::uint8_t>(BirthDateLevel::kWithinAYear);
  EXPECT_TRUE(ShowsDifferentPeople(cv));
  cv[Field::kBirthDate] = static_cast<std::uint8_t>(BirthDateLevel::kDayMonthSwapped);
  EXPECT_FALSE(ShowsDifferentPeople(cv));
  cv[Field::kBirthDate] = static_cast<std::uint8_t>(BirthDateLevel::kOneDigit);
  EXPECT_FALSE(ShowsDifferentPeople(cv));
}

TEST(Clustering, OneToOneTakesTheStrongestPairFirst) {
  // 0 and 1 in the first file, 2 and 3 in the second.
  const Clusters c = AssignOneToOne(4, {{0, 2, 10}, {1, 2, 30}, {0, 3, 8}, {1, 3, 5}});
  EXPECT_EQ(c.cluster_of[1], c.cluster_of[2]);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[3]);
  EXPECT_NE(c.cluster_of[0], c.cluster_of[1]);
  EXPECT_EQ(c.accepted.size(), 2U);
}

}  // namespace
}  // namespace cp::match
