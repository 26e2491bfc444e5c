// Users' amendments through the pages (UPD-1, UPD-2; SHD-2): the link on
// the record page, the form and its errors, the user's list of outcomes,
// and the data administrators' queue with the decision beside the record.
// URLs carry ids and counts only; every POST needs the session's token.

#include "services/linkage_fixture.h"
#include "web/site/app.h"

namespace cp::web {
namespace {

class AmendmentPagesTest : public services::LinkageFixture {
 protected:
  void SetUp() override {
    auto t = Templates::Load(CP_TEMPLATES_DIR);
    ASSERT_TRUE(t) << t.error().message;
    app_ = std::make_unique<App>(*ctx_, *credentials_, index_.get(), std::move(*t),
                                 AppOptions{"/nonexistent", CP_TEMPLATES_DIR, {}});
    AddUser("support", core::Role::kSupportStaff);
    ImportOk(census_, services::kCensusRows);
    oliver_ = *ChildOf(census_, "SC-1");
    tdb_.clock().Advance(std::int64_t{40} * 86400);  // the census's data is not recent
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
    if (form.count("csrf_token") == 0) form["csrf_token"] = sessions_by_user_.at(user).csrf_token;
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
  std::string RecordPath() const { return "/records/" + std::to_string(oliver_); }
  // The version the form shows, as the browser would send it back.
  std::string FormVersion(const std::string& user) {
    const Response form = app_->Handle(Get(RecordPath() + "/amend", user));
    EXPECT_EQ(form.status, 200) << form.body;
    const std::string marker = "name=\"version\" value=\"";
    const auto at = form.body.find(marker);
    if (at == std::string::npos) return "";
    const auto start = at + marker.size();
    return form.body.substr(start, form.body.find('"', start) - start);
  }
  Response Amend(const std::string& user, std::map<std::string, std::string> form) {
    form["version"] = FormVersion(user);
    return app_->Handle(Post(RecordPath() + "/amendments", user, form));
  }
  std::int64_t Pending() {
    auto conn = tdb_.Conn();
    auto rows = store::AmendmentRepository(*conn).ListPending(std::nullopt, 10);
    EXPECT_TRUE(rows);
    EXPECT_EQ(rows->size(), 1u);
    return rows->empty() ? 0 : rows->front().id;
  }

  std::unique_ptr<App> app_;
  std::map<std::string, services::SessionInfo> sessions_by_user_;
  core::ChildId oliver_ = 0;
};

// UPD-1: the record page offers the amendment to a user with the update
// right, not to support staff; the form holds the record's values; a new
// address applies at once and the user's list shows it applied. The
// redirect carries counts, never values.
TEST_F(AmendmentPagesTest, UPD1_AnAmendmentFromThePageApplies) {
  EXPECT_TRUE(Has(app_->Handle(Get(RecordPath(), "teacher")), "id=\"amend-record\""));
  EXPECT_FALSE(Has(app_->Handle(Get(RecordPath(), "support")), "id=\"amend-record\""));
  EXPECT_EQ(app_->Handle(Get(RecordPath() + "/amend", "support")).status, 403);

  const Response form = app_->Handle(Get(RecordPath() + "/amend", "teacher"));
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form, "value=\"12 Mill Lane\""));
  EXPECT_TRUE(Has(form, "value=\"Oliver James\""));
  EXPECT_TRUE(Has(form, "id=\"date_of_birth_day\""));

  const Response done = Amend("teacher", {{"address_line1", "3 Cardigan Road"},
                                          {"town", "Leeds"},
                                          {"postcode", "LS6 1AB"},
                                          {"verification", "Seen by me: a domestic bill"}});
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(Location(done), "/amendments?applied=1&queued=0");
  EXPECT_EQ(Record(oliver_).address.line1, "3 Cardigan Road");
  Request list = Get("/amendments", "teacher");
  list.query = {{"applied", "1"}, {"queued", "0"}};
  const Response mine = app_->Handle(list);
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(Has(mine, "Your amendment has been applied"));
  EXPECT_TRUE(Has(mine, "Address"));
  EXPECT_TRUE(Has(mine, ">Applied<"));
  EXPECT_TRUE(Has(app_->Handle(Get("/", "teacher")), "href=\"/amendments\""));
}

// Every POST needs the session's CSRF token.
TEST_F(AmendmentPagesTest, UPD1_WithoutTheTokenNothingChanges) {
  const Response r = app_->Handle(Post(RecordPath() + "/amendments", "teacher",
                                       {{"csrf_token", "forged"},
                                        {"version", FormVersion("teacher")},
                                        {"address_line1", "3 Cardigan Road"}}));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Record(oliver_).address.line1, "12 Mill Lane");
}

// UPD-1: bad input comes back on the form with the error and what was
// typed; a form from an older version of the record is refused and shown
// again as the record is now.
TEST_F(AmendmentPagesTest, UPD1_ErrorsAndStaleFormsComeBackOnTheForm) {
  const Response bad = Amend("teacher", {{"date_of_birth_day", "31"},
                                         {"date_of_birth_month", "2"},
                                         {"date_of_birth_year", "2016"},
                                         {"verification", "Seen: passport"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad, "govuk-error-summary"));
  EXPECT_TRUE(Has(bad, "Date of birth must be a real date"));
  EXPECT_TRUE(Has(bad, "value=\"31\""));

  const std::string old = FormVersion("teacher");
  ASSERT_EQ(Amend("teacher", {{"gp_name", "Mill Lane Surgery"}}).status, 303);
  const Response stale = app_->Handle(Post(RecordPath() + "/amendments", "teacher",
                                           {{"version", old}, {"address_line1", "Elsewhere"}}));
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(Has(stale, "has changed since you opened it"));
  EXPECT_TRUE(Has(stale, "value=\"Mill Lane Surgery\""));
  EXPECT_EQ(Record(oliver_).address.line1, "12 Mill Lane");
}

// SHD-2: a shielded record's form shows only what the user may see; an
// address sent all the same is refused, and the answer does not hold it.
TEST_F(AmendmentPagesTest, SHD2_ShieldedFormHidesTheAddress) {
  ShieldDirectly(oliver_);
  const Response form = app_->Handle(Get(RecordPath() + "/amend", "teacher"));
  ASSERT_EQ(form.status, 200);
  EXPECT_FALSE(Has(form, "Mill Lane"));
  EXPECT_FALSE(Has(form, "name=\"address_line1\""));
  EXPECT_FALSE(Has(form, "name=\"parent1_surname\""));
  EXPECT_TRUE(Has(form, "name=\"forenames\""));
  const Response refused = Amend("teacher", {{"address_line1", "12 Mill Lane"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_FALSE(Has(refused, "Mill Lane"));
}

// UPD-2: a new date of birth waits for the data administrator, who finds
// it from the home page and the review queue, sees the value before and
// the value asked for with the user's verification, cannot apply it
// without verification of their own, and applies it with one. The user
// then sees it applied.
TEST_F(AmendmentPagesTest, UPD2_TheAdministratorOverridesOnVerification) {
  const Response asked = Amend("teacher", {{"date_of_birth_day", "21"},
                                           {"date_of_birth_month", "4"},
                                           {"date_of_birth_year", "2016"},
                                           {"verification", "Seen by me: a passport"}});
  ASSERT_EQ(asked.status, 303) << asked.body;
  EXPECT_EQ(Location(asked), "/amendments?applied=0&queued=1");
  EXPECT_EQ(Record(oliver_).date_of_birth, *Date::ParseIso("2016-04-12"));
  const std::int64_t id = Pending();

  EXPECT_TRUE(Has(app_->Handle(Get("/", "leeds.admin")), "href=\"/data-review/amendments\""));
  EXPECT_TRUE(Has(app_->Handle(Get("/data-review", "leeds.admin")), "id=\"amendment-review\""));
  const Response queue = app_->Handle(Get("/data-review/amendments", "leeds.admin"));
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_TRUE(Has(queue, "href=\"/data-review/amendments/" + std::to_string(id) + "\""));
  EXPECT_TRUE(Has(queue, "Changes who the child is"));
  EXPECT_EQ(app_->Handle(Get("/data-review/amendments", "teacher")).status, 403);
  EXPECT_TRUE(Has(app_->Handle(Get("/data-review/amendments", "bradford.admin")),
                  "id=\"empty-amendment-queue\""));

  const std::string path = "/data-review/amendments/" + std::to_string(id);
  const Response page = app_->Handle(Get(path, "leeds.admin"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page, "2016-04-12"));
  EXPECT_TRUE(Has(page, "2016-04-21"));
  EXPECT_TRUE(Has(page, "Seen by me: a passport"));
  EXPECT_TRUE(Has(page, "User teacher"));
  EXPECT_TRUE(Has(page, "id=\"decide-override\""));
  EXPECT_EQ(app_->Handle(Get(path, "bradford.admin")).status, 403);

  const Response bare =
      app_->Handle(Post(path + "/override", "leeds.admin", {{"reason", " "}, {"version", "1"}}));
  EXPECT_EQ(bare.status, 422);
  EXPECT_TRUE(Has(bare, "Record the additional verification you hold"));
  EXPECT_EQ(Record(oliver_).date_of_birth, *Date::ParseIso("2016-04-12"));

  const std::string marker = "name=\"version\" value=\"";
  const auto at = page.body.find(marker) + marker.size();
  const std::string shown = page.body.substr(at, page.body.find('"', at) - at);
  const Response applied =
      app_->Handle(Post(path + "/override", "leeds.admin",
                        {{"reason", "Birth certificate seen at the office"}, {"version", shown}}));
  ASSERT_EQ(applied.status, 303) << applied.body;
  EXPECT_EQ(Location(applied), "/data-review/amendments?decided=1");
  EXPECT_EQ(Record(oliver_).date_of_birth, *Date::ParseIso("2016-04-21"));
  const Response mine = app_->Handle(Get("/amendments", "teacher"));
  EXPECT_TRUE(Has(mine, "Applied by a data administrator"));
  EXPECT_FALSE(Has(mine, "Birth certificate"));  // the administrator's verification stays theirs
}

// UPD-2: a rejection leaves the record as it was; the user sees the
// reason.
TEST_F(AmendmentPagesTest, UPD2_ARejectionIsShownWithItsReason) {
  ASSERT_EQ(
      Amend("teacher", {{"forenames", "Olivia"}, {"verification", "Told by the child"}}).status,
      303);
  const std::string path = "/data-review/amendments/" + std::to_string(Pending());
  const Response page = app_->Handle(Get(path, "leeds.admin"));
  const std::string marker = "name=\"version\" value=\"";
  const auto at = page.body.find(marker) + marker.size();
  const std::string shown = page.body.substr(at, page.body.find('"', at) - at);
  const Response bare =
      app_->Handle(Post(path + "/reject", "leeds.admin", {{"reason", ""}, {"version", shown}}));
  EXPECT_EQ(bare.status, 422);
  EXPECT_TRUE(Has(bare, "Give the reason the amendment is rejected"));
  EXPECT_TRUE(Has(bare, "id=\"reject-reason\""));
  const Response rejected =
      app_->Handle(Post(path + "/reject", "leeds.admin",
                        {{"reason", "The birth register gives Oliver James"}, {"version", shown}}));
  ASSERT_EQ(rejected.status, 303) << rejected.body;
  EXPECT_EQ(Record(oliver_).forenames, "Oliver James");
  const Response mine = app_->Handle(Get("/amendments", "teacher"));
  EXPECT_TRUE(Has(mine, "Not applied"));
  EXPECT_TRUE(Has(mine, "The birth register gives Oliver James"));
  const Response again = app_->Handle(
      Post(path + "/override", "leeds.admin", {{"reason", "Seen"}, {"version", shown}}));
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(Has(again, "already been decided"));
}

}  // namespace
}  // namespace cp::web
