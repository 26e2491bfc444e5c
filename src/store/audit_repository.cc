#include "store/audit_repository.h"

#include <algorithm>

namespace cp::store {
namespace {

constexpr const char* kColumns =
    "seq, at, user_id, mediator_id, route, action, record_ids, details, outcome, prev_hash, hash";

AuditRow Read(const Statement& st) {
  AuditRow r;
  r.seq = st.Int(0);
  r.at = st.Int(1);
  r.user_id = st.OptInt(2);
  r.mediator_id = st.OptInt(3);
  r.route = st.String(4);
  r.action = st.String(5);
  r.record_ids = st.String(6);
  r.details = st.String(7);
  r.outcome = st.String(8);
  r.prev_hash = st.String(9);
  r.hash = st.String(10);
  return r;
}

Result<std::vector<AuditRow>> ReadAll(Stmt& st) {
  std::vector<AuditRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(Read(*st));
  }
  return out;
}

}  // namespace

Result<AuditHead> AuditRepository::LockHead() {
  // A no-op update takes the row lock on PostgreSQL; SQLite already holds
  // the database write lock (BEGIN IMMEDIATE).
  CP_TRY(Run(conn_, "UPDATE audit_head SET seq = seq WHERE id = 1"));
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT seq, hash FROM audit_head WHERE id = 1"));
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("the audit chain head is missing");
  return AuditHead{st->Int(0), st->String(1)};
}

Status AuditRepository::Append(const AuditRow& r, const std::vector<std::int64_t>& child_ids) {
  CP_TRY(Run(conn_,
             "INSERT INTO audit_entry (seq, at, user_id, mediator_id, route, action, record_ids, "
             "details, outcome, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
             "$10, $11)",
             r.seq, r.at, r.user_id, r.mediator_id, r.route, r.action, r.record_ids, r.details,
             r.outcome, r.prev_hash, r.hash));
  // One index row per record, however often the entry names it.
  std::vector<std::int64_t> unique = child_ids;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (std::int64_t child : unique) {
    CP_TRY(Run(conn_, "INSERT INTO audit_record (seq, child_id) VALUES ($1, $2)", r.seq, child));
  }
  return Ok();
}

Status AuditRepository::SetHead(const AuditHead& head) {
  return Run(conn_, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", head.seq, head.hash);
}

Result<std::vector<AuditRow>> AuditRepository::After(std::int64_t after, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kColumns +
                                   " FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT $2"));
  Bind(st, after, limit);
  return ReadAll(st);
}

Result<std::vector<AuditRow>> AuditRepository::InStorageOrder(std::int64_t after, int limit) {
  // Without ORDER BY the engines return rows as stored; used only to detect
  // tampering that rewrote rows out of order.
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kColumns +
                                   " FROM audit_entry WHERE seq > $1 LIMIT $2"));
  Bind(st, after, limit);
  return ReadAll(st);
}

Result<std::vector<AuditRow>> AuditRepository::ForRecord(std::int64_t child_id, int limit) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare("SELECT e.seq, e.at, e.user_id, e.mediator_id, e.route, e.action, "
                          "e.record_ids, e.details, e.outcome, e.prev_hash, e.hash "
                          "FROM audit_record r JOIN audit_entry e ON e.seq = r.seq "
                          "WHERE r.child_id = $1 ORDER BY e.seq DESC LIMIT $2"));
  Bind(st, child_id, limit);
  return ReadAll(st);
}

Result<std::vector<AuditRow>> AuditRepository::ForUser(std::int64_t user_id, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kColumns +
                                   " FROM audit_entry WHERE user_id = $1 OR mediator_id = $1 "
                                   "ORDER BY seq DESC LIMIT $2"));
  Bind(st, user_id, limit);
  return ReadAll(st);
}

Status AuditRepository::InsertCheckpoint(const AuditCheckpointRow& r) {
  return Run(conn_,
             "INSERT INTO audit_checkpoint (seq, head_hash, at, signature) VALUES ($1, $2, $3, $4)",
             r.seq, r.head_hash, r.at, r.signature);
}

Result<std::vector<AuditCheckpointRow>> AuditRepository::Checkpoints() {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT seq, head_hash, at, signature FROM audit_checkpoint "
                                   "ORDER BY seq"));
  std::vector<AuditCheckpointRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Int(0), st->String(1), st->Int(2), st->String(3)});
  }
  return out;
}

}  // namespace cp::store
