// Requests for a new child record through the pages (NEW-2, LA-1; F B7):
// from a search that finds nothing to the request form, the requester's
// list, the data administrator's queue with the further search beside the
// details, and the decisions.

#include "core/search_reason.h"
#include "services/fixture.h"
#include "store/child_repository.h"
#include "store/new_record_request_repository.h"
#include "support/sample_child.h"
#include "web/site/app.h"

namespace cp::web {
namespace {

class NewRecordPagesTest : public services::ServiceFixture {
 protected:
  void SetUp() override {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    auto t = Templates::Load(CP_TEMPLATES_DIR);
    ASSERT_TRUE(t) << t.error().message;
    app_ = std::make_unique<App>(*ctx_, *credentials_, nullptr, std::move(*t),
                                 AppOptions{"/nonexistent", CP_TEMPLATES_DIR, {}});
    AddUser("teacher", core::Role::kPractitioner);
    AddUser("admin", core::Role::kLaDataAdministrator);
    AddUser("bradford.admin", core::Role::kLaDataAdministrator, {}, "E08000032");
    live_ = AddChild(cp::testing::SampleChild(1));
    core::Child shielded = cp::testing::SampleChild(2);
    shielded.shielded = true;
    shielded_ = AddChild(shielded);
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
  // The sample child, as a practitioner types the details.
  static std::map<std::string, std::string> SampleForm() {
    return {{"forenames", "Amelia Rose"},
            {"surname", "Okafor-Smith"},
            {"gender", "female"},
            {"dob_day", "9"},
            {"dob_month", "3"},
            {"dob_year", "2015"},
            {"address_line1", "11 Chapel Street"},
            {"town", "Leeds"},
            {"postcode", "ls6 3ab"},
            {"la_code", ""},
            {"parent_forenames", "Grace"},
            {"parent_surname", "Okafor"},
            {"parent_relationship", "mother"},
            {"school", "Brudenell Primary School"},
            {"reason", "Joined our reception class this week"}};
  }
  std::vector<store::NewRecordRequestRow> Requests() {
    auto conn = tdb_.Conn();
    auto rows = store::NewRecordRequestRepository(*conn).ListReceived("E08000035");
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::NewRecordRequestRow>{};
  }
  std::string UinOf(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto c = store::ChildRepository(*conn).GetCore(id);
    EXPECT_TRUE(c);
    return c ? c->uin.ToDisplay() : "";
  }
  // Sends the sample request as the teacher; returns its id.
  std::int64_t SendSample() {
    const Response sent = app_->Handle(Post("/new-records", "teacher", SampleForm()));
    EXPECT_EQ(sent.status, 303) << sent.body;
    const auto rows = Requests();
    EXPECT_FALSE(rows.empty());
    return rows.empty() ? 0 : rows.back().id;
  }

  std::unique_ptr<App> app_;
  std::map<std::string, services::SessionInfo> sessions_by_user_;
  core::ChildId live_ = 0, shielded_ = 0;
};

// NEW-2 (G 3.21): a search that finds nothing offers the request; the home
// page links the requests.
TEST_F(NewRecordPagesTest, ASearchThatFindsNothingOffersTheRequest) {
  const Response none = app_->Handle(Post(
      "/search", "teacher",
      {{"reason", std::string(core::SearchReasonName(core::SearchReason::kCoordinatingServices))},
       {"surname", "Nobody"},
       {"dob_day", "1"},
       {"dob_month", "2"},
       {"dob_year", "2016"}}));
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(Has(none, "No records match"));
  EXPECT_TRUE(Has(none, "href=\"/new-records/new\""));
  EXPECT_TRUE(Has(app_->Handle(Get("/", "teacher")), "href=\"/new-records\""));
  const Response form = app_->Handle(Get("/new-records/new", "teacher"));
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form, "Ask for a new child record"));
  EXPECT_TRUE(Has(form, "<option value=\"E08000032\">Bradford</option>"));
}

// NEW-2: the request is sent, the URL carries nothing personal, and the
// requester follows it.
TEST_F(NewRecordPagesTest, TheRequestIsSentAndFollowed) {
  const Response sent = app_->Handle(Post("/new-records", "teacher", SampleForm()));
  ASSERT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(Location(sent), "/new-records?sent=1");
  ASSERT_EQ(Requests().size(), 1u);
  EXPECT_EQ(Requests()[0].details.address.postcode, "LS6 3AB");
  Request list = Get("/new-records", "teacher");
  list.query["sent"] = "1";
  const Response mine = app_->Handle(list);
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(Has(mine, "Your request has been sent"));
  EXPECT_TRUE(Has(mine, "id=\"my-new-records\""));
  EXPECT_TRUE(Has(mine, "Amelia Rose Okafor-Smith"));
  EXPECT_TRUE(Has(mine, "Received"));
}

// DESIGN invariant 6: the form comes back with every problem named in an
// error summary and what was typed kept; nothing is stored.
TEST_F(NewRecordPagesTest, ABadFormIsShownAgainAndNothingIsStored) {
  auto form = SampleForm();
  form["forenames"] = "";
  form["dob_month"] = "13";
  form["postcode"] = "EH1 1YZ";  // Scotland: G 3.20
  const Response r = app_->Handle(Post("/new-records", "teacher", form));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r, "govuk-error-summary"));
  EXPECT_TRUE(Has(r, "href=\"#forenames\""));
  EXPECT_TRUE(Has(r, "Date of birth must be a real date"));
  EXPECT_TRUE(Has(r, "ContactPoint holds records only for children who live in England"));
  EXPECT_TRUE(Has(r, "value=\"Okafor-Smith\""));
  EXPECT_TRUE(Requests().empty());
  // Without the session's token: refused before anything is read.
  Request forged = Post("/new-records", "teacher", SampleForm());
  forged.form.erase("csrf_token");
  EXPECT_EQ(app_->Handle(forged).status, 403);
  EXPECT_TRUE(Requests().empty());
}

// NEW-2, SRCH-4, SHD-2 (F B7): the data administrator sees the request in
// the queue, searches again beside the details — the shielded record with
// its core items only — and tells the requester that the record exists;
// the requester is told its UIN.
TEST_F(NewRecordPagesTest, TheAdministratorSearchesAgainAndTellsTheRequester) {
  const std::int64_t id = SendSample();
  const std::string path = "/new-records/" + std::to_string(id);
  const Response queue = app_->Handle(Get("/new-records", "admin"));
  ASSERT_EQ(queue.status, 200);
  EXPECT_TRUE(Has(queue, "id=\"new-record-queue\""));
  EXPECT_TRUE(Has(queue, "href=\"" + path + "\""));
  EXPECT_FALSE(Has(app_->Handle(Get("/new-records", "bradford.admin")), "href=\"" + path + "\""));

  const Response review = app_->Handle(Get(path, "admin"));
  ASSERT_EQ(review.status, 200);
  EXPECT_TRUE(Has(review, "id=\"submitted-details\""));
  EXPECT_TRUE(Has(review, "Joined our reception class this week"));
  EXPECT_TRUE(Has(review, "id=\"search-again\""));
  EXPECT_FALSE(Has(review, "id=\"decide-create\""));  // not before the search (G 3.22)

  const Response found = app_->Handle(Post(path + "/search", "admin", {}));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_TRUE(Has(found, "id=\"candidate-" + std::to_string(live_) + "\""));
  EXPECT_TRUE(Has(found, "id=\"candidate-" + std::to_string(shielded_) + "\""));
  EXPECT_TRUE(Has(found, "UIN " + UinOf(live_) + "; Leeds LS6 3AB"));
  EXPECT_TRUE(Has(found, "UIN " + UinOf(shielded_) + ". Likelihood"));  // no place shown
  EXPECT_TRUE(Has(found, "id=\"decide-exists\""));
  EXPECT_TRUE(Has(found, "id=\"decide-create\""));

  const Response told =
      app_->Handle(Post(path + "/exists", "admin", {{"child_id", std::to_string(live_)}}));
  ASSERT_EQ(told.status, 303) << told.body;
  EXPECT_EQ(Location(told), "/new-records?decided=1");
  const Response mine = app_->Handle(Get("/new-records", "teacher"));
  EXPECT_TRUE(Has(mine, "A record already exists for this child."));
  EXPECT_TRUE(Has(mine, UinOf(live_)));
  EXPECT_TRUE(Has(mine, "href=\"/records/" + std::to_string(live_) + "\""));
  EXPECT_FALSE(Has(app_->Handle(Get("/new-records", "admin")), "href=\"" + path + "\""));
}

// NEW-2 (SHD-2): told that a shielded record exists, the requester learns
// neither its UIN nor where it is.
TEST_F(NewRecordPagesTest, AShieldedRecordsUinIsNotTold) {
  const std::int64_t id = SendSample();
  const std::string path = "/new-records/" + std::to_string(id);
  ASSERT_EQ(app_->Handle(Post(path + "/search", "admin", {})).status, 200);
  ASSERT_EQ(app_->Handle(Post(path + "/exists", "admin", {{"child_id", std::to_string(shielded_)}}))
                .status,
            303);
  const Response mine = app_->Handle(Get("/new-records", "teacher"));
  EXPECT_TRUE(Has(mine, "A record already exists for this child. Do not ask for another."));
  EXPECT_FALSE(Has(mine, UinOf(shielded_)));
  EXPECT_FALSE(Has(mine, "/records/" + std::to_string(shielded_)));
}

// NEW-2, LA-1: the administrator creates the record; the requester is told
// its UIN. Without a choice of record, "exists" is refused on the page.
TEST_F(NewRecordPagesTest, TheAdministratorCreatesTheRecord) {
  auto form = SampleForm();
  form["forenames"] = "Noah";
  form["surname"] = "Brennan";
  form["dob_year"] = "2019";
  const Response sent = app_->Handle(Post("/new-records", "teacher", form));
  ASSERT_EQ(sent.status, 303) << sent.body;
  const std::int64_t id = Requests().at(0).id;
  const std::string path = "/new-records/" + std::to_string(id);
  const Response found = app_->Handle(Post(path + "/search", "admin", {}));
  ASSERT_EQ(found.status, 200);
  EXPECT_TRUE(Has(found, "No existing record matches these details."));
  const Response unchosen = app_->Handle(Post(path + "/exists", "admin", {}));
  EXPECT_EQ(unchosen.status, 422);
  EXPECT_TRUE(Has(unchosen, "Choose the record that exists"));

  const Response created = app_->Handle(Post(path + "/create", "admin", {}));
  ASSERT_EQ(created.status, 303) << created.body;
  auto conn = tdb_.Conn();
  auto row = store::NewRecordRequestRepository(*conn).Get(id);
  ASSERT_TRUE(row);
  ASSERT_TRUE(row->child_id.has_value());
  auto child = store::ChildRepository(*conn).Get(*row->child_id);
  ASSERT_TRUE(child);
  EXPECT_EQ(child->la_code, "E08000035");  // LA-1: the requester's LA, none named
  const Response mine = app_->Handle(Get("/new-records", "teacher"));
  EXPECT_TRUE(Has(mine, "A new record has been created for this child."));
  EXPECT_TRUE(Has(mine, child->uin.ToDisplay()));
}

// Only the data administrators of the request's LA reach its pages; a user
// without the right to ask cannot open the form.
TEST_F(NewRecordPagesTest, OthersAreRefused) {
  const std::int64_t id = SendSample();
  const std::string path = "/new-records/" + std::to_string(id);
  EXPECT_EQ(app_->Handle(Get(path, "teacher")).status, 403);
  EXPECT_EQ(app_->Handle(Get(path, "bradford.admin")).status, 403);
  EXPECT_EQ(app_->Handle(Post(path + "/search", "teacher", {})).status, 403);
  EXPECT_EQ(app_->Handle(Post(path + "/create", "bradford.admin", {})).status, 403);
  EXPECT_EQ(app_->Handle(Get("/new-records/new", "admin")).status, 403);
  EXPECT_EQ(app_->Handle(Post("/new-records", "admin", SampleForm())).status, 403);
  EXPECT_EQ(app_->Handle(Get("/new-records/424242", "admin")).status, 404);
  EXPECT_EQ(Requests().size(), 1u);
}

}  // namespace
}  // namespace cp::web
