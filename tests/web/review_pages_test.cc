// Matching and cleansing through the pages (FEED-6; SHD-2): the queue of
// uncertain matches, the row beside its candidates with the engine's
// reasons and the decisions, and merging two records — confirmed side by
// side — with the undo.

#include "services/linkage_fixture.h"
#include "web/site/app.h"

namespace cp::web {
namespace {

class ReviewPagesTest : public services::LinkageFixture {
 protected:
  void SetUp() override {
    auto t = Templates::Load(CP_TEMPLATES_DIR);
    ASSERT_TRUE(t) << t.error().message;
    app_ = std::make_unique<App>(*ctx_, *credentials_, index_.get(), std::move(*t),
                                 AppOptions{"/nonexistent", CP_TEMPLATES_DIR, {}});
    ImportOk(census_, services::kCensusRows);
    oliver_ = *ChildOf(census_, "SC-1");
    maya_ = *ChildOf(census_, "SC-2");
  }

  std::string Session(const std::string& user) {
    if (!sessions_by_user_.count(user)) sessions_by_user_[user] = SignInAs(user);
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
  static std::string Location(const Response& r) {
    for (const auto& [k, v] : r.headers) {
      if (k == "Location") return v;
    }
    return "";
  }
  static bool Has(const Response& r, const std::string& text) {
    return r.body.find(text) != std::string::npos;
  }
  std::string Uin(core::ChildId id) { return Record(id).uin.ToDisplay(); }

  // The GP's uncertain row for Oliver, in review; returns the review id.
  std::int64_t UncertainRow(const std::string& text = services::kUncertainGpRow) {
    EXPECT_EQ(ImportOk(gp_, text).review, 1);
    return TheReview();
  }

  std::unique_ptr<App> app_;
  std::map<std::string, services::SessionInfo> sessions_by_user_;
  core::ChildId oliver_ = 0, maya_ = 0;
};

// FEED-6: the home page leads data administrators to the queue, which
// lists the row; the row's page shows it beside the candidate with the
// engine's reasons and the three decisions. Others are refused.
TEST_F(ReviewPagesTest, TheQueueAndTheRowBesideItsCandidates) {
  const std::int64_t id = UncertainRow();
  EXPECT_TRUE(Has(app_->Handle(Get("/", "leeds.admin")), "href=\"/data-review\""));

  const Response queue = app_->Handle(Get("/data-review", "leeds.admin"));
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_TRUE(Has(queue, "id=\"review-queue\""));
  EXPECT_TRUE(Has(queue, "Oliver Whitfield"));
  EXPECT_TRUE(Has(queue, "GP registrations"));
  EXPECT_TRUE(Has(queue, "href=\"/data-review/" + std::to_string(id) + "\""));
  EXPECT_TRUE(Has(app_->Handle(Get("/data-review", "bradford.admin")), "id=\"empty-queue\""));

  const Response page = app_->Handle(Get("/data-review/" + std::to_string(id), "leeds.admin"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page, "As the source sent it"));
  EXPECT_TRUE(Has(page, "Mill Lane Surgery"));  // the row's GP
  EXPECT_TRUE(Has(page, "id=\"candidate-" + std::to_string(oliver_) + "\""));
  EXPECT_TRUE(Has(page, Uin(oliver_)));
  EXPECT_TRUE(Has(page, "12 Mill Lane, Leeds, LS6 2AB"));  // the record, in full
  EXPECT_TRUE(Has(page, "Why the matching engine thinks so"));
  EXPECT_TRUE(Has(page, ">Forename<"));
  EXPECT_TRUE(Has(page, "action=\"/data-review/" + std::to_string(id) + "/link\""));
  EXPECT_TRUE(Has(page, "id=\"decide-create\""));
  EXPECT_TRUE(Has(page, "id=\"decide-not-same\""));

  EXPECT_EQ(app_->Handle(Get("/data-review", "teacher")).status, 403);
  EXPECT_EQ(app_->Handle(Get("/data-review/" + std::to_string(id), "bradford.admin")).status, 403);
}

// FEED-6: a decision from the page links the row once; the URL carries no
// personal data; a second decision is refused on the page.
TEST_F(ReviewPagesTest, LinkingFromThePageIsDecidedOnce) {
  const std::int64_t id = UncertainRow();
  const std::string path = "/data-review/" + std::to_string(id);
  const Response linked =
      app_->Handle(Post(path + "/link", "leeds.admin", {{"child_id", std::to_string(oliver_)}}));
  ASSERT_EQ(linked.status, 303) << linked.body;
  EXPECT_EQ(Location(linked), "/data-review?decided=1");
  EXPECT_EQ(ChildOf(gp_, "GP-4"), oliver_);
  const Response again = app_->Handle(Post(path + "/create", "leeds.admin", {}));
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(Has(again, "already been decided"));
  EXPECT_EQ(Count("child"), 3);
  const Response refused =
      app_->Handle(Post(path + "/link", "bradford.admin", {{"child_id", std::to_string(oliver_)}}));
  EXPECT_EQ(refused.status, 403);
}

// G 4.52, FEED-3: from the page, a row is reported back to its source as
// not usable, with a reason; without one the page says what is missing,
// leads to the box and changes nothing.
TEST_F(ReviewPagesTest, ARowIsReportedBackAsNotUsableWithAReason) {
  const std::int64_t id = UncertainRow();
  const std::string path = "/data-review/" + std::to_string(id);
  EXPECT_TRUE(Has(app_->Handle(Get(path, "leeds.admin")), "id=\"decide-unusable\""));

  const Response blank = app_->Handle(Post(path + "/unusable", "leeds.admin", {{"reason", " "}}));
  EXPECT_EQ(blank.status, 422);
  EXPECT_TRUE(Has(blank, "href=\"#reason\""));
  EXPECT_TRUE(Has(blank, "id=\"reason-error\""));
  EXPECT_EQ(Count("contribution"), 4);

  const Response reported = app_->Handle(Post(
      path + "/unusable", "leeds.admin", {{"reason", "The row names two different children"}}));
  ASSERT_EQ(reported.status, 303) << reported.body;
  EXPECT_EQ(Location(reported), "/data-review?reported=1");
  EXPECT_EQ(Count("contribution"), 3);
  EXPECT_EQ(Count("unusable_report"), 1);
  Request queue = Get("/data-review", "leeds.admin");
  queue.query["reported"] = "1";
  EXPECT_TRUE(Has(app_->Handle(queue), "reported back to its source as not usable"));
}

// SHD-2: a shielded candidate shows the administrator only its UIN, names,
// gender and date of birth — not its address, school or family — and the
// engine's reasons do not compare the hidden items, though the row gives
// an address that agrees.
TEST_F(ReviewPagesTest, AShieldedCandidateShowsOnlyWhatTheAdministratorMaySee) {
  ShieldDirectly(oliver_);
  const std::int64_t id =
      UncertainRow(services::kFeedHeader + "GP-5,Oliver,Smith,2016-04-12,,,,LS6 2AB,,,,,,,0,\n");
  const Response page = app_->Handle(Get("/data-review/" + std::to_string(id), "leeds.admin"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page, "Oliver James Whitfield"));
  EXPECT_TRUE(Has(page, "This record is shielded"));
  for (const char* hidden : {"12 Mill Lane", "Brudenell", "Sarah", ">Postcode<", ">Town<"}) {
    EXPECT_FALSE(Has(page, hidden)) << hidden;
  }
  const Response full =
      app_->Handle(Get("/data-review/" + std::to_string(id), "leeds.admin.shielded"));
  ASSERT_EQ(full.status, 200);
  EXPECT_TRUE(Has(full, "12 Mill Lane"));
}

// FEED-6: two records named by UIN, compared side by side, merged, listed
// and the merge undone — every step a POST, no UIN in any URL.
TEST_F(ReviewPagesTest, MergeConfirmedSideBySideAndUndone) {
  auto dup = reviews_->Decide(admin_, UncertainRow(), services::CreateNew{});
  ASSERT_TRUE(dup) << dup.error().message;
  EXPECT_EQ(app_->Handle(Get("/merges/new", "leeds.admin")).status, 200);

  const Response confirm = app_->Handle(Post(
      "/merges/check", "leeds.admin", {{"kept_uin", Uin(oliver_)}, {"merged_uin", Uin(*dup)}}));
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  EXPECT_TRUE(Has(confirm, "id=\"kept-record\""));
  EXPECT_TRUE(Has(confirm, "id=\"merged-record\""));
  EXPECT_TRUE(Has(confirm, "12 Mill Lane"));
  EXPECT_TRUE(Has(confirm, "Mill Lane Surgery"));
  EXPECT_TRUE(Has(confirm, "name=\"kept_id\" value=\"" + std::to_string(oliver_) + "\""));
  EXPECT_TRUE(Has(confirm, "id=\"confirm-merge\""));
  EXPECT_FALSE(Has(confirm, "id=\"merge-guard\""));

  const Response merged = app_->Handle(
      Post("/merges", "leeds.admin",
           {{"kept_id", std::to_string(oliver_)}, {"merged_id", std::to_string(*dup)}}));
  ASSERT_EQ(merged.status, 303) << merged.body;
  EXPECT_EQ(Location(merged), "/merges?merged=1");
  EXPECT_EQ(Record(*dup).archive_state, core::ArchiveState::kSoft);

  const Response list = app_->Handle(Get("/merges", "leeds.admin"));
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list, Uin(oliver_)));
  EXPECT_TRUE(Has(list, Uin(*dup)));
  const std::size_t at = list.body.find("action=\"/merges/");
  ASSERT_NE(at, std::string::npos);
  const std::string undo_path =
      list.body.substr(at + 8, list.body.find('"', at + 8) - (at + 8));  // "/merges/N/undo"
  const Response undone = app_->Handle(Post(undo_path, "leeds.admin", {}));
  ASSERT_EQ(undone.status, 303) << undone.body;
  EXPECT_EQ(Location(undone), "/merges?undone=1");
  EXPECT_EQ(Record(*dup).archive_state, core::ArchiveState::kLive);
  EXPECT_TRUE(Has(app_->Handle(Get("/merges", "leeds.admin")), "Undone"));
  const Response twice = app_->Handle(Post(undo_path, "leeds.admin", {}));
  EXPECT_EQ(twice.status, 409);
}

// G 3.25: the confirmation warns when the engine shows two children, and
// the merge needs the administrator's verification; a UIN that is not one
// is the form's own error.
TEST_F(ReviewPagesTest, BrotherAndSisterNeedVerificationOnThePage) {
  const Response bad = app_->Handle(
      Post("/merges/check", "leeds.admin", {{"kept_uin", "1234"}, {"merged_uin", Uin(maya_)}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad, "href=\"#kept_uin\""));

  const Response confirm = app_->Handle(Post(
      "/merges/check", "leeds.admin", {{"kept_uin", Uin(oliver_)}, {"merged_uin", Uin(maya_)}}));
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  EXPECT_TRUE(Has(confirm, "id=\"merge-guard\""));
  const std::map<std::string, std::string> ids = {{"kept_id", std::to_string(oliver_)},
                                                  {"merged_id", std::to_string(maya_)}};
  const Response refused = app_->Handle(Post("/merges", "leeds.admin", ids));
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused, "id=\"verification-error\""));
  EXPECT_EQ(Record(maya_).archive_state, core::ArchiveState::kLive);
  auto with = ids;
  with["verification"] = "Birth certificate seen";
  EXPECT_EQ(app_->Handle(Post("/merges", "leeds.admin", with)).status, 303);
  EXPECT_EQ(Record(maya_).archive_state, core::ArchiveState::kSoft);
  EXPECT_EQ(app_->Handle(Get("/merges/new", "teacher")).status, 403);
}

}  // namespace
}  // namespace cp::web
