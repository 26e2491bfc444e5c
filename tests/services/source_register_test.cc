// The data source register (FEED-1, FEED-2; G 4.43, G 4.45–4.50,
// G C22–C23) through the service, on a real database of each engine.

#include "services/source_register.h"

#include <boost/json.hpp>

#include "security/random.h"
#include "services/fixture.h"
#include "store/audit_repository.h"
#include "store/source_repository.h"

namespace cp::services {
namespace {

using core::AccreditationStatus;
using core::AgreementStatus;
using core::DataSource;
using core::SourceBodyType;
using core::SupplierKind;

constexpr const char* kLeeds = "E08000035";
constexpr const char* kBradford = "E08000032";

// One audit entry of the register, read back.
struct Entry {
  std::string action;
  std::string outcome;
  std::string route;
  std::optional<std::int64_t> user_id;
  std::int64_t source_id = 0;  // 0 when the entry names none
  std::string details;
};

class SourceRegisterTest : public ServiceFixture {
 protected:
  SourceRegisterTest() : register_(*ctx_) {
    tdb_.clock().Set(Date::ParseIso("2026-03-02")->StartTimestamp() + 9 * 3600);
    central_ = Operator();
    leeds_admin_ = ActorFor(AddUser("leeds.data", core::Role::kLaDataAdministrator),
                            core::Role::kLaDataAdministrator, kLeeds);
    leeds_manager_ =
        ActorFor(AddUser("leeds.manager", core::Role::kLaManager), core::Role::kLaManager, kLeeds);
    bradford_admin_ =
        ActorFor(AddUser("bradford.data", core::Role::kLaDataAdministrator, {}, kBradford),
                 core::Role::kLaDataAdministrator, kBradford);
    practitioner_ =
        ActorFor(AddUser("teacher", core::Role::kPractitioner), core::Role::kPractitioner, kLeeds);
  }

  static Actor ActorFor(core::UserId id, core::Role role, const std::string& la) {
    Actor a;
    a.user_id = id;
    a.role = role;
    a.rights = core::RoleRights(role);
    a.la_code = la;
    return a;
  }

  static NewDataSource Leeds(const std::string& name,
                             SourceBodyType type = SourceBodyType::kLocalAuthority) {
    return {name, type, kLeeds, 20};
  }

  DataSource Registered(const Actor& who, const NewDataSource& n) {
    auto s = register_.Register(who, n);
    EXPECT_TRUE(s) << s.error().message;
    return s ? *s : DataSource{};
  }

  // A Leeds source, accredited by the central team, its agreement active.
  DataSource Connected(const std::string& name) {
    const DataSource s = Registered(leeds_admin_, Leeds(name));
    EXPECT_TRUE(register_.Accredit(central_, s.id));
    auto active = register_.Activate(leeds_admin_, s.id);
    EXPECT_TRUE(active) << active.error().message;
    return active ? *active : s;
  }

  std::string CredentialFor(core::DataSourceId id) {
    auto c = register_.IssueCredential(leeds_admin_, id);
    EXPECT_TRUE(c) << c.error().message;
    return c ? *c : "";
  }

  DataSource Stored(core::DataSourceId id) {
    auto conn = tdb_.Conn();
    auto s = store::SourceRepository(*conn).Get(id);
    EXPECT_TRUE(s) << s.error().message;
    return s ? *s : DataSource{};
  }

  std::vector<DataSource> AllSources() {
    auto conn = tdb_.Conn();
    auto all = store::SourceRepository(*conn).ListAll();
    EXPECT_TRUE(all) << all.error().message;
    return all ? *all : std::vector<DataSource>{};
  }

  std::vector<Entry> Audit() {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).After(0, 100000);
    EXPECT_TRUE(rows) << rows.error().message;
    std::vector<Entry> out;
    if (!rows) return out;
    for (const auto& r : *rows) {
      if (r.action.rfind("source.", 0) != 0) continue;
      Entry e{r.action, r.outcome, r.route, r.user_id, 0, r.details};
      const boost::json::object o = boost::json::parse(r.details).as_object();
      if (const auto* id = o.if_contains("source_id")) e.source_id = id->as_int64();
      out.push_back(e);
    }
    return out;
  }

  // Whether the audit holds an entry of `action` with `outcome` about `id`.
  bool Audited(const std::string& action, const std::string& outcome, std::int64_t id) {
    for (const Entry& e : Audit()) {
      if (e.action == action && e.outcome == outcome && e.source_id == id) return true;
    }
    return false;
  }

  SourceRegister register_;
  Actor central_, leeds_admin_, leeds_manager_, bradford_admin_, practitioner_;
};

// FEED-1, G C22/C23: a source is registered as a body required or permitted
// to supply, pending accreditation and without an agreement; its kind
// follows from the body it is.
TEST_F(SourceRegisterTest, RegistersARequiredOrPermittedBodyPendingWithoutAgreement) {
  const DataSource census =
      Registered(central_, {"School census", SourceBodyType::kSchoolCensus, "", 10});
  const DataSource voluntary =
      Registered(leeds_admin_, Leeds("Leeds Young Carers", SourceBodyType::kVoluntarySector));
  EXPECT_EQ(census.kind, SupplierKind::kRequired);
  EXPECT_TRUE(census.IsNational());
  EXPECT_EQ(voluntary.kind, SupplierKind::kPermitted);
  EXPECT_EQ(voluntary.la_code, kLeeds);

  const DataSource stored = Stored(voluntary.id);
  EXPECT_EQ(stored.name, "Leeds Young Carers");
  EXPECT_EQ(stored.body_type, SourceBodyType::kVoluntarySector);
  EXPECT_EQ(stored.kind, SupplierKind::kPermitted);
  EXPECT_EQ(stored.la_code, kLeeds);
  EXPECT_EQ(stored.reliability_rank, 20);
  EXPECT_EQ(stored.accreditation, AccreditationStatus::kPending);
  EXPECT_EQ(stored.agreement, AgreementStatus::kNone);
  EXPECT_FALSE(stored.credential_issued_at.has_value());
  EXPECT_EQ(stored.registered_at, tdb_.clock().Now());
  EXPECT_TRUE(Stored(census.id).la_code.empty());
}

// FEED-1, G C22/C23: every body type has its Section 12 kind and a stored
// name that reads back.
TEST_F(SourceRegisterTest, EveryBodyTypeIsRequiredOrPermittedAsTheRegulationsSay) {
  const std::pair<SourceBodyType, SupplierKind> cases[] = {
      {SourceBodyType::kLocalAuthority, SupplierKind::kRequired},
      {SourceBodyType::kSchoolCensus, SupplierKind::kRequired},
      {SourceBodyType::kGpRegistrations, SupplierKind::kRequired},
      {SourceBodyType::kPolice, SupplierKind::kRequired},
      {SourceBodyType::kYouthOffending, SupplierKind::kRequired},
      {SourceBodyType::kSecureEstate, SupplierKind::kRequired},
      {SourceBodyType::kVoluntarySector, SupplierKind::kPermitted},
      {SourceBodyType::kHealthcareProfessional, SupplierKind::kPermitted},
      {SourceBodyType::kCafcass, SupplierKind::kPermitted},
      {SourceBodyType::kFireAndRescue, SupplierKind::kPermitted},
  };
  for (const auto& [type, kind] : cases) {
    EXPECT_EQ(core::SupplierKindOf(type), kind) << core::SourceBodyTypeName(type);
  }
  for (SourceBodyType type : core::kAllSourceBodyTypes) {
    EXPECT_EQ(core::SourceBodyTypeFromName(core::SourceBodyTypeName(type)), type);
    EXPECT_FALSE(core::SourceBodyTypeTitle(type).empty());
  }
}

// FEED-1, G 4.46, G 4.49: the lifecycle, step by step — each transition
// from where it may start, refused (FailedPrecondition, nothing changed)
// from anywhere else, and nothing at all after termination.
TEST_F(SourceRegisterTest, LifecycleTransitionsAreAllowedOnlyFromWhereTheyStart) {
  const DataSource s = Registered(leeds_admin_, Leeds("Leeds children's social care"));
  using Fn = Result<DataSource> (SourceRegister::*)(const Actor&, core::DataSourceId);
  struct Step {
    const char* what;
    Fn fn;
    bool allowed;
    AccreditationStatus accreditation;
    AgreementStatus agreement;
  };
  const auto A = AccreditationStatus::kAccredited;
  const auto P = AccreditationStatus::kPending;
  const auto W = AccreditationStatus::kWithdrawn;
  const Step steps[] = {
      {"activate before accreditation", &SourceRegister::Activate, false, P,
       AgreementStatus::kNone},
      {"suspend without agreement", &SourceRegister::Suspend, false, P, AgreementStatus::kNone},
      {"withdraw while pending", &SourceRegister::Withdraw, false, P, AgreementStatus::kNone},
      {"accredit", &SourceRegister::Accredit, true, A, AgreementStatus::kNone},
      {"accredit twice", &SourceRegister::Accredit, false, A, AgreementStatus::kNone},
      {"activate", &SourceRegister::Activate, true, A, AgreementStatus::kActive},
      {"activate twice", &SourceRegister::Activate, false, A, AgreementStatus::kActive},
      {"suspend", &SourceRegister::Suspend, true, A, AgreementStatus::kSuspended},
      {"suspend twice", &SourceRegister::Suspend, false, A, AgreementStatus::kSuspended},
      {"resume", &SourceRegister::Activate, true, A, AgreementStatus::kActive},
      {"withdraw", &SourceRegister::Withdraw, true, W, AgreementStatus::kActive},
      {"withdraw twice", &SourceRegister::Withdraw, false, W, AgreementStatus::kActive},
      {"suspend while withdrawn", &SourceRegister::Suspend, true, W, AgreementStatus::kSuspended},
      {"resume while withdrawn", &SourceRegister::Activate, false, W, AgreementStatus::kSuspended},
      {"re-accredit", &SourceRegister::Accredit, true, A, AgreementStatus::kSuspended},
      {"terminate", &SourceRegister::Terminate, true, A, AgreementStatus::kTerminated},
      {"terminate twice", &SourceRegister::Terminate, false, A, AgreementStatus::kTerminated},
      {"activate after termination", &SourceRegister::Activate, false, A,
       AgreementStatus::kTerminated},
      {"suspend after termination", &SourceRegister::Suspend, false, A,
       AgreementStatus::kTerminated},
      {"withdraw after termination", &SourceRegister::Withdraw, false, A,
       AgreementStatus::kTerminated},
  };
  for (const Step& step : steps) {
    SCOPED_TRACE(step.what);
    tdb_.clock().Advance(3600);
    const Actor& who =
        (step.fn == &SourceRegister::Accredit || step.fn == &SourceRegister::Withdraw)
            ? central_
            : leeds_admin_;
    auto r = (register_.*step.fn)(who, s.id);
    EXPECT_EQ(r.ok(), step.allowed) << (r ? "" : r.error().message);
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
    }
    const DataSource now = Stored(s.id);
    EXPECT_EQ(now.accreditation, step.accreditation);
    EXPECT_EQ(now.agreement, step.agreement);
  }
  const DataSource end = Stored(s.id);
  EXPECT_EQ(end.agreement_terminated_at, tdb_.clock().Now() - 4 * 3600);
  EXPECT_TRUE(end.accredited_at && end.accreditation_withdrawn_at && end.agreement_activated_at &&
              end.agreement_suspended_at);
  // Terminated is final: not even a new credential (G 4.49).
  auto credential = register_.IssueCredential(leeds_admin_, s.id);
  ASSERT_FALSE(credential);
  EXPECT_EQ(credential.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(Stored(s.id).credential_issued_at.has_value());
}

// FEED-2, G 4.46: only an accredited source with an active agreement is
// authorised to upload; at every other standing its credential is refused,
// saying why.
TEST_F(SourceRegisterTest, OnlyAnAccreditedSourceWithAnActiveAgreementMayUpload) {
  const DataSource s = Registered(leeds_admin_, Leeds("Leeds youth justice service"));
  const std::string credential = CredentialFor(s.id);
  auto expect_refused = [&](const char* why) {
    SCOPED_TRACE(why);
    auto r = register_.AuthoriseUpload(credential, Route::kApi);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
    EXPECT_NE(r.error().message.find(why), std::string::npos) << r.error().message;
  };
  auto expect_allowed = [&] {
    auto r = register_.AuthoriseUpload(credential, Route::kApi);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->id, s.id);
    EXPECT_EQ(r->name, "Leeds youth justice service");
  };

  expect_refused("not yet accredited");
  ASSERT_TRUE(register_.Accredit(central_, s.id));
  expect_refused("no active data supply agreement");
  ASSERT_TRUE(register_.Activate(leeds_admin_, s.id));
  expect_allowed();
  ASSERT_TRUE(register_.Suspend(leeds_admin_, s.id));
  expect_refused("suspended");
  ASSERT_TRUE(register_.Activate(leeds_admin_, s.id));
  expect_allowed();
  ASSERT_TRUE(register_.Withdraw(central_, s.id));
  expect_refused("accreditation has been withdrawn");
  ASSERT_TRUE(register_.Accredit(central_, s.id));
  expect_allowed();
  ASSERT_TRUE(register_.Terminate(leeds_admin_, s.id));
  expect_refused("terminated");
}

// FEED-2: a credential that is no source's is refused as unauthenticated —
// including a source's superseded credential once a new one is issued.
TEST_F(SourceRegisterTest, AWrongOrSupersededCredentialIsRefused) {
  const DataSource s = Connected("Leeds early help");
  const std::string first = CredentialFor(s.id);
  ASSERT_TRUE(register_.AuthoriseUpload(first, Route::kApi));
  const std::string second = CredentialFor(s.id);
  EXPECT_NE(first, second);
  ASSERT_TRUE(register_.AuthoriseUpload(second, Route::kApi));

  const std::string wrong_secret = "source-" + std::to_string(s.id) + ":" + security::RandomHex(32);
  for (const std::string& bad :
       {first, wrong_secret, std::string(), std::string("source-1:"), second + "0",
        second.substr(0, second.size() - 1), std::string(5000, 'a')}) {
    auto r = register_.AuthoriseUpload(bad, Route::kApi);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated) << bad;
  }
}

// FEED-2: the credential is shown once and only its hash is kept; it
// appears in no audit entry.
TEST_F(SourceRegisterTest, TheCredentialIsStoredOnlyAsAHash) {
  const DataSource s = Connected("Leeds SEND service");
  const std::string credential = CredentialFor(s.id);
  EXPECT_EQ(credential.rfind("source-" + std::to_string(s.id) + ":", 0), 0u);
  auto conn = tdb_.Conn();
  auto st = conn->Prepare(
      "SELECT credential_hash, credential_issued_at FROM data_source "
      "WHERE id = $1");
  ASSERT_TRUE(st);
  store::Bind(*st, s.id);
  ASSERT_TRUE(*(*st)->Step());
  EXPECT_EQ((*st)->String(0), security::Sha256Hex(credential));
  EXPECT_EQ((*st)->Int(1), tdb_.clock().Now());
  ASSERT_TRUE(register_.AuthoriseUpload(credential, Route::kApi));
  const std::string secret = credential.substr(credential.find(':') + 1);
  for (const Entry& e : Audit()) {
    EXPECT_EQ(e.details.find(secret), std::string::npos) << e.action;
    EXPECT_EQ(e.details.find(security::Sha256Hex(credential)), std::string::npos) << e.action;
  }
}

// G 4.43, FEED-2: every action on the register is audited — who, by which
// route, on which source, with what outcome — and so is every upload
// authorisation, allowed or refused.
TEST_F(SourceRegisterTest, EveryActionIsAudited) {
  const DataSource s = Registered(leeds_admin_, Leeds("Leeds education welfare"));
  ASSERT_TRUE(register_.Accredit(central_, s.id));
  ASSERT_TRUE(register_.Activate(leeds_manager_, s.id));
  const std::string credential = CredentialFor(s.id);
  ASSERT_TRUE(register_.AuthoriseUpload(credential, Route::kApi));
  ASSERT_TRUE(register_.Suspend(leeds_admin_, s.id));
  ASSERT_FALSE(register_.AuthoriseUpload(credential, Route::kApi));
  ASSERT_FALSE(register_.AuthoriseUpload("nobody's", Route::kBatch));
  ASSERT_FALSE(register_.Suspend(leeds_admin_, s.id));  // refused: already suspended
  ASSERT_TRUE(register_.Withdraw(central_, s.id));
  ASSERT_TRUE(register_.Terminate(leeds_admin_, s.id));
  ASSERT_TRUE(register_.List(leeds_admin_));
  ASSERT_TRUE(register_.Get(leeds_admin_, s.id));
  ASSERT_FALSE(register_.Accredit(practitioner_, s.id));

  const std::vector<Entry> entries = Audit();
  struct Want {
    const char* action;
    const char* outcome;
    std::int64_t source_id;
    std::optional<std::int64_t> user_id;
    const char* route;
  };
  const Want want[] = {
      {"source.register", "ok", s.id, leeds_admin_.user_id, "web"},
      {"source.accredit", "ok", s.id, std::nullopt, "cli"},
      {"source.activate", "ok", s.id, leeds_manager_.user_id, "web"},
      {"source.credential", "ok", s.id, leeds_admin_.user_id, "web"},
      {"source.authorise_upload", "ok", s.id, std::nullopt, "api"},
      {"source.suspend", "ok", s.id, leeds_admin_.user_id, "web"},
      {"source.authorise_upload", "refused", s.id, std::nullopt, "api"},
      {"source.authorise_upload", "unauthenticated", 0, std::nullopt, "batch"},
      {"source.suspend", "refused", s.id, leeds_admin_.user_id, "web"},
      {"source.withdraw", "ok", s.id, std::nullopt, "cli"},
      {"source.terminate", "ok", s.id, leeds_admin_.user_id, "web"},
      {"source.list", "ok", 0, leeds_admin_.user_id, "web"},
      {"source.get", "ok", s.id, leeds_admin_.user_id, "web"},
      {"source.accredit", "denied", s.id, practitioner_.user_id, "web"},
  };
  ASSERT_EQ(entries.size(), std::size(want));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(entries[i].action, want[i].action);
    EXPECT_EQ(entries[i].outcome, want[i].outcome);
    EXPECT_EQ(entries[i].source_id, want[i].source_id);
    EXPECT_EQ(entries[i].user_id, want[i].user_id);
    EXPECT_EQ(entries[i].route, want[i].route);
  }
  // The entry of a change carries the standing it led to.
  EXPECT_NE(entries[5].details.find("\"agreement\":\"suspended\""), std::string::npos);
}

// FEED-1, DESIGN invariant 6: bad input gets an error naming the field and
// changes nothing — no source, no audit entry of a change.
TEST_F(SourceRegisterTest, RefusedInputNamesTheFieldAndChangesNothing) {
  Registered(leeds_admin_, Leeds("Leeds Family Information Service"));
  const auto sources_before = AllSources();
  const auto audit_before = Audit().size();
  struct Case {
    NewDataSource input;
    const char* field;
  };
  const Case cases[] = {
      {Leeds(""), "name"},
      {Leeds("   "), "name"},
      {Leeds(std::string(121, 'x')), "name"},
      {Leeds("Leeds\nsocial care"), "name"},
      {Leeds("  leeds family   INFORMATION service "), "name"},  // the same name, ignoring case
      {{"Somewhere", SourceBodyType::kPolice, "E99999999", 50}, "la_code"},
      {{"Somewhere", SourceBodyType::kPolice, "leeds", 50}, "la_code"},
      {{"Rank zero", SourceBodyType::kPolice, kLeeds, 0}, "reliability_rank"},
      {{"Rank 100", SourceBodyType::kPolice, kLeeds, 100}, "reliability_rank"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input.name);
    auto r = register_.Register(leeds_admin_, c.input);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field, c.field);
  }
  const auto sources_after = AllSources();
  ASSERT_EQ(sources_after.size(), sources_before.size());
  EXPECT_EQ(sources_after[0].name, "Leeds Family Information Service");
  EXPECT_EQ(Audit().size(), audit_before);
}

// FEED-1, G 4.45, G 4.48–4.50: administer_data is needed for everything;
// an LA's data managers act on their own LA's sources only, the central
// team on every source and alone on national ones; accreditation is the
// central team's. Every denial is audited and changes nothing.
TEST_F(SourceRegisterTest, RightsAreEnforced) {
  // No administer_data: nothing at all.
  auto by_practitioner = register_.Register(practitioner_, Leeds("Practitioner's own"));
  ASSERT_FALSE(by_practitioner);
  EXPECT_EQ(by_practitioner.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(register_.List(practitioner_));
  EXPECT_TRUE(Audited("source.register", "denied", 0));
  EXPECT_TRUE(Audited("source.list", "denied", 0));

  // An LA registers its own local sources only, never a national one.
  const DataSource leeds = Registered(leeds_admin_, Leeds("Leeds social care"));
  const DataSource bradford =
      Registered(bradford_admin_, {"Bradford YOT", SourceBodyType::kYouthOffending, kBradford, 30});
  for (const NewDataSource& n :
       {NewDataSource{"National census", SourceBodyType::kSchoolCensus, "", 10},
        NewDataSource{"Bradford schools", SourceBodyType::kSchoolOrCollege, kBradford, 30}}) {
    auto r = register_.Register(leeds_admin_, n);
    ASSERT_FALSE(r) << n.name;
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  }
  const DataSource national =
      Registered(central_, {"GP registrations", SourceBodyType::kGpRegistrations, "", 5});
  EXPECT_EQ(AllSources().size(), 3u);

  // Accreditation is the central team's alone, even for the LA's own source.
  for (const Actor& la : {leeds_admin_, leeds_manager_}) {
    auto r = register_.Accredit(la, leeds.id);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(Stored(leeds.id).accreditation, AccreditationStatus::kPending);
  for (const DataSource& s : {leeds, bradford, national}) {
    ASSERT_TRUE(register_.Accredit(central_, s.id));
  }

  // The agreement: the LA for its own sources; not another LA's, not a
  // national one; the central team for any.
  ASSERT_TRUE(register_.Activate(leeds_manager_, leeds.id));
  for (const DataSource& s : {bradford, national}) {
    auto r = register_.Activate(leeds_admin_, s.id);
    ASSERT_FALSE(r) << s.name;
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(Stored(s.id).agreement, AgreementStatus::kNone);
    EXPECT_TRUE(Audited("source.activate", "denied", s.id));
    auto c = register_.IssueCredential(leeds_admin_, s.id);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::kPermissionDenied);
    EXPECT_FALSE(Stored(s.id).credential_issued_at.has_value());
  }
  ASSERT_TRUE(register_.Activate(central_, national.id));
  ASSERT_TRUE(register_.Suspend(central_, leeds.id));
  EXPECT_FALSE(register_.Terminate(bradford_admin_, leeds.id));
  EXPECT_EQ(Stored(leeds.id).agreement, AgreementStatus::kSuspended);

  // Seeing: an LA sees the national sources and its own, the central team all.
  auto seen = register_.List(leeds_admin_);
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->size(), 2u);
  EXPECT_EQ((*seen)[0].id, national.id);  // national first
  EXPECT_EQ((*seen)[1].id, leeds.id);
  EXPECT_TRUE(register_.Get(leeds_admin_, national.id));
  auto other = register_.Get(leeds_admin_, bradford.id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Audited("source.get", "denied", bradford.id));
  auto all = register_.List(central_);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 3u);
}

// An unknown source is NotFound, audited, and nothing changes.
TEST_F(SourceRegisterTest, AnUnknownSourceIsNotFound) {
  for (auto fn : {&SourceRegister::Accredit, &SourceRegister::Activate, &SourceRegister::Get}) {
    auto r = (register_.*fn)(central_, 4242);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  }
  EXPECT_TRUE(Audited("source.accredit", "not_found", 4242));
  EXPECT_TRUE(Audited("source.get", "not_found", 4242));
  EXPECT_TRUE(AllSources().empty());
}

// Status changes are compare-and-set: a change computed from a standing
// that has moved on since applies nothing.
TEST_F(SourceRegisterTest, AStaleStandingChangesNothing) {
  const DataSource s = Connected("Leeds CAMHS");
  auto conn = tdb_.Conn();
  store::SourceRepository repo(*conn);
  DataSource stale = s;
  stale.agreement = AgreementStatus::kNone;  // as it stood before activation
  DataSource after = stale;
  after.agreement = AgreementStatus::kTerminated;
  after.agreement_terminated_at = tdb_.clock().Now();
  auto applied = repo.UpdateStanding(stale, after);
  ASSERT_TRUE(applied);
  EXPECT_FALSE(*applied);
  EXPECT_EQ(Stored(s.id).agreement, AgreementStatus::kActive);
}

}  // namespace
}  // namespace cp::services
