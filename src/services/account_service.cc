#include "services/account_service.h"

#include <boost/json.hpp>

#include "core/local_authority.h"
#include "store/account_repository.h"
#include "store/notification_repository.h"
#include "store/session_repository.h"

namespace cp::services {
namespace {

constexpr const char* kVbsSetting = "vbs_required";

std::string Details(std::initializer_list<std::pair<const char*, std::string>> fields) {
  boost::json::object o;
  for (const auto& [k, v] : fields) o[k] = v;
  return boost::json::serialize(o);
}

Status RequireAdmin(const Actor& admin) {
  if (!admin.Has(core::Right::kAdministerUsers)) {
    return Error::Denied("Only a user account administrator can do this");
  }
  return Ok();
}

// ACC-2, ACC-10: an LA administrator administers accounts of their own LA;
// the central team administers everyone (ACC-11).
Status RequireSameAuthority(const Actor& admin, const core::UserAccount& user) {
  if (admin.role == core::Role::kCentralTeam) return Ok();
  if (admin.la_code != user.la_code) {
    return Error::Denied("This account is administered by another local authority");
  }
  return Ok();
}

}  // namespace

Result<CreatedAccount> AccountService::Create(const Actor& admin, const NewAccountRequest& r) {
  CP_TRY(RequireAdmin(admin));
  if (r.username.size() < 3 || r.username.size() > 64) {
    return Error::Invalid("username", "User name must be 3 to 64 characters");
  }
  for (char c : r.username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return Error::Invalid("username", "User name can only contain letters, digits, . - _");
  }
  if (r.display_name.empty()) return Error::Invalid("display_name", "Enter the user's full name");
  if (core::FindLocalAuthority(r.la_code) == nullptr) {
    return Error::Invalid("la_code", "Choose the local authority that administers the account");
  }
  for (core::Right right : core::kAllRights) {
    if (r.extra_rights.Has(right) && !core::CanGrant(r.role, right)) {
      return Error::Invalid(
          "extra_rights", std::string("A ") + std::string(core::RoleTitle(r.role)) +
                              " cannot be given the right " + std::string(core::RightName(right)));
    }
  }
  CP_TRY(credentials_.CheckNewPassword(r.password, r.username));

  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  store::AccountRepository accounts(*conn);
  CP_ASSIGN(auto vbs, accounts.Setting(kVbsSetting));
  const Date today = ctx_.clock.Today();
  // ACC-3, G 2.7, F B4: every condition recorded as met, or no account.
  if (Status met = core::CheckAccessConditions(r.conditions, today, vbs && *vbs == "1"); !met) {
    CP_TRY(ctx_.audit.AppendInTransaction(
        *conn, admin,
        {"user.create",
         "refused",
         {},
         Details({{"username", r.username}, {"unmet", met.error().field}})}));
    CP_TRY(tx.Commit());
    return met.error();
  }
  CP_ASSIGN(std::string hash, credentials_.HashPassword(r.password));
  CP_ASSIGN(IssuedToken token, credentials_.IssueToken(r.username));
  core::UserAccount a;
  a.username = r.username;
  a.display_name = r.display_name;
  a.email = r.email;
  a.role = r.role;
  a.extra_rights = r.extra_rights;
  a.organisation_id = r.organisation_id;
  a.la_code = r.la_code;
  a.status = core::AccountStatus::kActive;
  a.status_changed_at = ctx_.clock.Now();
  a.password_hash = hash;
  a.password_set_at = ctx_.clock.Now();
  a.totp_secret_sealed = token.sealed_secret;
  a.conditions = r.conditions;
  a.staff_manager_name = r.staff_manager_name;
  a.staff_manager_email = r.staff_manager_email;
  a.demo = r.demo;
  a.created_at = ctx_.clock.Now();
  a.created_by = admin.user_id;
  auto id = accounts.Insert(a);
  if (!id) {
    if (id.error().code == ErrorCode::kConflict) {
      return Error::Invalid("username", "That user name is already taken");
    }
    return id.error();
  }
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, admin,
      {"user.create",
       "ok",
       {},
       Details({{"user_id", std::to_string(*id)},
                {"role", std::string(core::RoleName(r.role))},
                {"extra_rights", core::RightsToList(r.extra_rights)}})}));
  CP_TRY(tx.Commit());
  return CreatedAccount{*id, token};
}

Result<core::UserAccount> AccountService::LoadForChange(store::Connection& conn, const Actor& admin,
                                                        core::UserId user) {
  CP_TRY(RequireAdmin(admin));
  CP_ASSIGN(core::UserAccount a, store::AccountRepository(conn).Get(user));
  CP_TRY(RequireSameAuthority(admin, a));
  if (a.status == core::AccountStatus::kClosed) {
    return Error::Precondition("This account is closed");
  }
  return a;
}

Status AccountService::Suspend(const Actor& admin, core::UserId user, core::SuspensionReason reason,
                               const std::string& note) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_ASSIGN(core::UserAccount a, LoadForChange(*conn, admin, user));
  const Timestamp now = ctx_.clock.Now();
  CP_TRY(store::AccountRepository(*conn).SetStatus(
      user, core::AccountStatus::kSuspended, std::string(core::SuspensionReasonName(reason)), now));
  CP_ASSIGN(std::int64_t ended, store::SessionRepository(*conn).EndAllFor(user, now, "suspended"));
  // ACC-6: the staff manager is told.
  if (!a.staff_manager_email.empty()) {
    store::Notification note{0,
                             now,
                             a.staff_manager_email,
                             "ContactPoint account suspended",
                             "The ContactPoint account of " + a.display_name +
                                 " has been suspended. Reason: " +
                                 std::string(core::SuspensionReasonTitle(reason)) + ".",
                             {}};
    CP_TRY(store::NotificationRepository(*conn).Add(note));
  }
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, admin,
      {"user.suspend",
       "ok",
       {},
       Details({{"user_id", std::to_string(user)},
                {"reason", std::string(core::SuspensionReasonName(reason))},
                {"note", note},
                {"sessions_ended", std::to_string(ended)}})}));
  return tx.Commit();
}

Status AccountService::Reactivate(const Actor& admin, core::UserId user) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_ASSIGN(core::UserAccount a, LoadForChange(*conn, admin, user));
  if (a.status != core::AccountStatus::kSuspended) {
    return Error::Precondition("Only a suspended account can be reactivated");
  }
  // ACC-5: a lost token or known password needs a new one first.
  if (a.status_reason ==
          core::SuspensionReasonName(core::SuspensionReason::kTokenLostOrPasswordKnown) &&
      a.password_set_at <= a.status_changed_at && a.token_state != "reissued") {
    return Error::Precondition("Issue a new password or security token before reactivating");
  }
  // ACC-8: an expired CRB disclosure keeps the account suspended.
  if (a.conditions.crb_issued_on &&
      core::CrbExpired(*a.conditions.crb_issued_on, ctx_.clock.Today())) {
    return Error::Precondition("Record a renewed enhanced CRB disclosure before reactivating");
  }
  CP_TRY(store::AccountRepository(*conn).SetStatus(user, core::AccountStatus::kActive, "",
                                                   ctx_.clock.Now()));
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, admin, {"user.reactivate", "ok", {}, Details({{"user_id", std::to_string(user)}})}));
  return tx.Commit();
}

Status AccountService::Close(const Actor& admin, core::UserId user, const std::string& note) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_ASSIGN(core::UserAccount a, LoadForChange(*conn, admin, user));
  (void)a;
  const Timestamp now = ctx_.clock.Now();
  store::AccountRepository accounts(*conn);
  CP_TRY(accounts.SetStatus(user, core::AccountStatus::kClosed, note, now));
  CP_TRY(accounts.SetTokenState(user, "revoked"));  // ACC-7
  CP_ASSIGN(std::int64_t ended, store::SessionRepository(*conn).EndAllFor(user, now, "closed"));
  CP_TRY(ctx_.audit.AppendInTransaction(*conn, admin,
                                        {"user.close",
                                         "ok",
                                         {},
                                         Details({{"user_id", std::to_string(user)},
                                                  {"note", note},
                                                  {"sessions_ended", std::to_string(ended)}})}));
  return tx.Commit();
}

Status AccountService::ResetPassword(const Actor& admin, core::UserId user,
                                     const std::string& new_password) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_ASSIGN(core::UserAccount a, LoadForChange(*conn, admin, user));
  CP_TRY(credentials_.CheckNewPassword(new_password, a.username));
  CP_ASSIGN(std::string hash, credentials_.HashPassword(new_password));
  const Timestamp now = ctx_.clock.Now();
  CP_TRY(store::AccountRepository(*conn).SetPassword(user, hash, now));
  CP_ASSIGN(std::int64_t ended,
            store::SessionRepository(*conn).EndAllFor(user, now, "password_reset"));
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, admin,
      {"user.reset_password",
       "ok",
       {},
       Details({{"user_id", std::to_string(user)}, {"sessions_ended", std::to_string(ended)}})}));
  return tx.Commit();
}

Result<IssuedToken> AccountService::IssueNewToken(const Actor& admin, core::UserId user) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_ASSIGN(core::UserAccount a, LoadForChange(*conn, admin, user));
  CP_ASSIGN(IssuedToken token, credentials_.IssueToken(a.username));
  store::AccountRepository accounts(*conn);
  CP_TRY(accounts.SetTotpSecret(user, token.sealed_secret));
  CP_TRY(accounts.SetTokenState(user, "reissued"));
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, admin, {"user.issue_token", "ok", {}, Details({{"user_id", std::to_string(user)}})}));
  CP_TRY(tx.Commit());
  return token;
}

Status AccountService::SetVbsRequired(const Actor& admin, bool required) {
  if (admin.role != core::Role::kCentralTeam) {
    return Error::Denied("Only the central team switches the VBS requirement on");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_TRY(store::AccountRepository(*conn).SetSetting(kVbsSetting, required ? "1" : "0"));
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, admin,
      {"setting.vbs_required", "ok", {}, Details({{"value", required ? "1" : "0"}})}));
  return tx.Commit();
}

}  // namespace cp::services
