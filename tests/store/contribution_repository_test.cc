// The mismatches noticed for a source's record (UPD-3), on both engines:
// replaced as a set, each item keeping the time it was first noticed.

#include "store/contribution_repository.h"

#include <gtest/gtest.h>

#include "store/source_repository.h"
#include "support/test_db.h"

namespace cp::store {
namespace {

using core::Item;
using cp::testing::TestDatabase;

class ContributionRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = tdb_.Conn();
    core::DataSource source;
    source.name = "School census";
    source.body_type = core::SourceBodyType::kSchoolCensus;
    auto id = SourceRepository(*conn).Insert(source, std::nullopt);
    ASSERT_TRUE(id) << id.error().message;
    source_ = *id;
  }

  // The time `item` of SC-1 was noticed; 0 when it is not noted.
  Timestamp NoticedAt(Item item) {
    auto conn = tdb_.Conn();
    auto st = conn->Prepare(
        "SELECT noticed_at FROM source_mismatch WHERE source_id = $1 AND "
        "source_record_id = 'SC-1' AND item = $2");
    EXPECT_TRUE(st);
    Bind(*st, source_, std::string(core::ItemName(item)));
    auto row = (*st)->Step();
    return row && *row ? (*st)->Int(0) : 0;
  }

  TestDatabase tdb_;
  core::DataSourceId source_ = 0;
};

TEST_F(ContributionRepositoryTest, MismatchesAreReplacedAndKeepWhenFirstNoticed_UPD3) {
  auto conn = tdb_.Conn();
  ContributionRepository contributions(*conn);
  ASSERT_TRUE(contributions.SetMismatches(source_, "SC-1", {Item::kAddress, Item::kGender}, 100));
  ASSERT_TRUE(
      contributions.SetMismatches(source_, "SC-1", {Item::kGender, Item::kGpPractice}, 200));

  auto items = contributions.Mismatches(source_, "SC-1");
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ(NoticedAt(Item::kAddress), 0);       // no longer differs: gone
  EXPECT_EQ(NoticedAt(Item::kGender), 100);      // still differs since 100
  EXPECT_EQ(NoticedAt(Item::kGpPractice), 200);  // newly noticed

  ASSERT_TRUE(contributions.SetMismatches(source_, "SC-1", {}, 300));
  items = contributions.Mismatches(source_, "SC-1");
  ASSERT_TRUE(items);
  EXPECT_TRUE(items->empty());
}

// NEW-1: UINs issued one at a time in a transaction are those reserving one
// per record would give, and the sequence stands after the last once settled.
TEST_F(ContributionRepositoryTest, UinIssuerIssuesWhatReservingOneByOneWould_NEW1) {
  auto conn = tdb_.Conn();
  Transaction tx(*conn, TxMode::kWrite);
  ASSERT_TRUE(tx.Begin());
  auto first = ReserveUinSequence(*conn, 1);
  ASSERT_TRUE(first);
  UinIssuer issuer(*conn);
  for (std::int64_t k = 1; k <= 3; ++k) {
    auto n = issuer.Next();
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, *first + k);
  }
  ASSERT_TRUE(issuer.Settle());
  auto after = ReserveUinSequence(*conn, 1);
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, *first + 4);
  ASSERT_TRUE(tx.Commit());
}

}  // namespace
}  // namespace cp::store
