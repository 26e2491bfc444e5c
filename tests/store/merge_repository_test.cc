// Merges and the review queue's decisions in the store (FEED-6, migration
// 0010), on both engines: every change is compare-and-set, and the schema
// itself refuses a merged record that is live, a second standing merge of
// one record and a guarded merge without verification.

#include "store/merge_repository.h"

#include <gtest/gtest.h>

#include "store/child_repository.h"
#include "store/contribution_repository.h"
#include "store/reference_repository.h"
#include "store/review_repository.h"
#include "store/source_repository.h"
#include "support/sample_child.h"
#include "support/test_db.h"

namespace cp::store {
namespace {

using cp::testing::SampleChild;
using cp::testing::TestDatabase;

class MergeRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = tdb_.Conn();
    ASSERT_TRUE(ReferenceRepository(*conn).SeedLocalAuthorities());
    ASSERT_TRUE(
        store::Run(*conn,
                   "INSERT INTO user_account (username, username_fold, display_name, role, "
                   "la_code, status, status_changed_at, password_hash, password_set_at, "
                   "totp_secret, crb_issued_on, crb_evidence, accredited_training_on, "
                   "other_training_on, need_for_access, created_at) VALUES ('admin', 'admin', "
                   "'Admin', 'la_data_administrator', 'E08000035', 'active', 0, 'x', 0, 'x', 0, "
                   "'x', 0, 0, 'x', 0)"));
    auto user = conn->Prepare("SELECT id FROM user_account");
    ASSERT_TRUE(user);
    ASSERT_TRUE(*(*user)->Step());
    user_ = (*user)->Int(0);
    for (int n : {1, 2}) {
      core::Child c = SampleChild(n);
      auto id = ChildRepository(*conn).Insert(c);
      ASSERT_TRUE(id) << id.error().message;
      (n == 1 ? kept_ : merged_) = *id;
    }
  }
  MergeRow Row(MergeGuard guard = MergeGuard::kNone, std::string verification = "") const {
    MergeRow m;
    m.kept_id = kept_;
    m.merged_id = merged_;
    m.la_code = "E08000035";
    m.merged_at = 1000;
    m.merged_by = user_;
    m.guard = guard;
    m.verification = std::move(verification);
    return m;
  }

  TestDatabase tdb_;
  core::UserId user_ = 0;
  core::ChildId kept_ = 0, merged_ = 0;
};

TEST_F(MergeRepositoryTest, RetireAndRestoreAreCompareAndSet) {
  auto conn = tdb_.Conn();
  MergeRepository merges(*conn);
  EXPECT_TRUE(*merges.Retire(merged_, kept_, 10));
  EXPECT_FALSE(*merges.Retire(merged_, kept_, 11));  // no longer live
  auto gone = ChildRepository(*conn).GetCore(merged_);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->archive_state, core::ArchiveState::kSoft);
  EXPECT_EQ(*merges.MergedInto(merged_), kept_);
  EXPECT_FALSE(*merges.Restore(merged_, merged_, 12));  // not merged into itself
  EXPECT_TRUE(*merges.Restore(merged_, kept_, 12));
  EXPECT_FALSE(*merges.Restore(merged_, kept_, 13));
  EXPECT_EQ(ChildRepository(*conn).GetCore(merged_)->archive_state, core::ArchiveState::kLive);
  EXPECT_EQ(*merges.MergedInto(merged_), std::nullopt);
}

// The store refuses what no service may do: a record merged into another
// that is live again, or merged into itself.
TEST_F(MergeRepositoryTest, AMergedRecordIsNeverLive) {
  auto conn = tdb_.Conn();
  ASSERT_TRUE(*MergeRepository(*conn).Retire(merged_, kept_, 10));
  EXPECT_FALSE(store::Run(*conn, "UPDATE child SET archive_state = 'live' WHERE id = $1", merged_));
  EXPECT_FALSE(store::Run(*conn, "UPDATE child SET merged_into = id WHERE id = $1", merged_));
  EXPECT_FALSE(
      store::Run(*conn, "UPDATE child SET merged_into = $2 WHERE id = $1", kept_, merged_));
}

TEST_F(MergeRepositoryTest, OneStandingMergeOfARecordUndoneOnce) {
  auto conn = tdb_.Conn();
  MergeRepository merges(*conn);
  auto first = merges.Insert(Row(), "{}");
  ASSERT_TRUE(first) << first.error().message;
  auto second = merges.Insert(Row(), "{}");
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_EQ(*merges.KeptBefore(*first), "{}");
  EXPECT_TRUE(*merges.MarkUndone(*first, user_, 20));
  EXPECT_FALSE(*merges.MarkUndone(*first, user_, 21));
  EXPECT_FALSE(merges.KeptBefore(*first));  // forgotten with the undo
  const MergeRow row = *merges.Get(*first);
  EXPECT_EQ(row.undone_at, 20);
  EXPECT_EQ(row.undone_by, user_);
  auto again = merges.Insert(Row(), "{}");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(*merges.LaterStandingInto(*first, kept_));
  EXPECT_FALSE(*merges.LaterStandingInto(*again, kept_));
}

// G 3.25: a merge against the guard carries its verification.
TEST_F(MergeRepositoryTest, AGuardedMergeCarriesItsVerification) {
  auto conn = tdb_.Conn();
  MergeRepository merges(*conn);
  EXPECT_FALSE(merges.Insert(Row(MergeGuard::kSibling, ""), "{}"));
  auto id = merges.Insert(Row(MergeGuard::kSibling, "Birth certificate seen"), "{}");
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(merges.Get(*id)->guard, MergeGuard::kSibling);
  EXPECT_EQ(merges.Get(*id)->verification, "Birth certificate seen");
}

TEST_F(MergeRepositoryTest, ContributionsMoveAndReturnAsListed) {
  auto conn = tdb_.Conn();
  core::DataSource source;
  source.name = "School census";
  source.body_type = core::SourceBodyType::kSchoolCensus;
  auto source_id = SourceRepository(*conn).Insert(source, std::nullopt);
  ASSERT_TRUE(source_id) << source_id.error().message;
  ContributionRepository contributions(*conn);
  for (const char* record : {"SC-1", "SC-2"}) {
    ContributionRow c;
    c.source_id = *source_id;
    c.source_record_id = record;
    c.child_id = merged_;
    c.fields = "{}";
    ASSERT_TRUE(contributions.Insert(c));
  }
  ContributionRow own;
  own.source_id = *source_id;
  own.source_record_id = "SC-3";
  own.child_id = kept_;
  own.fields = "{}";
  ASSERT_TRUE(contributions.Insert(own));

  MergeRepository merges(*conn);
  const std::int64_t id = *merges.Insert(Row(), "{}");
  EXPECT_EQ(*merges.MoveContributions(id, merged_, kept_), 2);
  EXPECT_EQ(contributions.ForChild(kept_)->size(), 3u);
  EXPECT_TRUE(contributions.ForChild(merged_)->empty());
  EXPECT_EQ(merges.Get(id)->contributions, 2);
  EXPECT_EQ(*merges.ReturnContributions(id, kept_, merged_), 2);  // only those it moved
  EXPECT_EQ(contributions.ForChild(kept_)->size(), 1u);
  EXPECT_EQ(contributions.ForChild(merged_)->size(), 2u);
}

TEST_F(MergeRepositoryTest, AReviewIsDecidedOnceAndNamesItsRecord) {
  auto conn = tdb_.Conn();
  core::DataSource source;
  source.name = "GP registrations";
  source.body_type = core::SourceBodyType::kGpRegistrations;
  auto source_id = SourceRepository(*conn).Insert(source, std::nullopt);
  ASSERT_TRUE(source_id) << source_id.error().message;
  ContributionRow row;
  row.source_id = *source_id;
  row.source_record_id = "GP-4";
  row.state = ContributionState::kReview;
  row.fields = R"({"forenames":"Oliver"})";
  ContributionRepository contributions(*conn);
  auto contribution = contributions.Insert(row);
  ASSERT_TRUE(contribution) << contribution.error().message;
  ASSERT_TRUE(contributions.AddReview(*contribution, "E08000035", "[]", 7));
  ReviewRepository reviews(*conn);
  auto open = reviews.ListOpen(std::string("E08000035"), 10);
  ASSERT_TRUE(open) << open.error().message;
  ASSERT_EQ(open->size(), 1u);
  EXPECT_TRUE(reviews.ListOpen(std::string("E08000032"), 10)->empty());
  const std::int64_t id = open->front().id;
  EXPECT_EQ(open->front().source_name, "GP registrations");
  EXPECT_EQ(open->front().fields, row.fields);

  // The schema refuses a decision that names no record.
  EXPECT_FALSE(store::Run(
      *conn, "UPDATE match_review SET decision = 'linked', decided_at = 1 WHERE id = $1", id));
  EXPECT_TRUE(*reviews.LinkContribution(*contribution, kept_));
  EXPECT_FALSE(*reviews.LinkContribution(*contribution, merged_));  // no longer in review
  EXPECT_TRUE(*reviews.Decide(id, ReviewOutcome::kLinked, kept_, user_, 8));
  EXPECT_FALSE(*reviews.Decide(id, ReviewOutcome::kCreated, merged_, user_, 9));
  const MatchReviewRow decided = *reviews.Get(id);
  EXPECT_EQ(decided.decision, ReviewOutcome::kLinked);
  EXPECT_EQ(decided.decided_child, kept_);
  EXPECT_TRUE(reviews.ListOpen(std::nullopt, 10)->empty());
  EXPECT_EQ(contributions.ForChild(kept_)->size(), 1u);
}

TEST_F(MergeRepositoryTest, DistinctPairsAreUnorderedAndRecordedOnce) {
  auto conn = tdb_.Conn();
  ReviewRepository reviews(*conn);
  EXPECT_FALSE(*reviews.AreDistinct(kept_, merged_));
  ASSERT_TRUE(reviews.AddDistinct(merged_, kept_, std::nullopt, user_, 5));
  ASSERT_TRUE(reviews.AddDistinct(kept_, merged_, std::nullopt, user_, 6));
  EXPECT_TRUE(*reviews.AreDistinct(kept_, merged_));
  EXPECT_TRUE(*reviews.AreDistinct(merged_, kept_));
}

}  // namespace
}  // namespace cp::store
