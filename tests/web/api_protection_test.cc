// The protection workflows over the API (AUTH-5): shielding, break glass and
// brokering through the Api class, under the services' rights and audit —
// every audit entry checked here carries the "api" route.

#include <algorithm>
#include <boost/json.hpp>

#include "services/api_clients.h"
#include "services/fixture.h"
#include "store/audit_repository.h"
#include "store/brokering_repository.h"
#include "store/child_repository.h"
#include "store/investigation_repository.h"
#include "store/shield_repository.h"
#include "support/sample_child.h"
#include "web/site/api.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

namespace json = boost::json;

constexpr const char* kLeeds = "E08000035";  // the sample children's LA
constexpr const char* kBradford = "E08000032";
constexpr const char* kContact = "0113 496 0100";
constexpr const char* kReason = "Convening a multi-agency panel about the child";
constexpr const char* kEmergency = "Police called to the home; child may be at risk tonight";
const int kBadInput = HttpStatus(ErrorCode::kInvalidArgument);

class ApiProtectionTest : public services::ServiceFixture {
 protected:
  void SetUp() override {
    // An ordinary Wednesday: the next working day is Thursday (BG-3).
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    api_ = std::make_unique<Api>(*ctx_, *credentials_, nullptr);
    auto credential = services::ApiClients(*ctx_).Register(Operator(), "Leeds CMS");
    ASSERT_TRUE(credential) << credential.error().message;
    credential_ = *credential;
    teacher_id_ = AddUser("teacher", core::Role::kPractitioner);
    AddUser("nurse", core::Role::kPractitioner);
    manager_id_ = AddUser("manager", core::Role::kLaManager, {}, kLeeds);
    AddUser("bradford", core::Role::kLaManager, {}, kBradford);
    AddUser("holder", core::Role::kPractitioner, {core::Right::kBreakGlass});
    plain_ = AddChild(cp::testing::SampleChild(1));
    core::Child shielded = cp::testing::SampleChild(2);
    shielded.shielded = true;
    shielded_ = AddChild(shielded);
    core::Child sensitive = cp::testing::SampleChild(3);
    // Held with consent (SENS-2), as the brokering service tests hold it.
    core::Involvement inv =
        cp::testing::SensitiveInvolvement("sexual_health", "Leeds Sexual Health");
    inv.practitioner = "Dr Kaur";
    sensitive.involvements.push_back(inv);
    with_sensitive_ = AddChild(sensitive);
    for (const char* user : {"teacher", "nurse", "manager", "bradford", "holder"}) {
      sessions_by_user_[user] = SignIn(user);
    }
    tdb_.clock().Advance(30);  // the codes used to sign in are spent; the next are fresh
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
  Response Get(const std::string& path, const std::string& user,
               std::map<std::string, std::string> query = {}) {
    return Call("GET", path, "", user, std::move(query));
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
  static std::string Code(const Response& r) {
    return std::string(Body(r).at("error").at("code").as_string());
  }
  static std::string Text(const json::value& v, const char* key) {
    return std::string(v.at(key).as_string());
  }
  static std::string Path(core::ChildId id, const std::string& suffix) {
    return "/api/v1/records/" + std::to_string(id) + suffix;
  }

  // Whether an audit entry `action`/`outcome` by the API route exists about
  // the record `id` (or, with id 0, by `user`).
  bool Audited(core::ChildId id, const std::string& action, const std::string& outcome,
               core::UserId user = 0) {
    auto conn = tdb_.Conn();
    store::AuditRepository audit(*conn);
    auto rows = id != 0 ? audit.ForRecord(id, 500) : audit.ForUser(user, 500);
    EXPECT_TRUE(rows);
    if (!rows) return false;
    return std::any_of(rows->begin(), rows->end(), [&](const store::AuditRow& r) {
      return r.action == action && r.outcome == outcome && r.route == "api";
    });
  }
  int AuditCount(core::ChildId id, const std::string& action) {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).ForRecord(id, 500);
    EXPECT_TRUE(rows);
    return rows ? static_cast<int>(
                      std::count_if(rows->begin(), rows->end(),
                                    [&](const store::AuditRow& r) { return r.action == action; }))
                : -1;
  }
  std::vector<store::ShieldRequestRow> StoredRequests(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto rows = store::ShieldRepository(*conn).RequestsFor(id);
    EXPECT_TRUE(rows);
    return rows ? *rows : std::vector<store::ShieldRequestRow>{};
  }
  bool Shielded(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto child = store::ChildRepository(*conn).Get(id);
    EXPECT_TRUE(child);
    return child && child->shielded;
  }
  std::size_t OpenInvestigations() {
    auto conn = tdb_.Conn();
    auto rows = store::InvestigationRepository(*conn).ListOpen(std::nullopt);
    EXPECT_TRUE(rows);
    return rows ? rows->size() : 0;
  }
  std::size_t BrokeringRequestsOf(core::UserId user) {
    auto conn = tdb_.Conn();
    auto rows = store::BrokeringRepository(*conn).ForRequester(user);
    EXPECT_TRUE(rows);
    return rows ? rows->size() : 0;
  }
  // The teacher's notification on `id`; returns the request id.
  std::int64_t AskToShield(core::ChildId id, bool urgent = false) {
    const Response r = Post(Path(id, "/shield-requests"),
                            {{"grounds", json::array{"risk_to_child"}},
                             {"relationship", "Class teacher"},
                             {"urgent", urgent}},
                            "teacher");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Body(r).at("request_id").as_int64() : 0;
  }

  std::unique_ptr<Api> api_;
  std::string credential_;
  std::map<std::string, std::string> sessions_by_user_;
  core::UserId teacher_id_ = 0;
  core::UserId manager_id_ = 0;
  core::ChildId plain_ = 0;
  core::ChildId shielded_ = 0;
  core::ChildId with_sensitive_ = 0;
};

// SHD-3, SHD-4: a user's notification waits for the team; the user sees only
// their own requests and withdraws only their own.
TEST_F(ApiProtectionTest, UserAsksToShieldSeesOwnRequestAndWithdrawsIt) {
  const Response asked = Post(Path(plain_, "/shield-requests"),
                              {{"grounds", json::array{"risk_to_child", "serious_crime"}},
                               {"relationship", "Class teacher"},
                               {"comments", "Father has made threats"}},
                              "teacher");
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(Text(Body(asked), "status"), "pending");
  EXPECT_FALSE(Body(asked).at("shielded").as_bool());
  const std::int64_t request = Body(asked).at("request_id").as_int64();
  EXPECT_TRUE(Audited(plain_, "shield.request", "ok"));
  EXPECT_FALSE(Shielded(plain_));

  const Response mine = Get(Path(plain_, "/shield-requests"), "teacher");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json::array rows = Body(mine).at("requests").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("id").as_int64(), request);
  EXPECT_EQ(Text(rows[0], "status"), "pending");
  EXPECT_EQ(rows[0].at("grounds").as_array().size(), 2u);
  EXPECT_FALSE(rows[0].as_object().contains("comments"));  // the requester's view
  EXPECT_TRUE(Audited(plain_, "shield.requests", "ok"));
  // Another user sees none of it.
  const Response theirs = Get(Path(plain_, "/shield-requests"), "nurse");
  ASSERT_EQ(theirs.status, 200);
  EXPECT_TRUE(Body(theirs).at("requests").as_array().empty());

  // SHD-4: only the requester withdraws a user's request.
  const std::string withdraw = "/api/v1/shield-requests/" + std::to_string(request) + "/withdrawal";
  const Response refused = Post(withdraw, {}, "nurse");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Code(refused), "permission_denied");
  EXPECT_TRUE(Audited(plain_, "shield.withdraw", "denied"));
  EXPECT_EQ(StoredRequests(plain_).front().status, core::ShieldRequestStatus::kPending);

  const Response withdrawn = Post(withdraw, {}, "teacher");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(Text(Body(withdrawn), "status"), "withdrawn");
  EXPECT_EQ(Body(withdrawn).at("record_id").as_int64(), plain_);
  EXPECT_TRUE(Audited(plain_, "shield.withdraw", "ok"));
  EXPECT_EQ(StoredRequests(plain_).front().status, core::ShieldRequestStatus::kWithdrawn);
}

// SHD-3 (G 4.67): an urgent mark shields at once; SHD-2: from then on the API
// shows others only the UIN, names, gender and date of birth.
TEST_F(ApiProtectionTest, UrgentMarkShieldsAtOnce) {
  AskToShield(plain_, /*urgent=*/true);
  EXPECT_TRUE(Shielded(plain_));
  EXPECT_EQ(StoredRequests(plain_).front().status, core::ShieldRequestStatus::kActive);
  const Response seen = Get(Path(plain_, ""), "nurse");
  ASSERT_EQ(seen.status, 200);
  EXPECT_TRUE(Body(seen).at("shielded_view").as_bool());
  EXPECT_FALSE(Body(seen).contains("address"));
}

// SHD-1, DESIGN invariant 6: bad input is refused naming the field, and
// nothing changes — no request, no shield, no "ok" audit entry.
TEST_F(ApiProtectionTest, BadShieldRequestIsRefusedNamingTheFieldAndChangesNothing) {
  const std::string path = Path(plain_, "/shield-requests");
  const json::array one{"risk_to_child"};
  const std::pair<json::object, const char*> cases[] = {
      {{{"relationship", "Class teacher"}}, "grounds"},
      {{{"grounds", json::array{}}, {"relationship", "Class teacher"}}, "grounds"},
      {{{"grounds", json::array{"bogus"}}, {"relationship", "Class teacher"}}, "grounds"},
      {{{"grounds", "risk_to_child"}, {"relationship", "Class teacher"}}, "grounds"},
      {{{"grounds", one}}, "relationship"},
      {{{"grounds", one}, {"relationship", 7}}, "relationship"},
      {{{"grounds", one}, {"relationship", "Class teacher"}, {"urgent", "yes"}}, "urgent"},
      {{{"grounds", one}, {"relationship", "Class teacher"}, {"comments", json::array{}}},
       "comments"},
  };
  for (const auto& [body, field] : cases) {
    const Response r = Post(path, body, "teacher");
    EXPECT_EQ(r.status, kBadInput) << json::serialize(body);
    EXPECT_EQ(Field(r), field) << json::serialize(body);
  }
  const Response not_json = Call("POST", path, "grounds=risk_to_child", "teacher");
  EXPECT_EQ(not_json.status, kBadInput);
  EXPECT_EQ(Field(not_json), "body");
  EXPECT_TRUE(StoredRequests(plain_).empty());
  EXPECT_FALSE(Shielded(plain_));
  EXPECT_EQ(AuditCount(plain_, "shield.request"), 0);
}

// SHD-3, SHD-5, SHD-8, SHD-4: the team's queue and decision, the 7-day and
// 6-monthly reviews, the shielding log, and unshielding — refused while a
// request remains, and only by the record's LA ContactPoint manager.
TEST_F(ApiProtectionTest, TeamDecidesReviewsReadsTheLogAndUnshields) {
  const std::int64_t request = AskToShield(plain_);
  // The queue is the management team's only.
  const Response not_team = Get("/api/v1/shield-requests/pending", "teacher");
  EXPECT_EQ(not_team.status, 403);
  EXPECT_EQ(Code(not_team), "permission_denied");
  EXPECT_TRUE(Audited(0, "shield.queue", "denied", teacher_id_));
  const Response queue = Get("/api/v1/shield-requests/pending", "manager");
  ASSERT_EQ(queue.status, 200) << queue.body;
  const json::array pending = Body(queue).at("requests").as_array();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].at("id").as_int64(), request);
  EXPECT_EQ(Text(pending[0], "requester_kind"), "user");  // the team's view
  EXPECT_TRUE(Audited(plain_, "shield.queue", "ok"));

  // Deciding: another LA's manager is refused; a decision must be named.
  const std::string decide = "/api/v1/shield-requests/" + std::to_string(request) + "/decision";
  const Response other_la = Post(decide, {{"decision", "apply"}}, "bradford");
  EXPECT_EQ(other_la.status, 403);
  EXPECT_TRUE(Audited(plain_, "shield.decide", "denied"));
  const Response vague = Post(decide, {{"decision", "maybe"}}, "manager");
  EXPECT_EQ(vague.status, kBadInput);
  EXPECT_EQ(Field(vague), "decision");
  const Response reject_without_reason = Post(decide, {{"decision", "reject"}}, "manager");
  EXPECT_EQ(reject_without_reason.status, kBadInput);
  EXPECT_EQ(Field(reject_without_reason), "comments");
  EXPECT_EQ(StoredRequests(plain_).front().status, core::ShieldRequestStatus::kPending);
  EXPECT_FALSE(Shielded(plain_));
  const Response applied = Post(decide, {{"decision", "apply"}}, "manager");
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(Text(Body(applied), "status"), "active");
  EXPECT_TRUE(Shielded(plain_));
  EXPECT_TRUE(Audited(plain_, "shield.decide", "applied"));

  // SHD-5: the first review is due 7 days later.
  EXPECT_EQ(Get("/api/v1/shield-reviews/due", "teacher").status, 403);
  const Response bad_days =
      Get("/api/v1/shield-reviews/due", "manager", {{"within_days", "a week"}});
  EXPECT_EQ(bad_days.status, kBadInput);
  EXPECT_EQ(Field(bad_days), "within_days");
  const Response due = Get("/api/v1/shield-reviews/due", "manager", {{"within_days", "7"}});
  ASSERT_EQ(due.status, 200) << due.body;
  const json::array reviews = Body(due).at("reviews").as_array();
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].at("record_id").as_int64(), plain_);
  EXPECT_EQ(Text(reviews[0], "kind"), "initial");
  EXPECT_EQ(Text(reviews[0], "due_on"), "2026-06-17");
  EXPECT_TRUE(Audited(plain_, "shield.reviews", "ok"));
  const std::string review =
      "/api/v1/shield-reviews/" + std::to_string(reviews[0].at("id").as_int64()) + "/decision";
  const Response no_note = Post(review, {{"decision", "maintain"}}, "manager");
  EXPECT_EQ(no_note.status, kBadInput);
  EXPECT_EQ(Field(no_note), "note");
  const Response no_decision = Post(review, {{"note", "Panel: risk remains"}}, "manager");
  EXPECT_EQ(Field(no_decision), "decision");
  const Response kept =
      Post(review, {{"decision", "maintain"}, {"note", "Panel: risk remains"}}, "manager");
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_TRUE(Audited(plain_, "shield.review", "maintain"));
  const Response next = Get("/api/v1/shield-reviews/due", "manager", {{"within_days", "366"}});
  ASSERT_EQ(next.status, 200);
  ASSERT_EQ(Body(next).at("reviews").as_array().size(), 1u);
  EXPECT_EQ(Text(Body(next).at("reviews").as_array()[0], "kind"), "periodic");
  EXPECT_EQ(Text(Body(next).at("reviews").as_array()[0], "due_on"), "2026-12-10");

  // SHD-8: the shielding log is the team's only.
  EXPECT_EQ(Get("/api/v1/shielding-log", "teacher").status, 403);
  EXPECT_TRUE(Audited(0, "shield.log", "denied", teacher_id_));
  const Response log = Get("/api/v1/shielding-log", "manager");
  ASSERT_EQ(log.status, 200) << log.body;
  ASSERT_FALSE(Body(log).at("entries").as_array().empty());
  EXPECT_TRUE(Audited(0, "shield.log", "ok", manager_id_));
  const Response record_log = Get(Path(plain_, "/shielding-log"), "manager");
  ASSERT_EQ(record_log.status, 200);
  const json::array entries = Body(record_log).at("entries").as_array();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(Text(entries[0], "action"), "applied");
  EXPECT_EQ(Text(entries[0], "relationship"), "Class teacher");
  EXPECT_TRUE(
      Body(Get(Path(shielded_, "/shielding-log"), "manager")).at("entries").as_array().empty());
  EXPECT_EQ(Get(Path(plain_, "/shielding-log"), "teacher").status, 403);

  // SHD-4: refused while the teacher's request remains, and audited.
  const std::string unshield = Path(plain_, "/unshielding");
  const Response early = Post(unshield, {{"note", "Panel agreed"}}, "manager");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(Code(early), "failed_precondition");
  EXPECT_TRUE(Audited(plain_, "shield.unshield", "refused"));
  EXPECT_TRUE(Shielded(plain_));
  ASSERT_EQ(
      Post("/api/v1/shield-requests/" + std::to_string(request) + "/withdrawal", {}, "teacher")
          .status,
      200);
  // Only the record's LA ContactPoint manager unshields, with a reason.
  EXPECT_EQ(Post(unshield, {{"note", "Panel agreed"}}, "teacher").status, 403);
  EXPECT_EQ(Post(unshield, {{"note", "Panel agreed"}}, "bradford").status, 403);
  EXPECT_TRUE(Audited(plain_, "shield.unshield", "denied"));
  const Response no_reason = Post(unshield, {}, "manager");
  EXPECT_EQ(no_reason.status, kBadInput);
  EXPECT_EQ(Field(no_reason), "note");
  EXPECT_TRUE(Shielded(plain_));
  const Response done = Post(unshield, {{"note", "Panel agreed"}}, "manager");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_FALSE(Shielded(plain_));
  EXPECT_TRUE(Audited(plain_, "shield.unshield", "ok"));
  EXPECT_FALSE(Body(Get(Path(plain_, ""), "nurse")).at("shielded_view").as_bool());
}

// SHD-8, AUD-5: one record's shielding log holds that record's entries only,
// is the record's LA team's alone, and reading it — or being refused — is in
// the record's access history.
TEST_F(ApiProtectionTest, ARecordsShieldingLogIsTheTeamsAndItsReadIsInTheRecordsHistory) {
  AskToShield(plain_, /*urgent=*/true);
  AskToShield(shielded_);  // already shielded: an additional request, logged
  const Response log = Get(Path(plain_, "/shielding-log"), "manager");
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_EQ(Body(log).at("record_id").as_int64(), plain_);
  const json::array entries = Body(log).at("entries").as_array();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at("record_id").as_int64(), plain_);
  EXPECT_EQ(Text(entries[0], "action"), "applied");
  EXPECT_TRUE(Audited(plain_, "shield.log", "ok"));
  EXPECT_FALSE(Audited(shielded_, "shield.log", "ok"));

  for (const char* user : {"teacher", "bradford"}) {
    const Response refused = Get(Path(shielded_, "/shielding-log"), user);
    EXPECT_EQ(refused.status, 403) << user;
    EXPECT_EQ(refused.body.find("additional"), std::string::npos) << user;
  }
  EXPECT_TRUE(Audited(shielded_, "shield.log", "denied"));
  EXPECT_EQ(Get(Path(plain_ + 1000, "/shielding-log"), "manager").status, 404);
}

// SHD-9: the team reports on users' requests in a period; dates are checked.
TEST_F(ApiProtectionTest, TeamReportsUsersShieldRequests) {
  const std::int64_t request = AskToShield(plain_);
  const std::string path = "/api/v1/shield-requests/report";
  EXPECT_EQ(Get(path, "teacher").status, 403);
  const Response bad = Get(path, "manager", {{"from", "10/06/2026"}});
  EXPECT_EQ(bad.status, kBadInput);
  EXPECT_EQ(Field(bad), "from");
  const Response before = Get(path, "manager", {{"from", "2026-05-01"}, {"to", "2026-06-09"}});
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(Body(before).at("requests").as_array().empty());
  const Response report = Get(path, "manager", {{"from", "2026-06-01"}, {"to", "2026-06-10"}});
  ASSERT_EQ(report.status, 200) << report.body;
  const json::array rows = Body(report).at("requests").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("id").as_int64(), request);
  EXPECT_EQ(rows[0].at("requester_user_id").as_int64(), teacher_id_);
  EXPECT_TRUE(Audited(0, "shield.report", "ok", manager_id_));
}

// SHD-3 (S 4): the team records a request from someone who is not a user;
// it takes effect at once. Nobody else can.
TEST_F(ApiProtectionTest, TeamRecordsANonUsersRequest) {
  const std::string path = Path(plain_, "/non-user-shield-requests");
  const json::object request{{"requester_name", "A. Parent"},
                             {"requester_contact", "07700 900123"},
                             {"relationship", "Parent/carer"},
                             {"grounds", json::array{"risk_to_adult"}}};
  EXPECT_EQ(Post(path, request, "teacher").status, 403);
  EXPECT_TRUE(Audited(plain_, "shield.record_non_user", "denied"));
  json::object nameless = request;
  nameless.erase("requester_name");
  const Response bad = Post(path, nameless, "manager");
  EXPECT_EQ(bad.status, kBadInput);
  EXPECT_EQ(Field(bad), "requester_name");
  EXPECT_TRUE(StoredRequests(plain_).empty());
  const Response r = Post(path, request, "manager");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Text(Body(r), "status"), "active");
  EXPECT_TRUE(Shielded(plain_));
  EXPECT_TRUE(Audited(plain_, "shield.record_non_user", "ok"));
  const Response listed = Get(Path(plain_, "/shield-requests"), "manager");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(Text(Body(listed).at("requests").as_array()[0], "requester_name"), "A. Parent");
}

// BG-1: without the right, the override is refused and the refusal audited.
TEST_F(ApiProtectionTest, BreakGlassRefusedWithoutTheRight) {
  const Response r = Post(
      Path(shielded_, "/break-glass"),
      {{"password", kPassword}, {"code", CodeFor("teacher")}, {"reason", kEmergency}}, "teacher");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Code(r), "permission_denied");
  EXPECT_TRUE(Audited(shielded_, "break_glass", "denied"));
  EXPECT_EQ(OpenInvestigations(), 0u);
  EXPECT_TRUE(Body(Get(Path(shielded_, ""), "teacher")).at("shielded_view").as_bool());
}

// BG-2: a stated reason and a fresh code, or nothing is shown or opened.
TEST_F(ApiProtectionTest, BreakGlassRefusedWithoutReasonOrFreshCode) {
  const std::string path = Path(shielded_, "/break-glass");
  const Response no_reason = Post(
      path, {{"password", kPassword}, {"code", CodeFor("holder")}, {"reason", "   "}}, "holder");
  EXPECT_EQ(no_reason.status, kBadInput);
  EXPECT_EQ(Field(no_reason), "reason");
  const Response typed =
      Post(path, {{"password", kPassword}, {"code", 123456}, {"reason", kEmergency}}, "holder");
  EXPECT_EQ(typed.status, kBadInput);
  EXPECT_EQ(Field(typed), "code");
  const Response wrong_code =
      Post(path, {{"password", kPassword}, {"code", "000000"}, {"reason", kEmergency}}, "holder");
  EXPECT_EQ(wrong_code.status, 401);
  EXPECT_EQ(Field(wrong_code), "password");
  EXPECT_NE(wrong_code.body.find(services::kSignInFailed), std::string::npos);
  EXPECT_EQ(wrong_code.body.find("postcode"), std::string::npos);
  EXPECT_TRUE(Audited(shielded_, "break_glass", "failed"));
  // A code used once (here, for a successful override) is not fresh again.
  const std::string code = CodeFor("holder");
  ASSERT_EQ(Post(path, {{"password", kPassword}, {"code", code}, {"reason", kEmergency}}, "holder")
                .status,
            200);
  const Response replayed =
      Post(path, {{"password", kPassword}, {"code", code}, {"reason", kEmergency}}, "holder");
  EXPECT_EQ(replayed.status, 401);
  EXPECT_EQ(replayed.body.find("postcode"), std::string::npos);
  EXPECT_EQ(OpenInvestigations(), 1u);  // only the accepted override opened one
  // The session survives a refused override.
  EXPECT_EQ(Get(Path(shielded_, ""), "holder").status, 200);
}

// BG-2, BG-3: the full record for that access only; an investigation opens
// for the record's LA team, due the next working day, resolved once.
TEST_F(ApiProtectionTest, BreakGlassShowsTheRecordOnceAndOpensAnInvestigation) {
  const core::Child child = cp::testing::SampleChild(2);
  const Response r = Post(
      Path(shielded_, "/break-glass"),
      {{"password", kPassword}, {"code", CodeFor("holder")}, {"reason", kEmergency}}, "holder");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Body(r).at("break_glass").as_bool());
  EXPECT_FALSE(Body(r).at("shielded_view").as_bool());
  EXPECT_EQ(Text(Body(r).at("address"), "postcode"), child.address.postcode);
  EXPECT_TRUE(Audited(shielded_, "break_glass", "ok"));
  // For that access only: the next view is the ordinary one.
  const Response again = Get(Path(shielded_, ""), "holder");
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(Body(again).at("shielded_view").as_bool());
  EXPECT_EQ(again.body.find(child.address.postcode), std::string::npos);

  // BG-3: the Leeds team's queue, not the holder's nor another LA's.
  EXPECT_EQ(Get("/api/v1/investigations", "holder").status, 403);
  EXPECT_TRUE(
      Body(Get("/api/v1/investigations", "bradford")).at("investigations").as_array().empty());
  const Response queue = Get("/api/v1/investigations", "manager");
  ASSERT_EQ(queue.status, 200) << queue.body;
  const json::array items = Body(queue).at("investigations").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("record_id").as_int64(), shielded_);
  EXPECT_EQ(Text(items[0], "reason"), kEmergency);
  EXPECT_EQ(Text(items[0], "due_on"), "2026-06-11");
  EXPECT_TRUE(Audited(shielded_, "investigation.list", "ok"));

  const std::string resolve =
      "/api/v1/investigations/" + std::to_string(items[0].at("id").as_int64()) + "/resolution";
  const Response unknown = Post(resolve, {{"resolution", "fine"}}, "manager");
  EXPECT_EQ(unknown.status, kBadInput);
  EXPECT_EQ(Field(unknown), "resolution");
  const Response unexplained = Post(resolve, {{"resolution", "referred_misuse"}}, "manager");
  EXPECT_EQ(unexplained.status, kBadInput);
  EXPECT_EQ(Field(unexplained), "note");
  EXPECT_EQ(Post(resolve, {{"resolution", "legitimate"}}, "bradford").status, 403);
  EXPECT_EQ(OpenInvestigations(), 1u);
  const Response resolved = Post(resolve, {{"resolution", "legitimate"}}, "manager");
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_TRUE(Audited(shielded_, "investigation.resolve", "ok"));
  EXPECT_EQ(OpenInvestigations(), 0u);
  EXPECT_EQ(Post(resolve, {{"resolution", "legitimate"}}, "manager").status, 409);
  EXPECT_TRUE(Audited(shielded_, "investigation.resolve", "refused"));
}

// SENS-4, BRK-1: ask, follow the status, the team's steps in order, and the
// reasons of a refusal fed back — never to whom the request was passed.
TEST_F(ApiProtectionTest, BrokeringAskStatusAndTheTeamsSteps) {
  const json::object shielded_ask{{"kind", "shielded_record_information"},
                                  {"requester_contact", kContact},
                                  {"reason", kReason}};
  // Bad input names the field and stores nothing.
  const std::pair<json::object, const char*> bad[] = {
      {{{"requester_contact", kContact}, {"reason", kReason}}, "kind"},
      {{{"kind", "gossip"}, {"requester_contact", kContact}, {"reason", kReason}}, "kind"},
      {{{"kind", "shielded_record_information"}, {"reason", kReason}}, "requester_contact"},
      {{{"kind", "shielded_record_information"}, {"requester_contact", kContact}}, "reason"},
      {{{"kind", "sensitive_service_contact"},
        {"involvement_id", "first"},
        {"requester_contact", kContact},
        {"reason", kReason}},
       "involvement_id"},
  };
  for (const auto& [body, field] : bad) {
    const Response r = Post(Path(shielded_, "/brokering-requests"), body, "teacher");
    EXPECT_EQ(r.status, kBadInput) << json::serialize(body);
    EXPECT_EQ(Field(r), field) << json::serialize(body);
  }
  // Judged on the record as the requester sees it: this one is not shielded.
  EXPECT_EQ(Field(Post(Path(plain_, "/brokering-requests"), shielded_ask, "teacher")), "kind");
  EXPECT_EQ(BrokeringRequestsOf(teacher_id_), 0u);

  const Response asked = Post(Path(shielded_, "/brokering-requests"), shielded_ask, "teacher");
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(Text(Body(asked), "status"), "received");
  EXPECT_TRUE(Audited(shielded_, "brokering.ask", "ok"));
  // SENS-4: contact with a sensitive service, named by the id the record shows.
  const Response record = Get(Path(with_sensitive_, ""), "teacher");
  ASSERT_EQ(record.status, 200);
  std::int64_t involvement = 0;
  const json::array involvements = Body(record).at("involvements").as_array();
  for (const auto& inv : involvements) {
    if (Text(inv, "category") == "sensitive") involvement = inv.at("id").as_int64();
  }
  ASSERT_NE(involvement, 0);
  EXPECT_EQ(record.body.find("Leeds Sexual Health"), std::string::npos);  // REC-5
  const Response sensitive = Post(Path(with_sensitive_, "/brokering-requests"),
                                  {{"kind", "sensitive_service_contact"},
                                   {"involvement_id", involvement},
                                   {"requester_contact", kContact},
                                   {"reason", kReason}},
                                  "teacher");
  ASSERT_EQ(sensitive.status, 201) << sensitive.body;
  EXPECT_TRUE(Audited(with_sensitive_, "brokering.ask", "ok"));
  const std::int64_t id = Body(asked).at("request_id").as_int64();

  // BRK-1: the requester sees the status of their own requests.
  const Response mine = Get("/api/v1/brokering-requests/mine", "teacher");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(Body(mine).at("requests").as_array().size(), 2u);
  EXPECT_TRUE(
      Body(Get("/api/v1/brokering-requests/mine", "nurse")).at("requests").as_array().empty());

  // The queue and the steps are the record's LA team's.
  EXPECT_EQ(Get("/api/v1/brokering-requests/queue", "teacher").status, 403);
  EXPECT_TRUE(Audited(0, "brokering.queue", "denied", teacher_id_));
  const Response queue = Get("/api/v1/brokering-requests/queue", "manager");
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(Body(queue).at("requests").as_array().size(), 2u);
  EXPECT_EQ(Text(Body(queue).at("requests").as_array()[0], "reason"), kReason);
  const std::string step = "/api/v1/brokering-requests/" + std::to_string(id);
  EXPECT_EQ(Post(step + "/pass-on", {{"to_whom", "Dr Kaur"}}, "teacher").status, 403);
  EXPECT_EQ(Post(step + "/pass-on", {{"to_whom", "Dr Kaur"}}, "bradford").status, 403);
  EXPECT_TRUE(Audited(shielded_, "brokering.pass_on", "denied"));
  const Response too_soon = Post(step + "/decision", {{"decision", "disclosed"}}, "manager");
  EXPECT_EQ(too_soon.status, 409);
  EXPECT_TRUE(Audited(shielded_, "brokering.decision", "refused"));
  EXPECT_EQ(Field(Post(step + "/pass-on", {}, "manager")), "to_whom");
  ASSERT_EQ(
      Post(step + "/pass-on", {{"to_whom", "Dr Kaur, Leeds Sexual Health"}}, "manager").status,
      200);
  EXPECT_TRUE(Audited(shielded_, "brokering.pass_on", "ok"));
  EXPECT_EQ(Field(Post(step + "/decision", {{"decision", "no"}}, "manager")), "decision");
  EXPECT_EQ(Field(Post(step + "/decision", {{"decision", "declined"}}, "manager")), "reasons");
  const Response declined =
      Post(step + "/decision",
           {{"decision", "declined"}, {"reasons", "Would put the child at risk"}}, "manager");
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(Text(Body(declined), "status"), "declined");
  EXPECT_TRUE(Audited(shielded_, "brokering.decision", "ok"));
  const Response fed_back = Post(step + "/feedback", {}, "manager");
  ASSERT_EQ(fed_back.status, 200) << fed_back.body;
  EXPECT_EQ(Text(Body(fed_back), "status"), "closed");
  EXPECT_TRUE(Audited(shielded_, "brokering.feedback", "ok"));

  // BRK-1: the refusal and its reasons reach the requester; the service's
  // identity does not (G 3.48).
  const Response status = Get("/api/v1/brokering-requests/mine", "teacher");
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.body.find("Dr Kaur"), std::string::npos);
  EXPECT_EQ(status.body.find("passed_on_to"), std::string::npos);
  bool seen = false;
  const json::array requests = Body(status).at("requests").as_array();
  for (const auto& q : requests) {
    if (q.at("id").as_int64() != id) continue;
    seen = true;
    EXPECT_EQ(Text(q, "status"), "closed");
    EXPECT_EQ(Text(q, "decision_reasons"), "Would put the child at risk");
  }
  EXPECT_TRUE(seen);
  EXPECT_TRUE(Audited(shielded_, "brokering.mine", "ok"));
}

}  // namespace
}  // namespace cp::web
