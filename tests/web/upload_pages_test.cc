// The upload page (FEED-2, FEED-3): a data administrator sends a file for
// one of their LA's accredited sources with an active agreement, as a
// browser sends a form with a file (multipart/form-data), and sees the
// upload's report; the form's CSRF token is checked; the import is audited
// as the user; a malformed file changes nothing.

#include <boost/json.hpp>

#include "services/fixture.h"
#include "services/source_register.h"
#include "web/site/app.h"

namespace cp::web {
namespace {

constexpr const char* kLeeds = "E08000035";
constexpr const char* kBradford = "E08000032";
constexpr const char* kBoundary = "----cpFormBoundaryQ1w2E3";

const std::string kCensus =
    "source_record_id,forenames,surname,date_of_birth,gender,postcode,school_name\n"
    "L-1,Oliver James,Whitfield,2016-04-12,male,LS6 2AB,Brudenell Primary School\n"
    "L-2,Maya,Whitfield,2018-09-30,female,LS6 2AB,Brudenell Primary School\n"
    "L-3,Reuben,Achterberg,2015-01-21,male,LS2 7EY,\n"
    "L-4,Zebedee,Quartermaine,2016-13-12,male,LS1 6BG,\n";

class UploadPagesTest : public services::ServiceFixture {
 protected:
  void SetUp() override {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    auto t = Templates::Load(CP_TEMPLATES_DIR);
    ASSERT_TRUE(t) << t.error().message;
    auto index = services::ChildIndex::Build(tdb_.db());
    ASSERT_TRUE(index);
    index_ = std::move(*index);
    app_ = std::make_unique<App>(*ctx_, *credentials_, index_.get(), std::move(*t),
                                 AppOptions{"/nonexistent", CP_TEMPLATES_DIR, {}});
    AddUser("leeds.admin", core::Role::kLaDataAdministrator);
    AddUser("bradford.admin", core::Role::kLaDataAdministrator, {}, kBradford);
    AddUser("teacher", core::Role::kPractitioner);
    leeds_ = AddSource("Leeds social care", kLeeds);
    bradford_ = AddSource("Bradford social care", kBradford);
    national_ = AddSource("School census", "");
    suspended_ = AddSource("Leeds youth justice", kLeeds);
    EXPECT_TRUE(services::SourceRegister(*ctx_).Suspend(Operator(), suspended_));
  }

  core::DataSourceId AddSource(const std::string& name, const std::string& la) {
    services::SourceRegister reg(*ctx_);
    auto s = reg.Register(Operator(), {name, core::SourceBodyType::kLocalAuthority, la, 50});
    EXPECT_TRUE(s) << s.error().message;
    EXPECT_TRUE(reg.Accredit(Operator(), s->id));
    EXPECT_TRUE(reg.Activate(Operator(), s->id));
    return s->id;
  }

  const services::SessionInfo& Session(const std::string& user) {
    if (!sessions_by_user_.count(user)) sessions_by_user_[user] = SignInAs(user);
    return sessions_by_user_.at(user);
  }
  Request Get(const std::string& path, const std::string& user) {
    Session(user);
    return Request{
        "GET", path, {}, {{"host", "cp.test"}}, {{kSessionCookie, session_ids_.at(user)}}, {}, ""};
  }
  // The form as a browser sends it: the token, the source, the file.
  Request PostFile(const std::string& user, core::DataSourceId source, const std::string& file_name,
                   const std::string& content, const std::string& token = "use-session") {
    const std::string csrf = token == "use-session" ? Session(user).csrf_token : token;
    const std::string dash = std::string("--") + kBoundary;
    std::string body =
        dash + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + csrf + "\r\n" +
        dash + "\r\nContent-Disposition: form-data; name=\"source_id\"\r\n\r\n" +
        std::to_string(source) + "\r\n" + dash +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
        "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n" + dash + "--\r\n";
    Session(user);
    return Request{"POST",
                   "/uploads",
                   {},
                   {{"host", "cp.test"},
                    {"origin", "http://cp.test"},
                    {"content-type", std::string("multipart/form-data; boundary=") + kBoundary}},
                   {{kSessionCookie, session_ids_.at(user)}},
                   {},
                   body};
  }
  static bool Has(const Response& r, const std::string& text) {
    return r.body.find(text) != std::string::npos;
  }
  std::int64_t Count(const std::string& sql) {
    auto conn = tdb_.Conn();
    auto st = conn->Prepare(sql);
    EXPECT_TRUE(st);
    EXPECT_TRUE(*(*st)->Step());
    return (*st)->Int(0);
  }
  std::int64_t Changes() {
    return Count(
        "SELECT (SELECT COUNT(*) FROM child) + (SELECT COUNT(*) FROM contribution) + "
        "(SELECT COUNT(*) FROM data_upload)");
  }

  std::unique_ptr<services::ChildIndex> index_;
  std::unique_ptr<App> app_;
  std::map<std::string, services::SessionInfo> sessions_by_user_;
  core::DataSourceId leeds_ = 0, bradford_ = 0, national_ = 0, suspended_ = 0;
};

// The home page links the upload and data quality pages for data
// administrators only; the page offers the LA's own sources that may upload.
TEST_F(UploadPagesTest, TheLasDataAdministratorChoosesAmongItsOwnActiveSources) {
  const Response home = app_->Handle(Get("/", "leeds.admin"));
  EXPECT_TRUE(Has(home, "href=\"/uploads\"")) << home.body;
  EXPECT_TRUE(Has(home, "href=\"/data-quality\""));
  EXPECT_FALSE(Has(app_->Handle(Get("/", "teacher")), "href=\"/uploads\""));
  const Response page = app_->Handle(Get("/uploads", "leeds.admin"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page, "enctype=\"multipart/form-data\""));
  EXPECT_TRUE(Has(page, "Leeds social care"));
  EXPECT_FALSE(Has(page, "Bradford social care"));
  EXPECT_FALSE(Has(page, "School census"));        // national: the central team's
  EXPECT_FALSE(Has(page, "Leeds youth justice"));  // suspended
  EXPECT_EQ(app_->Handle(Get("/uploads", "teacher")).status, 403);
}

// FEED-2, FEED-3: the file is imported and the report shown — counts, and
// the refused row by number and field, never its values; audited as the
// data administrator on the web route.
TEST_F(UploadPagesTest, AnUploadIsImportedAndItsReportShown) {
  const Response r = app_->Handle(PostFile("leeds.admin", leeds_, "leeds.csv", kCensus));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Has(r, "The upload&#39;s report") || Has(r, "The upload's report")) << r.body;
  EXPECT_TRUE(Has(r, "id=\"upload-report\""));
  EXPECT_TRUE(Has(r, "id=\"upload-problems\""));
  EXPECT_TRUE(Has(r, "date_of_birth"));
  for (const char* value : {"Zebedee", "Quartermaine", "2016-13-12", "LS1 6BG"}) {
    EXPECT_FALSE(Has(r, value)) << value;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM child"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM upload_rejection"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entry WHERE action = 'import.upload' AND outcome = "
                  "'ok' AND route = 'web' AND user_id IS NOT NULL"),
            1);
}

// The form's token is checked before anything is done.
TEST_F(UploadPagesTest, AFormWithoutItsTokenIsRefused) {
  EXPECT_EQ(app_->Handle(PostFile("leeds.admin", leeds_, "leeds.csv", kCensus, "forged")).status,
            403);
  EXPECT_EQ(app_->Handle(PostFile("leeds.admin", leeds_, "leeds.csv", kCensus, "")).status, 403);
  Request garbled = PostFile("leeds.admin", leeds_, "leeds.csv", kCensus);
  garbled.body = garbled.body.substr(0, garbled.body.size() - 10);
  EXPECT_EQ(app_->Handle(garbled).status, 400);
  Request urlencoded = Get("/uploads", "leeds.admin");
  urlencoded.method = "POST";
  urlencoded.headers["content-type"] = "application/x-www-form-urlencoded";
  urlencoded.form["csrf_token"] = Session("leeds.admin").csrf_token;
  EXPECT_EQ(app_->Handle(urlencoded).status, 400);
  EXPECT_EQ(Changes(), 0);
}

// FEED-2, G 4.45–4.46: another LA's source, a suspended one, or a user
// without the right is refused (audited); so is a file in no feed format, a
// malformed one or none at all — each changing nothing.
TEST_F(UploadPagesTest, RefusalsChangeNothing) {
  EXPECT_EQ(app_->Handle(PostFile("leeds.admin", bradford_, "b.csv", kCensus)).status, 403);
  EXPECT_EQ(app_->Handle(PostFile("leeds.admin", national_, "n.csv", kCensus)).status, 403);
  EXPECT_EQ(app_->Handle(PostFile("leeds.admin", suspended_, "s.csv", kCensus)).status, 403);
  EXPECT_EQ(app_->Handle(PostFile("teacher", leeds_, "t.csv", kCensus)).status, 403);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entry WHERE action = 'import.upload' AND outcome = "
                  "'denied'"),
            4);
  const Response txt = app_->Handle(PostFile("leeds.admin", leeds_, "leeds.txt", kCensus));
  EXPECT_EQ(txt.status, 422);
  EXPECT_TRUE(Has(txt, "govuk-error-summary"));
  EXPECT_TRUE(Has(txt, ".jsonl"));
  const Response malformed = app_->Handle(
      PostFile("leeds.admin", leeds_, "leeds.csv", "source_record_id,case_notes\nL-1,x\n"));
  EXPECT_EQ(malformed.status, 422);
  EXPECT_TRUE(Has(malformed, "govuk-error-summary"));
  const Response none = app_->Handle(PostFile("leeds.admin", leeds_, "", ""));
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(Has(none, "Choose the file to upload"));
  const Response no_source = app_->Handle(PostFile("leeds.admin", 987654, "l.csv", kCensus));
  EXPECT_EQ(no_source.status, 422);
  EXPECT_TRUE(Has(no_source, "Choose the data source"));
  EXPECT_EQ(Changes(), 0);
}

}  // namespace
}  // namespace cp::web
