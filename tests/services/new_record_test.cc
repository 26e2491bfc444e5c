// Requests for a new child record (NEW-2, LA-1, NEW-3; G 3.19–3.22,
// flowchart B7) through the service, on a real database of each engine.

#include <algorithm>

#include "services/child_index.h"
#include "services/fixture.h"
#include "services/new_record_service.h"
#include "services/search_service.h"
#include "store/audit_repository.h"
#include "store/child_repository.h"
#include "store/new_record_request_repository.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

constexpr const char* kLeeds = "E08000035";  // the sample child's LA
constexpr const char* kBradford = "E08000032";
constexpr const char* kReason = "Joined our reception class this week";

class NewRecordTest : public ServiceFixture {
 protected:
  NewRecordTest() : service_(*ctx_) {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    teacher_ = ActorFor(AddUser("teacher", core::Role::kPractitioner), core::Role::kPractitioner);
    admin_ = ActorFor(AddUser("data.admin", core::Role::kLaDataAdministrator),
                      core::Role::kLaDataAdministrator);
    shield_admin_ =
        ActorFor(AddUser("data.admin.shielded", core::Role::kLaDataAdministrator,
                         {core::Right::kViewShielded}),
                 core::Role::kLaDataAdministrator, kLeeds, {core::Right::kViewShielded});
    bradford_admin_ = ActorFor(AddUser("bradford", core::Role::kLaDataAdministrator, {}, kBradford),
                               core::Role::kLaDataAdministrator, kBradford);
    manager_ = ActorFor(AddUser("manager", core::Role::kLaManager), core::Role::kLaManager);
  }

  static Actor ActorFor(core::UserId id, core::Role role, const std::string& la = kLeeds,
                        core::Rights extra = {}) {
    Actor a;
    a.user_id = id;
    a.role = role;
    a.rights = core::RoleRights(role).With(extra);
    a.la_code = la;
    return a;
  }

  // The sample child's details as a practitioner would type them.
  static NewRecordAsk SampleAsk() {
    NewRecordAsk ask;
    NewRecordDetails& d = ask.details;
    d.forenames = " Amelia Rose ";
    d.surname = "Okafor-Smith";
    d.gender = core::Gender::kFemale;
    d.date_of_birth = *Date::ParseIso("2015-03-09");
    d.address = {"11 Chapel Street", "Headingley", "", "Leeds", "ls6 3ab"};
    d.parent_forenames = "Grace";
    d.parent_surname = "Okafor";
    d.parent_relationship = "mother";
    d.parent_phone = "0113 496 0000";
    d.school = "Brudenell Primary School";
    ask.reason = kReason;
    return ask;
  }
  // A child no record holds.
  static NewRecordAsk NewChildAsk() {
    NewRecordAsk ask = SampleAsk();
    ask.details.forenames = "Noah";
    ask.details.surname = "Brennan";
    ask.details.gender = core::Gender::kMale;
    ask.details.date_of_birth = *Date::ParseIso("2019-07-01");
    ask.details.address = {"4 Mill Lane", "", "", "Leeds", "LS6 1AA"};
    ask.details.parent_surname = "Brennan";
    ask.details.parent_forenames = "Siobhan";
    return ask;
  }

  std::int64_t SubmitAs(const Actor& who, const NewRecordAsk& ask) {
    auto id = service_.Submit(who, ask);
    EXPECT_TRUE(id) << id.error().field << ": " << id.error().message;
    return id ? *id : 0;
  }

  store::NewRecordRequestRow Stored(std::int64_t id) {
    auto conn = tdb_.Conn();
    auto row = store::NewRecordRequestRepository(*conn).Get(id);
    EXPECT_TRUE(row) << row.error().message;
    return row ? *row : store::NewRecordRequestRow{};
  }
  std::vector<store::NewRecordRequestRow> StoredFor(const Actor& who) {
    auto conn = tdb_.Conn();
    auto rows = store::NewRecordRequestRepository(*conn).ForRequester(*who.user_id);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::NewRecordRequestRow>{};
  }
  core::Child StoredChild(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto c = store::ChildRepository(*conn).Get(id);
    EXPECT_TRUE(c) << c.error().message;
    return c ? *c : core::Child{};
  }
  std::int64_t ChildCount() {
    auto conn = tdb_.Conn();
    auto n = store::ChildRepository(*conn).Count();
    EXPECT_TRUE(n);
    return n ? *n : -1;
  }
  std::vector<store::AuditRow> ByUser(const Actor& who) {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).ForUser(*who.user_id, 100);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::AuditRow>{};
  }
  std::vector<store::AuditRow> History(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).ForRecord(id, 100);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::AuditRow>{};
  }
  // The newest entry of `action` with `outcome` among `rows`, if any.
  static std::optional<store::AuditRow> Find(const std::vector<store::AuditRow>& rows,
                                             const std::string& action,
                                             const std::string& outcome) {
    for (const auto& r : rows) {
      if (r.action == action && r.outcome == outcome) return r;
    }
    return std::nullopt;
  }

  NewRecordSearch SearchAs(const Actor& who, std::int64_t id) {
    auto s = service_.SearchAgain(who, id);
    EXPECT_TRUE(s) << s.error().message;
    return s ? *s : NewRecordSearch{};
  }
  static const NewRecordCandidate* CandidateFor(const NewRecordSearch& s, core::ChildId id) {
    for (const auto& c : s.candidates) {
      if (c.hit.id == id) return &c;
    }
    return nullptr;
  }

  NewRecordService service_;
  Actor teacher_, admin_, shield_admin_, bradford_admin_, manager_;
};

// NEW-2, LA-1: a request goes to the LA where the requester says the child
// lives — into its data administrators' queue only — or, when they do not
// know, to the requester's own LA. The details are kept as submitted,
// trimmed and with the postcode in its stored form.
TEST_F(NewRecordTest, ARequestGoesToTheQueueOfTheChildsLocalAuthority) {
  NewRecordAsk to_bradford = SampleAsk();
  to_bradford.la_code = kBradford;
  const std::int64_t named = SubmitAs(teacher_, to_bradford);
  const std::int64_t own = SubmitAs(teacher_, SampleAsk());

  auto bradford = service_.Queue(bradford_admin_);
  ASSERT_TRUE(bradford) << bradford.error().message;
  ASSERT_EQ(bradford->size(), 1u);
  EXPECT_EQ(bradford->at(0).id, named);
  EXPECT_EQ(bradford->at(0).la_code, kBradford);
  EXPECT_EQ(bradford->at(0).la_basis, LaBasis::kAddress);
  auto leeds = service_.Queue(admin_);
  ASSERT_TRUE(leeds) << leeds.error().message;
  ASSERT_EQ(leeds->size(), 1u);
  EXPECT_EQ(leeds->at(0).id, own);
  EXPECT_EQ(leeds->at(0).la_basis, LaBasis::kRequester);

  const auto row = Stored(own);
  EXPECT_EQ(row.status, NewRecordStatus::kReceived);
  EXPECT_EQ(row.requester_user_id, *teacher_.user_id);
  EXPECT_EQ(row.requester_display_name, "User teacher");
  EXPECT_EQ(row.details.forenames, "Amelia Rose");
  EXPECT_EQ(row.details.address.postcode, "LS6 3AB");
  EXPECT_EQ(row.details.parent_relationship, "mother");
  EXPECT_EQ(row.reason, kReason);
  EXPECT_EQ(row.created_at, tdb_.clock().Now());

  // Audited with ids and codes only: never the child's details.
  const auto entry = Find(ByUser(teacher_), "new_record.request", "ok");
  ASSERT_TRUE(entry.has_value());
  EXPECT_NE(entry->details.find("\"request_id\""), std::string::npos);
  for (const char* personal : {"Amelia", "Okafor", "LS6", "Chapel", "reception"}) {
    EXPECT_EQ(entry->details.find(personal), std::string::npos) << personal;
  }
}

// NEW-2: only users with the right ask for new records; a refusal is
// audited and stores nothing.
TEST_F(NewRecordTest, OnlyUsersWithTheRightMayAsk) {
  auto refused = service_.Submit(admin_, SampleAsk());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Find(ByUser(admin_), "new_record.request", "denied"));
  EXPECT_TRUE(StoredFor(admin_).empty());
  EXPECT_FALSE(service_.Submit(Actor::System(Route::kBatch), SampleAsk()));
}

// NEW-2, NEW-3 (G 3.20), REC-1: bad input is refused naming the field, and
// changes nothing. One row per case.
TEST_F(NewRecordTest, BadInputNamesTheFieldAndChangesNothing) {
  struct Case {
    const char* what;
    void (*change)(NewRecordAsk&);
    const char* field;
  };
  const Case cases[] = {
      {"no forenames", [](NewRecordAsk& a) { a.details.forenames = "  "; }, "forenames"},
      {"no surname", [](NewRecordAsk& a) { a.details.surname = ""; }, "surname"},
      {"born tomorrow",
       [](NewRecordAsk& a) { a.details.date_of_birth = *Date::ParseIso("2026-06-11"); },
       "date_of_birth"},
      {"18 already",
       [](NewRecordAsk& a) { a.details.date_of_birth = *Date::ParseIso("2008-06-10"); },
       "date_of_birth"},
      {"not a postcode", [](NewRecordAsk& a) { a.details.address.postcode = "LS6 3A"; },
       "postcode"},
      {"lives in Scotland", [](NewRecordAsk& a) { a.details.address.postcode = "EH1 1YZ"; },
       "postcode"},
      {"lives in Wales", [](NewRecordAsk& a) { a.details.address.postcode = "CF10 1EP"; },
       "postcode"},
      {"not an English LA", [](NewRecordAsk& a) { a.la_code = "S12000036"; }, "la_code"},
      {"a parent without a surname", [](NewRecordAsk& a) { a.details.parent_surname = ""; },
       "parent_surname"},
      {"a control character", [](NewRecordAsk& a) { a.details.address.line1 = "11\x01 Chapel"; },
       "address_line1"},
      {"a long relationship",
       [](NewRecordAsk& a) { a.details.parent_relationship = std::string(61, 'm'); },
       "parent_relationship"},
      {"no reason", [](NewRecordAsk& a) { a.reason = " \n "; }, "reason"},
      {"a long reason", [](NewRecordAsk& a) { a.reason = std::string(2001, 'r'); }, "reason"},
  };
  for (const Case& c : cases) {
    NewRecordAsk ask = SampleAsk();
    c.change(ask);
    auto r = service_.Submit(teacher_, ask);
    ASSERT_FALSE(r) << c.what;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(r.error().field, c.field) << c.what;
    EXPECT_FALSE(r.error().message.empty()) << c.what;
  }
  EXPECT_TRUE(StoredFor(teacher_).empty());
  // A postcode in a border area is the data administrator's to judge (G 3.22).
  NewRecordAsk border = SampleAsk();
  border.details.address.postcode = "CH1 2HS";
  EXPECT_TRUE(service_.Submit(teacher_, border));
}

// Every problem at once, in the order of the form, for the error summary.
TEST_F(NewRecordTest, ValidationListsEveryProblemInFormOrder) {
  NewRecordAsk ask = SampleAsk();
  ask.reason.clear();
  ask.details.surname.clear();
  ask.details.address.postcode = "nonsense";
  ask.details.forenames.clear();
  const auto errors = ValidateNewRecordAsk(ask, kLeeds, tdb_.clock().Today());
  std::vector<std::string> fields;
  for (const Error& e : errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"forenames", "surname", "postcode", "reason"}));
  EXPECT_TRUE(ValidateNewRecordAsk(SampleAsk(), kLeeds, tdb_.clock().Today()).empty());
  // No LA named and none of the requester's own.
  const auto no_la = ValidateNewRecordAsk(SampleAsk(), "", tdb_.clock().Today());
  ASSERT_EQ(no_la.size(), 1u);
  EXPECT_EQ(no_la[0].field, "la_code");
}

// NEW-2, SRCH-4 (F B7): the further search finds live, shielded and
// archived records — which an ordinary search never returns — projected
// for the administrator, and is audited with its reason and the records
// shown, and recorded on the request.
TEST_F(NewRecordTest, TheFurtherSearchIncludesShieldedAndArchivedRecords) {
  const core::ChildId live = AddChild(cp::testing::SampleChild(1));
  core::Child s = cp::testing::SampleChild(2);
  s.shielded = true;
  const core::ChildId shielded = AddChild(s);
  core::Child a = cp::testing::SampleChild(3);
  a.archive_state = core::ArchiveState::kSoft;
  const core::ChildId archived = AddChild(a);
  core::Child other = cp::testing::SampleChild(4);
  other.forenames = "Harry";
  other.surname = "Kowalski";
  other.known_as_surname.clear();
  other.other_names.clear();
  other.date_of_birth = *Date::ParseIso("2012-01-20");
  other.address.postcode = "M14 5RT";
  const core::ChildId unrelated = AddChild(other);

  const std::int64_t id = SubmitAs(teacher_, SampleAsk());
  const NewRecordSearch found = SearchAs(admin_, id);
  ASSERT_NE(CandidateFor(found, live), nullptr);
  ASSERT_NE(CandidateFor(found, shielded), nullptr);
  ASSERT_NE(CandidateFor(found, archived), nullptr);
  EXPECT_EQ(CandidateFor(found, unrelated), nullptr);
  EXPECT_EQ(CandidateFor(found, archived)->archive_state, core::ArchiveState::kSoft);
  EXPECT_GE(CandidateFor(found, live)->probability, kMatchProbability);
  EXPECT_EQ(CandidateFor(found, live)->hit.postcode, "LS6 3AB");
  for (std::size_t i = 1; i < found.candidates.size(); ++i) {
    EXPECT_GE(found.candidates[i - 1].probability, found.candidates[i].probability);
  }
  EXPECT_TRUE(found.request.searched_at.has_value());
  EXPECT_EQ(Stored(id).searched_at, tdb_.clock().Now());
  EXPECT_EQ(Stored(id).searched_by, admin_.user_id);

  const auto entry = Find(History(archived), "new_record.search", "ok");
  ASSERT_TRUE(entry.has_value());
  EXPECT_NE(entry->details.find("\"reason\":\"new_record_request\""), std::string::npos);
  EXPECT_NE(entry->details.find("\"archived\":1"), std::string::npos);
  EXPECT_EQ(entry->details.find("Okafor"), std::string::npos);
  EXPECT_TRUE(Find(History(shielded), "new_record.search", "ok"));
  EXPECT_FALSE(Find(History(unrelated), "new_record.search", "ok"));
}

// SHD-2, SHD-11: a shielded record is shown to an administrator without the
// right to see shielded data with only UIN, names, gender and date of
// birth, and is judged only on those; with the right, in full.
TEST_F(NewRecordTest, AShieldedRecordIsShownAndJudgedOnWhatTheAdministratorMaySee) {
  core::Child s = cp::testing::SampleChild(2);
  s.shielded = true;
  const core::ChildId shielded = AddChild(s);
  const std::int64_t id = SubmitAs(teacher_, SampleAsk());

  const NewRecordSearch plain = SearchAs(admin_, id);
  const NewRecordCandidate* seen = CandidateFor(plain, shielded);
  ASSERT_NE(seen, nullptr);
  EXPECT_TRUE(seen->shielded);
  EXPECT_TRUE(seen->hit.minimal);
  EXPECT_TRUE(seen->hit.postcode.empty());
  EXPECT_TRUE(seen->hit.town.empty());
  EXPECT_TRUE(seen->hit.la_name.empty());
  EXPECT_EQ(seen->hit.surname, "Okafor-Smith");
  for (const std::string& f : seen->agreed) {
    EXPECT_TRUE(f == "forename" || f == "middle_name" || f == "surname" || f == "birth_date" ||
                f == "gender")
        << f;
  }

  const NewRecordSearch full = SearchAs(shield_admin_, id);
  const NewRecordCandidate* whole = CandidateFor(full, shielded);
  ASSERT_NE(whole, nullptr);
  EXPECT_FALSE(whole->hit.minimal);
  EXPECT_EQ(whole->hit.postcode, "LS6 3AB");
  EXPECT_NE(std::find(whole->agreed.begin(), whole->agreed.end(), "postcode"), whole->agreed.end());
}

// NEW-2 (F B7 "inform user that record exists"): the requester is told
// that a record exists, and its UIN only for a record they may see.
TEST_F(NewRecordTest, TheRequesterIsToldARecordExistsAndItsUinOnlyWhenTheyMaySeeIt) {
  const core::ChildId live = AddChild(cp::testing::SampleChild(1));
  core::Child s = cp::testing::SampleChild(2);
  s.shielded = true;
  const core::ChildId shielded = AddChild(s);
  core::Child a = cp::testing::SampleChild(3);
  a.archive_state = core::ArchiveState::kPending;
  const core::ChildId archived = AddChild(a);

  const std::int64_t to_live = SubmitAs(teacher_, SampleAsk());
  const std::int64_t to_shielded = SubmitAs(teacher_, SampleAsk());
  const std::int64_t to_archived = SubmitAs(teacher_, SampleAsk());
  for (std::int64_t id : {to_live, to_shielded, to_archived}) SearchAs(admin_, id);
  tdb_.clock().Advance(3600);
  ASSERT_TRUE(service_.DecideExists(admin_, to_live, live));
  ASSERT_TRUE(service_.DecideExists(admin_, to_shielded, shielded));
  ASSERT_TRUE(service_.DecideExists(admin_, to_archived, archived));

  auto mine = service_.Mine(teacher_);
  ASSERT_TRUE(mine) << mine.error().message;
  ASSERT_EQ(mine->size(), 3u);
  for (const auto& r : *mine) {
    EXPECT_EQ(r.status, NewRecordStatus::kRecordExists);
    EXPECT_FALSE(r.decided_by.has_value());  // the team's, not the requester's
    if (r.id == to_live) {
      EXPECT_EQ(r.outcome_uin, StoredChild(live).uin.value());
      EXPECT_EQ(r.child_id, live);
    } else {
      EXPECT_FALSE(r.outcome_uin.has_value()) << r.id;
      EXPECT_FALSE(r.child_id.has_value()) << r.id;
    }
  }
  // The team's own record of the decision names the record.
  EXPECT_EQ(Stored(to_shielded).child_id, shielded);
  EXPECT_EQ(Stored(to_shielded).decided_by, admin_.user_id);
  EXPECT_EQ(Stored(to_shielded).decided_at, tdb_.clock().Now());
  const auto entry = Find(History(shielded), "new_record.record_exists", "ok");
  ASSERT_TRUE(entry.has_value());
  EXPECT_NE(entry->details.find("\"uin_told\":false"), std::string::npos);
  const auto told = Find(History(live), "new_record.record_exists", "ok");
  ASSERT_TRUE(told.has_value());
  EXPECT_NE(told->details.find("\"uin_told\":true"), std::string::npos);
}

// NEW-2, LA-1: no record is this child, so the administrator creates it from
// the details: in the request's LA, with a new UIN the requester is told,
// in one transaction with its audit entry — and it is searchable at once.
TEST_F(NewRecordTest, CreatingTheRecordAssignsItsLocalAuthorityAndUin) {
  AddChild(cp::testing::SampleChild(1));
  auto idx = ChildIndex::Build(tdb_.db());
  ASSERT_TRUE(idx) << idx.error().message;
  NewRecordService service(*ctx_, idx->get());
  NewRecordAsk ask = NewChildAsk();
  ask.la_code = kBradford;
  auto id = service.Submit(teacher_, ask);
  ASSERT_TRUE(id) << id.error().message;
  auto found = service.SearchAgain(bradford_admin_, *id);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(found->candidates.empty());
  const std::int64_t before = ChildCount();
  auto created = service.Create(bradford_admin_, *id);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(ChildCount(), before + 1);

  const core::Child c = StoredChild(*created);
  EXPECT_EQ(c.la_code, kBradford);  // LA-1
  EXPECT_EQ(c.forenames, "Noah");
  EXPECT_EQ(c.surname, "Brennan");
  EXPECT_EQ(c.date_of_birth, *Date::ParseIso("2019-07-01"));
  EXPECT_EQ(c.gender, core::Gender::kMale);
  EXPECT_EQ(c.address.postcode, "LS6 1AA");
  EXPECT_EQ(c.archive_state, core::ArchiveState::kLive);
  ASSERT_EQ(c.parents_carers.size(), 1u);
  EXPECT_EQ(c.parents_carers[0].surname, "Brennan");
  ASSERT_TRUE(c.school.has_value());
  EXPECT_EQ(c.school->organisation, "Brudenell Primary School");
  EXPECT_EQ(c.education_setting, core::EducationSettingKind::kSchool);
  EXPECT_EQ(c.provenance.at(core::Item::kNames).source_id, 0);  // a user's manual entry
  EXPECT_EQ(c.created_at, tdb_.clock().Now());
  EXPECT_TRUE(core::Uin::Parse(c.uin.ToString()));

  const auto row = Stored(*id);
  EXPECT_EQ(row.status, NewRecordStatus::kCreated);
  EXPECT_EQ(row.child_id, *created);
  EXPECT_EQ(row.outcome_uin, c.uin.value());
  auto mine = service.Mine(teacher_);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->at(0).outcome_uin, c.uin.value());
  EXPECT_EQ(mine->at(0).child_id, *created);
  const auto entry = Find(History(*created), "new_record.create", "ok");
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->user_id, bradford_admin_.user_id);
  EXPECT_EQ(entry->details.find("Brennan"), std::string::npos);

  // Filed in the index after commit: an ordinary fuzzy search finds it.
  SearchService search(*ctx_, idx->get());
  SearchRequest req;
  req.reason = core::SearchReason::kCoordinatingServices;
  req.criteria.forenames = "Noah";
  req.criteria.surname = "Brenan";  // misspelt
  req.criteria.date_of_birth = Date::ParseIso("2019-07-01");
  auto out = search.Search(teacher_, req);
  ASSERT_TRUE(out) << out.error().message;
  ASSERT_EQ(out->hits.size(), 1u);
  EXPECT_EQ(out->hits[0].id, *created);

  // Two records created one after another (a twin, say) have different UINs.
  NewRecordAsk twin = NewChildAsk();
  twin.details.forenames = "Isla";
  twin.details.gender = core::Gender::kFemale;
  auto second = service.Submit(teacher_, twin);
  ASSERT_TRUE(second);
  ASSERT_TRUE(service.SearchAgain(admin_, *second));
  auto again = service.Create(admin_, *second);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_NE(StoredChild(*again).uin, c.uin);
  EXPECT_EQ(StoredChild(*again).la_code, kLeeds);
}

// G 3.22: no decision without the further search; each request is decided
// once; a refused step is audited and changes nothing.
TEST_F(NewRecordTest, ADecisionNeedsTheFurtherSearchAndIsTakenOnce) {
  const core::ChildId live = AddChild(cp::testing::SampleChild(1));
  const std::int64_t id = SubmitAs(teacher_, SampleAsk());
  const std::int64_t before = ChildCount();
  auto early = service_.Create(admin_, id);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_.DecideExists(admin_, id, live).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Find(ByUser(admin_), "new_record.create", "refused"));
  EXPECT_EQ(ChildCount(), before);

  SearchAs(admin_, id);
  auto unknown = service_.DecideExists(admin_, id, 987654);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "child_id");
  EXPECT_EQ(Stored(id).status, NewRecordStatus::kReceived);

  ASSERT_TRUE(service_.DecideExists(admin_, id, live));
  auto twice = service_.Create(admin_, id);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_.Refuse(admin_, id, "Not in England").error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_.SearchAgain(admin_, id).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ChildCount(), before);
  EXPECT_EQ(Stored(id).status, NewRecordStatus::kRecordExists);
  auto queue = service_.Queue(admin_);
  ASSERT_TRUE(queue);
  EXPECT_TRUE(queue->empty());
}

// G 3.22: only a data administrator of the request's LA works it; everyone
// else is refused, and audited.
TEST_F(NewRecordTest, OnlyTheDataAdministratorsOfTheRequestsLocalAuthority) {
  const core::ChildId live = AddChild(cp::testing::SampleChild(1));
  const std::int64_t id = SubmitAs(teacher_, SampleAsk());
  SearchAs(admin_, id);
  for (const Actor* who : {&bradford_admin_, &manager_, &teacher_}) {
    EXPECT_EQ(service_.Get(*who, id).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(service_.SearchAgain(*who, id).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(service_.DecideExists(*who, id, live).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(service_.Create(*who, id).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(service_.Refuse(*who, id, "No").error().code, ErrorCode::kPermissionDenied);
    EXPECT_TRUE(Find(ByUser(*who), "new_record.create", "denied"));
  }
  EXPECT_EQ(service_.Queue(manager_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.Queue(teacher_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Stored(id).status, NewRecordStatus::kReceived);
  EXPECT_EQ(service_.Get(admin_, 424242).error().code, ErrorCode::kNotFound);
  auto mine = service_.Get(admin_, id);
  ASSERT_TRUE(mine) << mine.error().message;
  EXPECT_EQ(mine->details.surname, "Okafor-Smith");
}

// NEW-3 (G 3.20, G 3.22): the administrator refuses a request for a child
// who lives outside England; the reasons are required and the requester
// sees them.
TEST_F(NewRecordTest, ARefusalCarriesReasonsTheRequesterSees) {
  NewRecordAsk ask = SampleAsk();
  ask.details.address.postcode = "CH1 2HS";  // a border area
  const std::int64_t id = SubmitAs(teacher_, ask);
  SearchAs(admin_, id);
  auto missing = service_.Refuse(admin_, id, "   ");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "reasons");
  EXPECT_EQ(service_.Refuse(admin_, id, std::string(2001, 'x')).error().field, "reasons");
  EXPECT_EQ(Stored(id).status, NewRecordStatus::kReceived);

  const std::string why = "The child lives in Flintshire, in Wales";
  ASSERT_TRUE(service_.Refuse(admin_, id, why));
  auto mine = service_.Mine(teacher_);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).status, NewRecordStatus::kRefused);
  EXPECT_EQ(mine->at(0).refusal_reasons, why);
  EXPECT_FALSE(mine->at(0).child_id.has_value());
  const auto entry = Find(ByUser(admin_), "new_record.refuse", "ok");
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->details.find("Wales"), std::string::npos);
}

// AUD-3: a mediated request is the requestor's, with the mediator recorded.
TEST_F(NewRecordTest, AMediatedRequestRecordsTheMediator) {
  Actor mediated = teacher_;
  mediated.mediator_id = manager_.user_id;
  const std::int64_t id = SubmitAs(mediated, SampleAsk());
  EXPECT_EQ(Stored(id).requester_user_id, *teacher_.user_id);
  EXPECT_EQ(Stored(id).mediator_id, manager_.user_id);
}

}  // namespace
}  // namespace cp::services
