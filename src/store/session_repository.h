#pragma once
// Persistence of sign-in sessions (AUTH-2). Only a hash of each session id
// is stored, so a copy of the database cannot be used to take over sessions.

#include <optional>
#include <string>

#include "core/user_account.h"
#include "store/db.h"

namespace cp::store {

struct SessionRow {
  std::string id_hash;
  core::UserId user_id = 0;
  std::string route;  // "web" or "api"
  std::string csrf_token;
  // AUTH-6: while mediating, the requestor on whose behalf the user acts.
  std::optional<core::UserId> requestor_id;
  Timestamp created_at = 0;
  Timestamp last_seen_at = 0;
  std::optional<Timestamp> ended_at;
  std::string end_reason;
};

class SessionRepository {
 public:
  explicit SessionRepository(Connection& conn) : conn_(conn) {}

  Status Insert(const SessionRow& row);
  Result<std::optional<SessionRow>> Find(const std::string& id_hash);
  Status Touch(const std::string& id_hash, Timestamp at);
  Status SetRequestor(const std::string& id_hash, std::optional<core::UserId> requestor);
  // Ends one open session; false when it was already ended.
  Result<bool> End(const std::string& id_hash, Timestamp at, const std::string& reason);
  // Ends every open session of a user and every mediation on their behalf
  // (ACC-6: no access by any route); returns how many of their own sessions
  // ended.
  Result<std::int64_t> EndAllFor(core::UserId user_id, Timestamp at, const std::string& reason);

 private:
  Connection& conn_;
};

}  // namespace cp::store
