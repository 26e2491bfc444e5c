#include "services/api_clients.h"

#include <boost/json.hpp>

#include "security/random.h"
#include "store/api_client_repository.h"

namespace cp::services {

Result<std::string> ApiClients::Register(const Actor& admin, const std::string& name) {
  if (!admin.Has(core::Right::kAdministerData)) {
    return Error::Denied("Only the central team or a data administrator registers systems");
  }
  if (name.empty() || name.size() > 80 || name.find(':') != std::string::npos) {
    return Error::Invalid("name", "Give the system a name of up to 80 characters, without ':'");
  }
  const std::string credential = name + ":" + security::RandomHex(32);
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  auto id = store::ApiClientRepository(*conn).Insert(name, security::Sha256Hex(credential),
                                                     ctx_.clock.Now());
  if (!id)
    return id.error().code == ErrorCode::kConflict
               ? Error::Invalid("name", "A system with that name is registered already")
               : id.error();
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, admin,
      {"api_client.register",
       "ok",
       {},
       boost::json::serialize(boost::json::object{{"name", name}})}));
  CP_TRY(tx.Commit());
  return credential;
}

Status ApiClients::Verify(const std::string& credential) const {
  if (credential.empty() || credential.size() > 200) {
    return Error{
        ErrorCode::kUnauthenticated, "This system is not accredited to use ContactPoint", {}};
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(auto name,
            store::ApiClientRepository(*conn).FindActive(security::Sha256Hex(credential)));
  if (!name) {
    return Error{
        ErrorCode::kUnauthenticated, "This system is not accredited to use ContactPoint", {}};
  }
  return Ok();
}

Status ApiClients::Revoke(const Actor& admin, const std::string& name) {
  if (!admin.Has(core::Right::kAdministerData)) return Error::Denied("Not allowed");
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_TRY(store::ApiClientRepository(*conn).Revoke(name, ctx_.clock.Now()));
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, admin,
      {"api_client.revoke",
       "ok",
       {},
       boost::json::serialize(boost::json::object{{"name", name}})}));
  return tx.Commit();
}

}  // namespace cp::services
