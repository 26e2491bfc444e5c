// A data source's upload over the API (FEED-2, FEED-3; G 4.46, G 4.43):
// only an accredited source with an active agreement uploads, with its own
// credential; every attempt is audited; the answer is the upload's report
// by row, field and message, never a row's values; a malformed file
// changes nothing; the upload leaves no file behind.

#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>

#include "services/fixture.h"
#include "services/source_register.h"
#include "web/site/api.h"

namespace cp::web {
namespace {

namespace json = boost::json;

const std::string kHeader =
    "source_record_id,forenames,surname,date_of_birth,gender,address_line1,town,postcode,"
    "school_urn,school_name\n";
const std::string kCensus =
    kHeader +
    "SC-1,Oliver James,Whitfield,2016-04-12,male,12 Mill Lane,Leeds,LS6 2AB,107912,Brudenell "
    "Primary School\n"
    "SC-2,Maya,Whitfield,2018-09-30,female,12 Mill Lane,Leeds,LS6 2AB,107912,Brudenell Primary "
    "School\n"
    "SC-3,Reuben,Achterberg,2015-01-21,male,4 Quarry Hill,Leeds,LS2 7EY,,\n"
    "SC-4,Zebedee,Quartermaine,2016-13-12,male,9 Kirkgate,Leeds,LS1 6BG,,\n";

class ApiUploadsTest : public services::ServiceFixture {
 protected:
  void SetUp() override {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    // The uploads' temporary files go here, to be seen gone.
    tmp_ = std::filesystem::temp_directory_path() /
           ("cp-api-uploads-" + std::to_string(::getpid()) + "-" + std::to_string(++serial_));
    std::filesystem::create_directories(tmp_);
    if (const char* t = std::getenv("TMPDIR")) old_tmpdir_ = t;
    ::setenv("TMPDIR", tmp_.c_str(), 1);
    auto index = services::ChildIndex::Build(tdb_.db());
    ASSERT_TRUE(index);
    index_ = std::move(*index);
    api_ = std::make_unique<Api>(*ctx_, *credentials_, index_.get());
    census_ = AddSource("School census");
  }
  void TearDown() override {
    if (old_tmpdir_) {
      ::setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
    std::filesystem::remove_all(tmp_);
  }

  // An accredited, active national source; returns its id, keeps its credential.
  core::DataSourceId AddSource(const std::string& name) {
    services::SourceRegister reg(*ctx_);
    auto s = reg.Register(Operator(), {name, core::SourceBodyType::kSchoolCensus, "", 10});
    EXPECT_TRUE(s) << s.error().message;
    EXPECT_TRUE(reg.Accredit(Operator(), s->id));
    EXPECT_TRUE(reg.Activate(Operator(), s->id));
    auto credential = reg.IssueCredential(Operator(), s->id);
    EXPECT_TRUE(credential);
    credential_[s->id] = *credential;
    return s->id;
  }

  Response Upload(const std::string& credential, const std::string& body,
                  const std::string& type = "text/csv; charset=utf-8", Api* api = nullptr) {
    Request r{"POST", "/api/v1/uploads", {}, {{"content-type", type}}, {}, {}, body};
    if (!credential.empty()) r.headers["x-source-credential"] = credential;
    return (api != nullptr ? api : api_.get())->Handle(r);
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
  bool TempIsEmpty() { return std::filesystem::is_empty(tmp_); }

  static inline int serial_ = 0;
  std::filesystem::path tmp_;
  std::optional<std::string> old_tmpdir_;
  std::unique_ptr<services::ChildIndex> index_;
  std::unique_ptr<Api> api_;
  core::DataSourceId census_ = 0;
  std::map<core::DataSourceId, std::string> credential_;
};

// FEED-2, FEED-3: an accredited source's file is imported; the answer counts
// its rows and names the refused one by row and field, never its values.
TEST_F(ApiUploadsTest, AnAccreditedSourcesFileIsImportedAndReported) {
  const Response r = Upload(credential_[census_], kCensus);
  ASSERT_EQ(r.status, 201) << r.body;
  const json::object report = json::parse(r.body).as_object();
  EXPECT_GT(report.at("upload_id").as_int64(), 0);
  EXPECT_EQ(report.at("rows").as_int64(), 4);
  EXPECT_EQ(report.at("accepted").as_int64(), 3);
  EXPECT_EQ(report.at("created").as_int64(), 3);
  EXPECT_EQ(report.at("linked").as_int64(), 0);
  EXPECT_EQ(report.at("review").as_int64(), 0);
  EXPECT_EQ(report.at("rejected").as_int64(), 1);
  EXPECT_EQ(report.at("more_problems").as_int64(), 0);
  const json::array& problems = report.at("problems").as_array();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].at("row").as_int64(), 4);
  EXPECT_EQ(problems[0].at("field").as_string(), "date_of_birth");
  EXPECT_FALSE(problems[0].at("message").as_string().empty());
  for (const char* value : {"Zebedee", "Quartermaine", "2016-13-12", "Kirkgate", "LS1 6BG"}) {
    EXPECT_EQ(r.body.find(value), std::string::npos) << value;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM child"), 3);
  // Audited: the credential check and the import.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entry WHERE action = 'source.authorise_upload' "
                  "AND outcome = 'ok'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entry WHERE action = 'import.upload' AND "
                  "outcome = 'ok' AND route = 'api'"),
            1);
  EXPECT_TRUE(TempIsEmpty());

  // JSON Lines too; a row sent again updates what the source said.
  const Response again = Upload(credential_[census_],
                                "{\"source_record_id\":\"SC-1\",\"forenames\":\"Oliver James\","
                                "\"surname\":\"Whitfield\",\"date_of_birth\":\"2016-04-12\","
                                "\"postcode\":\"LS6 2AB\"}\n",
                                "application/x-ndjson");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(json::parse(again.body).at("updated").as_int64(), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM child"), 3);
  EXPECT_TRUE(TempIsEmpty());
}

// FEED-5, UPD-3: the source reads back the items of its records that
// differ from the best view, with its own credential, as a feed it pages
// through by id; a wrong credential reads nothing.
TEST_F(ApiUploadsTest, ASourceReadsItsFeedbackWithItsCredential) {
  ASSERT_EQ(Upload(credential_[census_], kCensus).status, 201);
  const core::DataSourceId gp = AddSource("GP registrations");
  // A day later the GP row gives another postcode; of two sources of the
  // same rank the more recent wins: the census is told of its address.
  tdb_.clock().Advance(86400);
  ASSERT_EQ(Upload(credential_[gp],
                   "source_record_id,forenames,surname,date_of_birth,gender,address_line1,town,"
                   "postcode\nGP-1,Oliver James,Whitfield,2016-04-12,male,12 Mill Lane,Leeds,"
                   "LS6 3AB\n")
                .status,
            201);
  auto read = [&](const std::string& credential, const std::string& query) {
    Request r{"GET", "/api/v1/source-feedback", {}, {}, {}, {}, ""};
    if (!query.empty()) r.query["mismatches_after"] = query;
    if (!credential.empty()) r.headers["x-source-credential"] = credential;
    return api_->Handle(r);
  };
  const Response census = read(credential_[census_], "");
  ASSERT_EQ(census.status, 200) << census.body;
  const json::object body = json::parse(census.body).as_object();
  const json::array& mismatches = body.at("mismatches").as_array();
  ASSERT_FALSE(mismatches.empty()) << census.body;
  EXPECT_EQ(mismatches[0].at("source_record_id").as_string(), "SC-1");
  EXPECT_EQ(mismatches[0].at("item").as_string(), "address");
  EXPECT_EQ(census.body.find("LS6 3AB"), std::string::npos);  // never the best view's value
  EXPECT_TRUE(body.at("unusable").as_array().empty());

  const std::string last = std::to_string(mismatches.back().at("id").as_int64());
  const Response later = read(credential_[census_], last);
  ASSERT_EQ(later.status, 200);
  EXPECT_TRUE(json::parse(later.body).at("mismatches").as_array().empty());
  EXPECT_EQ(read(credential_[census_], "-1").status, 422);
  EXPECT_EQ(read("source-1:" + std::string(64, '0'), "").status, 401);
  EXPECT_EQ(read("", "").status, 401);
}

// FEED-2, G 4.46: a suspended source may not upload; the refusal says why,
// is audited, and nothing changes.
TEST_F(ApiUploadsTest, ASuspendedSourceIsRefused) {
  ASSERT_TRUE(services::SourceRegister(*ctx_).Suspend(Operator(), census_));
  const Response r = Upload(credential_[census_], kCensus);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("suspended"), std::string::npos) << r.body;
  EXPECT_EQ(Changes(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entry WHERE action = 'source.authorise_upload' "
                  "AND outcome = 'refused'"),
            1);
  EXPECT_TRUE(TempIsEmpty());
}

// FEED-2: a credential of no source, or none, is unauthenticated — and
// audited; a client system's credential is not a source's.
TEST_F(ApiUploadsTest, AWrongCredentialIsUnauthenticated) {
  const std::string forged = "source-" + std::to_string(census_) + ":" + std::string(64, 'a');
  EXPECT_EQ(Upload(forged, kCensus).status, 401);
  EXPECT_EQ(Upload("", kCensus).status, 401);
  EXPECT_EQ(Upload("not a credential", kCensus).status, 401);
  Request r{"POST", "/api/v1/uploads",
            {},     {{"content-type", "text/csv"}, {"x-client-credential", credential_[census_]}},
            {},     {},
            kCensus};
  EXPECT_EQ(api_->Handle(r).status, 401);
  EXPECT_EQ(Changes(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entry WHERE action = 'source.authorise_upload' "
                  "AND outcome = 'unauthenticated'"),
            4);
}

// DESIGN invariant 6: a file that is not the feed format is refused whole
// with the reason (422), and nothing changes; so is a body of another type.
TEST_F(ApiUploadsTest, AMalformedFileChangesNothing) {
  for (const std::string& bad :
       {std::string("source_record_id,forenames,case_notes\nSC-1,Oliver,x\n"),
        kCensus + "SC-5,\"Maya,Whitfi", std::string("SC-1,Oliver\n\xff\xfe\n"), std::string()}) {
    const Response r = Upload(credential_[census_], bad);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(json::parse(r.body).at("error").at("field").as_string(), "file") << r.body;
  }
  const Response json_body = Upload(credential_[census_], kCensus, "application/json");
  EXPECT_EQ(json_body.status, 422);
  EXPECT_EQ(json::parse(json_body.body).at("error").at("field").as_string(), "content_type");
  EXPECT_EQ(Changes(), 0);
  EXPECT_TRUE(TempIsEmpty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entry WHERE action = 'import.upload' AND outcome "
                  "= 'rejected'"),
            5);
}

// Without its search index the service cannot match rows: it says so.
TEST_F(ApiUploadsTest, WithoutTheIndexUploadsAreUnavailable) {
  Api bare(*ctx_, *credentials_, nullptr);
  const Response r = Upload(credential_[census_], kCensus, "text/csv", &bare);
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("contactpoint import"), std::string::npos) << r.body;
  EXPECT_EQ(Changes(), 0);
}

}  // namespace
}  // namespace cp::web
