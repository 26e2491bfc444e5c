// G 4.52, FEED-3, FEED-5: a data administrator finds a row in the review
// queue not usable and reports it back to its source, which reads the
// report — and its mismatches (UPD-3) — with its own credential. Nothing of
// the row is kept; the source's corrected record is matched afresh.

#include "services/linkage_fixture.h"
#include "services/review_service.h"
#include "services/source_feedback_service.h"

namespace cp::services {
namespace {

class UnusableRowTest : public LinkageFixture {
 protected:
  UnusableRowTest() : feedback_(*ctx_) {
    ImportOk(census_, kCensusRows);
    oliver_ = *ChildOf(census_, "SC-1");
    auto credential = SourceRegister(*ctx_).IssueCredential(Operator(), gp_.id);
    EXPECT_TRUE(credential);
    gp_credential_ = credential ? *credential : "";
  }

  std::int64_t UncertainRow() {
    const ImportReport r = ImportOk(gp_, kUncertainGpRow);
    EXPECT_EQ(r.review, 1);
    return TheReview();
  }

  SourceFeedbackService feedback_;
  std::string gp_credential_;
  core::ChildId oliver_ = 0;
};

TEST_F(UnusableRowTest, TheRowIsReportedBackWithTheReasonAndNothingOfItIsKept_FEED3) {
  const std::int64_t id = UncertainRow();
  const std::int64_t contributions = Count("contribution");
  const std::int64_t children = Count("child");
  ASSERT_TRUE(reviews_->ReportUnusable(
      admin_, id, "  Date of birth and NHS number belong to different patients  "));

  EXPECT_TRUE(OpenReviews().empty());
  EXPECT_EQ(Count("contribution"), contributions - 1);
  EXPECT_EQ(Count("child"), children);
  EXPECT_EQ(ChildOf(gp_, "GP-4"), std::nullopt);
  const auto entry = Find(ByUser(admin_), "review.unusable", "ok");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->details.find("Date of birth"), std::string::npos);  // ids, never free text

  auto told = feedback_.Read(gp_credential_, 0, 0, Route::kApi);
  ASSERT_TRUE(told) << told.error().message;
  ASSERT_EQ(told->unusable.size(), 1u);
  EXPECT_EQ(told->unusable[0].source_record_id, "GP-4");
  EXPECT_EQ(told->unusable[0].reason, "Date of birth and NHS number belong to different patients");
  EXPECT_EQ(told->unusable[0].reported_by, *admin_.user_id);
  auto later = feedback_.Read(gp_credential_, 0, told->unusable[0].id, Route::kApi);
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->unusable.empty());  // read after the last one seen: nothing new
}

TEST_F(UnusableRowTest, TheSourcesCorrectedRecordIsMatchedAfresh_FEED3) {
  ASSERT_TRUE(reviews_->ReportUnusable(admin_, UncertainRow(), "Surname and address disagree"));
  // The practice corrects the registration and sends the record again.
  const ImportReport r = ImportOk(
      gp_, kFeedHeader +
               "GP-4,Oliver James,Whitfield,2016-04-12,male,12 Mill Lane,Leeds,LS6 2AB,,,B86001,"
               "Mill Lane Surgery,Sarah,Whitfield,0,E08000035\n");
  EXPECT_EQ(r.linked, 1);
  EXPECT_EQ(r.updated, 0);  // not a repeat: nothing of the first row was kept
  EXPECT_EQ(ChildOf(gp_, "GP-4"), oliver_);
}

TEST_F(UnusableRowTest, AReasonIsRequiredAndADecidedRowCannotBeReported_FEED3) {
  const std::int64_t id = UncertainRow();
  auto blank = reviews_->ReportUnusable(admin_, id, "   ");
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(blank.error().field, "reason");
  auto long_reason = reviews_->ReportUnusable(admin_, id, std::string(501, 'x'));
  ASSERT_FALSE(long_reason);
  EXPECT_EQ(long_reason.error().field, "reason");
  EXPECT_EQ(OpenReviews().size(), 1u);  // nothing changed

  auto other_la = reviews_->ReportUnusable(bradford_admin_, id, "Not ours");
  ASSERT_FALSE(other_la);
  EXPECT_EQ(other_la.error().code, ErrorCode::kPermissionDenied);

  ASSERT_TRUE(reviews_->Decide(admin_, id, CreateNew{}));
  auto late = reviews_->ReportUnusable(admin_, id, "Too late");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Find(ByUser(admin_), "review.unusable", "refused"));
}

// FEED-5, UPD-3: the source reads the items of its records that differ from
// the best view — which record and item, never the value — and only with
// its own credential.
TEST_F(UnusableRowTest, TheSourceReadsItsMismatchesWithItsOwnCredential_FEED5) {
  // The practice has Oliver at another address than the census, which is
  // the more reliable source: the practice is told of the address.
  const ImportReport r = ImportOk(
      gp_, kFeedHeader +
               "GP-7,Oliver James,Whitfield,2016-04-12,male,3 Oak Road,Leeds,LS6 4QQ,,,B86001,"
               "Mill Lane Surgery,Sarah,Whitfield,0,E08000035\n");
  ASSERT_EQ(r.linked, 1);
  auto told = feedback_.Read(gp_credential_, 0, 0, Route::kApi);
  ASSERT_TRUE(told) << told.error().message;
  ASSERT_FALSE(told->mismatches.empty());
  bool address = false;
  for (const auto& m : told->mismatches) {
    EXPECT_EQ(m.source_record_id, "GP-7");
    address = address || m.item == core::Item::kAddress;
  }
  EXPECT_TRUE(address);
  auto after = feedback_.Read(gp_credential_, told->mismatches.back().id, 0, Route::kApi);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->mismatches.empty());

  auto stranger = feedback_.Read("source-2:" + std::string(64, '0'), 0, 0, Route::kApi);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace cp::services
