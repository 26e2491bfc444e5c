// The web interface, driven in-process: security headers, CSRF, cookies,
// sessions and the one door for personal data.

#include "web/site/app.h"

#include "services/fixture.h"
#include "store/account_repository.h"
#include "support/sample_child.h"

namespace cp::web {
namespace {

class AppTest : public services::ServiceFixture {
 protected:
  void SetUp() override {
    auto t = Templates::Load(CP_TEMPLATES_DIR);
    ASSERT_TRUE(t) << t.error().message;
    app_ = std::make_unique<App>(*ctx_, *credentials_, nullptr, std::move(*t),
                                 AppOptions{"/nonexistent", CP_TEMPLATES_DIR, {}});
  }
  static std::string Header(const Response& r, const std::string& name) {
    std::string all;
    for (const auto& [k, v] : r.headers) {
      if (k == name) all += (all.empty() ? "" : "\n") + v;
    }
    return all;
  }
  // Signs in through the pages; returns the session cookie value.
  std::string SignIn(const std::string& user) {
    Request get{"GET", "/sign-in", {}, {}, {}, {}, ""};
    Response page = app_->Handle(get);
    const std::string set = Header(page, "Set-Cookie");
    const std::string token = set.substr(set.find('=') + 1, 64);
    Request post{"POST",
                 "/sign-in",
                 {},
                 {{"host", "cp.test"}, {"origin", "http://cp.test"}},
                 {{kSignInCookie, token}},
                 {{"csrf_token", token},
                  {"username", user},
                  {"password", kPassword},
                  {"code", CodeFor(user)}},
                 ""};
    Response r = app_->Handle(post);
    EXPECT_EQ(r.status, 303) << r.body;
    const std::string cookie = Header(r, "Set-Cookie");
    const auto start =
        cookie.find(std::string(kSessionCookie) + "=") + std::string(kSessionCookie).size() + 1;
    return cookie.substr(start, 32);
  }
  Request Get(const std::string& path, const std::string& session) {
    return Request{"GET", path, {}, {{"host", "cp.test"}}, {{kSessionCookie, session}}, {}, ""};
  }
  std::unique_ptr<App> app_;
};

TEST_F(AppTest, EveryResponseCarriesTheSecurityHeaders) {
  const Response r = app_->Handle(Request{"GET", "/sign-in", {}, {}, {}, {}, ""});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(Header(r, "Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(Header(r, "Content-Security-Policy").find("unsafe-inline"), std::string::npos);
  EXPECT_NE(Header(r, "Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Header(r, "Cache-Control"), "no-store");
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);  // no inline script
}

// AUTH-2: the session cookie is __Host-, Secure, HttpOnly, SameSite=Strict.
TEST_F(AppTest, SessionCookieIsHostOnlySecureHttpOnlyStrict) {
  AddUser("web.user", core::Role::kPractitioner);
  Request get{"GET", "/sign-in", {}, {}, {}, {}, ""};
  Response page = app_->Handle(get);
  const std::string set = Header(page, "Set-Cookie");
  EXPECT_EQ(set.rfind("__Host-cp_signin=", 0), 0u);
  EXPECT_NE(set.find("Secure; HttpOnly; SameSite=Strict"), std::string::npos);
  const std::string session = SignIn("web.user");
  EXPECT_EQ(session.size(), 32u);
  const Response home = app_->Handle(Get("/", session));
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Welcome, User web.user"), std::string::npos);
}

// CSRF: a form from another origin, or without the session's token, is refused.
TEST_F(AppTest, RefusesCrossSiteAndTokenlessForms) {
  AddUser("csrf.user", core::Role::kPractitioner);
  const std::string session = SignIn("csrf.user");
  Request cross{"POST",
                "/sign-out",
                {},
                {{"host", "cp.test"}, {"origin", "https://evil.example"}},
                {{kSessionCookie, session}},
                {},
                ""};
  EXPECT_EQ(app_->Handle(cross).status, 403);
  Request no_token{"POST",
                   "/sign-out",
                   {},
                   {{"host", "cp.test"}, {"origin", "http://cp.test"}},
                   {{kSessionCookie, session}},
                   {{"csrf_token", "forged"}},
                   ""};
  EXPECT_EQ(app_->Handle(no_token).status, 403);
  EXPECT_EQ(app_->Handle(Get("/", session)).status, 200);  // still signed in
}

// AUTH-2: a suspended user's session ends at once.
TEST_F(AppTest, SuspensionEndsTheWebSession) {
  const core::UserId id = AddUser("susp.user", core::Role::kPractitioner);
  const std::string session = SignIn("susp.user");
  ASSERT_EQ(app_->Handle(Get("/search", session)).status, 200);
  ASSERT_TRUE(accounts_->Suspend(Operator(), id, core::SuspensionReason::kSuspectedMisuse, ""));
  const Response r = app_->Handle(Get("/search", session));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(Header(r, "Location"), "/sign-in");
}

// AUD-2: a search without a reason is refused with an error summary.
TEST_F(AppTest, SearchWithoutAReasonIsRefused) {
  AddUser("search.user", core::Role::kPractitioner);
  const std::string session = SignIn("search.user");
  auto info = sessions_->Resolve(session);
  ASSERT_TRUE(info);
  Request r{"POST",
            "/search",
            {},
            {{"host", "cp.test"}},
            {{kSessionCookie, session}},
            {{"csrf_token", info->csrf_token},
             {"surname", "Okafor-Smith"},
             {"dob_day", "9"},
             {"dob_month", "3"},
             {"dob_year", "2015"}},
            ""};
  const Response out = app_->Handle(r);
  EXPECT_EQ(out.status, 422);
  EXPECT_NE(out.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(out.body.find("Select a reason for your search"), std::string::npos);
}

// SHD-2 and DESIGN invariant 1: the record page of a shielded record shows
// no hidden item to a practitioner.
TEST_F(AppTest, ShieldedRecordPageHidesEverythingButTheCoreItems) {
  AddUser("shd.user", core::Role::kPractitioner);
  core::Child child = cp::testing::SampleChild(900);
  child.shielded = true;
  const core::ChildId id = AddChild(child);
  const std::string session = SignIn("shd.user");
  const Response r = app_->Handle(Get("/records/" + std::to_string(id), session));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("This record is shielded"), std::string::npos);
  EXPECT_NE(r.body.find("Okafor-Smith"), std::string::npos);
  for (const std::string& hidden :
       {child.address.postcode, child.address.line1, child.parents_carers[0].contact.phone,
        child.school->organisation, child.gp_practice->organisation,
        child.involvements[0].organisation}) {
    EXPECT_EQ(r.body.find(hidden), std::string::npos) << hidden;
  }
}

TEST_F(AppTest, UnknownPagesAndRecordsAreNotFound) {
  AddUser("nf.user", core::Role::kPractitioner);
  const std::string session = SignIn("nf.user");
  EXPECT_EQ(app_->Handle(Get("/records/999999", session)).status, 404);
  EXPECT_EQ(app_->Handle(Get("/records/abc", session)).status, 404);
  EXPECT_EQ(app_->Handle(Get("/nowhere", session)).status, 404);
  EXPECT_EQ(app_->Handle(Request{"GET", "/assets/../../etc/passwd", {}, {}, {}, {}, ""}).status,
            404);
}

}  // namespace
}  // namespace cp::web

namespace cp::web {
namespace {

// AUTH-6: a mediator starts mediation through the page with the requestor's
// three factors; the home page then says on whose behalf they act.
TEST_F(AppTest, MediationThroughThePages) {
  AddUser("med.support", core::Role::kSupportStaff);
  AddUser("med.requestor", core::Role::kManager);
  const std::string session = SignIn("med.support");
  auto info = sessions_->Resolve(session);
  ASSERT_TRUE(info);
  tdb_.clock().Advance(30);
  Request start{"POST",
                "/mediation",
                {},
                {{"host", "cp.test"}},
                {{kSessionCookie, session}},
                {{"csrf_token", info->csrf_token},
                 {"requestor_username", "med.requestor"},
                 {"requestor_password", kPassword},
                 {"requestor_code", CodeFor("med.requestor")}},
                ""};
  EXPECT_EQ(app_->Handle(start).status, 303);
  const Response home = app_->Handle(Get("/", session));
  EXPECT_NE(home.body.find("You are mediating access for"), std::string::npos);
  Request end{"POST",
              "/mediation/end",
              {},
              {{"host", "cp.test"}},
              {{kSessionCookie, session}},
              {{"csrf_token", info->csrf_token}},
              ""};
  EXPECT_EQ(app_->Handle(end).status, 303);
  EXPECT_EQ(app_->Handle(Get("/", session)).body.find("You are mediating access for"),
            std::string::npos);
}

}  // namespace
}  // namespace cp::web
