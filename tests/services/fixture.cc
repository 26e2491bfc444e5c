#include "services/fixture.h"

#include "security/totp.h"
#include "store/account_repository.h"
#include "store/child_repository.h"
#include "store/reference_repository.h"

namespace cp::services {

ServiceFixture::ServiceFixture() {
  {
    auto conn = tdb_.Conn();
    EXPECT_TRUE(store::ReferenceRepository(*conn).SeedLocalAuthorities());
  }
  signer_ = std::make_unique<security::Signer>(security::Signer::Generate());
  CredentialKeys keys;
  keys.pepper = std::string(32, 'p');
  keys.secret_box_key = std::string(32, 'k');
  keys.password_list = std::string(CP_DATA_DIR) + "/passwords/common.txt";
  auto creds = Credentials::Create(keys);
  EXPECT_TRUE(creds) << (creds ? "" : creds.error().message);
  credentials_ = std::move(*creds);
  audit_ = std::make_unique<AuditTrail>(tdb_.db(), tdb_.clock(), signer_.get(), 5);
  ctx_ = std::make_unique<ServiceContext>(ServiceContext{tdb_.db(), tdb_.clock(), *audit_});
  accounts_ = std::make_unique<AccountService>(*ctx_, *credentials_);
  sessions_ = std::make_unique<SessionService>(*ctx_, *credentials_);
}

ServiceFixture::~ServiceFixture() {
  sessions_.reset();
  accounts_.reset();
  audit_.reset();
}

Actor ServiceFixture::Operator() const {
  Actor a;
  a.role = core::Role::kCentralTeam;
  a.rights = core::RoleRights(core::Role::kCentralTeam);
  a.route = Route::kCli;
  return a;
}

Actor ServiceFixture::Practitioner(core::Rights extra) {
  Actor a;
  a.user_id = 1;
  a.role = core::Role::kPractitioner;
  a.rights = core::RoleRights(core::Role::kPractitioner).With(extra);
  a.la_code = "E08000035";
  return a;
}

core::UserId ServiceFixture::AddUser(const std::string& username, core::Role role,
                                     core::Rights extra, const std::string& la) {
  NewAccountRequest r;
  r.username = username;
  r.display_name = "User " + username;
  r.role = role;
  r.extra_rights = extra;
  r.la_code = la;
  r.password = kPassword;
  const Date today = tdb_.clock().Today();
  r.conditions = {"Works with children in schools",
                  today.AddDays(-30),
                  today.AddDays(-20),
                  today.AddYears(-1),
                  core::CrbEvidence::kDisclosureSeen,
                  ""};
  r.staff_manager_email = "manager." + username + "@example.org";
  auto created = accounts_->Create(Operator(), r);
  EXPECT_TRUE(created) << (created ? "" : created.error().message);
  if (!created) return 0;
  sealed_[username] = created->token.sealed_secret;
  return created->id;
}

std::string ServiceFixture::CodeFor(const std::string& username) {
  auto code = credentials_->CurrentCode(sealed_[username], tdb_.clock().Now());
  EXPECT_TRUE(code);
  return code ? *code : "";
}

SessionInfo ServiceFixture::SignInAs(const std::string& username) {
  auto s = sessions_->SignIn({username, kPassword, CodeFor(username), Route::kWeb});
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
  session_ids_[username] = s->session_id;
  auto info = sessions_->Resolve(s->session_id);
  EXPECT_TRUE(info);
  return *info;
}

core::ChildId ServiceFixture::AddChild(core::Child child) {
  auto conn = tdb_.Conn();
  store::Transaction tx(*conn, store::TxMode::kWrite);
  EXPECT_TRUE(tx.Begin());
  auto id = store::ChildRepository(*conn).Insert(child);
  EXPECT_TRUE(id) << (id ? "" : id.error().message);
  EXPECT_TRUE(tx.Commit());
  return id ? *id : 0;
}

}  // namespace cp::services
