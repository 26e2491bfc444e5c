#pragma once
// A service layer on a fresh database of the engine under test, with a fake
// clock, real credentials (test keys) and a signed audit trail.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "core/child.h"
#include "security/signer.h"
#include "services/account_service.h"
#include "services/audit_trail.h"
#include "services/context.h"
#include "services/credentials.h"
#include "services/session_service.h"
#include "support/test_db.h"

namespace cp::services {

class ServiceFixture : public ::testing::Test {
 protected:
  ServiceFixture();
  ~ServiceFixture() override;

  // The operator at the command line (acts as the central team).
  Actor Operator() const;
  // A practitioner (user id 1) in Leeds with the role's rights plus `extra`.
  static Actor Practitioner(core::Rights extra = {});
  // Creates an active account with `role` and `extra`, password kPassword;
  // returns its id and keeps its token for CodeFor().
  core::UserId AddUser(const std::string& username, core::Role role, core::Rights extra = {},
                       const std::string& la = "E08000035");
  // The current valid code of a user created by AddUser.
  std::string CodeFor(const std::string& username);
  // Signs in and resolves the session.
  SessionInfo SignInAs(const std::string& username);
  // Stores a child (via the repository) and returns its id.
  core::ChildId AddChild(core::Child child);

  static constexpr const char* kPassword = "correct horse battery staple";

  cp::testing::TestDatabase tdb_;
  std::unique_ptr<security::Signer> signer_;
  std::unique_ptr<Credentials> credentials_;
  std::unique_ptr<AuditTrail> audit_;
  std::unique_ptr<ServiceContext> ctx_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<SessionService> sessions_;
  std::map<std::string, std::string> sealed_;       // username → sealed TOTP secret
  std::map<std::string, std::string> session_ids_;  // username → last session id
};

}  // namespace cp::services
