// BG-1 … BG-3 (S 2.7, S 9): the emergency shielding override and the
// investigation it opens, on a real database of each engine.

#include <algorithm>

#include "services/audit_signing.h"
#include "services/break_glass_service.h"
#include "services/fixture.h"
#include "services/record_service.h"
#include "store/audit_repository.h"
#include "store/investigation_repository.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

constexpr const char* kLeeds = "E08000035";  // the sample child's LA
constexpr const char* kWestminster = "E09000033";
constexpr const char* kReason = "Police called to the home; child may be at risk tonight";

Timestamp At(const char* iso_date, int hour) {
  return Date::ParseIso(iso_date)->StartTimestamp() + hour * 3600;
}

class BreakGlassTest : public ServiceFixture {
 protected:
  BreakGlassTest() : break_glass_(*ctx_, *sessions_), records_(*ctx_) {
    // An ordinary Wednesday unless a test sets another day.
    tdb_.clock().Set(At("2026-06-10", 10));
    holder_ = AddUser("holder", core::Role::kPractitioner, {core::Right::kBreakGlass});
    AddUser("plain", core::Role::kPractitioner);
    AddUser("manager", core::Role::kLaManager, {}, kLeeds);
    AddUser("other.manager", core::Role::kLaManager, {}, kWestminster);
    AddUser("central", core::Role::kCentralTeam);
    core::Child child = cp::testing::SampleChild();
    child.shielded = true;
    shielded_ = AddChild(child);
  }

  // Signs in, then lets the token move on so that the next code is fresh.
  SessionInfo SignedIn(const std::string& username) {
    SessionInfo s = SignInAs(username);
    tdb_.clock().Advance(30);
    return s;
  }
  BreakGlassRequest Request(const std::string& username, const std::string& reason = kReason) {
    return {kPassword, CodeFor(username), reason};
  }
  std::vector<store::InvestigationRow> OpenInvestigations() {
    auto conn = tdb_.Conn();
    auto rows = store::InvestigationRepository(*conn).ListOpen(std::nullopt);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::InvestigationRow>{};
  }
  std::vector<store::AuditRow> History(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).ForRecord(id, 100);
    EXPECT_TRUE(rows);
    return rows ? *rows : std::vector<store::AuditRow>{};
  }
  // Breaks glass as the holder on the shielded record; returns the
  // investigation's id.
  std::int64_t BreakGlassOnce() {
    SessionInfo s = SignedIn("holder");
    auto view = break_glass_.Override(s, shielded_, Request("holder"));
    EXPECT_TRUE(view) << view.error().message;
    auto open = OpenInvestigations();
    EXPECT_EQ(open.size(), 1u);
    return open.empty() ? 0 : open.front().id;
  }
  void ExpectAuditTrailVerifies() {
    ASSERT_TRUE(audit_->Checkpoint());
    auto conn = tdb_.Conn();
    auto v = VerifyAuditTrail(*conn, signer_->PublicKeyHex());
    ASSERT_TRUE(v) << v.error().message;
    EXPECT_TRUE(v->ok()) << v->message;
  }

  BreakGlassService break_glass_;
  RecordService records_;
  core::UserId holder_ = 0;
  core::ChildId shielded_ = 0;
};

// BG-1: only named holders of the right may break glass; a refusal is
// audited and opens nothing.
TEST_F(BreakGlassTest, RefusesAUserWithoutTheRight) {
  SessionInfo s = SignedIn("plain");
  auto view = break_glass_.Override(s, shielded_, Request("plain"));
  ASSERT_FALSE(view);
  EXPECT_EQ(view.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(OpenInvestigations().empty());
  const auto history = History(shielded_);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history.front().action, "break_glass");
  EXPECT_EQ(history.front().outcome, "denied");
}

// BG-1: the right is never held by role alone, not even by the LA manager.
TEST_F(BreakGlassTest, NoRoleHoldsTheRightByItself) {
  for (core::Role role : core::kAllRoles) {
    EXPECT_FALSE(core::RoleRights(role).Has(core::Right::kBreakGlass)) << core::RoleName(role);
  }
}

// BG-2: a stated reason is mandatory; without one nothing changes (the
// token code is not even used, so it still works afterwards).
TEST_F(BreakGlassTest, RequiresAReason) {
  SessionInfo s = SignedIn("holder");
  for (const std::string& reason : {std::string(), std::string(" \t\n "), std::string(1001, 'x')}) {
    auto view = break_glass_.Override(s, shielded_, Request("holder", reason));
    ASSERT_FALSE(view);
    EXPECT_EQ(view.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(view.error().field, "reason");
  }
  EXPECT_TRUE(OpenInvestigations().empty());
  EXPECT_TRUE(History(shielded_).empty());
  EXPECT_TRUE(break_glass_.Override(s, shielded_, Request("holder", std::string(1000, 'y'))));
}

// BG-2 (re-authentication): a wrong password, a wrong code or a code already
// used are refused with the sign-in's generic error, and nothing opens.
TEST_F(BreakGlassTest, RefusesWrongOrReplayedFactorsWithTheGenericError) {
  const std::string signed_in_code = CodeFor("holder");
  SessionInfo s = SignInAs("holder");  // uses signed_in_code
  const std::string bad_code = signed_in_code == "000000" ? "111111" : "000000";
  const BreakGlassRequest attempts[] = {{"not the password at all", signed_in_code, kReason},
                                        {kPassword, bad_code, kReason},
                                        {kPassword, signed_in_code, kReason},  // replayed
                                        {kPassword, "", kReason}};
  for (const auto& a : attempts) {
    auto view = break_glass_.Override(s, shielded_, a);
    ASSERT_FALSE(view);
    EXPECT_EQ(view.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(view.error().message, kSignInFailed);
  }
  EXPECT_TRUE(OpenInvestigations().empty());
  for (const auto& row : History(shielded_)) EXPECT_EQ(row.outcome, "failed");
}

// BG-2: the full shielded record for that access only; an ordinary view by
// the same user before and after is still minimal (SHD-2).
TEST_F(BreakGlassTest, ShowsTheShieldedRecordInFullForThatAccessOnly) {
  SessionInfo s = SignedIn("holder");
  auto before = records_.View(s.actor, shielded_);
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->minimal);

  auto full = break_glass_.Override(s, shielded_, Request("holder"));
  ASSERT_TRUE(full) << full.error().message;
  EXPECT_FALSE(full->minimal);
  EXPECT_TRUE(full->withheld.empty());
  EXPECT_FALSE(full->child.address.postcode.empty());
  EXPECT_FALSE(full->child.parents_carers.empty());

  auto after = records_.View(s.actor, shielded_);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->minimal);
  EXPECT_TRUE(after->child.address.postcode.empty());
}

// BG-3: unknown and archived records are not found, audited, and open nothing.
TEST_F(BreakGlassTest, UnknownOrArchivedRecordsAreNotFound) {
  core::Child archived = cp::testing::SampleChild(2);
  archived.archive_state = core::ArchiveState::kSoft;
  const core::ChildId archived_id = AddChild(archived);
  SessionInfo s = SignedIn("holder");
  auto unknown = break_glass_.Override(s, 987654, Request("holder"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  tdb_.clock().Advance(30);
  auto gone = break_glass_.Override(s, archived_id, Request("holder"));
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(OpenInvestigations().empty());
  ASSERT_FALSE(History(archived_id).empty());
  EXPECT_EQ(History(archived_id).front().outcome, "archived");
}

// BG-3: every use opens an investigation at once, due the next working day
// — here an ordinary Wednesday, so Thursday — and the audit entry marks it.
TEST_F(BreakGlassTest, OpensAnInvestigationDueTheNextWorkingDay) {
  const Timestamp used_at = tdb_.clock().Now() + 30;
  const std::int64_t id = BreakGlassOnce();
  auto open = OpenInvestigations();
  ASSERT_EQ(open.size(), 1u);
  const auto& row = open.front();
  EXPECT_EQ(row.child_id, shielded_);
  EXPECT_EQ(row.la_code, kLeeds);
  EXPECT_EQ(row.user_id, holder_);
  EXPECT_EQ(row.reason, kReason);
  EXPECT_EQ(row.occurred_at, used_at);
  EXPECT_EQ(row.due_on.ToIso(), "2026-06-11");

  const auto history = History(shielded_);
  ASSERT_FALSE(history.empty());
  const auto& entry = history.front();  // newest first
  EXPECT_EQ(entry.action, "break_glass");
  EXPECT_EQ(entry.outcome, "ok");
  EXPECT_EQ(entry.user_id, holder_);
  EXPECT_EQ(entry.record_ids, std::to_string(shielded_));
  EXPECT_NE(entry.details.find("\"investigation_id\":" + std::to_string(id)), std::string::npos);
  EXPECT_EQ(entry.details.find("Police"), std::string::npos);  // the reason stays out
}

// BG-3: bank holidays count — Friday 22 May 2026 is followed by the spring
// bank holiday, so the review is due on Tuesday 26 May.
TEST_F(BreakGlassTest, SkipsTheWeekendAndABankHolidayMonday) {
  tdb_.clock().Set(At("2026-05-22", 18));
  BreakGlassOnce();
  auto open = OpenInvestigations();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open.front().due_on.ToIso(), "2026-05-26");
}

// BG-3: the management team of the record's LA sees who, when and why;
// another LA's manager does not; the central team sees every LA; nobody
// else sees the queue.
TEST_F(BreakGlassTest, TheRecordsLaManagerSeesItInTheQueue) {
  const Timestamp used_at = tdb_.clock().Now() + 30;
  const std::int64_t id = BreakGlassOnce();

  auto queue = break_glass_.Queue(SignInAs("manager").actor);
  ASSERT_TRUE(queue) << queue.error().message;
  ASSERT_EQ(queue->size(), 1u);
  const Investigation& item = queue->front();
  EXPECT_EQ(item.id, id);
  EXPECT_EQ(item.user_id, holder_);
  EXPECT_EQ(item.user_display_name, "User holder");
  EXPECT_EQ(item.occurred_at, used_at);
  EXPECT_EQ(item.reason, kReason);
  EXPECT_EQ(item.child_id, shielded_);
  EXPECT_EQ(item.due_on.ToIso(), "2026-06-11");
  EXPECT_FALSE(item.overdue);

  auto elsewhere = break_glass_.Queue(SignInAs("other.manager").actor);
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());

  auto national = break_glass_.Queue(SignInAs("central").actor);
  ASSERT_TRUE(national);
  EXPECT_EQ(national->size(), 1u);

  auto refused = break_glass_.Queue(SignInAs("plain").actor);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);

  tdb_.clock().Set(At("2026-06-12", 9));  // the day after it was due
  auto late = break_glass_.Queue(SignInAs("manager").actor);
  ASSERT_TRUE(late);
  ASSERT_EQ(late->size(), 1u);
  EXPECT_TRUE(late->front().overdue);
}

// BG-3: the team resolves an investigation as legitimate, once.
TEST_F(BreakGlassTest, ResolvesAsLegitimateOnce) {
  const std::int64_t id = BreakGlassOnce();
  const Actor manager = SignInAs("manager").actor;
  ASSERT_TRUE(break_glass_.Resolve(manager, id, Resolution::kLegitimate, ""));
  auto again = break_glass_.Resolve(manager, id, Resolution::kReferredMisuse, "Second thoughts");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);

  auto conn = tdb_.Conn();
  auto row = store::InvestigationRepository(*conn).Get(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->status, store::InvestigationStatus::kLegitimate);
  EXPECT_EQ(row->resolved_by, manager.user_id);
  EXPECT_TRUE(break_glass_.Queue(manager)->empty());
  ExpectAuditTrailVerifies();
}

// BG-3: a referral as possible misuse needs a note, and is refused the
// second time too; another LA's manager cannot resolve it at all.
TEST_F(BreakGlassTest, RefersAsPossibleMisuseWithANote) {
  const std::int64_t id = BreakGlassOnce();
  const Actor manager = SignInAs("manager").actor;

  auto foreign = break_glass_.Resolve(SignInAs("other.manager").actor, id,
                                      Resolution::kReferredMisuse, "Not ours");
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kPermissionDenied);

  auto bare = break_glass_.Resolve(manager, id, Resolution::kReferredMisuse, "   ");
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bare.error().field, "note");

  ASSERT_TRUE(break_glass_.Resolve(manager, id, Resolution::kReferredMisuse,
                                   "No threat recorded; referred to the staff manager"));
  auto again = break_glass_.Resolve(manager, id, Resolution::kLegitimate, "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);

  auto conn = tdb_.Conn();
  auto row = store::InvestigationRepository(*conn).Get(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->status, store::InvestigationStatus::kReferredMisuse);
  EXPECT_EQ(row->resolution_note, "No threat recorded; referred to the staff manager");
  ExpectAuditTrailVerifies();
}

// BG-3: nobody judges their own use — an LA manager named as a holder
// cannot resolve the investigation into their own override.
TEST_F(BreakGlassTest, AHolderCannotResolveTheirOwnInvestigation) {
  AddUser("duty.manager", core::Role::kLaManager, {core::Right::kBreakGlass}, kLeeds);
  SessionInfo s = SignedIn("duty.manager");
  ASSERT_TRUE(break_glass_.Override(s, shielded_, Request("duty.manager")));
  const auto open = OpenInvestigations();
  ASSERT_EQ(open.size(), 1u);
  auto own = break_glass_.Resolve(s.actor, open.front().id, Resolution::kLegitimate, "");
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(break_glass_.Resolve(SignInAs("manager").actor, open.front().id,
                                   Resolution::kLegitimate, ""));
}

// BG-3, rights before input: another LA's manager, or the holder judging
// their own use, is refused — and the refusal audited — whatever note they
// send; the note is judged only for the team that may resolve, and a bad
// one changes nothing.
TEST_F(BreakGlassTest, ResolveChecksTheRightBeforeTheNote) {
  AddUser("duty.manager", core::Role::kLaManager, {core::Right::kBreakGlass}, kLeeds);
  SessionInfo duty = SignedIn("duty.manager");
  ASSERT_TRUE(break_glass_.Override(duty, shielded_, Request("duty.manager")));
  const auto open = OpenInvestigations();
  ASSERT_EQ(open.size(), 1u);
  const std::int64_t id = open.front().id;
  const std::string too_long(kMaxReasonChars + 1, 'x');

  auto foreign =
      break_glass_.Resolve(SignInAs("other.manager").actor, id, Resolution::kReferredMisuse, "   ");
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kPermissionDenied);
  auto own = break_glass_.Resolve(duty.actor, id, Resolution::kLegitimate, too_long);
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::kPermissionDenied);
  const auto history = History(shielded_);
  EXPECT_EQ(std::count_if(history.begin(), history.end(),
                          [](const store::AuditRow& r) {
                            return r.action == "investigation.resolve" && r.outcome == "denied";
                          }),
            2);

  const Actor manager = SignInAs("manager").actor;
  auto bare = break_glass_.Resolve(manager, id, Resolution::kReferredMisuse, "");
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().field, "note");
  EXPECT_EQ(OpenInvestigations().size(), 1u);
  ASSERT_TRUE(break_glass_.Resolve(manager, id, Resolution::kLegitimate, ""));
}

// BG-1, AUTH-6: when mediated, the holder is the requestor, who
// re-authenticates; the investigation names both.
TEST_F(BreakGlassTest, AMediatedUseReauthenticatesTheRequestorAndNamesBoth) {
  const core::UserId mediator = AddUser("mediator", core::Role::kSupportStaff);
  SessionInfo m = SignedIn("mediator");
  ASSERT_TRUE(sessions_->StartMediation(m, {"holder", kPassword, CodeFor("holder"), Route::kWeb}));
  tdb_.clock().Advance(30);
  auto s = sessions_->Resolve(session_ids_["mediator"]);
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->requestor);

  auto wrong = break_glass_.Override(*s, shielded_, Request("mediator"));  // the mediator's code
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);

  auto full = break_glass_.Override(*s, shielded_, Request("holder"));
  ASSERT_TRUE(full) << full.error().message;
  EXPECT_FALSE(full->minimal);
  const auto open = OpenInvestigations();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open.front().user_id, holder_);
  EXPECT_EQ(open.front().mediator_id, mediator);
  ExpectAuditTrailVerifies();
}

}  // namespace
}  // namespace cp::services
