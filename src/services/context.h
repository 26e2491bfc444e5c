#pragma once
// What every service needs from the outside world: the database, the clock
// and the audit trail. Owned by the program's composition root (cli/serve);
// services hold a reference.

#include "platform/clock.h"
#include "services/audit_trail.h"
#include "store/db.h"

namespace cp::services {

struct ServiceContext {
  store::Database& db;
  const Clock& clock;
  AuditTrail& audit;
};

}  // namespace cp::services
