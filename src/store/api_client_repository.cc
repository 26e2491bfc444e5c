#include "store/api_client_repository.h"

namespace cp::store {

Result<std::int64_t> ApiClientRepository::Insert(const std::string& name, const std::string& hash,
                                                 Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("INSERT INTO api_client (name, credential_hash, created_at) "
                                   "VALUES ($1, $2, $3) RETURNING id"));
  Bind(st, name, hash, at);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert api client returned no id");
  return st->Int(0);
}

Result<std::optional<std::string>> ApiClientRepository::FindActive(const std::string& hash) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT name FROM api_client WHERE credential_hash = $1 AND "
                                   "accredited = 1 AND revoked_at IS NULL"));
  Bind(st, hash);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st->String(0));
}

Status ApiClientRepository::Revoke(const std::string& name, Timestamp at) {
  return Run(conn_, "UPDATE api_client SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL",
             at, name);
}

}  // namespace cp::store
