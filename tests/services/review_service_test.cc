// The review queue of uncertain matches (FEED-6; G 4.51–4.52, G 3.25):
// rows the import could not place wait for a data administrator of their
// LA, who sees each beside its candidate records with the engine's reasons
// and links it, makes a new record, or says it is not the same child — once,
// audited, on both engines.

#include "services/review_service.h"

#include "services/linkage_fixture.h"
#include "services/record_linkage.h"

namespace cp::services {
namespace {

class ReviewServiceTest : public LinkageFixture {
 protected:
  ReviewServiceTest() {
    ImportOk(census_, kCensusRows);
    oliver_ = *ChildOf(census_, "SC-1");
    maya_ = *ChildOf(census_, "SC-2");
  }

  // Sends the uncertain GP row to review; returns the review's id.
  std::int64_t UncertainRow(const std::string& text = kUncertainGpRow) {
    const ImportReport r = ImportOk(gp_, text);
    EXPECT_EQ(r.review, 1);
    EXPECT_EQ(r.linked + r.created, 0);
    return TheReview();
  }

  core::ChildId oliver_ = 0, maya_ = 0;
};

// FEED-6, G 4.52: an uncertain row waits in the queue of the LA it points
// to; that LA's administrators and the central team see it, no one else.
TEST_F(ReviewServiceTest, AnUncertainRowWaitsInTheQueueOfItsLocalAuthority) {
  UncertainRow();
  auto queue = reviews_->Queue(admin_);
  ASSERT_TRUE(queue) << queue.error().message;
  ASSERT_EQ(queue->size(), 1u);
  const ReviewSummary& s = queue->front();
  EXPECT_EQ(s.forenames, "Oliver");
  EXPECT_EQ(s.surname, "Whitfield");
  EXPECT_EQ(s.date_of_birth, Date::ParseIso("2016-04-12"));
  EXPECT_EQ(s.source_name, "GP registrations");
  EXPECT_EQ(s.la_code, kLeeds);
  EXPECT_EQ(s.candidates, 1u);

  auto bradford = reviews_->Queue(bradford_admin_);
  ASSERT_TRUE(bradford);
  EXPECT_TRUE(bradford->empty());
  auto everyone = reviews_->Queue(central_);
  ASSERT_TRUE(everyone);
  EXPECT_EQ(everyone->size(), 1u);

  auto refused = reviews_->Queue(teacher_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Find(ByUser(teacher_), "review.queue", "denied"));
}

// FEED-6: the row as the source sent it beside the candidate record, with
// the engine's reasons field by field; the view is audited with the
// records shown.
TEST_F(ReviewServiceTest, TheDetailShowsTheRowBesideEachCandidateWithTheEnginesReasons) {
  const std::int64_t id = UncertainRow();
  auto detail = reviews_->Detail(admin_, id);
  ASSERT_TRUE(detail) << detail.error().message;
  EXPECT_TRUE(detail->row_usable);
  EXPECT_EQ(detail->row.forenames, "Oliver");
  ASSERT_TRUE(detail->row.gp_practice);
  EXPECT_EQ(detail->row.gp_practice->organisation, "Mill Lane Surgery");
  ASSERT_EQ(detail->candidates.size(), 1u);
  const ReviewCandidate& c = detail->candidates.front();
  EXPECT_EQ(c.child_id, oliver_);
  EXPECT_TRUE(c.live);
  EXPECT_FALSE(c.record.minimal);
  EXPECT_EQ(c.record.child.address.postcode, "LS6 2AB");
  EXPECT_GT(c.probability, kNewRecordProbability);
  EXPECT_LT(c.probability, kLinkProbability);
  ASSERT_TRUE(c.explanation);
  std::set<std::string> agreed;
  for (const auto& f : c.explanation->fields) {
    if (f.weight > 0) agreed.insert(std::string(match::FieldName(f.field)));
  }
  EXPECT_TRUE(agreed.count("forename")) << match::RenderExplanation(*c.explanation);
  EXPECT_TRUE(agreed.count("surname"));
  EXPECT_TRUE(agreed.count("birth_date"));

  const auto viewed = Find(ByUser(admin_), "review.view", "ok");
  ASSERT_TRUE(viewed);
  EXPECT_NE(viewed->record_ids.find(std::to_string(oliver_)), std::string::npos);
}

// G 4.52: each LA matches the records of its own compartment: another LA's
// administrator neither sees nor decides the row, and each refusal is
// audited.
TEST_F(ReviewServiceTest, AnotherLocalAuthorityCannotSeeOrDecideTheRow) {
  const std::int64_t id = UncertainRow();
  auto seen = reviews_->Detail(bradford_admin_, id);
  ASSERT_FALSE(seen);
  EXPECT_EQ(seen.error().code, ErrorCode::kPermissionDenied);
  for (const ReviewDecision& d : {ReviewDecision(LinkTo{oliver_}), ReviewDecision(CreateNew{}),
                                  ReviewDecision(NotSameChild{})}) {
    auto decided = reviews_->Decide(bradford_admin_, id, d);
    ASSERT_FALSE(decided);
    EXPECT_EQ(decided.error().code, ErrorCode::kPermissionDenied);
  }
  auto practitioner = reviews_->Decide(teacher_, id, CreateNew{});
  ASSERT_FALSE(practitioner);
  EXPECT_EQ(practitioner.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(OpenReviews().size(), 1u);
  EXPECT_EQ(ChildOf(gp_, "GP-4"), std::nullopt);
  EXPECT_EQ(Count("child"), 3);
  const auto audit = ByUser(bradford_admin_);
  EXPECT_TRUE(Find(audit, "review.view", "denied"));
  EXPECT_TRUE(Find(audit, "review.link", "denied"));
  EXPECT_TRUE(Find(audit, "review.create", "denied"));
  EXPECT_TRUE(Find(audit, "review.not_same", "denied"));
}

// FEED-6, FEED-4: linking joins the row to the record, whose best view now
// holds the GP; one transaction with its audit entry of ids and outcomes
// only; decided once.
TEST_F(ReviewServiceTest, LinkingJoinsTheRowToTheRecordOnceWithItsAuditEntry) {
  const std::int64_t id = UncertainRow();
  auto linked = reviews_->Decide(admin_, id, LinkTo{oliver_});
  ASSERT_TRUE(linked) << linked.error().message;
  EXPECT_EQ(*linked, oliver_);
  EXPECT_EQ(ChildOf(gp_, "GP-4"), oliver_);
  const core::Child oliver = Record(oliver_);
  ASSERT_TRUE(oliver.gp_practice);
  EXPECT_EQ(oliver.gp_practice->organisation, "Mill Lane Surgery");
  EXPECT_EQ(oliver.forenames, "Oliver James");  // the census still ranks first
  EXPECT_TRUE(OpenReviews().empty());
  {
    auto conn = tdb_.Conn();
    auto review = store::ReviewRepository(*conn).Get(id);
    ASSERT_TRUE(review);
    EXPECT_EQ(review->decision, store::ReviewOutcome::kLinked);
    EXPECT_EQ(review->decided_child, oliver_);
    EXPECT_EQ(review->decided_by, admin_.user_id);
  }
  const auto entry = Find(ByUser(admin_), "review.link", "ok");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->record_ids, std::to_string(oliver_));
  for (const char* personal : {"Oliver", "Whitfield", "Mill Lane", "2016", "B86001"}) {
    EXPECT_EQ(entry->details.find(personal), std::string::npos) << personal;
  }

  // Decided once: a second decision, of any kind, changes nothing.
  for (const ReviewDecision& d : {ReviewDecision(LinkTo{oliver_}), ReviewDecision(CreateNew{})}) {
    auto again = reviews_->Decide(admin_, id, d);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  }
  EXPECT_EQ(Count("child"), 3);
  EXPECT_EQ(ChildOf(gp_, "GP-4"), oliver_);
  EXPECT_TRUE(Find(ByUser(admin_), "review.create", "refused"));
}

// NEW-1, LA-1: a row that is a child ContactPoint does not hold gets a new
// record with its own UIN in the row's LA, searchable at once.
TEST_F(ReviewServiceTest, CreatingANewRecordGivesTheRowItsOwnRecord) {
  const std::int64_t id = UncertainRow();
  auto created = reviews_->Decide(admin_, id, CreateNew{});
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_NE(*created, oliver_);
  EXPECT_EQ(ChildOf(gp_, "GP-4"), *created);
  const core::Child c = Record(*created);
  EXPECT_EQ(c.la_code, kLeeds);
  EXPECT_EQ(c.forenames, "Oliver");
  EXPECT_NE(c.uin, Record(oliver_).uin);
  EXPECT_EQ(Count("child"), 4);
  EXPECT_TRUE(Searchable(*created, "Oliver", "Whitfield", "2016-04-12"));
  const auto entry = Find(ByUser(admin_), "review.create", "ok");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->record_ids, std::to_string(*created));
  auto conn = tdb_.Conn();
  auto distinct = store::ReviewRepository(*conn).AreDistinct(*created, oliver_);
  ASSERT_TRUE(distinct);
  EXPECT_FALSE(*distinct);  // "created" asserts nothing about the candidates
}

// FEED-6: "not the same child" makes the row a record of its own and
// records it and each candidate as two children, so that the pair is not
// merged later without verification (merge_service_test).
TEST_F(ReviewServiceTest, NotTheSameChildRecordsTheCandidatesAsDifferentChildren) {
  const std::int64_t id = UncertainRow();
  auto made = reviews_->Decide(admin_, id, NotSameChild{});
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_NE(*made, oliver_);
  EXPECT_EQ(ChildOf(gp_, "GP-4"), *made);
  {
    auto conn = tdb_.Conn();
    store::ReviewRepository reviews(*conn);
    auto distinct = reviews.AreDistinct(oliver_, *made);
    ASSERT_TRUE(distinct);
    EXPECT_TRUE(*distinct);
    auto review = reviews.Get(id);
    ASSERT_TRUE(review);
    EXPECT_EQ(review->decision, store::ReviewOutcome::kNotSame);
  }
  const auto entry = Find(ByUser(admin_), "review.not_same", "ok");
  ASSERT_TRUE(entry);
  EXPECT_NE(entry->record_ids.find(std::to_string(oliver_)), std::string::npos);
  EXPECT_NE(entry->record_ids.find(std::to_string(*made)), std::string::npos);
}

// FEED-6: only a record the engine proposed may be linked — never one the
// administrator names freely (Maya, his sister, is not a candidate).
TEST_F(ReviewServiceTest, OnlyAProposedRecordMayBeLinked) {
  const std::int64_t id = UncertainRow();
  auto linked = reviews_->Decide(admin_, id, LinkTo{maya_});
  ASSERT_FALSE(linked);
  EXPECT_EQ(linked.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(linked.error().field, "child_id");
  EXPECT_EQ(OpenReviews().size(), 1u);
  EXPECT_FALSE(Record(maya_).gp_practice);
}

// SHD-2, FEED-6: a shielded candidate shows an administrator without the
// right to see shielded data only its UIN, names, gender and date of
// birth — and the engine's reasons say nothing of its address, though the
// row gives an address that agrees with it. An administrator with the
// right sees it in full.
TEST_F(ReviewServiceTest, AShieldedCandidateIsShownOnlyAsTheAdministratorMaySeeIt) {
  ShieldDirectly(oliver_);
  // His name with a stepfather's surname, at his postcode.
  const std::int64_t id =
      UncertainRow(kFeedHeader + "GP-5,Oliver,Smith,2016-04-12,,,,LS6 2AB,,,,,,,0,\n");
  auto detail = reviews_->Detail(admin_, id);
  ASSERT_TRUE(detail) << detail.error().message;
  ASSERT_EQ(detail->candidates.size(), 1u);
  const ReviewCandidate& c = detail->candidates.front();
  EXPECT_EQ(c.child_id, oliver_);
  EXPECT_TRUE(c.shielded);
  EXPECT_TRUE(c.record.minimal);
  EXPECT_EQ(c.record.child.forenames, "Oliver James");
  EXPECT_TRUE(c.record.child.address.postcode.empty());
  EXPECT_TRUE(c.record.child.address.line1.empty());
  EXPECT_FALSE(c.record.child.school);
  EXPECT_TRUE(c.record.child.parents_carers.empty());
  ASSERT_TRUE(c.explanation);
  for (const auto& f : c.explanation->fields) {
    EXPECT_TRUE(f.field == match::Field::kForename || f.field == match::Field::kMiddleName ||
                f.field == match::Field::kSurname || f.field == match::Field::kBirthDate ||
                f.field == match::Field::kGender)
        << match::FieldName(f.field) << " shows a hidden item";
    EXPECT_EQ(f.right.find("LS6"), std::string::npos);
  }
  // The figure shown is judged without the postcode that agrees.
  const auto stored = ReviewCandidates(detail->review.candidates);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_LT(c.probability, stored.front().second);

  auto full = reviews_->Detail(shield_admin_, id);
  ASSERT_TRUE(full);
  ASSERT_EQ(full->candidates.size(), 1u);
  EXPECT_FALSE(full->candidates.front().record.minimal);
  EXPECT_EQ(full->candidates.front().record.child.address.postcode, "LS6 2AB");
}

// FEED-8: a row carrying its source's shielding flag shields the record it
// is linked to by the review, as the import would have.
TEST_F(ReviewServiceTest, ASourcesShieldingFlagShieldsTheRecordTheRowEndsIn) {
  const std::int64_t id = UncertainRow(
      kFeedHeader +
      "GP-6,Oliver,Whitfield,2016-04-12,,,,,,,B86001,Mill Lane Surgery,,,1,E08000035\n");
  EXPECT_FALSE(Record(oliver_).shielded);
  auto linked = reviews_->Decide(admin_, id, LinkTo{oliver_});
  ASSERT_TRUE(linked) << linked.error().message;
  EXPECT_TRUE(Record(oliver_).shielded);
}

// G 4.52: a row that names another LA goes to that LA's queue, whose
// administrator may link it to a record of any LA — here a child who has
// moved from Leeds to Bradford.
TEST_F(ReviewServiceTest, TheRowsLocalAuthorityDecidesWhoseQueueItIsIn) {
  const std::int64_t id = UncertainRow(
      kFeedHeader +
      "GP-7,Oliver,Whitfield,2016-04-12,male,3 Other Road,Bradford,BD1 1AA,,,,,,,0,\n");
  auto leeds = reviews_->Queue(admin_);
  ASSERT_TRUE(leeds);
  EXPECT_TRUE(leeds->empty());
  auto bradford = reviews_->Queue(bradford_admin_);
  ASSERT_TRUE(bradford);
  ASSERT_EQ(bradford->size(), 1u);
  auto linked = reviews_->Decide(bradford_admin_, id, LinkTo{oliver_});
  ASSERT_TRUE(linked) << linked.error().message;
  EXPECT_EQ(ChildOf(gp_, "GP-7"), oliver_);
}

// FEED-6: a candidate merged into another record since the row arrived is
// shown, and linked, as the record it now is.
TEST_F(ReviewServiceTest, ACandidateMergedSinceIsTheRecordItWasMergedInto) {
  auto dup = reviews_->Decide(admin_, UncertainRow(), CreateNew{});
  ASSERT_TRUE(dup) << dup.error().message;
  const std::int64_t id = UncertainRow(
      kFeedHeader + "GP-8,Oliver,Whitfield,2016-04-12,,,,,,,B86002,Park Surgery,,,0,E08000035\n");
  ASSERT_EQ(ReviewCandidates(OpenReviews().front().candidates).size(), 2u);
  auto merged = merges_->Merge(admin_, *dup, oliver_, "");  // keep the GP's record
  ASSERT_TRUE(merged) << merged.error().message;

  auto detail = reviews_->Detail(admin_, id);
  ASSERT_TRUE(detail) << detail.error().message;
  ASSERT_EQ(detail->candidates.size(), 1u);
  EXPECT_EQ(detail->candidates.front().child_id, *dup);
  EXPECT_TRUE(detail->candidates.front().live);
  auto retired = reviews_->Decide(admin_, id, LinkTo{oliver_});
  ASSERT_FALSE(retired);
  EXPECT_EQ(retired.error().field, "child_id");
  auto linked = reviews_->Decide(admin_, id, LinkTo{*dup});
  ASSERT_TRUE(linked) << linked.error().message;
  EXPECT_EQ(ChildOf(gp_, "GP-8"), *dup);
}

}  // namespace
}  // namespace cp::services
