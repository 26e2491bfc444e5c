// Sensitive services and consent (SENS-1 … SENS-3, REC-5; G 3.3–3.8,
// G 3.30–3.33, flowchart B10) through the service, on each engine.

#include "services/fixture.h"
#include "services/record_service.h"
#include "services/sensitive_involvement_service.h"
#include "store/audit_repository.h"
#include "store/child_repository.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

constexpr const char* kLeeds = "E08000035";  // the sample child's LA
constexpr const char* kBradford = "E08000032";
constexpr const char* kHarm =
    "Reasonable cause to suspect the young person is suffering significant harm";

class SensitiveInvolvementTest : public ServiceFixture {
 protected:
  SensitiveInvolvementTest() : service_(*ctx_), records_(*ctx_) {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    nurse_ = ActorFor(AddUser("nurse", core::Role::kPractitioner), core::Role::kPractitioner);
    teacher_ = ActorFor(AddUser("teacher", core::Role::kPractitioner), core::Role::kPractitioner);
    support_ = ActorFor(AddUser("support", core::Role::kSupportStaff), core::Role::kSupportStaff);
    manager_ = ActorFor(AddUser("manager", core::Role::kLaManager), core::Role::kLaManager);
    bradford_ = ActorFor(AddUser("bradford", core::Role::kLaManager, {}, kBradford),
                         core::Role::kLaManager, kBradford);
    child_ = AddChild(cp::testing::SampleChild(1));
  }

  static Actor ActorFor(core::UserId id, core::Role role, const std::string& la = kLeeds) {
    Actor a;
    a.user_id = id;
    a.role = role;
    a.rights = core::RoleRights(role);
    a.la_code = la;
    return a;
  }

  Date Today() const { return tdb_.clock().Today(); }

  SensitiveInvolvementInput WithConsent() const {
    SensitiveInvolvementInput in;
    in.service_type = "sexual_health";
    in.organisation = "Leeds Sexual Health";
    in.practitioner = "Dr Kaur";
    in.phone = "0113 496 0500";
    in.start_date = Today().AddDays(-30);
    in.consent = core::Consent{core::ConsentGiver::kChild, Today().AddDays(-30),
                               core::ConsentMethod::kOral, Today().AddMonths(11)};
    return in;
  }

  core::Child Stored() {
    auto conn = tdb_.Conn();
    auto c = store::ChildRepository(*conn).Get(child_);
    EXPECT_TRUE(c) << c.error().message;
    return c ? *c : core::Child{};
  }

  std::vector<store::AuditRow> History() {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).ForRecord(child_, 100);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::AuditRow>{};
  }

  int CountAudit(const std::string& action, const std::string& outcome) {
    int n = 0;
    for (const auto& r : History()) n += r.action == action && r.outcome == outcome;
    return n;
  }

  std::int64_t RecordOk(const Actor& who, const SensitiveInvolvementInput& in) {
    auto id = service_.Record(who, child_, in);
    EXPECT_TRUE(id) << id.error().field << ": " << id.error().message;
    return id ? *id : 0;
  }

  SensitiveInvolvementService service_;
  RecordService records_;
  Actor nurse_, teacher_, support_, manager_, bradford_;
  core::ChildId child_ = 0;
};

// SENS-2, G 3.31: the service's practitioner records their involvement with
// the child's consent — who gave it, when, how, when to renew — and it is
// audited with its basis, never its free text.
TEST_F(SensitiveInvolvementTest, RecordsTheInvolvementWithItsConsent) {
  const std::int64_t id = RecordOk(nurse_, WithConsent());
  const core::Child c = Stored();
  ASSERT_EQ(c.involvements.size(), 3u);
  const core::Involvement& inv = c.involvements.back();
  EXPECT_EQ(inv.id, id);
  EXPECT_EQ(inv.category, core::ServiceCategory::kSensitive);
  EXPECT_EQ(inv.organisation, "Leeds Sexual Health");
  ASSERT_TRUE(inv.consent.has_value());
  EXPECT_EQ(*inv.consent, *WithConsent().consent);
  EXPECT_EQ(inv.source.source_id, 0);  // a manual entry (REC-8)
  const auto history = History();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().action, "involvement.sensitive.record");
  EXPECT_EQ(history.back().outcome, "ok");
  EXPECT_NE(history.back().details.find("\"basis\":\"consent\""), std::string::npos);
  EXPECT_EQ(history.back().details.find("Kaur"), std::string::npos);
}

// SENS-2, G 3.8: without consent only with a recorded overriding public
// interest; and never with neither.
TEST_F(SensitiveInvolvementTest, WithoutConsentOnlyWithAPublicInterest) {
  SensitiveInvolvementInput in = WithConsent();
  in.consent.reset();
  auto refused = service_.Record(nurse_, child_, in);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field, "basis");
  EXPECT_EQ(Stored().involvements.size(), 2u);  // nothing changed

  in.public_interest = kHarm;
  RecordOk(nurse_, in);
  const core::Child c = Stored();
  EXPECT_FALSE(c.involvements.back().consent.has_value());
  EXPECT_EQ(c.involvements.back().public_interest, kHarm);
  EXPECT_NE(History().back().details.find("\"basis\":\"public_interest\""), std::string::npos);
  EXPECT_EQ(History().back().details.find("significant harm"), std::string::npos);
}

// SENS-2: consent is never implied: both bases at once, consent given in
// the future, a renewal not after consent — each refused with its field,
// and nothing stored.
TEST_F(SensitiveInvolvementTest, RefusesAnIncompleteOrInconsistentBasis) {
  struct Case {
    const char* field;
    void (*change)(SensitiveInvolvementInput&, Date today);
  };
  const Case cases[] = {
      {"basis", [](auto& in, Date) { in.public_interest = kHarm; }},
      {"consent_date",
       [](auto& in, Date today) {
         in.consent->given_on = today.AddDays(1);
         in.consent->renewal_due = today.AddYears(1);
       }},
      {"consent_renewal", [](auto& in, Date) { in.consent->renewal_due = in.consent->given_on; }},
      {"organisation", [](auto& in, Date) { in.organisation = "  "; }},
      {"phone", [](auto& in, Date) { in.phone.clear(); }},
      {"service_type", [](auto& in, Date) { in.service_type.clear(); }},
      {"start_date", [](auto& in, Date today) { in.start_date = today.AddDays(1); }},
      {"public_interest",
       [](auto& in, Date) {
         in.consent.reset();
         in.public_interest = std::string(2001, 'x');
       }},
  };
  for (const Case& c : cases) {
    SensitiveInvolvementInput in = WithConsent();
    c.change(in, Today());
    auto r = service_.Record(nurse_, child_, in);
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().field, c.field);
  }
  EXPECT_EQ(Stored().involvements.size(), 2u);
  EXPECT_EQ(CountAudit("involvement.sensitive.record", "ok"), 0);
}

// SENS-1: whatever the service type, the involvement is held as sensitive —
// including a service a voluntary organisation treats as sensitive.
TEST_F(SensitiveInvolvementTest, AnyServiceRecordedHereIsSensitive) {
  SensitiveInvolvementInput in = WithConsent();
  in.service_type = "young_peoples_counselling";
  RecordOk(nurse_, in);
  EXPECT_EQ(Stored().involvements.back().category, core::ServiceCategory::kSensitive);
  EXPECT_NE(History().back().details.find("\"service_type\":\"other\""), std::string::npos);
}

// REC-5, SENS-2: users then see only that a sensitive service is involved;
// the record's management team sees the service and its consent.
TEST_F(SensitiveInvolvementTest, UsersSeeOnlyThatASensitiveServiceIsInvolved) {
  RecordOk(nurse_, WithConsent());
  auto seen = records_.View(teacher_, child_);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->hidden_sensitive_services, 1);
  const core::Involvement& hidden = seen->child.involvements.back();
  EXPECT_TRUE(hidden.organisation.empty());
  EXPECT_TRUE(hidden.service_type.empty());
  EXPECT_FALSE(hidden.consent.has_value());
  auto team = records_.View(manager_, child_);
  ASSERT_TRUE(team) << team.error().message;
  EXPECT_EQ(team->child.involvements.back().organisation, "Leeds Sexual Health");
  EXPECT_TRUE(team->child.involvements.back().consent.has_value());
}

// Who may record: a user with the update right, or the record's LA team;
// others are refused, audited, and nothing changes. Archived or unknown
// records are not found.
TEST_F(SensitiveInvolvementTest, OnlyUpdatersAndTheTeamRecord) {
  auto denied = service_.Record(support_, child_, WithConsent());
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(CountAudit("involvement.sensitive.record", "denied"), 1);
  RecordOk(manager_, WithConsent());
  auto unknown = service_.Record(nurse_, child_ + 1000, WithConsent());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Stored().involvements.size(), 3u);
}

// SENS-3, G 3.7, G 3.33: when consent is withdrawn the team moves the
// involvement to the archive at once: it leaves every view — the team's
// included — and the withdrawal is audited.
TEST_F(SensitiveInvolvementTest, WithdrawnConsentArchivesTheInvolvementAtOnce) {
  const std::int64_t id = RecordOk(nurse_, WithConsent());
  ASSERT_TRUE(service_.WithdrawConsent(manager_, child_, id));
  for (const Actor* who : {&teacher_, &manager_}) {
    auto seen = records_.View(*who, child_);
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->hidden_sensitive_services, 0);
    for (const auto& inv : seen->child.involvements) EXPECT_NE(inv.id, id);
  }
  EXPECT_EQ(CountAudit("involvement.consent_withdrawn", "ok"), 1);
  // Done once; a second time there is nothing left to archive.
  auto again = service_.WithdrawConsent(manager_, child_, id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

// SENS-3: only the record's LA team acts on a withdrawal — not the service's
// practitioner, not another LA's team — and a targeted involvement is not a
// sensitive one to withdraw consent from.
TEST_F(SensitiveInvolvementTest, OnlyTheRecordsTeamArchivesOnWithdrawal) {
  const std::int64_t id = RecordOk(nurse_, WithConsent());
  for (const Actor* who : {&nurse_, &bradford_}) {
    auto r = service_.WithdrawConsent(*who, child_, id);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(CountAudit("involvement.consent_withdrawn", "denied"), 2);
  const std::int64_t targeted = Stored().involvements.front().id;
  auto r = service_.WithdrawConsent(manager_, child_, targeted);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Stored().involvements.size(), 3u);
}

// SENS-2, G 3.7: consent is not open-ended: the team lists the consents
// due for renewal in its LA, and only its own.
TEST_F(SensitiveInvolvementTest, TheTeamSeesConsentsDueForRenewal) {
  const std::int64_t id = RecordOk(nurse_, WithConsent());  // renewal in 11 months
  auto soon = service_.RenewalsDue(manager_, 30);
  ASSERT_TRUE(soon);
  EXPECT_TRUE(soon->empty());
  auto later = service_.RenewalsDue(manager_, 366);
  ASSERT_TRUE(later);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].involvement_id, id);
  EXPECT_EQ((*later)[0].child_id, child_);
  auto elsewhere = service_.RenewalsDue(bradford_, 366);
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
  EXPECT_FALSE(service_.RenewalsDue(nurse_, 366));
}

}  // namespace
}  // namespace cp::services
