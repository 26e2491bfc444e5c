// Sensitive services and consent through the pages (SENS-2, SENS-3, REC-5):
// the form, its errors, what each viewer then sees on the record page, and
// the management team's archive action when consent is withdrawn.

#include "services/fixture.h"
#include "store/child_repository.h"
#include "support/sample_child.h"
#include "web/site/app.h"

namespace cp::web {
namespace {

class SensitivePagesTest : public services::ServiceFixture {
 protected:
  void SetUp() override {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    auto t = Templates::Load(CP_TEMPLATES_DIR);
    ASSERT_TRUE(t) << t.error().message;
    app_ = std::make_unique<App>(*ctx_, *credentials_, nullptr, std::move(*t),
                                 AppOptions{"/nonexistent", CP_TEMPLATES_DIR, {}});
    AddUser("nurse", core::Role::kPractitioner);
    AddUser("teacher", core::Role::kPractitioner);
    AddUser("manager", core::Role::kLaManager);
    child_ = AddChild(cp::testing::SampleChild(1));
  }

  std::string Session(const std::string& user) {
    if (!sessions_by_user_.count(user)) {
      sessions_by_user_[user] = SignInAs(user);
    }
    return session_ids_.at(user);
  }
  Request Get(const std::string& path, const std::string& user) {
    return Request{"GET", path, {}, {{"host", "cp.test"}}, {{kSessionCookie, Session(user)}},
                   {},    ""};
  }
  Request Post(const std::string& path, const std::string& user,
               std::map<std::string, std::string> form) {
    const std::string session = Session(user);
    form["csrf_token"] = sessions_by_user_.at(user).csrf_token;
    return Request{"POST",
                   path,
                   {},
                   {{"host", "cp.test"}, {"origin", "http://cp.test"}},
                   {{kSessionCookie, session}},
                   form,
                   ""};
  }
  static std::map<std::string, std::string> ConsentForm() {
    return {{"service_type", "sexual_health"}, {"organisation", "Leeds Sexual Health"},
            {"practitioner", "Dr Kaur"},       {"phone", "0113 496 0500"},
            {"start_date_day", "12"},          {"start_date_month", "5"},
            {"start_date_year", "2026"},       {"basis", "consent"},
            {"consent_given_by", "child"},     {"consent_method", "written"},
            {"consent_date_day", "12"},        {"consent_date_month", "5"},
            {"consent_date_year", "2026"},     {"consent_renewal_day", "12"},
            {"consent_renewal_month", "5"},    {"consent_renewal_year", "2027"}};
  }
  std::string RecordPath() const { return "/records/" + std::to_string(child_); }
  std::int64_t SensitiveId() {
    auto conn = tdb_.Conn();
    auto c = store::ChildRepository(*conn).Get(child_);
    EXPECT_TRUE(c);
    for (const auto& inv : c->involvements) {
      if (inv.category == core::ServiceCategory::kSensitive) return inv.id;
    }
    return 0;
  }

  std::unique_ptr<App> app_;
  std::map<std::string, services::SessionInfo> sessions_by_user_;
  core::ChildId child_ = 0;
};

// SENS-2, REC-5: the practitioner records the involvement with consent;
// another user then sees only that a sensitive service is involved, with
// the brokering link; the team sees the service and the consent.
TEST_F(SensitivePagesTest, RecordedWithConsentAndShownByViewer) {
  const Response form = app_->Handle(Get(RecordPath() + "/sensitive-services/new", "nurse"));
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Consent is never implied"), std::string::npos);
  const Response done =
      app_->Handle(Post(RecordPath() + "/sensitive-services", "nurse", ConsentForm()));
  ASSERT_EQ(done.status, 303) << done.body;
  ASSERT_NE(SensitiveId(), 0);

  const Response teacher = app_->Handle(Get(RecordPath(), "teacher"));
  ASSERT_EQ(teacher.status, 200);
  EXPECT_NE(teacher.body.find("A sensitive service is involved"), std::string::npos);
  EXPECT_NE(teacher.body.find("broker-link"), std::string::npos);
  EXPECT_EQ(teacher.body.find("Leeds Sexual Health"), std::string::npos);
  EXPECT_EQ(teacher.body.find("Kaur"), std::string::npos);
  EXPECT_EQ(teacher.body.find("Consent given"), std::string::npos);

  const Response manager = app_->Handle(Get(RecordPath(), "manager"));
  ASSERT_EQ(manager.status, 200);
  EXPECT_NE(manager.body.find("Leeds Sexual Health"), std::string::npos);
  EXPECT_NE(manager.body.find("Consent given in writing by the child"), std::string::npos);
  EXPECT_NE(manager.body.find("consent-withdrawn"), std::string::npos);
}

// SENS-2: without a basis the form comes back with an error summary naming
// it, keeps what was typed, and nothing is recorded.
TEST_F(SensitivePagesTest, WithoutABasisTheFormIsRefused) {
  auto form = ConsentForm();
  form.erase("basis");
  const Response r = app_->Handle(Post(RecordPath() + "/sensitive-services", "nurse", form));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(r.body.find("Choose consent or an overriding public interest"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"Leeds Sexual Health\""), std::string::npos);
  EXPECT_EQ(SensitiveId(), 0);

  form = ConsentForm();
  form["consent_date_month"] = "13";
  const Response bad_date = app_->Handle(Post(RecordPath() + "/sensitive-services", "nurse", form));
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_NE(bad_date.body.find("When consent was given must be a real date"), std::string::npos);
  EXPECT_EQ(SensitiveId(), 0);
}

// SENS-3: the team archives the involvement when consent is withdrawn; it
// is gone from every view at once. A practitioner cannot do it.
TEST_F(SensitivePagesTest, TheTeamArchivesOnWithdrawal) {
  ASSERT_EQ(app_->Handle(Post(RecordPath() + "/sensitive-services", "nurse", ConsentForm())).status,
            303);
  const std::string withdraw =
      RecordPath() + "/sensitive-services/" + std::to_string(SensitiveId()) + "/consent-withdrawn";
  EXPECT_EQ(app_->Handle(Post(withdraw, "nurse", {})).status, 403);
  EXPECT_NE(SensitiveId(), 0);
  const Response done = app_->Handle(Post(withdraw, "manager", {}));
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(SensitiveId(), 0);
  for (const char* user : {"teacher", "manager"}) {
    const Response page = app_->Handle(Get(RecordPath(), user));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("A sensitive service is involved"), std::string::npos) << user;
    EXPECT_EQ(page.body.find("Leeds Sexual Health"), std::string::npos) << user;
  }
}

// SENS-2: the team's list of consents due for renewal; others are refused.
TEST_F(SensitivePagesTest, ConsentRenewalsAreTheTeamsList) {
  auto form = ConsentForm();
  form["consent_renewal_month"] = "6";
  form["consent_renewal_day"] = "30";
  form["consent_renewal_year"] = "2026";
  ASSERT_EQ(app_->Handle(Post(RecordPath() + "/sensitive-services", "nurse", form)).status, 303);
  const Response list = app_->Handle(Get("/consent-renewals", "manager"));
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("2026-06-30"), std::string::npos);
  EXPECT_EQ(app_->Handle(Get("/consent-renewals", "teacher")).status, 403);
}

}  // namespace
}  // namespace cp::web
