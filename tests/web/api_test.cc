// The API (AUTH-5): per-system credential, bearer sessions, same services.

#include "web/site/api.h"

#include <boost/json.hpp>
#include <fstream>

#include "services/api_clients.h"
#include "services/fixture.h"
#include "support/sample_child.h"

namespace cp::web {
namespace {

namespace json = boost::json;

class ApiTest : public services::ServiceFixture {
 protected:
  void SetUp() override {
    api_ = std::make_unique<Api>(*ctx_, *credentials_, nullptr);
    auto credential = services::ApiClients(*ctx_).Register(Operator(), "Leeds CMS");
    ASSERT_TRUE(credential) << credential.error().message;
    credential_ = *credential;
  }
  Response Call(const std::string& method, const std::string& path, const std::string& body,
                const std::string& session = "", const std::string& credential = "use-default") {
    Request r{method, path, {}, {{"content-type", "application/json"}}, {}, {}, body};
    r.headers["x-client-credential"] = credential == "use-default" ? credential_ : credential;
    if (!session.empty()) r.headers["authorization"] = "Bearer " + session;
    return api_->Handle(r);
  }
  std::string SignIn(const std::string& user) {
    const Response r =
        Call("POST", "/api/v1/sessions",
             json::serialize(json::object{
                 {"username", user}, {"password", kPassword}, {"code", CodeFor(user)}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).at("session").as_string());
  }
  std::unique_ptr<Api> api_;
  std::string credential_;
};

TEST_F(ApiTest, RefusesSystemsWithoutAnAccreditedCredential) {  // AUTH-5
  EXPECT_EQ(Call("POST", "/api/v1/sessions", "{}", "", "").status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/sessions", "{}", "", "Leeds CMS:forged").status, 401);
  ASSERT_TRUE(services::ApiClients(*ctx_).Revoke(Operator(), "Leeds CMS"));
  EXPECT_EQ(Call("POST", "/api/v1/sessions", "{}").status, 401);
}

// AUTH-5: the same sign-in, search rules, reasons and projection as the web.
TEST_F(ApiTest, SignsInSearchesWithAReasonAndViewsARecord) {
  AddUser("cms.user", core::Role::kPractitioner);
  core::Child child = cp::testing::SampleChild(700);
  child.shielded = true;
  const core::ChildId id = AddChild(child);
  const std::string session = SignIn("cms.user");
  const Response no_reason =
      Call("POST", "/api/v1/searches", R"({"surname":"Okafor-Smith","date_of_birth":"2015-03-09"})",
           session);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_NE(no_reason.body.find("\"field\":\"reason\""), std::string::npos);
  const Response found = Call(
      "POST", "/api/v1/searches",
      R"({"reason":"referral","surname":"Okafor-Smith","date_of_birth":"2015-03-09"})", session);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(json::parse(found.body).at("matches").as_int64(), 1);
  const Response record = Call("GET", "/api/v1/records/" + std::to_string(id), "", session);
  ASSERT_EQ(record.status, 200);
  EXPECT_EQ(record.body.find(child.address.postcode), std::string::npos);  // SHD-2
  EXPECT_EQ(record.body.find(child.parents_carers[0].contact.phone), std::string::npos);
  EXPECT_TRUE(json::parse(record.body).at("shielded_view").as_bool());
  EXPECT_EQ(Call("DELETE", "/api/v1/sessions", "", session).status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/records/" + std::to_string(id), "", session).status, 401);
}

TEST_F(ApiTest, GenericSignInFailure) {  // AUTH-3
  AddUser("cms.bad", core::Role::kPractitioner);
  const Response r =
      Call("POST", "/api/v1/sessions",
           R"({"username":"cms.bad","password":"wrong password!!","code":"123456"})");
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find(services::kSignInFailed), std::string::npos);
}

// Every route in docs/api/openapi.yaml exists (answers something other
// than "no such API route").
TEST_F(ApiTest, EveryDocumentedRouteExists) {
  std::ifstream in(std::string(CP_SOURCE_DIR) + "/docs/api/openapi.yaml");
  ASSERT_TRUE(in);
  AddUser("cms.routes", core::Role::kPractitioner);
  std::string session = SignIn("cms.routes");
  std::string line, path;
  int routes = 0;
  while (std::getline(in, line)) {
    if (line.rfind("  /api/", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
      // Each path parameter becomes an id, keeping what follows it.
      for (auto brace = path.find('{'); brace != std::string::npos; brace = path.find('{')) {
        path.replace(brace, path.find('}', brace) - brace + 1, "1");
      }
      continue;
    }
    for (const char* m : {"get", "post", "put", "delete", "patch"}) {
      if (line != std::string("    ") + m + ":" || path.empty()) continue;
      std::string method = m;
      for (char& c : method) c = static_cast<char>(std::toupper(c));
      const Response r = Call(method, path, "{}", session);
      EXPECT_EQ(r.body.find("No such API route"), std::string::npos) << method << " " << path;
      ++routes;
      if (method == "DELETE") {
        tdb_.clock().Advance(30);  // a fresh code: the last one is spent
        session = SignIn("cms.routes");
      }
    }
  }
  EXPECT_GE(routes, 25);
}

}  // namespace
}  // namespace cp::web
