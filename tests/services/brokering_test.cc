// Brokering (SENS-4, BRK-1; G 3.48–3.52, S 8, flowchart B11) through the
// service, on a real database of each engine.

#include <algorithm>

#include "services/brokering_service.h"
#include "services/fixture.h"
#include "store/audit_repository.h"
#include "store/brokering_repository.h"
#include "store/child_repository.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

constexpr const char* kLeeds = "E08000035";  // the sample child's LA
constexpr const char* kBradford = "E08000032";
constexpr const char* kContact = "0113 496 0100, teacher@school.example.org";
constexpr const char* kReason = "Convening a multi-agency panel about the child's attendance";
constexpr const char* kToWhom = "Leeds Sexual Health, Dr Kaur";
constexpr const char* kDeclined = "Disclosure would undermine the young person's trust";

class BrokeringTest : public ServiceFixture {
 protected:
  BrokeringTest() : brokering_(*ctx_) {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    teacher_ = ActorFor(AddUser("teacher", core::Role::kPractitioner), core::Role::kPractitioner);
    nurse_ = ActorFor(AddUser("nurse", core::Role::kPractitioner), core::Role::kPractitioner);
    manager_ = ActorFor(AddUser("manager", core::Role::kLaManager), core::Role::kLaManager);
    other_manager_ = ActorFor(AddUser("bradford", core::Role::kLaManager, {}, kBradford),
                              core::Role::kLaManager, kBradford);
    data_admin_ = ActorFor(AddUser("data.admin", core::Role::kLaDataAdministrator),
                           core::Role::kLaDataAdministrator);
    core::Child sensitive = cp::testing::SampleChild(1);
    core::Involvement inv =
        cp::testing::SensitiveInvolvement("sexual_health", "Leeds Sexual Health");
    inv.practitioner = "Dr Kaur";
    sensitive.involvements.push_back(inv);
    with_sensitive_ = AddChild(sensitive);
    sensitive_involvement_ = SensitiveInvolvementOf(with_sensitive_);
    core::Child shielded = cp::testing::SampleChild(2);
    shielded.shielded = true;
    shielded_ = AddChild(shielded);
    plain_ = AddChild(cp::testing::SampleChild(3));
  }

  static Actor ActorFor(core::UserId id, core::Role role, const std::string& la = kLeeds) {
    Actor a;
    a.user_id = id;
    a.role = role;
    a.rights = core::RoleRights(role);
    a.la_code = la;
    return a;
  }

  std::int64_t SensitiveInvolvementOf(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto child = store::ChildRepository(*conn).Get(id);
    EXPECT_TRUE(child) << child.error().message;
    for (const auto& inv : child->involvements) {
      if (inv.category == core::ServiceCategory::kSensitive) return inv.id;
    }
    ADD_FAILURE() << "no sensitive involvement";
    return 0;
  }

  static BrokeringAsk SensitiveAsk(std::optional<std::int64_t> involvement = std::nullopt) {
    return {BrokeringKind::kSensitiveServiceContact, involvement, kContact, kReason};
  }
  static BrokeringAsk ShieldedAsk() {
    return {BrokeringKind::kShieldedRecordInformation, std::nullopt, kContact, kReason};
  }

  std::int64_t AskAs(const Actor& who, core::ChildId child, const BrokeringAsk& ask) {
    auto id = brokering_.Ask(who, child, ask);
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  }

  store::BrokeringRequestRow Stored(std::int64_t id) {
    auto conn = tdb_.Conn();
    auto row = store::BrokeringRepository(*conn).Get(id);
    EXPECT_TRUE(row) << row.error().message;
    return row ? *row : store::BrokeringRequestRow{};
  }

  std::vector<store::AuditRow> History(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).ForRecord(id, 100);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::AuditRow>{};
  }

  std::vector<BrokeringRequest> QueueOf(const Actor& who) {
    auto q = brokering_.Queue(who);
    EXPECT_TRUE(q) << q.error().message;
    return q ? *q : std::vector<BrokeringRequest>{};
  }

  std::vector<BrokeringRequest> MineOf(const Actor& who) {
    auto m = brokering_.Mine(who);
    EXPECT_TRUE(m) << m.error().message;
    return m ? *m : std::vector<BrokeringRequest>{};
  }

  BrokeringService brokering_;
  Actor teacher_, nurse_, manager_, other_manager_, data_admin_;
  core::ChildId with_sensitive_ = 0, shielded_ = 0, plain_ = 0;
  std::int64_t sensitive_involvement_ = 0;
};

// SENS-4: a request for contact with a sensitive service lands, received,
// in the queue of the record's LA team, with the requester's details and
// reason — and in no other LA's queue.
TEST_F(BrokeringTest, AskLandsInTheQueueOfTheRecordsLocalAuthorityOnly) {
  const std::int64_t id = AskAs(teacher_, with_sensitive_, SensitiveAsk(sensitive_involvement_));
  const auto queue = QueueOf(manager_);
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].id, id);
  EXPECT_EQ(queue[0].child_id, with_sensitive_);
  EXPECT_EQ(queue[0].la_code, kLeeds);
  EXPECT_EQ(queue[0].kind, BrokeringKind::kSensitiveServiceContact);
  EXPECT_EQ(queue[0].involvement_id, sensitive_involvement_);
  EXPECT_EQ(queue[0].status, BrokeringStatus::kReceived);
  EXPECT_EQ(queue[0].requester_user_id, *teacher_.user_id);
  EXPECT_EQ(queue[0].requester_display_name, "User teacher");
  EXPECT_EQ(queue[0].requester_contact, kContact);
  EXPECT_EQ(queue[0].reason, kReason);
  EXPECT_EQ(queue[0].created_at, tdb_.clock().Now());
  EXPECT_TRUE(QueueOf(other_manager_).empty());
}

// SENS-4, flowchart B11: passed on, the service decides to make contact,
// the requester is told; each step records who and when, and a closed
// request leaves the queue.
TEST_F(BrokeringTest, TheFullPathToClosed) {
  const std::int64_t id = AskAs(teacher_, with_sensitive_, SensitiveAsk());
  tdb_.clock().Advance(3600);
  ASSERT_TRUE(brokering_.PassOn(manager_, id, kToWhom));
  EXPECT_EQ(QueueOf(manager_).at(0).status, BrokeringStatus::kPassedOn);
  EXPECT_EQ(QueueOf(manager_).at(0).passed_on_to, kToWhom);
  tdb_.clock().Advance(86400);
  ASSERT_TRUE(brokering_.RecordDecision(manager_, id, /*disclosed=*/true, ""));
  EXPECT_EQ(QueueOf(manager_).at(0).status, BrokeringStatus::kDisclosed);
  tdb_.clock().Advance(3600);
  ASSERT_TRUE(brokering_.RecordFeedback(manager_, id));
  EXPECT_TRUE(QueueOf(manager_).empty());

  const auto row = Stored(id);
  const Timestamp asked = Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600;
  EXPECT_EQ(row.status, BrokeringStatus::kClosed);
  EXPECT_EQ(row.passed_on_at, asked + 3600);
  EXPECT_EQ(row.passed_on_by, manager_.user_id);
  EXPECT_EQ(row.passed_on_to, kToWhom);
  EXPECT_EQ(row.decided_at, asked + 3600 + 86400);
  EXPECT_EQ(row.decided_by, manager_.user_id);
  EXPECT_EQ(row.disclosed, true);
  EXPECT_EQ(row.feedback_sent_on, Date::ParseIso("2026-06-11"));
  EXPECT_EQ(row.closed_by, manager_.user_id);
  EXPECT_EQ(row.closed_at, asked + 3600 + 86400 + 3600);

  const auto mine = MineOf(teacher_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].status, BrokeringStatus::kClosed);
  EXPECT_EQ(mine[0].disclosed, true);
  EXPECT_EQ(mine[0].feedback_sent_on, Date::ParseIso("2026-06-11"));
  // G 3.48: the requester never learns the service's identity from this.
  EXPECT_TRUE(mine[0].passed_on_to.empty());
}

// BRK-1, S 8: a practitioner on a shielded record declines to disclose; the
// refusal needs reasons, is fed back, and the requester sees the reasons.
TEST_F(BrokeringTest, ADeclineCarriesReasonsTheRequesterSees) {
  const std::int64_t id = AskAs(teacher_, shielded_, ShieldedAsk());
  ASSERT_TRUE(brokering_.PassOn(manager_, id, "Ms Patel, social worker on the record"));
  EXPECT_EQ(MineOf(teacher_).at(0).status, BrokeringStatus::kPassedOn);

  auto missing = brokering_.RecordDecision(manager_, id, /*disclosed=*/false, "  ");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(missing.error().field, "reasons");
  auto too_long = brokering_.RecordDecision(manager_, id, false, std::string(2001, 'x'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field, "reasons");
  EXPECT_EQ(Stored(id).status, BrokeringStatus::kPassedOn);  // nothing changed

  ASSERT_TRUE(brokering_.RecordDecision(manager_, id, false, kDeclined));
  auto mine = MineOf(teacher_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].status, BrokeringStatus::kDeclined);
  EXPECT_EQ(mine[0].decision_reasons, kDeclined);
  EXPECT_TRUE(mine[0].passed_on_to.empty());

  ASSERT_TRUE(brokering_.RecordFeedback(manager_, id));
  mine = MineOf(teacher_);
  EXPECT_EQ(mine.at(0).status, BrokeringStatus::kClosed);
  EXPECT_EQ(mine.at(0).disclosed, false);
  EXPECT_EQ(mine.at(0).decision_reasons, kDeclined);
  EXPECT_EQ(mine.at(0).feedback_sent_on, tdb_.clock().Today());
}

// SENS-4: a requester sees their own requests and no one else's, newest
// first.
TEST_F(BrokeringTest, ARequesterSeesOnlyTheirOwnRequests) {
  const std::int64_t first = AskAs(teacher_, with_sensitive_, SensitiveAsk());
  tdb_.clock().Advance(60);
  const std::int64_t second = AskAs(teacher_, shielded_, ShieldedAsk());
  const std::int64_t nurses = AskAs(nurse_, with_sensitive_, SensitiveAsk());
  const auto mine = MineOf(teacher_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, second);
  EXPECT_EQ(mine[1].id, first);
  const auto theirs = MineOf(nurse_);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].id, nurses);
  EXPECT_TRUE(MineOf(manager_).empty());
  // Several requests about one child list (and audit) as well as one.
  const std::int64_t again = AskAs(teacher_, with_sensitive_, SensitiveAsk());
  EXPECT_EQ(MineOf(teacher_).size(), 3u);
  EXPECT_EQ(MineOf(teacher_).at(0).id, again);
  // The queue holds all four, oldest first.
  const auto queue = QueueOf(manager_);
  ASSERT_EQ(queue.size(), 4u);
  EXPECT_EQ(queue[0].id, first);
}

// SENS-4, BRK-1: only the LA ContactPoint manager of the record's LA works
// the queue: not a practitioner, not another LA's manager, not a data
// administrator (who holds the broker right but is not the manager).
// Each refusal is audited and changes nothing.
TEST_F(BrokeringTest, OnlyTheRecordsLaManagerWorksTheQueue) {
  const std::int64_t id = AskAs(teacher_, with_sensitive_, SensitiveAsk());
  for (const Actor* who : {&teacher_, &data_admin_}) {
    auto q = brokering_.Queue(*who);
    ASSERT_FALSE(q);
    EXPECT_EQ(q.error().code, ErrorCode::kPermissionDenied);
  }
  for (const Actor* who : {&teacher_, &nurse_, &data_admin_, &other_manager_}) {
    EXPECT_EQ(brokering_.PassOn(*who, id, kToWhom).error().code, ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(Stored(id).status, BrokeringStatus::kReceived);
  ASSERT_TRUE(brokering_.PassOn(manager_, id, kToWhom));
  EXPECT_EQ(brokering_.RecordDecision(other_manager_, id, false, kDeclined).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(brokering_.RecordDecision(teacher_, id, true, "").error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(brokering_.RecordDecision(manager_, id, true, ""));
  EXPECT_EQ(brokering_.RecordFeedback(teacher_, id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Stored(id).status, BrokeringStatus::kDisclosed);
  int denied = 0;
  for (const auto& entry : History(with_sensitive_)) denied += entry.outcome == "denied";
  EXPECT_EQ(denied, 2);  // another LA's manager, on PassOn and on RecordDecision
}

// SENS-4: no step is skipped or taken twice; each refusal is a
// FailedPrecondition, audited, and changes nothing.
TEST_F(BrokeringTest, IllegalTransitionsAreRefused) {
  const std::int64_t id = AskAs(teacher_, with_sensitive_, SensitiveAsk());
  auto expect_refused = [&](Status s) {
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition) << s.error().message;
  };
  expect_refused(brokering_.RecordDecision(manager_, id, true, ""));  // before passing on
  expect_refused(brokering_.RecordFeedback(manager_, id));            // before a decision
  EXPECT_EQ(Stored(id).status, BrokeringStatus::kReceived);
  ASSERT_TRUE(brokering_.PassOn(manager_, id, kToWhom));
  expect_refused(brokering_.PassOn(manager_, id, "Someone else"));  // passed on twice
  expect_refused(brokering_.RecordFeedback(manager_, id));
  EXPECT_EQ(Stored(id).passed_on_to, kToWhom);
  ASSERT_TRUE(brokering_.RecordDecision(manager_, id, false, kDeclined));
  expect_refused(brokering_.RecordDecision(manager_, id, true, ""));  // decided twice
  EXPECT_EQ(Stored(id).disclosed, false);
  ASSERT_TRUE(brokering_.RecordFeedback(manager_, id));
  expect_refused(brokering_.RecordFeedback(manager_, id));  // feedback twice
  expect_refused(brokering_.PassOn(manager_, id, kToWhom));
  EXPECT_EQ(Stored(id).status, BrokeringStatus::kClosed);
  int refused = 0;
  for (const auto& entry : History(with_sensitive_)) refused += entry.outcome == "refused";
  EXPECT_EQ(refused, 7);
  EXPECT_EQ(brokering_.PassOn(manager_, id + 1000, kToWhom).error().code, ErrorCode::kNotFound);
}

// SENS-4 (G 3.51: "your details … and the reason"): a request without
// contact details or a reason, or one that does not fit the record, is
// refused with the field at fault, and nothing is stored or audited.
TEST_F(BrokeringTest, BadRequestsAreRefusedAndNothingIsStored) {
  struct Case {
    core::ChildId child;
    BrokeringAsk ask;
    const char* field;
  };
  BrokeringAsk no_contact = SensitiveAsk();
  no_contact.requester_contact = " \t";
  BrokeringAsk unreachable = SensitiveAsk();
  unreachable.requester_contact = "ask at reception";
  BrokeringAsk no_reason = SensitiveAsk();
  no_reason.reason = "\n ";
  BrokeringAsk long_reason = SensitiveAsk();
  long_reason.reason = std::string(2001, 'r');
  BrokeringAsk named_service = ShieldedAsk();
  named_service.involvement_id = sensitive_involvement_;
  const Case cases[] = {
      {with_sensitive_, no_contact, "requester_contact"},
      {with_sensitive_, unreachable, "requester_contact"},
      {with_sensitive_, no_reason, "reason"},
      {with_sensitive_, long_reason, "reason"},
      {shielded_, named_service, "involvement_id"},
      {plain_, ShieldedAsk(), "kind"},   // not shielded
      {plain_, SensitiveAsk(), "kind"},  // no sensitive service
      {with_sensitive_, SensitiveAsk(sensitive_involvement_ + 999), "involvement_id"},
  };
  for (const Case& c : cases) {
    auto id = brokering_.Ask(teacher_, c.child, c.ask);
    ASSERT_FALSE(id) << c.field;
    EXPECT_EQ(id.error().code, ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(id.error().field, c.field) << id.error().message;
  }
  EXPECT_TRUE(MineOf(teacher_).empty());
  EXPECT_TRUE(QueueOf(manager_).empty());
  for (core::ChildId child : {with_sensitive_, shielded_, plain_}) {
    EXPECT_TRUE(History(child).empty()) << child;
  }
  // A reason of exactly 2,000 characters is accepted.
  BrokeringAsk longest = SensitiveAsk();
  longest.reason = std::string(2000, 'r');
  EXPECT_TRUE(brokering_.Ask(teacher_, with_sensitive_, longest));
  EXPECT_EQ(brokering_.Ask(teacher_, 999999, SensitiveAsk()).error().code, ErrorCode::kNotFound);
}

// SENS-4, BRK-1 with SHD-2: on a shielded record, a sensitive service is
// hidden from the requester, so asking about it is answered exactly as for
// an involvement that does not exist.
TEST_F(BrokeringTest, AskingRevealsNothingHiddenOnAShieldedRecord) {
  core::Child child = cp::testing::SampleChild(4);
  child.shielded = true;
  child.involvements.push_back(cp::testing::SensitiveInvolvement("camhs", "Leeds CAMHS"));
  const core::ChildId hidden = AddChild(child);
  const std::int64_t involvement = SensitiveInvolvementOf(hidden);
  auto real = brokering_.Ask(teacher_, hidden, SensitiveAsk(involvement));
  auto made_up = brokering_.Ask(teacher_, hidden, SensitiveAsk(involvement + 999));
  ASSERT_FALSE(real);
  ASSERT_FALSE(made_up);
  EXPECT_EQ(real.error().field, made_up.error().field);
  EXPECT_EQ(real.error().message, made_up.error().message);
  auto any = brokering_.Ask(teacher_, hidden, SensitiveAsk());
  ASSERT_FALSE(any);
  EXPECT_EQ(any.error().field, "kind");
  // What the requester can ask for is more information about the record.
  EXPECT_TRUE(brokering_.Ask(teacher_, hidden, ShieldedAsk()));
}

// SENS-4 ("every step is recorded"): each step has its audit entry on the
// record, by whom, with ids and statuses — never the free text.
TEST_F(BrokeringTest, EveryStepIsAuditedWithTheRecordId) {
  const std::int64_t id = AskAs(teacher_, with_sensitive_, SensitiveAsk(sensitive_involvement_));
  QueueOf(manager_);
  ASSERT_TRUE(brokering_.PassOn(manager_, id, kToWhom));
  ASSERT_TRUE(brokering_.RecordDecision(manager_, id, false, kDeclined));
  ASSERT_TRUE(brokering_.RecordFeedback(manager_, id));
  MineOf(teacher_);

  auto history = History(with_sensitive_);  // newest first
  std::reverse(history.begin(), history.end());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"brokering.ask", "received"},      {"brokering.queue", ""},
      {"brokering.pass_on", "passed_on"}, {"brokering.decision", "declined"},
      {"brokering.feedback", "closed"},   {"brokering.mine", ""}};
  ASSERT_EQ(history.size(), expected.size());
  const std::string request = "\"request_id\":" + std::to_string(id);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& entry = history[i];
    EXPECT_EQ(entry.action, expected[i].first);
    EXPECT_EQ(entry.outcome, "ok") << entry.action;
    EXPECT_EQ(entry.record_ids, std::to_string(with_sensitive_)) << entry.action;
    const bool by_teacher = i == 0 || i == 5;
    EXPECT_EQ(entry.user_id, by_teacher ? teacher_.user_id : manager_.user_id) << entry.action;
    if (!expected[i].second.empty()) {
      EXPECT_NE(entry.details.find(request), std::string::npos) << entry.details;
      EXPECT_NE(entry.details.find("\"status\":\"" + expected[i].second + "\""), std::string::npos)
          << entry.details;
    }
    for (const char* text : {kContact, kReason, kToWhom, kDeclined}) {
      EXPECT_EQ(entry.details.find(text), std::string::npos) << entry.action;
    }
  }
}

}  // namespace
}  // namespace cp::services
