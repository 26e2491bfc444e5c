#pragma once
// Persistence of the audit trail (AUD-1, AUD-4). The tables are append-only
// at the database level (triggers; revoked privileges on PostgreSQL); this
// repository only ever inserts. Hashing and signing are done above it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/date.h"
#include "store/db.h"

namespace cp::store {

struct AuditRow {
  std::int64_t seq = 0;
  Timestamp at = 0;
  std::optional<std::int64_t> user_id;      // who acted (the requestor when mediated)
  std::optional<std::int64_t> mediator_id;  // AUD-3
  std::string route;                        // web, api, batch, cli
  std::string action;                       // e.g. "record.view", "search"
  std::string record_ids;                   // child ids, comma-separated
  std::string details;                      // JSON: criteria, reason, counts …
  std::string outcome;                      // "ok", "denied", "failed", …
  std::string prev_hash;
  std::string hash;
};

struct AuditHead {
  std::int64_t seq = 0;
  std::string hash;
};

struct AuditCheckpointRow {
  std::int64_t seq = 0;
  std::string head_hash;
  Timestamp at = 0;
  std::string signature;
};

class AuditRepository {
 public:
  explicit AuditRepository(Connection& conn) : conn_(conn) {}

  // Reads the chain head and holds it for the rest of the caller's write
  // transaction, so appenders on any engine are serialised.
  Result<AuditHead> LockHead();
  Status Append(const AuditRow& row, const std::vector<std::int64_t>& child_ids);
  Status SetHead(const AuditHead& head);

  // Entries with seq > after, in seq order, at most `limit`.
  Result<std::vector<AuditRow>> After(std::int64_t after, int limit);
  // Entries in storage order (not seq order), for detecting reordering.
  Result<std::vector<AuditRow>> InStorageOrder(std::int64_t after, int limit);
  // The newest entries about one child record (AUD-5) or by one user.
  Result<std::vector<AuditRow>> ForRecord(std::int64_t child_id, int limit);
  Result<std::vector<AuditRow>> ForUser(std::int64_t user_id, int limit);

  Status InsertCheckpoint(const AuditCheckpointRow& row);
  Result<std::vector<AuditCheckpointRow>> Checkpoints();

 private:
  Connection& conn_;
};

}  // namespace cp::store
