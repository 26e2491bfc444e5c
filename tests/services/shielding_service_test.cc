// Shielding (SHD-1 … SHD-11) through the service, on both engines.

#include "services/shielding_service.h"

#include <algorithm>

#include "services/child_index.h"
#include "services/fixture.h"
#include "services/record_service.h"
#include "store/audit_repository.h"
#include "store/child_repository.h"
#include "store/shield_repository.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

using core::ShieldGround;
using core::ShieldRequestStatus;

class ShieldingTest : public ServiceFixture {
 protected:
  ShieldingTest() : shielding_(*ctx_, nullptr), records_(*ctx_) {
    practitioner_ =
        ActorFor(AddUser("teacher", core::Role::kPractitioner), core::Role::kPractitioner);
    other_ = ActorFor(AddUser("nurse", core::Role::kPractitioner), core::Role::kPractitioner);
    shielder_ = ActorFor(AddUser("shielder", core::Role::kPractitioner, {core::Right::kShield}),
                         core::Role::kPractitioner, {core::Right::kShield});
    manager_ = ActorFor(AddUser("manager", core::Role::kLaManager), core::Role::kLaManager);
    other_la_manager_ = ActorFor(AddUser("bradford", core::Role::kLaManager, {}, "E08000032"),
                                 core::Role::kLaManager, {}, "E08000032");
  }

  static Actor ActorFor(core::UserId id, core::Role role, core::Rights extra = {},
                        const std::string& la = "E08000035") {
    Actor a;
    a.user_id = id;
    a.role = role;
    a.rights = core::RoleRights(role).With(extra);
    a.la_code = la;
    return a;
  }

  static ShieldRequestInput Input(bool urgent = false) {
    ShieldRequestInput in;
    in.grounds = {ShieldGround::kRiskToChild};
    in.relationship = "Class teacher";
    in.urgent = urgent;
    return in;
  }

  bool Shielded(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto child = store::ChildRepository(*conn).Get(id);
    EXPECT_TRUE(child) << child.error().message;
    return child && child->shielded;
  }

  std::vector<store::ShieldingLogRow> LogOf(core::ChildId id) {
    auto log = shielding_.Log(manager_);
    EXPECT_TRUE(log) << log.error().message;
    std::vector<store::ShieldingLogRow> out;
    for (const auto& l : *log) {
      if (l.child_id == id) out.push_back(l);
    }
    return out;
  }

  // Entries `action`/`outcome` in record `id`'s access history (AUD-5), or,
  // with id 0, among `user`'s actions.
  int Audits(core::ChildId id, const std::string& action, const std::string& outcome,
             std::optional<core::UserId> user = std::nullopt) {
    auto conn = tdb_.Conn();
    store::AuditRepository audit(*conn);
    auto rows = id != 0 ? audit.ForRecord(id, 500) : audit.ForUser(user.value_or(0), 500);
    EXPECT_TRUE(rows);
    if (!rows) return -1;
    return static_cast<int>(std::count_if(rows->begin(), rows->end(), [&](const auto& r) {
      return r.action == action && r.outcome == outcome;
    }));
  }

  ShieldingService shielding_;
  RecordService records_;
  Actor practitioner_, other_, shielder_, manager_, other_la_manager_;
};

// SHD-3, G 4.67: a user's notification waits for the team; an urgent mark
// shields at once, as does the request of a holder of the shield right.
TEST_F(ShieldingTest, NotificationWaitsAndUrgentMarkShieldsAtOnce) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  const core::ChildId b = AddChild(cp::testing::SampleChild(2));
  const core::ChildId c = AddChild(cp::testing::SampleChild(3));
  auto waiting = shielding_.Request(practitioner_, a, Input());
  ASSERT_TRUE(waiting) << waiting.error().message;
  EXPECT_EQ(waiting->status, ShieldRequestStatus::kPending);
  EXPECT_FALSE(Shielded(a));
  auto urgent = shielding_.Request(practitioner_, b, Input(/*urgent=*/true));
  ASSERT_TRUE(urgent) << urgent.error().message;
  EXPECT_EQ(urgent->status, ShieldRequestStatus::kActive);
  EXPECT_TRUE(Shielded(b));
  auto named = shielding_.Request(shielder_, c, Input());
  ASSERT_TRUE(named);
  EXPECT_TRUE(Shielded(c));
  // SHD-2: the shield takes effect in what every user sees.
  auto view = records_.View(other_, b);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->minimal);
  EXPECT_TRUE(view->child.address.postcode.empty());
}

// SHD-1: a request names its grounds; without them it changes nothing.
TEST_F(ShieldingTest, RequestWithoutGroundsIsRefusedAndChangesNothing) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  ShieldRequestInput in = Input(true);
  in.grounds.clear();
  auto r = shielding_.Request(practitioner_, a, in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "grounds");
  EXPECT_FALSE(Shielded(a));
  auto conn = tdb_.Conn();
  EXPECT_TRUE(store::ShieldRepository(*conn).RequestsFor(a)->empty());
}

// SHD-4: several requests, one per requester; each requester withdraws only
// their own; only the LA ContactPoint manager unshields, and only when no
// request remains.
TEST_F(ShieldingTest, UnshieldOnlyByTheManagerOnceEveryRequestIsWithdrawn) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  auto first = shielding_.Request(practitioner_, a, Input(true));
  ASSERT_TRUE(first);
  auto again = shielding_.Request(practitioner_, a, Input(true));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto second = shielding_.Request(other_, a, Input(true));
  ASSERT_TRUE(second);

  EXPECT_EQ(shielding_.Withdraw(other_, first->request_id).error().code,
            ErrorCode::kPermissionDenied);
  auto refused = shielding_.Unshield(manager_, a, "Reviewed by the panel");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Shielded(a));

  ASSERT_TRUE(shielding_.Withdraw(practitioner_, first->request_id));
  EXPECT_FALSE(shielding_.Unshield(manager_, a, "Reviewed by the panel"));
  ASSERT_TRUE(shielding_.Withdraw(other_, second->request_id));
  // Withdrawn requests do not unshield by themselves (S 7).
  EXPECT_TRUE(Shielded(a));
  EXPECT_EQ(shielding_.Unshield(shielder_, a, "x").error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(shielding_.Unshield(other_la_manager_, a, "x").error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(shielding_.Unshield(manager_, a, "Reviewed by the panel"));
  EXPECT_FALSE(Shielded(a));
}

// The team decides on a waiting notification: applied or rejected, logged.
TEST_F(ShieldingTest, TheTeamAppliesOrRejectsANotification) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  const core::ChildId b = AddChild(cp::testing::SampleChild(2));
  auto ra = shielding_.Request(practitioner_, a, Input());
  auto rb = shielding_.Request(practitioner_, b, Input());
  ASSERT_TRUE(ra && rb);
  auto queue = shielding_.PendingRequests(manager_);
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->size(), 2u);
  EXPECT_TRUE(shielding_.PendingRequests(other_la_manager_)->empty());
  EXPECT_EQ(shielding_.Decide(other_la_manager_, ra->request_id, true, "").error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(shielding_.Decide(manager_, ra->request_id, true, ""));
  EXPECT_TRUE(Shielded(a));
  EXPECT_FALSE(shielding_.Decide(manager_, rb->request_id, false, ""));  // a reason is needed
  ASSERT_TRUE(shielding_.Decide(manager_, rb->request_id, false, "Opposition in principle only"));
  EXPECT_FALSE(Shielded(b));
  EXPECT_FALSE(shielding_.Decide(manager_, rb->request_id, true, ""));  // decided once
  ASSERT_EQ(LogOf(b).size(), 1u);
  EXPECT_EQ(LogOf(b)[0].action, core::ShieldingLogAction::kRejected);
  EXPECT_TRUE(shielding_.PendingRequests(manager_)->empty());
}

// SHD-3, S 4: the team records a request from someone who is not a user,
// with their details; it shields at once.
TEST_F(ShieldingTest, TheTeamRecordsARequestFromANonUser) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  NonUserRequestInput in;
  in.requester_name = "Ms Parent";
  in.requester_contact = "0113 496 0000";
  in.relationship = "Parent/carer";
  in.grounds = {ShieldGround::kRiskToAdult};
  EXPECT_EQ(shielding_.RecordForNonUser(practitioner_, a, in).error().code,
            ErrorCode::kPermissionDenied);
  NonUserRequestInput missing = in;
  missing.requester_contact.clear();
  EXPECT_EQ(shielding_.RecordForNonUser(manager_, a, missing).error().field, "requester_contact");
  auto r = shielding_.RecordForNonUser(manager_, a, in);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(Shielded(a));
  const auto log = LogOf(a);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].requester_contact, "0113 496 0000");
  EXPECT_EQ(log[0].relationship, "Parent/carer");
  EXPECT_EQ(log[0].category, "risk_to_adult");
  // A user cannot withdraw it; the team can.
  EXPECT_FALSE(shielding_.Withdraw(practitioner_, r->request_id));
  EXPECT_TRUE(shielding_.Withdraw(manager_, r->request_id));
}

// SHD-5: a review is due 7 days after the request, then every 6 months;
// reviews due and overdue are listed.
TEST_F(ShieldingTest, ReviewsAreDueInSevenDaysThenEverySixMonths) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  const Date requested_on = tdb_.clock().Today();
  ASSERT_TRUE(shielding_.Request(practitioner_, a, Input(true)));
  auto soon = shielding_.ReviewsDue(manager_, 7);
  ASSERT_TRUE(soon);
  ASSERT_EQ(soon->size(), 1u);
  EXPECT_EQ((*soon)[0].review.due_on, requested_on.AddDays(7));
  EXPECT_FALSE((*soon)[0].overdue);
  EXPECT_TRUE(shielding_.ReviewsDue(manager_, 0)->empty());
  EXPECT_FALSE(shielding_.ReviewsDue(practitioner_, 7));

  tdb_.clock().Advance(8 * 86400);
  auto late = shielding_.ReviewsDue(manager_, 0);
  ASSERT_EQ(late->size(), 1u);
  EXPECT_TRUE((*late)[0].overdue);
  EXPECT_FALSE(shielding_.DecideReview(manager_, (*late)[0].review.id,
                                       core::ShieldReviewDecision::kMaintain, ""));
  ASSERT_TRUE(shielding_.DecideReview(manager_, (*late)[0].review.id,
                                      core::ShieldReviewDecision::kMaintain,
                                      "Panel: risk continues"));
  EXPECT_TRUE(shielding_.ReviewsDue(manager_, 0)->empty());
  auto next = shielding_.ReviewsDue(manager_, 200);
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ(next->front().review.due_on, tdb_.clock().Today().AddMonths(6));
  EXPECT_EQ(next->front().review.kind, "periodic");
}

// SHD-6: children at the same address are shielded in the first instance,
// each with its own 7-day review.
TEST_F(ShieldingTest, CoResidentChildrenAreShieldedWithTheirOwnReview) {
  core::Child first = cp::testing::SampleChild(1);
  core::Child sibling = cp::testing::SampleChild(2);
  sibling.address = first.address;
  const core::Child elsewhere = cp::testing::SampleChild(3);
  const core::ChildId a = AddChild(first);
  const core::ChildId b = AddChild(sibling);
  const core::ChildId c = AddChild(elsewhere);
  auto r = shielding_.Request(shielder_, a, Input());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->also_shielded, std::vector<core::ChildId>{b});
  EXPECT_TRUE(Shielded(b));
  EXPECT_FALSE(Shielded(c));
  EXPECT_EQ(shielding_.ReviewsDue(manager_, 7)->size(), 2u);
  // The team can withdraw the implied request at review, then unshield.
  auto requests = shielding_.RequestsFor(manager_, b);
  ASSERT_EQ(requests->size(), 1u);
  EXPECT_EQ(requests->front().origin, core::ShieldOrigin::kCoResident);
  EXPECT_EQ(requests->front().origin_child_id, a);
  ASSERT_TRUE(shielding_.Withdraw(manager_, requests->front().id));
  ASSERT_TRUE(shielding_.Unshield(manager_, b, "Not at risk: panel decision"));
}

// SHD-7: potential duplicates of the record, found by the matching engine,
// are shielded in the first instance and logged as a possible match.
TEST_F(ShieldingTest, PotentialDuplicatesAreShieldedInTheFirstInstance) {
  core::Child original = cp::testing::SampleChild(1);
  core::Child duplicate = original;
  duplicate.uin = cp::testing::SampleChild(7).uin;
  duplicate.address = cp::testing::SampleChild(7).address;  // moved house
  const core::ChildId a = AddChild(original);
  const core::ChildId d = AddChild(duplicate);
  core::Child unrelated = cp::testing::SampleChild(3);  // samples differ only by address
  unrelated.forenames = "Oliver";
  unrelated.surname = "Whitfield";
  unrelated.known_as_surname.clear();
  unrelated.other_names.clear();
  unrelated.gender = core::Gender::kMale;
  unrelated.date_of_birth = *Date::ParseIso("2012-11-20");
  unrelated.address = {"4 Mill Lane", "", "", "Otley", "LS21 1AA"};
  const core::ChildId c = AddChild(unrelated);
  auto index = ChildIndex::Build(tdb_.db());
  ASSERT_TRUE(index) << index.error().message;
  ShieldingService with_index(*ctx_, index->get());
  auto r = with_index.Request(shielder_, a, Input());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(Shielded(d));
  EXPECT_FALSE(Shielded(c));
  const auto log = LogOf(d);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, core::ShieldingLogAction::kAppliedToPossibleMatch);
}

// SHD-8: the shielding log holds the S 15 fields and only the management
// team reads it.
TEST_F(ShieldingTest, TheLogIsForTheManagementTeamOnly) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  ASSERT_TRUE(shielding_.Request(practitioner_, a, Input(true)));
  ASSERT_TRUE(shielding_.Request(other_, a, Input()));  // additional, not yet applied
  EXPECT_EQ(shielding_.Log(practitioner_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(shielding_.Log(shielder_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(shielding_.Log(other_la_manager_)->empty());
  auto log = LogOf(a);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, core::ShieldingLogAction::kAdditionalRequest);  // newest first
  EXPECT_EQ(log[1].action, core::ShieldingLogAction::kApplied);
  EXPECT_EQ(log[1].uin, cp::testing::SampleChild(1).uin.value());
  EXPECT_EQ(log[1].relationship, "Class teacher");
  EXPECT_EQ(log[1].action_on, tdb_.clock().Today());
  EXPECT_FALSE(log[1].confirmation_sent_on);
  ASSERT_TRUE(shielding_.MarkConfirmationSent(manager_, log[1].id));
  EXPECT_EQ(LogOf(a)[1].confirmation_sent_on, tdb_.clock().Today());
}

// SHD-8, AUD-5: one record's log is read for the record's management team
// alone, holds that record's entries only, and the read — or the refusal —
// is in the record's access history.
TEST_F(ShieldingTest, OneRecordsLogIsTheTeamsAndItsReadIsInTheRecordsHistory) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  const core::ChildId b = AddChild(cp::testing::SampleChild(2));
  ASSERT_TRUE(shielding_.Request(practitioner_, a, Input(true)));
  ASSERT_TRUE(shielding_.Request(other_, a, Input()));  // additional, not yet applied
  ASSERT_TRUE(shielding_.Request(practitioner_, b, Input(true)));

  auto log = shielding_.LogFor(manager_, a);
  ASSERT_TRUE(log) << log.error().message;
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, core::ShieldingLogAction::kAdditionalRequest);  // newest first
  EXPECT_EQ((*log)[1].action, core::ShieldingLogAction::kApplied);
  for (const auto& l : *log) EXPECT_EQ(l.child_id, a);
  EXPECT_EQ(Audits(a, "shield.log", "ok"), 1);
  EXPECT_EQ(Audits(b, "shield.log", "ok"), 0);

  for (const Actor* who : {&practitioner_, &shielder_, &other_la_manager_}) {
    auto refused = shielding_.LogFor(*who, a);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(Audits(a, "shield.log", "denied"), 3);
  EXPECT_EQ(shielding_.LogFor(manager_, b + 1000).error().code, ErrorCode::kNotFound);
}

// Rights before input: anyone but the record's management team is refused,
// and the refusal audited, whatever comments or note they send; the team's
// own bad input is still refused naming the field, and changes nothing.
TEST_F(ShieldingTest, DecisionsCheckTheTeamBeforeTheInput) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  auto asked = shielding_.Request(practitioner_, a, Input());
  ASSERT_TRUE(asked);
  const std::int64_t request = asked->request_id;
  const std::string too_long(3000, 'x');
  for (const auto& [who, comments] :
       {std::pair{&other_la_manager_, std::string()}, std::pair{&practitioner_, too_long}}) {
    auto refused = shielding_.Decide(*who, request, /*apply=*/false, comments);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(Audits(a, "shield.decide", "denied"), 2);
  EXPECT_EQ(shielding_.Decide(manager_, request, false, "").error().field, "comments");
  EXPECT_EQ(shielding_.PendingRequests(manager_)->size(), 1u);
  ASSERT_TRUE(shielding_.Decide(manager_, request, true, ""));

  auto due = shielding_.ReviewsDue(manager_, 7);
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u);
  const std::int64_t review = due->front().review.id;
  for (const Actor* who : {&other_la_manager_, &practitioner_}) {
    auto refused =
        shielding_.DecideReview(*who, review, core::ShieldReviewDecision::kMaintain, "   ");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(Audits(a, "shield.review", "denied"), 2);
  EXPECT_EQ(shielding_.DecideReview(manager_, review, core::ShieldReviewDecision::kMaintain, "")
                .error()
                .field,
            "note");
  EXPECT_EQ(shielding_.ReviewsDue(manager_, 7)->size(), 1u);
}

// S 15: the date confirmation was sent is set by the team that logged the
// entry; every refusal is audited — against the record once the entry is
// known — and changes nothing.
TEST_F(ShieldingTest, ConfirmationSentIsMarkedByTheLoggingTeamAndRefusalsAudited) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  ASSERT_TRUE(shielding_.Request(practitioner_, a, Input(true)));
  auto log = shielding_.LogFor(manager_, a);
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 1u);
  const std::int64_t entry = log->front().id;

  EXPECT_EQ(shielding_.MarkConfirmationSent(practitioner_, entry).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Audits(0, "shield.log.confirmation", "denied", practitioner_.user_id), 1);
  EXPECT_EQ(shielding_.MarkConfirmationSent(other_la_manager_, entry).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Audits(a, "shield.log.confirmation", "denied"), 1);
  EXPECT_EQ(shielding_.MarkConfirmationSent(manager_, entry + 1000).error().code,
            ErrorCode::kNotFound);
  EXPECT_FALSE(shielding_.LogFor(manager_, a)->front().confirmation_sent_on);

  ASSERT_TRUE(shielding_.MarkConfirmationSent(manager_, entry));
  EXPECT_EQ(shielding_.LogFor(manager_, a)->front().confirmation_sent_on, tdb_.clock().Today());
  EXPECT_EQ(Audits(a, "shield.log.confirmation", "ok"), 1);
}

// SHD-9: a report of the requests users submitted.
TEST_F(ShieldingTest, ReportsRequestsSubmittedByUsers) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  const core::ChildId b = AddChild(cp::testing::SampleChild(2));
  ASSERT_TRUE(shielding_.Request(practitioner_, a, Input()));
  NonUserRequestInput in;
  in.requester_name = "Ms Parent";
  in.requester_contact = "0113 496 0000";
  in.relationship = "Parent/carer";
  in.grounds = {ShieldGround::kRiskToAdult};
  ASSERT_TRUE(shielding_.RecordForNonUser(manager_, b, in));
  const Date today = tdb_.clock().Today();
  auto report = shielding_.UserRequestsReport(manager_, today.AddDays(-30), today);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->size(), 1u);
  EXPECT_EQ(report->front().child_id, a);
  EXPECT_EQ(report->front().requester_user_id, practitioner_.user_id);
  EXPECT_TRUE(shielding_.UserRequestsReport(manager_, today.AddDays(1), today.AddDays(2))->empty());
  EXPECT_FALSE(shielding_.UserRequestsReport(practitioner_, today, today));
}

// SHD-3, FEED-8: a source system's shielding flag shields the record at
// once; repeating the flag adds nothing; only the source's own feed (not a
// user, not the team) can withdraw it, so the manager cannot unshield.
TEST_F(ShieldingTest, ASourceSystemsFlagShieldsTheRecord) {
  const core::ChildId a = AddChild(cp::testing::SampleChild(1));
  auto flagged = shielding_.RequestFromSource(a, "social_care_leeds", Route::kBatch);
  ASSERT_TRUE(flagged) << flagged.error().message;
  EXPECT_TRUE(Shielded(a));
  auto again = shielding_.RequestFromSource(a, "social_care_leeds", Route::kBatch);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->request_id, flagged->request_id);
  EXPECT_EQ(shielding_.RequestsFor(manager_, a)->size(), 1u);
  EXPECT_EQ(shielding_.Withdraw(manager_, flagged->request_id).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_FALSE(shielding_.Unshield(manager_, a, "Panel decision"));
  EXPECT_TRUE(Shielded(a));
  ASSERT_EQ(shielding_.ReviewsDue(manager_, 7)->size(), 1u);
}

// SHD-10: a shield stays, and reviews continue, past the child's 18th
// birthday.
TEST_F(ShieldingTest, ShieldAndReviewsPersistPastEighteen) {
  core::Child child = cp::testing::SampleChild(1);
  child.date_of_birth = tdb_.clock().Today().AddYears(-17).AddDays(-360);
  const core::ChildId a = AddChild(child);
  ASSERT_TRUE(shielding_.Request(practitioner_, a, Input(true)));
  tdb_.clock().Advance(30 * 86400);  // now past 18
  ASSERT_GE(child.date_of_birth.YearsOfAgeOn(tdb_.clock().Today()), 18);
  auto due = shielding_.ReviewsDue(manager_, 0);
  ASSERT_EQ(due->size(), 1u);
  ASSERT_TRUE(shielding_.DecideReview(manager_, due->front().review.id,
                                      core::ShieldReviewDecision::kMaintain, "Still at risk"));
  EXPECT_TRUE(Shielded(a));
  EXPECT_EQ(shielding_.ReviewsDue(manager_, 200)->size(), 1u);
}

}  // namespace
}  // namespace cp::services
