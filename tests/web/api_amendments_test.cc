// Users' amendments over the API (UPD-1, UPD-2; AUTH-5): a case
// management system reads the record's version and what its user may
// amend, sends the amendment, and a data administrator decides one in
// conflict — through the Api class, under the service's rights and audit.

#include <boost/json.hpp>

#include "services/api_clients.h"
#include "services/linkage_fixture.h"
#include "web/site/api.h"

namespace cp::web {
namespace {

namespace json = boost::json;

class ApiAmendmentsTest : public services::LinkageFixture {
 protected:
  void SetUp() override {
    api_ = std::make_unique<Api>(*ctx_, *credentials_, index_.get());
    auto credential = services::ApiClients(*ctx_).Register(Operator(), "Leeds CMS");
    ASSERT_TRUE(credential) << credential.error().message;
    credential_ = *credential;
    AddUser("support", core::Role::kSupportStaff);
    ImportOk(census_, services::kCensusRows);
    oliver_ = *ChildOf(census_, "SC-1");
    tdb_.clock().Advance(std::int64_t{40} * 86400);
    for (const char* user : {"teacher", "support", "leeds.admin"}) {
      sessions_by_user_[user] = SignIn(user);
    }
  }

  Response Call(const std::string& method, const std::string& path, const std::string& body,
                const std::string& user) {
    Request r{method, path, {}, {{"content-type", "application/json"}}, {}, {}, body};
    r.headers["x-client-credential"] = credential_;
    r.headers["authorization"] = "Bearer " + sessions_by_user_[user];
    return api_->Handle(r);
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
  std::string Path() const { return "/api/v1/records/" + std::to_string(oliver_) + "/amendments"; }
  std::int64_t Version() {
    const Response r = Call("GET", Path(), "", "teacher");
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r).at("version").as_int64();
  }

  std::unique_ptr<Api> api_;
  std::string credential_;
  std::map<std::string, std::string> sessions_by_user_;
  core::ChildId oliver_ = 0;
};

// UPD-1: the version and values are read, the amendment sent; it applies.
// Support staff are refused.
TEST_F(ApiAmendmentsTest, UPD1_AmendThroughTheApi) {
  const Response read = Call("GET", Path(), "", "teacher");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Body(read).at("values").as_object().at("address_line1").as_string(), "12 Mill Lane");
  const json::object body{{"version", Version()},
                          {"fields", json::object{{"gp_name", "Mill Lane Surgery"}}},
                          {"verification", "Seen: registration letter"}};
  const Response done = Call("POST", Path(), json::serialize(body), "teacher");
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(Body(done).at("amendments").as_array()[0].as_object().at("status").as_string(),
            "applied");
  EXPECT_EQ(Record(oliver_).gp_practice->organisation, "Mill Lane Surgery");
  EXPECT_EQ(Call("POST", Path(), json::serialize(body), "support").status, 403);
  // Rights before shape: a malformed body from one who may not amend is
  // refused as not theirs to send, not diagnosed.
  EXPECT_EQ(Call("POST", Path(), "{\"version\": \"x\"}", "support").status, 403);
  EXPECT_EQ(Call("POST", Path(), "{\"version\": \"x\"}", "teacher").status, 422);
  // The same body again: the version has moved on.
  EXPECT_EQ(Call("POST", Path(), json::serialize(body), "teacher").status, 409);
  const Response mine = Call("GET", "/api/v1/amendments", "", "teacher");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(Body(mine).at("amendments").as_array().size(), 1u);
}

// UPD-2: a conflicting amendment is queued; the administrator reads it and
// overrides only with verification.
TEST_F(ApiAmendmentsTest, UPD2_TheQueueAndTheOverride) {
  const json::object body{{"version", Version()},
                          {"fields", json::object{{"surname", "Whitfeld"}}},
                          {"verification", "Seen: passport"}};
  const Response asked = Call("POST", Path(), json::serialize(body), "teacher");
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::int64_t id =
      Body(asked).at("amendments").as_array()[0].as_object().at("id").as_int64();
  EXPECT_EQ(Call("GET", "/api/v1/amendment-reviews", "", "teacher").status, 403);
  const Response queue = Call("GET", "/api/v1/amendment-reviews", "", "leeds.admin");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(Body(queue).at("amendments").as_array().size(), 1u);
  const std::string review = "/api/v1/amendment-reviews/" + std::to_string(id);
  const Response detail = Call("GET", review, "", "leeds.admin");
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(Body(detail).at("proposed").as_object().at("surname").as_string(), "Whitfeld");
  const std::int64_t version = Body(detail).at("record_version").as_int64();
  const Response bare = Call("POST", review + "/override",
                             json::serialize(json::object{{"version", version}}), "leeds.admin");
  EXPECT_EQ(bare.status, 422);
  EXPECT_EQ(Call("POST", review + "/override", "{\"reason\": 7}", "teacher").status, 403);
  EXPECT_EQ(Call("POST", review + "/override", "{\"reason\": 7}", "leeds.admin").status, 422);
  EXPECT_EQ(Record(oliver_).surname, "Whitfield");
  const Response applied = Call(
      "POST", review + "/override",
      json::serialize(json::object{{"version", version}, {"reason", "Birth register checked"}}),
      "leeds.admin");
  EXPECT_EQ(applied.status, 204) << applied.body;
  EXPECT_EQ(Record(oliver_).surname, "Whitfeld");
}

}  // namespace
}  // namespace cp::web
