#pragma once
// The account lifecycle (ACC-1 … ACC-12, G 2.6–2.11, G 4.29–4.42, F B4):
// create only when the five conditions are recorded as met, suspend,
// reactivate, close, reset a password, issue a new token. Every act is
// audited in the same transaction; suspension and closure end the user's
// sessions at once (AUTH-2).

#include <optional>
#include <string>

#include "core/user_account.h"
#include "services/actor.h"
#include "services/context.h"
#include "services/credentials.h"

namespace cp::services {

struct NewAccountRequest {
  std::string username;
  std::string display_name;
  std::string email;
  core::Role role = core::Role::kPractitioner;
  core::Rights extra_rights;
  std::optional<std::int64_t> organisation_id;
  std::string la_code;
  std::string password;
  core::AccessConditions conditions;
  std::string staff_manager_name;
  std::string staff_manager_email;
  bool demo = false;
};

struct CreatedAccount {
  core::UserId id = 0;
  IssuedToken token;  // shown once, for enrolment
};

class AccountService {
 public:
  AccountService(ServiceContext& ctx, const Credentials& credentials)
      : ctx_(ctx), credentials_(credentials) {}

  // ACC-3: refused, with the unmet condition named, unless all five are
  // recorded as met; ACC-1: extra rights must be grantable to the role.
  Result<CreatedAccount> Create(const Actor& admin, const NewAccountRequest& request);
  // ACC-5, ACC-6: takes effect at once on every route, mediated included.
  Status Suspend(const Actor& admin, core::UserId user, core::SuspensionReason reason,
                 const std::string& note);
  // A suspension for a lost token or a known password is lifted only after
  // a new password or token was issued (ACC-5, G 2.6).
  Status Reactivate(const Actor& admin, core::UserId user);
  // ACC-7: permanent; the token is revoked.
  Status Close(const Actor& admin, core::UserId user, const std::string& note);
  // ACC-12.
  Status ResetPassword(const Actor& admin, core::UserId user, const std::string& new_password);
  Result<IssuedToken> IssueNewToken(const Actor& admin, core::UserId user);

  // The VBS switch of G 2.7 (set by the central team).
  Status SetVbsRequired(const Actor& admin, bool required);

 private:
  Result<core::UserAccount> LoadForChange(store::Connection& conn, const Actor& admin,
                                          core::UserId user);
  ServiceContext& ctx_;
  const Credentials& credentials_;
};

}  // namespace cp::services
