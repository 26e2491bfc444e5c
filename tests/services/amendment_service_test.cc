// Users' amendments to a child record (UPD-1, UPD-2; G 3.23–3.25) through
// the service, on each engine: an amendment the system resolves applies at
// once and survives every later rebuild from the feeds; one in conflict
// waits for the record's LA data administrators, who override only on
// verification of their own, or reject it.

#include "services/amendment_service.h"

#include "services/linkage_fixture.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

constexpr const char* kProof = "Seen by me: a council tax bill";

class AmendmentServiceTest : public LinkageFixture {
 protected:
  void SetUp() override {
    service_ = std::make_unique<AmendmentService>(*ctx_, index_.get(), &places_);
    support_ = ActorFor(AddUser("support", core::Role::kSupportStaff), core::Role::kSupportStaff);
    ImportOk(census_, kCensusRows);
    oliver_ = *ChildOf(census_, "SC-1");
  }

  // The census's data is no longer recent (core::kRecentSourceDays).
  void LaterOn() { tdb_.clock().Advance(std::int64_t{40} * 86400); }

  std::int64_t Version(core::ChildId id) {
    auto form = service_->Form(teacher_, id);
    EXPECT_TRUE(form) << form.error().message;
    return form ? form->version : -1;
  }

  Result<std::vector<AmendedItem>> Amend(const Actor& who, core::ChildId id,
                                         std::map<std::string, std::string> fields,
                                         const std::string& verification = kProof) {
    return service_->Amend(who, id, {Version(id), std::move(fields), verification});
  }

  AmendmentRow Stored(std::int64_t amendment_id) {
    auto conn = tdb_.Conn();
    auto row = store::AmendmentRepository(*conn).Get(amendment_id);
    EXPECT_TRUE(row) << row.error().message;
    return row ? *row : AmendmentRow{};
  }

  std::vector<store::AuditRow> History(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).ForRecord(id, 200);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::AuditRow>{};
  }

  // The census sends its rows again — Oliver at his old address — with a
  // change elsewhere, so that the upload is a new one and every record is
  // rebuilt (FEED-4).
  void CensusAgain() {
    std::string rows = kCensusRows;
    const std::string from = "107912,Brudenell Primary School";
    rows.replace(rows.find(from), from.size(), "107912,Brudenell Primary");
    ImportOk(census_, rows);
  }

  std::unique_ptr<AmendmentService> service_;
  Actor support_;
  core::ChildId oliver_ = 0;
};

// UPD-1: a new address, verified, applies at once; the best view shows it
// and keeps it when the census later sends the old address again, which is
// noted as the census's mismatch (UPD-3). The audit entry names the item,
// never the value.
TEST_F(AmendmentServiceTest, UPD1_ResolvedAmendmentAppliesAndSurvivesALaterImport) {
  LaterOn();
  auto done =
      Amend(teacher_, oliver_, {{"address_line1", "3 Cardigan Road"}, {"postcode", "ls6 1ab"}});
  ASSERT_TRUE(done) << done.error().field << ": " << done.error().message;
  ASSERT_EQ(done->size(), 1u);
  EXPECT_EQ((*done)[0].item, core::Item::kAddress);
  EXPECT_EQ((*done)[0].status, core::AmendmentStatus::kApplied);
  EXPECT_EQ(Record(oliver_).address.line1, "3 Cardigan Road");
  EXPECT_EQ(Record(oliver_).address.postcode, "LS6 1AB");
  EXPECT_EQ(Record(oliver_).address.town, "Leeds");  // unchanged columns stay
  EXPECT_EQ(Stored((*done)[0].amendment_id).status, core::AmendmentStatus::kApplied);

  tdb_.clock().Advance(86400);
  CensusAgain();
  const core::Child after = Record(oliver_);
  EXPECT_EQ(after.school->organisation, "Brudenell Primary");  // the import did rebuild
  EXPECT_EQ(after.address.line1, "3 Cardigan Road");
  EXPECT_EQ(after.address.postcode, "LS6 1AB");
  {
    auto conn = tdb_.Conn();
    auto mismatches = store::ContributionRepository(*conn).Mismatches(census_.id, "SC-1");
    ASSERT_TRUE(mismatches);
    EXPECT_NE(std::find(mismatches->begin(), mismatches->end(), core::Item::kAddress),
              mismatches->end());
  }
  auto entry = Find(History(oliver_), "record.amend", "ok");
  ASSERT_TRUE(entry);
  EXPECT_NE(entry->details.find("\"applied\":[\"address\"]"), std::string::npos) << entry->details;
  EXPECT_EQ(entry->details.find("Cardigan"), std::string::npos);
  EXPECT_EQ(entry->details.find("LS6"), std::string::npos);
}

// UPD-2: a new date of birth changes who the child is: it is queued for
// the LA's data administrators and not applied; it needs the user's
// verification at all. Bradford's administrators do not see it.
TEST_F(AmendmentServiceTest, UPD2_IdentifyingAmendmentIsQueuedNotApplied) {
  LaterOn();
  auto unverified = Amend(teacher_, oliver_, {{"date_of_birth", "2016-04-21"}}, "  ");
  ASSERT_FALSE(unverified);
  EXPECT_EQ(unverified.error().field, "verification");

  auto done = Amend(teacher_, oliver_, {{"date_of_birth", "2016-04-21"}}, "Seen: passport");
  ASSERT_TRUE(done) << done.error().message;
  ASSERT_EQ(done->size(), 1u);
  EXPECT_EQ((*done)[0].status, core::AmendmentStatus::kPending);
  EXPECT_EQ(Record(oliver_).date_of_birth, *Date::ParseIso("2016-04-12"));
  EXPECT_EQ(Stored((*done)[0].amendment_id).conflict, core::AmendmentConflict::kIdentifying);

  auto queue = service_->Queue(admin_);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].item, core::Item::kDateOfBirth);
  EXPECT_TRUE((*queue)[0].proposed.empty());  // values only on the detail
  auto elsewhere = service_->Queue(bradford_admin_);
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
  EXPECT_EQ(service_->Queue(teacher_).error().code, ErrorCode::kPermissionDenied);

  auto detail = service_->Detail(admin_, (*done)[0].amendment_id);
  ASSERT_TRUE(detail) << detail.error().message;
  EXPECT_EQ(ItemFieldsFromJson(detail->amendment.previous).at("date_of_birth"), "2016-04-12");
  EXPECT_EQ(ItemFieldsFromJson(detail->amendment.proposed).at("date_of_birth"), "2016-04-21");
  EXPECT_EQ(detail->amendment.verification, "Seen: passport");
  EXPECT_EQ(detail->amendment.requester_name, "User teacher");
  EXPECT_EQ(service_->Detail(bradford_admin_, (*done)[0].amendment_id).error().code,
            ErrorCode::kPermissionDenied);

  auto mine = service_->Mine(teacher_, oliver_);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].status, core::AmendmentStatus::kPending);
  EXPECT_TRUE((*mine)[0].proposed.empty());
}

// UPD-2: an address a source supplied recently, and one in another LA,
// are conflicts the system does not resolve.
TEST_F(AmendmentServiceTest, UPD2_RecentSourceAndAnotherLaAreConflicts) {
  auto recent = Amend(teacher_, oliver_, {{"address_line1", "3 Cardigan Road"}});
  ASSERT_TRUE(recent) << recent.error().message;
  EXPECT_EQ((*recent)[0].status, core::AmendmentStatus::kPending);
  EXPECT_EQ(Stored((*recent)[0].amendment_id).conflict, core::AmendmentConflict::kRecentSource);
  EXPECT_EQ(Record(oliver_).address.line1, "12 Mill Lane");

  LaterOn();
  auto moved =
      Amend(teacher_, oliver_, {{"address_line1", "1 Hall Ings"}, {"postcode", "BD1 5AA"}});
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ((*moved)[0].status, core::AmendmentStatus::kPending);
  EXPECT_EQ(Stored((*moved)[0].amendment_id).conflict, core::AmendmentConflict::kLocalAuthority);
  EXPECT_EQ(Record(oliver_).la_code, kLeeds);
}

// UPD-2, G 3.25: an override without the administrator's own verification
// is refused and changes nothing; with it, the amendment applies, is
// audited (that there was a verification, not what), and survives the next
// import.
TEST_F(AmendmentServiceTest, UPD2_OverrideNeedsVerificationThenApplies) {
  LaterOn();
  auto asked = Amend(teacher_, oliver_, {{"date_of_birth", "2016-04-21"}}, "Seen: passport");
  ASSERT_TRUE(asked);
  const std::int64_t id = (*asked)[0].amendment_id;

  Status bare = service_->Decide(admin_, id, {AmendmentVerdict::kOverride, " ", Version(oliver_)});
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().field, "reason");
  EXPECT_EQ(Stored(id).status, core::AmendmentStatus::kPending);
  EXPECT_EQ(Record(oliver_).date_of_birth, *Date::ParseIso("2016-04-12"));
  EXPECT_EQ(service_->Decide(teacher_, id, {AmendmentVerdict::kOverride, "x", Version(oliver_)})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      service_->Decide(bradford_admin_, id, {AmendmentVerdict::kOverride, "x", Version(oliver_)})
          .error()
          .code,
      ErrorCode::kPermissionDenied);

  ASSERT_TRUE(service_->Decide(
      admin_, id,
      {AmendmentVerdict::kOverride, "Birth certificate seen at the office", Version(oliver_)}));
  EXPECT_EQ(Record(oliver_).date_of_birth, *Date::ParseIso("2016-04-21"));
  const AmendmentRow row = Stored(id);
  EXPECT_EQ(row.status, core::AmendmentStatus::kOverridden);
  EXPECT_EQ(row.decision_reason, "Birth certificate seen at the office");
  EXPECT_EQ(row.decided_by, admin_.user_id);
  auto entry = Find(History(oliver_), "amendment.override", "ok");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->details.find("certificate"), std::string::npos);
  EXPECT_EQ(entry->details.find("2016"), std::string::npos);

  tdb_.clock().Advance(86400);
  CensusAgain();
  EXPECT_EQ(Record(oliver_).date_of_birth, *Date::ParseIso("2016-04-21"));
  EXPECT_TRUE(Searchable(oliver_, "Oliver", "Whitfield", "2016-04-21"));

  Status again = service_->Decide(admin_, id, {AmendmentVerdict::kReject, "No", Version(oliver_)});
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
}

// UPD-2: a rejection, with its reason, leaves the record as it was; the
// requester sees the outcome and the reason.
TEST_F(AmendmentServiceTest, UPD2_RejectLeavesTheRecordUnchanged) {
  LaterOn();
  const core::Child before = Record(oliver_);
  auto asked = Amend(teacher_, oliver_, {{"forenames", "Olivia"}}, "Told by the child");
  ASSERT_TRUE(asked);
  const std::int64_t id = (*asked)[0].amendment_id;
  Status none = service_->Decide(admin_, id, {AmendmentVerdict::kReject, "", Version(oliver_)});
  EXPECT_EQ(none.error().field, "reason");
  ASSERT_TRUE(service_->Decide(
      admin_, id,
      {AmendmentVerdict::kReject, "The birth register gives Oliver James", Version(oliver_)}));
  const core::Child after = Record(oliver_);
  EXPECT_EQ(after.forenames, before.forenames);
  EXPECT_EQ(after.date_of_birth, before.date_of_birth);
  EXPECT_EQ(Stored(id).status, core::AmendmentStatus::kRejected);
  EXPECT_TRUE(Find(History(oliver_), "amendment.reject", "ok"));
  auto mine = service_->Mine(teacher_, std::nullopt);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].status, core::AmendmentStatus::kRejected);
  EXPECT_EQ((*mine)[0].decision_reason, "The birth register gives Oliver James");
}

// UPD-1: a form shown before the record changed is refused, audited, and
// changes nothing; so is a decision page shown before it changed.
TEST_F(AmendmentServiceTest, UPD1_StaleVersionIsRefused) {
  LaterOn();
  const std::int64_t shown = Version(oliver_);
  ASSERT_TRUE(Amend(teacher_, oliver_, {{"gp_name", "Mill Lane Surgery"}}));
  auto stale =
      service_->Amend(teacher_, oliver_, {shown, {{"address_line1", "3 Cardigan Road"}}, kProof});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Record(oliver_).address.line1, "12 Mill Lane");
  EXPECT_TRUE(Find(History(oliver_), "record.amend", "refused"));

  auto asked = Amend(teacher_, oliver_, {{"surname", "Whitfeld"}});
  ASSERT_TRUE(asked);
  const std::int64_t before_change = Version(oliver_);
  ASSERT_TRUE(Amend(teacher_, oliver_, {{"known_as_surname", "Whit"}}));
  Status late = service_->Decide(admin_, (*asked)[0].amendment_id,
                                 {AmendmentVerdict::kOverride, "Seen", before_change});
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Stored((*asked)[0].amendment_id).status, core::AmendmentStatus::kPending);
}

// UPD-1: without the update right (support staff) the amendment is refused
// and audited as denied, whatever it says; nothing is stored.
TEST_F(AmendmentServiceTest, UPD1_WithoutTheUpdateRightIsRefusedAndAudited) {
  auto refused = service_->Amend(support_, oliver_, {1, {{"not_a_column", "x"}}, ""});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Find(History(oliver_), "record.amend", "denied"));
  EXPECT_EQ(service_->Form(support_, oliver_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("record_amendment"), 0);
}

// SHD-2: on a shielded record a user who may not see shielded data may
// amend only names, date of birth and gender; the form holds no address,
// and an address sent all the same is refused before it is compared.
TEST_F(AmendmentServiceTest, SHD2_ShieldedRecordHidesAddressItems) {
  LaterOn();
  ShieldDirectly(oliver_);
  auto form = service_->Form(teacher_, oliver_);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->amendable, (std::vector<core::Item>{core::Item::kNames, core::Item::kDateOfBirth,
                                                      core::Item::kGender}));
  EXPECT_EQ(form->values.count("address_line1"), 0u);
  EXPECT_EQ(form->values.count("postcode"), 0u);
  EXPECT_EQ(form->values.count("parent1_surname"), 0u);
  EXPECT_TRUE(form->record.minimal);

  // The same address as held: a "nothing changed" answer would give it away.
  auto refused = service_->Amend(teacher_, oliver_,
                                 {form->version, {{"address_line1", "12 Mill Lane"}}, kProof});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().message.find("Mill"), std::string::npos);
  EXPECT_TRUE(Find(History(oliver_), "record.amend", "denied"));
  EXPECT_EQ(Count("record_amendment"), 0);

  // An administrator who may not see shielded data sees no value either.
  auto asked =
      service_->Amend(admin_, oliver_, {Version(oliver_), {{"forenames", "Ollie"}}, kProof});
  ASSERT_TRUE(asked) << asked.error().message;
  auto detail = service_->Detail(admin_, (*asked)[0].amendment_id);
  ASSERT_TRUE(detail);
  EXPECT_FALSE(detail->withheld);  // names are shown on a shielded record
  EXPECT_TRUE(detail->record.minimal);
}

// UPD-1: parents/carers held on the record before any feed (a manual
// entry) are amended in place, not duplicated.
TEST_F(AmendmentServiceTest, UPD1_ParentCarerDetailsAreAmended) {
  core::Child sample = cp::testing::SampleChild(7);
  const core::ChildId id = AddChild(sample);
  ASSERT_TRUE(index_->Refresh(*tdb_.Conn(), id));
  const core::ParentCarer first = Record(id).parents_carers.at(0);
  const std::size_t parents = Record(id).parents_carers.size();
  auto done = Amend(teacher_, id, {{"parent1_phone", "0113 496 0999"}});
  ASSERT_TRUE(done) << done.error().field << ": " << done.error().message;
  EXPECT_EQ((*done)[0].status, core::AmendmentStatus::kApplied);
  const core::Child after = Record(id);
  EXPECT_EQ(after.parents_carers.size(), parents);
  int found = 0;
  for (const auto& p : after.parents_carers) {
    if (p.forenames == first.forenames && p.surname == first.surname) {
      ++found;
      EXPECT_EQ(p.contact.phone, "0113 496 0999");
    }
  }
  EXPECT_EQ(found, 1);
}

// Bad input gets a clear error naming the column and changes nothing.
TEST_F(AmendmentServiceTest, UPD1_BadInputNamesTheColumn) {
  LaterOn();
  struct Case {
    std::map<std::string, std::string> fields;
    const char* column;
  } cases[] = {{{{"date_of_birth", "2016-02-30"}}, "date_of_birth"},
               {{{"postcode", "CF10 1AA"}}, "postcode"},  // Wales (NEW-3)
               {{{"gender", "unknown"}}, "gender"},
               {{{"forenames", ""}}, "forenames"},
               {{{"education_setting", "school"}, {"school_name", ""}}, "school_name"},
               {{{"uin", "1"}}, "uin"},
               {{{"surname", "Whitfield"}}, "fields"}};
  for (const Case& c : cases) {
    auto r = Amend(teacher_, oliver_, c.fields);
    ASSERT_FALSE(r) << c.column;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.column;
    EXPECT_EQ(r.error().field, c.column) << r.error().message;
  }
  EXPECT_EQ(Count("record_amendment"), 0);
}

// The LA's users' amendments source holds amendments; it is never a
// source that uploads.
TEST_F(AmendmentServiceTest, UPD1_TheAmendmentSourceNeverUploads) {
  LaterOn();
  ASSERT_TRUE(Amend(teacher_, oliver_, {{"gp_name", "Mill Lane Surgery"}}));
  std::int64_t source = 0;
  {
    auto conn = tdb_.Conn();
    auto found = store::AmendmentRepository(*conn).SourceOf(kLeeds);
    ASSERT_TRUE(found && *found);
    source = **found;
  }
  SourceRegister reg(*ctx_);
  auto accredit = reg.Accredit(Operator(), source);
  ASSERT_FALSE(accredit);
  EXPECT_EQ(accredit.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(reg.IssueCredential(Operator(), source));
}

}  // namespace
}  // namespace cp::services
