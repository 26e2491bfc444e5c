// Merging two records found to be one child, and undoing a wrong merge
// (FEED-6; G 4.51–4.52, G 3.25; SHD-2, SENS-3), on both engines. A false
// merge shows one child's practitioners on another: the guard refuses
// brothers and sisters without verification, and the undo puts every
// contribution back and both records exactly as they were.

#include "services/merge_service.h"

#include "services/linkage_fixture.h"
#include "services/record_service.h"
#include "store/merge_repository.h"

namespace cp::services {
namespace {

class MergeServiceTest : public LinkageFixture {
 protected:
  MergeServiceTest() {
    ImportOk(census_, kCensusRows);
    oliver_ = *ChildOf(census_, "SC-1");
    maya_ = *ChildOf(census_, "SC-2");
  }

  // A duplicate of Oliver: the GP's uncertain row made into a record of
  // its own by an administrator, with a hand-recorded sensitive
  // involvement (consent given).
  core::ChildId Duplicate(const std::string& text = kUncertainGpRow) {
    const ImportReport r = ImportOk(gp_, text);
    EXPECT_EQ(r.review, 1);
    auto made = reviews_->Decide(admin_, OpenReviews().front().id, CreateNew{});
    EXPECT_TRUE(made) << made.error().message;
    return made ? *made : 0;
  }
  void RecordByHand(core::ChildId child, const std::string& service, const std::string& team) {
    core::Involvement inv;
    inv.category = core::ServiceCategory::kSensitive;
    inv.service_type = service;
    inv.organisation = "Leeds Community Healthcare";
    inv.team = team;
    inv.practitioner = "Dr Anika Rao";
    inv.start_date = Date::ParseIso("2026-05-01");
    inv.consent = core::Consent{core::ConsentGiver::kParentCarer, *Date::ParseIso("2026-05-01"),
                                core::ConsentMethod::kWritten, *Date::ParseIso("2027-05-01")};
    inv.source = {0, tdb_.clock().Now()};
    auto conn = tdb_.Conn();
    ASSERT_TRUE(store::ChildRepository(*conn).AddInvolvement(child, inv, tdb_.clock().Now()));
  }

  std::vector<std::int64_t> Contributions(core::ChildId child) {
    auto conn = tdb_.Conn();
    auto rows = store::ContributionRepository(*conn).ForChild(child);
    EXPECT_TRUE(rows);
    std::vector<std::int64_t> ids;
    if (rows) {
      for (const auto& r : *rows) ids.push_back(r.id);
    }
    return ids;
  }
  store::MergeRow MergeRecord(std::int64_t id) {
    auto conn = tdb_.Conn();
    auto m = store::MergeRepository(*conn).Get(id);
    EXPECT_TRUE(m) << m.error().message;
    return m ? *m : store::MergeRow{};
  }
  std::int64_t MergeOk(const Actor& who, core::ChildId keep, core::ChildId merged,
                       const std::string& verification = "") {
    auto id = merges_->Merge(who, keep, merged, verification);
    EXPECT_TRUE(id) << id.error().field << ": " << id.error().message;
    return id ? *id : 0;
  }
  void Later(int seconds) { tdb_.clock().Set(tdb_.clock().Now() + seconds); }

  // Everything a record holds but the time of its last change and the
  // row ids of its involvements, which every rebuild renews.
  static void ExpectSameRecord(core::Child a, const core::Child& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.uin, b.uin);
    EXPECT_EQ(a.la_code, b.la_code);
    EXPECT_EQ(a.forenames, b.forenames);
    EXPECT_EQ(a.surname, b.surname);
    EXPECT_EQ(a.known_as_surname, b.known_as_surname);
    EXPECT_EQ(a.other_names, b.other_names);
    EXPECT_EQ(a.address, b.address);
    EXPECT_EQ(a.gender, b.gender);
    EXPECT_EQ(a.date_of_birth, b.date_of_birth);
    EXPECT_EQ(a.date_of_death, b.date_of_death);
    EXPECT_EQ(a.parents_carers, b.parents_carers);
    EXPECT_EQ(a.education_setting, b.education_setting);
    EXPECT_EQ(a.school, b.school);
    EXPECT_EQ(a.gp_practice, b.gp_practice);
    EXPECT_EQ(a.midwife, b.midwife);
    EXPECT_EQ(a.health_visitor, b.health_visitor);
    EXPECT_EQ(a.school_nurse, b.school_nurse);
    std::vector<core::Involvement> ia = a.involvements, ib = b.involvements;
    for (auto* list : {&ia, &ib}) {
      for (auto& i : *list) i.id = 0;
    }
    EXPECT_EQ(ia, ib);
    EXPECT_EQ(a.caf_holder, b.caf_holder);
    EXPECT_EQ(a.lead_professional, b.lead_professional);
    EXPECT_EQ(a.looked_after, b.looked_after);
    EXPECT_EQ(a.shielded, b.shielded);
    EXPECT_EQ(a.archive_state, b.archive_state);
    EXPECT_EQ(a.disputes, b.disputes);
    EXPECT_EQ(a.provenance, b.provenance);
    EXPECT_EQ(a.created_at, b.created_at);
  }

  static bool HasService(const core::Child& c, const std::string& service) {
    return std::any_of(c.involvements.begin(), c.involvements.end(),
                       [&](const core::Involvement& i) { return i.service_type == service; });
  }

  core::ChildId oliver_ = 0, maya_ = 0;
};

// FEED-6: a merge moves every contribution of the merged record to the
// kept one, whose best view then holds both (the GP, the hand-recorded
// involvement), and takes the merged record out of the live register; the
// undo returns every contribution and leaves both records exactly as they
// were before.
TEST_F(MergeServiceTest, MergeThenUndoReturnsEveryContributionAndBothBestViewsExactly) {
  const core::ChildId dup = Duplicate();
  RecordByHand(dup, "camhs", "CAMHS West");
  Later(60);
  const core::Child keep_before = Record(oliver_), dup_before = Record(dup);
  const auto keep_parts = Contributions(oliver_), dup_parts = Contributions(dup);
  ASSERT_EQ(dup_parts.size(), 1u);
  ASSERT_FALSE(keep_before.gp_practice);
  ASSERT_TRUE(HasService(dup_before, "camhs"));

  auto preview = merges_->Preview(admin_, oliver_, dup);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_EQ(preview->guard, MergeGuard::kNone);
  EXPECT_FALSE(preview->blocked);
  EXPECT_EQ(preview->contributions, 1);
  EXPECT_GT(preview->explanation.field_weight, 0);

  const std::int64_t merge = MergeOk(admin_, oliver_, dup);
  std::vector<std::int64_t> together = keep_parts;
  together.insert(together.end(), dup_parts.begin(), dup_parts.end());
  std::sort(together.begin(), together.end());
  EXPECT_EQ(Contributions(oliver_), together);
  EXPECT_TRUE(Contributions(dup).empty());
  const core::Child merged_view = Record(oliver_);
  ASSERT_TRUE(merged_view.gp_practice);
  EXPECT_EQ(merged_view.gp_practice->organisation, "Mill Lane Surgery");
  EXPECT_TRUE(HasService(merged_view, "camhs"));
  EXPECT_EQ(merged_view.forenames, "Oliver James");
  EXPECT_EQ(Record(dup).archive_state, core::ArchiveState::kSoft);
  {
    auto conn = tdb_.Conn();
    auto into = store::MergeRepository(*conn).MergedInto(dup);
    ASSERT_TRUE(into);
    EXPECT_EQ(*into, oliver_);
  }
  EXPECT_FALSE(Searchable(dup, "Oliver", "Whitfield", "2016-04-12"));
  EXPECT_TRUE(Searchable(oliver_, "Oliver", "Whitfield", "2016-04-12"));
  auto viewed = RecordService(*ctx_).View(teacher_, dup);
  ASSERT_FALSE(viewed);
  EXPECT_EQ(viewed.error().code, ErrorCode::kNotFound);
  const auto entry = Find(ByUser(admin_), "record.merge", "ok");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->record_ids, std::to_string(oliver_) + "," + std::to_string(dup));

  Later(60);
  auto undone = merges_->Unmerge(admin_, merge);
  ASSERT_TRUE(undone) << undone.error().message;
  EXPECT_EQ(undone->returned, 1);
  EXPECT_EQ(undone->kept_hand_recorded, 0);
  EXPECT_EQ(Contributions(oliver_), keep_parts);
  EXPECT_EQ(Contributions(dup), dup_parts);
  ExpectSameRecord(Record(oliver_), keep_before);
  ExpectSameRecord(Record(dup), dup_before);
  EXPECT_FALSE(Record(oliver_).gp_practice);  // nothing of the other record stays
  EXPECT_FALSE(HasService(Record(oliver_), "camhs"));
  EXPECT_TRUE(Searchable(dup, "Oliver", "Whitfield", "2016-04-12"));
  const store::MergeRow row = MergeRecord(merge);
  EXPECT_EQ(row.undone_by, admin_.user_id);
  {
    auto conn = tdb_.Conn();
    auto before = store::MergeRepository(*conn).KeptBefore(merge);
    EXPECT_FALSE(before);  // the kept record's earlier state is not held longer than needed
  }
  EXPECT_TRUE(Find(ByUser(admin_), "record.unmerge", "ok"));
}

// G 3.25: the engine's guard — a plainly different first name or date of
// birth — refuses to join brother and sister unless the administrator
// records the verification they hold; it is kept with the merge, never in
// the audit trail.
TEST_F(MergeServiceTest, SiblingsAreNotMergedWithoutVerification) {
  auto preview = merges_->Preview(admin_, oliver_, maya_);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_EQ(preview->guard, MergeGuard::kSibling);

  const auto keep_parts = Contributions(oliver_), maya_parts = Contributions(maya_);
  for (const char* verification : {"", "   "}) {
    auto refused = merges_->Merge(admin_, oliver_, maya_, verification);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().field, "verification");
  }
  EXPECT_EQ(Contributions(oliver_), keep_parts);
  EXPECT_EQ(Contributions(maya_), maya_parts);
  EXPECT_EQ(Record(maya_).archive_state, core::ArchiveState::kLive);
  EXPECT_EQ(Count("record_merge"), 0);
  EXPECT_TRUE(Find(ByUser(admin_), "record.merge", "refused"));

  const std::string why = "Birth certificate seen: the census keyed a wrong first name";
  const std::int64_t merge = MergeOk(admin_, oliver_, maya_, why);
  const store::MergeRow row = MergeRecord(merge);
  EXPECT_EQ(row.guard, MergeGuard::kSibling);
  EXPECT_EQ(row.verification, why);
  const auto entry = Find(ByUser(admin_), "record.merge", "ok");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->details.find("certificate"), std::string::npos);
  EXPECT_NE(entry->details.find("\"verified\":true"), std::string::npos) << entry->details;
}

// FEED-6: a pair an administrator found to be two children ("not the same
// child" in the review) is not merged without verification either.
TEST_F(MergeServiceTest, ChildrenKnownToBeDifferentNeedVerification) {
  ImportOk(gp_, kUncertainGpRow);
  auto made = reviews_->Decide(admin_, TheReview(), NotSameChild{});
  ASSERT_TRUE(made) << made.error().message;
  auto preview = merges_->Preview(admin_, oliver_, *made);
  ASSERT_TRUE(preview);
  EXPECT_EQ(preview->guard, MergeGuard::kKnownDistinct);
  auto refused = merges_->Merge(admin_, oliver_, *made, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "verification");
  EXPECT_EQ(Record(*made).archive_state, core::ArchiveState::kLive);
}

// G 4.52: an LA's administrators merge the records of their own LA only
// (the central team any two), and undo only their own LA's merges.
TEST_F(MergeServiceTest, OnlyTheAdministratorsOfBothRecordsLocalAuthority) {
  const core::ChildId dup = Duplicate();
  // A namesake in Bradford, made a record of its own there.
  ImportOk(census_, kFeedHeader +
                        "SC-8,Oliver,Whitfield,2016-04-12,male,3 Other Road,Bradford,BD1 1AA,,,,,,,"
                        "0,\n");
  auto bradford_made = reviews_->Decide(bradford_admin_, TheReview(), CreateNew{});
  ASSERT_TRUE(bradford_made) << bradford_made.error().message;
  const core::ChildId bradford = *bradford_made;
  ASSERT_EQ(Record(bradford).la_code, kBradford);

  for (const Actor* who : {&bradford_admin_, &teacher_}) {
    auto refused = merges_->Merge(*who, oliver_, dup, "");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  }
  auto across = merges_->Merge(admin_, oliver_, bradford, "");
  ASSERT_FALSE(across);
  EXPECT_EQ(across.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Find(ByUser(bradford_admin_), "record.merge", "denied"));
  EXPECT_EQ(Count("record_merge"), 0);

  const std::int64_t merge = MergeOk(admin_, oliver_, dup);
  auto other_la = merges_->Unmerge(bradford_admin_, merge);
  ASSERT_FALSE(other_la);
  EXPECT_EQ(other_la.error().code, ErrorCode::kPermissionDenied);
  auto listed = merges_->List(bradford_admin_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
  auto own = merges_->List(admin_);
  ASSERT_TRUE(own);
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ(own->front().contributions, 1);

  // The central team works across LAs.
  ASSERT_TRUE(merges_->Unmerge(central_, merge));
  MergeOk(central_, oliver_, bradford);
  EXPECT_EQ(Record(bradford).archive_state, core::ArchiveState::kSoft);
}

// SHD-2: a merge never moves a shielded record's data into a record that
// is not shielded, nor strands a record's own shielding requests; keeping
// the shielded record is allowed, and the child stays shielded.
TEST_F(MergeServiceTest, AShieldedRecordIsNeverMergedIntoOneThatIsNot) {
  const core::ChildId dup = Duplicate();
  ShieldDirectly(dup);
  auto preview = merges_->Preview(admin_, oliver_, dup);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(preview->blocked);
  EXPECT_TRUE(preview->merged_record.minimal);  // the administrator may not see it in full
  EXPECT_TRUE(preview->merged_record.child.address.postcode.empty());
  EXPECT_FALSE(preview->merged_record.child.gp_practice);
  for (const auto& f : preview->explanation.fields) {
    EXPECT_NE(f.field, match::Field::kGpPractice);
  }
  auto refused = merges_->Merge(admin_, oliver_, dup, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Record(dup).archive_state, core::ArchiveState::kLive);
  EXPECT_EQ(Contributions(dup).size(), 1u);

  // Oliver's record has a shielding request of its own, pending.
  std::int64_t request = 0;
  {
    auto conn = tdb_.Conn();
    store::ShieldRequestRow r;
    r.child_id = oliver_;
    r.requester_kind = core::ShieldRequesterKind::kUser;
    r.requester_user_id = teacher_.user_id;
    r.grounds = {core::ShieldGround::kRiskToChild};
    r.relationship = "Class teacher";
    r.created_at = tdb_.clock().Now();
    auto id = store::ShieldRepository(*conn).AddRequest(r);
    ASSERT_TRUE(id) << id.error().message;
    request = *id;
  }
  auto stranded = merges_->Merge(admin_, dup, oliver_, "");
  ASSERT_FALSE(stranded);
  EXPECT_EQ(stranded.error().code, ErrorCode::kFailedPrecondition);
  {
    auto conn = tdb_.Conn();
    ASSERT_TRUE(
        store::ShieldRepository(*conn).Withdraw(request, teacher_.user_id, tdb_.clock().Now()));
  }
  MergeOk(admin_, dup, oliver_);
  const core::Child child = Record(dup);
  EXPECT_TRUE(child.shielded);
  EXPECT_EQ(child.address.postcode, "LS6 2AB");  // Oliver's census address, now shielded
  EXPECT_TRUE(policy::Project(child, teacher_.AsViewer(), policy::Purpose::kRecordView).minimal);
}

// FEED-6: merges into one record are undone last first, and each once.
TEST_F(MergeServiceTest, MergesAreUndoneLastFirstAndOnce) {
  const core::ChildId first = Duplicate();
  const core::ChildId second = Duplicate(
      kFeedHeader + "GP-8,Oliver,Whitfield,2016-04-12,,,,,,,B86002,Park Surgery,,,0,E08000035\n");
  const core::Child keep_before = Record(oliver_);
  const std::int64_t m1 = MergeOk(admin_, oliver_, first);
  const std::int64_t m2 = MergeOk(admin_, oliver_, second);

  auto too_soon = merges_->Unmerge(admin_, m1);
  ASSERT_FALSE(too_soon);
  EXPECT_EQ(too_soon.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Record(first).archive_state, core::ArchiveState::kSoft);
  ASSERT_TRUE(merges_->Unmerge(admin_, m2));
  ASSERT_TRUE(merges_->Unmerge(admin_, m1));
  auto again = merges_->Unmerge(admin_, m1);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Find(ByUser(admin_), "record.unmerge", "refused"));
  ExpectSameRecord(Record(oliver_), keep_before);
  EXPECT_EQ(Record(first).archive_state, core::ArchiveState::kLive);
  EXPECT_EQ(Record(second).archive_state, core::ArchiveState::kLive);
  EXPECT_EQ(ChildOf(gp_, "GP-4"), first);
  EXPECT_EQ(ChildOf(gp_, "GP-8"), second);

  // A merged record is merged away once at a time, and never into itself.
  const std::int64_t m3 = MergeOk(admin_, oliver_, first);
  auto twice = merges_->Merge(admin_, second, first, "");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  auto itself = merges_->Merge(admin_, oliver_, oliver_, "");
  ASSERT_FALSE(itself);
  EXPECT_EQ(itself.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(MergeRecord(m3).undone_at);
}

// What happened to the kept record while the merge stood stays after the
// undo: a source's new data goes with its contribution, an involvement
// recorded by hand on the kept record stays there (and is counted), and one
// archived because consent was withdrawn (SENS-3) stays archived on both.
TEST_F(MergeServiceTest, WhatHappenedMeanwhileStaysAfterTheUndo) {
  const core::ChildId dup = Duplicate();
  RecordByHand(dup, "camhs", "CAMHS West");
  Later(60);
  const std::int64_t merge = MergeOk(admin_, oliver_, dup);
  Later(60);
  // The GP sends the row again with another practice.
  ImportOk(gp_, kFeedHeader +
                    "GP-4,Oliver,Whitfield,2016-04-12,,,,,,,B86003,Kirkstall Surgery,,,0,"
                    "E08000035\n");
  ASSERT_EQ(Record(oliver_).gp_practice->organisation, "Kirkstall Surgery");
  // Consent to show CAMHS is withdrawn, on the merged view.
  {
    auto conn = tdb_.Conn();
    for (const auto& i : Record(oliver_).involvements) {
      if (i.service_type != "camhs") continue;
      ASSERT_TRUE(store::ChildRepository(*conn).ArchiveInvolvement(
          oliver_, i.id, "consent_withdrawn", tdb_.clock().Now()));
    }
  }
  Later(60);
  RecordByHand(oliver_, "sexual_health", "Sexual Health Leeds");
  Later(60);

  auto undone = merges_->Unmerge(admin_, merge);
  ASSERT_TRUE(undone) << undone.error().message;
  EXPECT_EQ(undone->kept_hand_recorded, 1);
  const core::Child keep = Record(oliver_), gone = Record(dup);
  EXPECT_FALSE(keep.gp_practice);
  ASSERT_TRUE(gone.gp_practice);
  EXPECT_EQ(gone.gp_practice->organisation, "Kirkstall Surgery");
  EXPECT_TRUE(HasService(keep, "sexual_health"));
  EXPECT_FALSE(HasService(gone, "sexual_health"));
  EXPECT_FALSE(HasService(keep, "camhs"));
  EXPECT_FALSE(HasService(gone, "camhs"));
}

// FEED-8: a source's shielding flag follows its row back: a row of the
// merged record flagged while the merge stood shields the kept record then,
// and the merged record again once the row returns to it.
TEST_F(MergeServiceTest, ASourcesShieldingFlagFollowsItsRowBack) {
  const core::ChildId dup = Duplicate();
  const std::int64_t merge = MergeOk(admin_, oliver_, dup);
  Later(60);
  ImportOk(gp_, kFeedHeader +
                    "GP-4,Oliver,Whitfield,2016-04-12,,,,,,,B86001,Mill Lane Surgery,,,1,"
                    "E08000035\n");
  ASSERT_TRUE(Record(oliver_).shielded);
  ASSERT_FALSE(Record(dup).shielded);
  ASSERT_TRUE(merges_->Unmerge(admin_, merge));
  EXPECT_TRUE(Record(dup).shielded);
  EXPECT_TRUE(Record(oliver_).shielded);  // the team decides whether it still should be
}

}  // namespace
}  // namespace cp::services
