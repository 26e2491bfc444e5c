#include "services/audit_trail.h"

#include <spdlog/spdlog.h>

#include "services/audit_hash.h"
#include "services/audit_signing.h"

namespace cp::services {
namespace {

constexpr std::size_t kMaxBatch = 512;

std::string JoinIds(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::int64_t id : ids) {
    if (!out.empty()) out.push_back(',');
    out.append(std::to_string(id));
  }
  return out;
}

}  // namespace

AuditTrail::AuditTrail(store::Database& db, const Clock& clock, const security::Signer* signer,
                       int checkpoint_every)
    : db_(db), clock_(clock), signer_(signer), checkpoint_every_(checkpoint_every) {
  writer_ = std::thread([this] { WriterLoop(); });
}

AuditTrail::~AuditTrail() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
  if (auto s = Checkpoint(); !s)
    spdlog::error("audit checkpoint at close failed: {}", s.error().message);
}

store::AuditRow AuditTrail::MakeRow(const Actor& actor, const AuditEvent& event) const {
  store::AuditRow row;
  row.at = clock_.Now();
  row.user_id = actor.user_id;
  row.mediator_id = actor.mediator_id;
  row.route = std::string(RouteName(actor.route));
  row.action = event.action;
  row.record_ids = JoinIds(event.child_ids);
  row.details = event.details.empty() ? "{}" : event.details;
  row.outcome = event.outcome;
  return row;
}

Status AuditTrail::AppendRows(store::Connection& conn, std::vector<store::AuditRow*> rows,
                              const std::vector<const std::vector<std::int64_t>*>& ids) {
  store::AuditRepository repo(conn);
  CP_ASSIGN(store::AuditHead head, repo.LockHead());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    store::AuditRow& row = *rows[i];
    row.seq = head.seq + 1;
    row.prev_hash = head.hash;
    row.hash = ComputeRowHash(row);
    CP_TRY(repo.Append(row, *ids[i]));
    head = {row.seq, row.hash};
  }
  return repo.SetHead(head);
}

Status AuditTrail::AppendInTransaction(store::Connection& conn, const Actor& actor,
                                       const AuditEvent& event) {
  store::AuditRow row = MakeRow(actor, event);
  CP_TRY(AppendRows(conn, {&row}, {&event.child_ids}));
  std::lock_guard lock(mu_);
  ++since_checkpoint_;
  return Ok();
}

Status AuditTrail::Append(const Actor& actor, const AuditEvent& event) {
  auto pending = std::make_unique<Pending>();
  pending->row = MakeRow(actor, event);
  pending->child_ids = event.child_ids;
  std::future<Status> done = pending->done.get_future();
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Error::Unavailable("the audit trail is closing");
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
  return done.get();
}

void AuditTrail::WriterLoop() {
  for (;;) {
    std::vector<std::unique_ptr<Pending>> batch;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<store::AuditRow*> rows;
    std::vector<const std::vector<std::int64_t>*> ids;
    for (auto& p : batch) {
      rows.push_back(&p->row);
      ids.push_back(&p->child_ids);
    }
    // One transaction, one fsync, for the whole batch (group commit).
    Status result = [&]() -> Status {
      CP_ASSIGN(auto conn, db_.Acquire());
      store::Transaction tx(*conn, store::TxMode::kWrite);
      CP_TRY(tx.Begin());
      CP_TRY(AppendRows(*conn, rows, ids));
      bool checkpoint = false;
      {
        std::lock_guard lock(mu_);
        since_checkpoint_ += static_cast<std::int64_t>(batch.size());
        checkpoint = signer_ != nullptr && since_checkpoint_ >= checkpoint_every_;
      }
      if (checkpoint) CP_TRY(CheckpointOn(*conn));
      return tx.Commit();
    }();
    if (!result) spdlog::error("audit append failed: {}", result.error().message);
    for (auto& p : batch) p->done.set_value(result);
  }
}

Status AuditTrail::CheckpointOn(store::Connection& conn) {
  if (signer_ == nullptr) return Ok();
  store::AuditRepository repo(conn);
  CP_ASSIGN(store::AuditHead head, repo.LockHead());
  if (head.seq == 0) return Ok();
  CP_ASSIGN(auto existing, repo.Checkpoints());
  if (!existing.empty() && existing.back().seq == head.seq) return Ok();
  store::AuditCheckpointRow cp{head.seq, head.hash, clock_.Now(), ""};
  cp.signature = SignCheckpoint(*signer_, cp);
  CP_TRY(repo.InsertCheckpoint(cp));
  std::lock_guard lock(mu_);
  since_checkpoint_ = 0;
  return Ok();
}

Status AuditTrail::Checkpoint() {
  if (signer_ == nullptr) return Ok();
  CP_ASSIGN(auto conn, db_.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_TRY(CheckpointOn(*conn));
  return tx.Commit();
}

}  // namespace cp::services
