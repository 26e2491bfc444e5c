// Sensitive services and consent over the API (SENS-2, SENS-3; AUTH-5):
// recording an involvement with its basis, archiving it when consent is
// withdrawn, and the consents due for renewal — through the Api class, under
// the service's rights and audit, every audit entry on the "api" route.

#include <algorithm>
#include <boost/json.hpp>

#include "services/api_clients.h"
#include "services/fixture.h"
#include "store/audit_repository.h"
#include "store/child_repository.h"
#include "support/sample_child.h"
#include "web/site/api.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

namespace json = boost::json;

constexpr const char* kBradford = "E08000032";
const int kBadInput = HttpStatus(ErrorCode::kInvalidArgument);

class ApiSensitiveTest : public services::ServiceFixture {
 protected:
  void SetUp() override {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    api_ = std::make_unique<Api>(*ctx_, *credentials_, nullptr);
    auto credential = services::ApiClients(*ctx_).Register(Operator(), "Leeds CMS");
    ASSERT_TRUE(credential) << credential.error().message;
    credential_ = *credential;
    AddUser("nurse", core::Role::kPractitioner);
    AddUser("support", core::Role::kSupportStaff);  // no update right
    AddUser("manager", core::Role::kLaManager);
    AddUser("bradford", core::Role::kLaManager, {}, kBradford);
    core::Child child = cp::testing::SampleChild(1);
    // Held with consent due for renewal on 2027-01-05 (SENS-2).
    child.involvements.push_back(
        cp::testing::SensitiveInvolvement("substance_misuse", "Leeds Drug Service"));
    child_ = AddChild(child);
    for (const char* user : {"nurse", "support", "manager", "bradford"}) {
      sessions_by_user_[user] = SignIn(user);
    }
  }

  Response Call(const std::string& method, const std::string& path, const std::string& body,
                const std::string& user, std::map<std::string, std::string> query = {}) {
    Request r{method, path, std::move(query), {{"content-type", "application/json"}}, {}, {}, body};
    r.headers["x-client-credential"] = credential_;
    r.headers["authorization"] = "Bearer " + sessions_by_user_[user];
    return api_->Handle(r);
  }
  Response Post(const std::string& path, const json::object& body, const std::string& user) {
    return Call("POST", path, json::serialize(body), user);
  }
  std::string SignIn(const std::string& user) {
    Request r{"POST",
              "/api/v1/sessions",
              {},
              {},
              {},
              {},
              json::serialize(json::object{
                  {"username", user}, {"password", kPassword}, {"code", CodeFor(user)}})};
    r.headers["x-client-credential"] = credential_;
    const Response answer = api_->Handle(r);
    EXPECT_EQ(answer.status, 201) << answer.body;
    return std::string(json::parse(answer.body).at("session").as_string());
  }
  static json::object Body(const Response& r) { return json::parse(r.body).as_object(); }
  static std::string Field(const Response& r) {
    const json::object err = Body(r).at("error").as_object();
    return err.contains("field") ? std::string(err.at("field").as_string()) : "";
  }
  std::string Involvements() const {
    return "/api/v1/records/" + std::to_string(child_) + "/sensitive-involvements";
  }
  std::string Withdrawal(std::int64_t involvement) const {
    return Involvements() + "/" + std::to_string(involvement) + "/consent-withdrawal";
  }
  // A sensitive service's practitioner's report, held with the child's consent.
  static json::object WithConsent() {
    return {{"service_type", "sexual_health"},
            {"organisation", "Leeds Sexual Health"},
            {"practitioner", "Dr Kaur"},
            {"phone", "0113 496 0500"},
            {"start_date", "2026-05-12"},
            {"consent", json::object{{"given_by", "child"},
                                     {"given_on", "2026-05-12"},
                                     {"method", "written"},
                                     {"renewal_due", "2027-05-12"}}}};
  }
  // The record's live sensitive involvements, as stored.
  std::vector<core::Involvement> Sensitive() {
    auto conn = tdb_.Conn();
    auto c = store::ChildRepository(*conn).Get(child_);
    EXPECT_TRUE(c);
    std::vector<core::Involvement> out;
    if (!c) return out;
    for (const auto& inv : c->involvements) {
      if (inv.category == core::ServiceCategory::kSensitive) out.push_back(inv);
    }
    return out;
  }
  // Entries `action`/`outcome` on the api route in the record's history (AUD-5).
  int Audits(const std::string& action, const std::string& outcome) {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).ForRecord(child_, 500);
    EXPECT_TRUE(rows);
    if (!rows) return -1;
    return static_cast<int>(std::count_if(rows->begin(), rows->end(), [&](const auto& r) {
      return r.action == action && r.outcome == outcome && r.route == "api";
    }));
  }

  std::unique_ptr<Api> api_;
  std::string credential_;
  std::map<std::string, std::string> sessions_by_user_;
  core::ChildId child_ = 0;
};

// SENS-2: recorded with the consent's who, when, how and renewal date — or
// with a public-interest justification — and audited against the record.
TEST_F(ApiSensitiveTest, RecordsAnInvolvementWithConsentOrAPublicInterest) {
  const Response r = Post(Involvements(), WithConsent(), "nurse");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::int64_t id = Body(r).at("id").as_int64();
  EXPECT_EQ(Body(r).at("record_id").as_int64(), child_);
  auto held = Sensitive();
  ASSERT_EQ(held.size(), 2u);
  const auto it = std::find_if(held.begin(), held.end(), [&](const auto& i) { return i.id == id; });
  ASSERT_NE(it, held.end());
  EXPECT_EQ(it->organisation, "Leeds Sexual Health");
  ASSERT_TRUE(it->consent);
  EXPECT_EQ(it->consent->given_by, core::ConsentGiver::kChild);
  EXPECT_EQ(it->consent->method, core::ConsentMethod::kWritten);
  EXPECT_EQ(it->consent->given_on, *Date::ParseIso("2026-05-12"));
  EXPECT_EQ(it->consent->renewal_due, *Date::ParseIso("2027-05-12"));
  EXPECT_EQ(Audits("involvement.sensitive.record", "ok"), 1);
  // The audit entry holds ids and the basis, never the service's details.
  auto conn = tdb_.Conn();
  auto rows = store::AuditRepository(*conn).ForRecord(child_, 10);
  ASSERT_TRUE(rows);
  for (const auto& row : *rows) EXPECT_EQ(row.details.find("Leeds"), std::string::npos);

  json::object harm = WithConsent();
  harm.erase("consent");
  harm["service_type"] = "camhs";
  harm["public_interest"] = "Reasonable cause to suspect significant harm";
  const Response without = Post(Involvements(), harm, "manager");
  ASSERT_EQ(without.status, 201) << without.body;
  EXPECT_EQ(Sensitive().size(), 3u);
  EXPECT_EQ(Audits("involvement.sensitive.record", "ok"), 2);
}

// SENS-2, DESIGN invariant 6: consent is never implied — no basis, both, or
// a consent that is incomplete or inconsistent is refused naming the field
// as the request names it, and nothing is stored.
TEST_F(ApiSensitiveTest, RefusesAMissingOrInconsistentBasisNamingTheField) {
  auto with = [](std::initializer_list<std::pair<const char*, json::value>> changes) {
    json::object body = WithConsent();
    for (const auto& [key, value] : changes) {
      if (value.is_null()) {
        body.erase(key);
      } else {
        body[key] = value;
      }
    }
    return body;
  };
  auto consent = [](std::initializer_list<std::pair<const char*, json::value>> changes) {
    json::object c = WithConsent().at("consent").as_object();
    for (const auto& [key, value] : changes) {
      if (value.is_null()) {
        c.erase(key);
      } else {
        c[key] = value;
      }
    }
    return json::value(c);
  };
  const std::pair<json::object, const char*> cases[] = {
      {with({{"consent", nullptr}}), "consent"},                               // no basis at all
      {with({{"public_interest", "Suspected significant harm"}}), "consent"},  // both
      {with({{"consent", "yes"}}), "consent"},
      {with({{"service_type", nullptr}}), "service_type"},
      {with({{"service_type", "gossip"}}), "service_type"},
      {with({{"organisation", 7}}), "organisation"},
      {with({{"phone", ""}}), "phone"},  // no phone or email
      {with({{"start_date", "12/05/2026"}}), "start_date"},
      {with({{"consent", consent({{"given_by", "aunt"}})}}), "consent.given_by"},
      {with({{"consent", consent({{"method", "implied"}})}}), "consent.method"},
      {with({{"consent", consent({{"given_on", nullptr}})}}), "consent.given_on"},
      {with({{"consent", consent({{"given_on", "2026-13-01"}})}}), "consent.given_on"},
      {with({{"consent", consent({{"given_on", "2026-07-01"}})}}), "consent.given_on"},  // future
      {with({{"consent", consent({{"renewal_due", nullptr}})}}), "consent.renewal_due"},
      {with({{"consent", consent({{"renewal_due", "2026-05-01"}})}}), "consent.renewal_due"},
  };
  for (const auto& [body, field] : cases) {
    const Response r = Post(Involvements(), body, "nurse");
    EXPECT_EQ(r.status, kBadInput) << json::serialize(body) << " " << r.body;
    EXPECT_EQ(Field(r), field) << json::serialize(body);
  }
  EXPECT_EQ(Sensitive().size(), 1u);
  EXPECT_EQ(Audits("involvement.sensitive.record", "ok"), 0);
}

// SENS-2: only a user with the update right, or the record's LA team,
// records; a refusal is audited against the record and stores nothing.
TEST_F(ApiSensitiveTest, OnlyUpdatersAndTheTeamRecord) {
  const Response refused = Post(Involvements(), WithConsent(), "support");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Audits("involvement.sensitive.record", "denied"), 1);
  EXPECT_EQ(Sensitive().size(), 1u);
  const Response unknown =
      Post("/api/v1/records/" + std::to_string(child_ + 1000) + "/sensitive-involvements",
           WithConsent(), "nurse");
  EXPECT_EQ(unknown.status, 404);
}

// SENS-3: when consent is withdrawn the record's LA team moves the
// involvement to the archive at once; nobody else can, and each refusal is
// audited against the record.
TEST_F(ApiSensitiveTest, WithdrawnConsentArchivesTheInvolvementForTheTeamOnly) {
  const auto held = Sensitive();
  ASSERT_EQ(held.size(), 1u);
  const std::int64_t id = held.front().id;
  for (const char* user : {"nurse", "bradford"}) {
    EXPECT_EQ(Post(Withdrawal(id), {}, user).status, 403) << user;
  }
  EXPECT_EQ(Audits("involvement.consent_withdrawn", "denied"), 2);
  EXPECT_EQ(Sensitive().size(), 1u);

  const Response done = Post(Withdrawal(id), {}, "manager");
  ASSERT_EQ(done.status, 204) << done.body;
  EXPECT_TRUE(done.body.empty());
  EXPECT_TRUE(Sensitive().empty());
  EXPECT_EQ(Audits("involvement.consent_withdrawn", "ok"), 1);
  // Done once: there is nothing left to archive.
  EXPECT_EQ(Post(Withdrawal(id), {}, "manager").status, 404);
  EXPECT_EQ(Post(Withdrawal(id + 1000), {}, "manager").status, 404);
}

// SENS-2, G 3.7: the team lists consents due for renewal in its LA, overdue
// ones marked; the period is checked; nobody else sees the list.
TEST_F(ApiSensitiveTest, TheTeamListsConsentsDueForRenewal) {
  json::object soon = WithConsent();
  soon["consent"].as_object()["renewal_due"] = "2026-06-20";
  const Response recorded = Post(Involvements(), soon, "nurse");
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const std::int64_t id = Body(recorded).at("id").as_int64();

  const std::string path = "/api/v1/consent-renewals";
  const Response due = Call("GET", path, "", "manager");
  ASSERT_EQ(due.status, 200) << due.body;
  EXPECT_EQ(Body(due).at("within_days").as_int64(), 30);
  const json::array renewals = Body(due).at("renewals").as_array();
  ASSERT_EQ(renewals.size(), 1u);  // the sample's consent is renewed in 2027
  EXPECT_EQ(renewals[0].at("involvement_id").as_int64(), id);
  EXPECT_EQ(renewals[0].at("record_id").as_int64(), child_);
  EXPECT_EQ(std::string(renewals[0].at("renewal_due").as_string()), "2026-06-20");
  EXPECT_FALSE(renewals[0].at("overdue").as_bool());
  EXPECT_EQ(Audits("involvement.consent_renewals", "ok"), 1);

  tdb_.clock().Advance(20 * 86400);  // 2026-06-30: now overdue
  for (const char* user : {"nurse", "manager", "bradford"}) {
    sessions_by_user_[user] = SignIn(user);  // the last sessions have timed out
  }
  const Response later = Call("GET", path, "", "manager", {{"within_days", "366"}});
  ASSERT_EQ(later.status, 200) << later.body;
  const json::array all = Body(later).at("renewals").as_array();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].at("overdue").as_bool());  // soonest first
  EXPECT_FALSE(all[1].at("overdue").as_bool());

  const Response bad = Call("GET", path, "", "manager", {{"within_days", "a month"}});
  EXPECT_EQ(bad.status, kBadInput);
  EXPECT_EQ(Field(bad), "within_days");
  EXPECT_EQ(Call("GET", path, "", "manager", {{"within_days", "367"}}).status, kBadInput);
  EXPECT_EQ(Call("GET", path, "", "nurse").status, 403);
  EXPECT_TRUE(Body(Call("GET", path, "", "bradford", {{"within_days", "366"}}))
                  .at("renewals")
                  .as_array()
                  .empty());
}

}  // namespace
}  // namespace cp::web
