#pragma once
// Accredited case management systems (AUTH-5): registration (by an operator)
// and verification of the per-system credential every API request carries.

#include <string>

#include "services/actor.h"
#include "services/context.h"

namespace cp::services {

class ApiClients {
 public:
  explicit ApiClients(ServiceContext& ctx) : ctx_(ctx) {}
  // Registers `name`; returns the credential, shown once ("name:secret").
  Result<std::string> Register(const Actor& admin, const std::string& name);
  // Ok when `credential` belongs to an accredited, unrevoked system.
  Status Verify(const std::string& credential) const;
  Status Revoke(const Actor& admin, const std::string& name);

 private:
  ServiceContext& ctx_;
};

}  // namespace cp::services
