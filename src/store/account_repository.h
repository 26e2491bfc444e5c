#pragma once
// Persistence of user accounts, sign-in failures and system settings. Runs
// on the caller's connection, inside the caller's transaction.

#include <optional>
#include <string>
#include <vector>

#include "core/user_account.h"
#include "store/db.h"

namespace cp::store {

class AccountRepository {
 public:
  explicit AccountRepository(Connection& conn) : conn_(conn) {}

  // Sets account.id. A user name already taken (ignoring case) is Conflict.
  Result<core::UserId> Insert(core::UserAccount& account);
  Result<core::UserAccount> Get(core::UserId id);
  // Case-insensitive; nullopt when there is no such user.
  Result<std::optional<core::UserAccount>> FindByUsername(const std::string& username);
  Result<std::vector<core::UserAccount>> List(int limit, int offset);

  Status SetStatus(core::UserId id, core::AccountStatus status, const std::string& reason,
                   Timestamp at);
  Status SetPassword(core::UserId id, const std::string& hash, Timestamp at);
  Status SetTotpSecret(core::UserId id, const std::string& sealed_secret);
  Status SetTokenState(core::UserId id, const std::string& state);
  // Records `step` as the last accepted TOTP step only if it is later than
  // the one stored; false when it is not (a replayed code). Atomic.
  Result<bool> AcceptTotpStep(core::UserId id, std::int64_t step);
  Status SetLastSignIn(core::UserId id, Timestamp at);

  // AUTH-3.
  Status RecordFailure(core::UserId id, Timestamp at);
  Result<std::vector<Timestamp>> FailuresSince(core::UserId id, Timestamp since);
  Status ClearFailures(core::UserId id);

  Result<std::optional<std::string>> Setting(const std::string& name);
  Status SetSetting(const std::string& name, const std::string& value);

 private:
  Connection& conn_;
};

}  // namespace cp::store
