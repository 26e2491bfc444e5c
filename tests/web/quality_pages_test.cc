// Data quality as a page and as CSV (FEED-7, G 4.6): the same figures for
// the sources and LAs the data administrator may see, counts only, for data
// administrators only.

#include "services/fixture.h"
#include "services/source_register.h"
#include "support/sample_child.h"
#include "web/site/app.h"

namespace cp::web {
namespace {

class QualityPagesTest : public services::ServiceFixture {
 protected:
  void SetUp() override {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    auto t = Templates::Load(CP_TEMPLATES_DIR);
    ASSERT_TRUE(t) << t.error().message;
    app_ = std::make_unique<App>(*ctx_, *credentials_, nullptr, std::move(*t),
                                 AppOptions{"/nonexistent", CP_TEMPLATES_DIR, {}});
    AddUser("leeds.admin", core::Role::kLaDataAdministrator);
    AddUser("teacher", core::Role::kPractitioner);
    AddChild(cp::testing::SampleChild(1));
    services::SourceRegister reg(*ctx_);
    for (const auto& [name, la] :
         {std::pair{"=Leeds, \"social\" care", "E08000035"}, std::pair{"School census", ""},
          std::pair{"Bradford social care", "E08000032"}}) {
      auto s = reg.Register(Operator(), {name, core::SourceBodyType::kLocalAuthority, la, 50});
      ASSERT_TRUE(s) << s.error().message;
      ids_[name] = s->id;
    }
  }
  Request Get(const std::string& path, const std::string& user) {
    if (!signed_in_.count(user)) {
      SignInAs(user);
      signed_in_.insert(user);
    }
    return Request{
        "GET", path, {}, {{"host", "cp.test"}}, {{kSessionCookie, session_ids_.at(user)}}, {}, ""};
  }
  static std::string HeaderOf(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }

  std::unique_ptr<App> app_;
  std::set<std::string> signed_in_;
  std::map<std::string, core::DataSourceId> ids_;
};

TEST_F(QualityPagesTest, TheLasFiguresAsAPage) {
  const Response r = app_->Handle(Get("/data-quality", "leeds.admin"));
  ASSERT_EQ(r.status, 200) << r.body;
  for (const char* text : {"id=\"coverage-sources\"", "id=\"completeness-local-authorities\"",
                           "id=\"uniqueness-sources\"", "id=\"validity-sources\"", "School census",
                           "Leeds", "1 of 1 (100.0%)", "/data-quality.csv"}) {
    EXPECT_NE(r.body.find(text), std::string::npos) << text;
  }
  EXPECT_EQ(r.body.find("Bradford"), std::string::npos);
  EXPECT_EQ(r.body.find("Okafor"), std::string::npos);  // counts, never a record
}

TEST_F(QualityPagesTest, TheSameFiguresAsCsv) {
  const Response r = app_->Handle(Get("/data-quality.csv", "leeds.admin"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(HeaderOf(r, "Content-Disposition"),
            "attachment; filename=\"data-quality-2026-06-10.csv\"");
  EXPECT_EQ(r.body.rfind("scope,code,name,dimension,measure,count,of,percent\n", 0), 0u);
  // A name a spreadsheet would run as a formula is defused, and quoted.
  const std::string leeds = std::to_string(ids_["=Leeds, \"social\" care"]);
  EXPECT_NE(r.body.find("source," + leeds +
                        ",\"'=Leeds, \"\"social\"\" care\",coverage,coverage.source_records,0,,\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("local_authority,E08000035,Leeds,completeness,completeness.postcode,1,1,"
                        "100.0\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("School census"), std::string::npos);
  EXPECT_EQ(r.body.find("Bradford"), std::string::npos);
  EXPECT_EQ(r.body.find("Okafor"), std::string::npos);
}

TEST_F(QualityPagesTest, OnlyDataAdministratorsSeeIt) {
  EXPECT_EQ(app_->Handle(Get("/data-quality", "teacher")).status, 403);
  EXPECT_EQ(app_->Handle(Get("/data-quality.csv", "teacher")).status, 403);
}

}  // namespace
}  // namespace cp::web
