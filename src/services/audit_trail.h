#pragma once
// The audit trail (AUD-1, AUD-3, AUD-4): every activity, who did it, by which
// route, on which records, and with what outcome — hash-chained, append-only
// and signed at checkpoints.
//
// Two ways in, both ending in the same chain:
//  - AppendInTransaction: for changes; the entry commits (or rolls back) with
//    the change, on the caller's connection and write transaction.
//  - Append: for reads; the entry is queued for the group-commit writer and
//    the call returns once it is durable, so results are never returned
//    before their audit entry exists ("no audit, no data"). Many concurrent
//    callers share one transaction and one fsync.
//
// Thread-safe.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/clock.h"
#include "services/actor.h"
#include "store/audit_repository.h"
#include "store/db.h"

namespace cp::security {
class Signer;
}

namespace cp::services {

// One thing that happened, as a service describes it.
struct AuditEvent {
  std::string action;                   // e.g. "search", "record.view", "user.suspend"
  std::string outcome = "ok";           // "ok", "denied", "failed", "refused" …
  std::vector<std::int64_t> child_ids;  // records touched
  std::string details;                  // a JSON object; never secrets
};

class AuditTrail {
 public:
  // `signer` (may be null) signs a checkpoint of the chain head every
  // `checkpoint_every` entries and when the trail is closed.
  AuditTrail(store::Database& db, const Clock& clock, const security::Signer* signer,
             int checkpoint_every = 1000);
  ~AuditTrail();
  AuditTrail(const AuditTrail&) = delete;
  AuditTrail& operator=(const AuditTrail&) = delete;

  // Appends inside the caller's open write transaction on `conn`.
  Status AppendInTransaction(store::Connection& conn, const Actor& actor, const AuditEvent& event);

  // Appends durably through the group-commit writer; returns when committed.
  Status Append(const Actor& actor, const AuditEvent& event);

  // Signs a checkpoint of the current head now (no-op without a signer or
  // when nothing was appended since the last one).
  Status Checkpoint();

 private:
  struct Pending {
    store::AuditRow row;
    std::vector<std::int64_t> child_ids;
    std::promise<Status> done;
  };
  store::AuditRow MakeRow(const Actor& actor, const AuditEvent& event) const;
  // Chains and inserts rows on an open write transaction.
  Status AppendRows(store::Connection& conn, std::vector<store::AuditRow*> rows,
                    const std::vector<const std::vector<std::int64_t>*>& ids);
  Status CheckpointOn(store::Connection& conn);
  void WriterLoop();

  store::Database& db_;
  const Clock& clock_;
  const security::Signer* signer_;
  const int checkpoint_every_;

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::int64_t since_checkpoint_ = 0;  // guarded by mu_
  std::thread writer_;
};

}  // namespace cp::services
