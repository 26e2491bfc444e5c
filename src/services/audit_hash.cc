#include "services/audit_hash.h"

#include "security/audit_chain.h"

namespace cp::services {

std::string ComputeRowHash(const store::AuditRow& row) {
  security::AuditEntryFields f{row.seq,    row.at,         row.user_id, row.mediator_id, row.route,
                               row.action, row.record_ids, row.details, row.outcome};
  return security::ChainHash(row.prev_hash, f);
}

}  // namespace cp::services
