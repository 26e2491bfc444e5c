#pragma once
// Adapted case management systems allowed to reach the API (AUTH-5), each
// with its own credential; only a hash of the credential is stored.

#include <optional>
#include <string>

#include "platform/date.h"
#include "store/db.h"

namespace cp::store {

class ApiClientRepository {
 public:
  explicit ApiClientRepository(Connection& conn) : conn_(conn) {}
  // Conflict when the name or credential is taken.
  Result<std::int64_t> Insert(const std::string& name, const std::string& credential_hash,
                              Timestamp at);
  // The client's name when the hash belongs to an accredited, unrevoked client.
  Result<std::optional<std::string>> FindActive(const std::string& credential_hash);
  Status Revoke(const std::string& name, Timestamp at);

 private:
  Connection& conn_;
};

}  // namespace cp::store
