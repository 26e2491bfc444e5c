#include "store/session_repository.h"

namespace cp::store {

Status SessionRepository::Insert(const SessionRow& r) {
  return Run(conn_,
             "INSERT INTO user_session (id_hash, user_id, route, csrf_token, requestor_id, "
             "created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
             r.id_hash, r.user_id, r.route, r.csrf_token, r.requestor_id, r.created_at,
             r.last_seen_at);
}

Result<std::optional<SessionRow>> SessionRepository::Find(const std::string& id_hash) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT id_hash, user_id, route, csrf_token, requestor_id, "
                                   "created_at, last_seen_at, ended_at, end_reason "
                                   "FROM user_session WHERE id_hash = $1"));
  Bind(st, id_hash);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<SessionRow>();
  SessionRow r;
  r.id_hash = st->String(0);
  r.user_id = st->Int(1);
  r.route = st->String(2);
  r.csrf_token = st->String(3);
  r.requestor_id = st->OptInt(4);
  r.created_at = st->Int(5);
  r.last_seen_at = st->Int(6);
  r.ended_at = st->OptInt(7);
  r.end_reason = st->String(8);
  return std::optional<SessionRow>(std::move(r));
}

Status SessionRepository::Touch(const std::string& id_hash, Timestamp at) {
  return Run(conn_,
             "UPDATE user_session SET last_seen_at = $1 WHERE id_hash = $2 AND ended_at IS NULL",
             at, id_hash);
}

Status SessionRepository::SetRequestor(const std::string& id_hash,
                                       std::optional<core::UserId> requestor) {
  return Run(conn_, "UPDATE user_session SET requestor_id = $1 WHERE id_hash = $2", requestor,
             id_hash);
}

Result<bool> SessionRepository::End(const std::string& id_hash, Timestamp at,
                                    const std::string& reason) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE user_session SET ended_at = $1, end_reason = $2 "
                                   "WHERE id_hash = $3 AND ended_at IS NULL"));
  Bind(st, at, reason, id_hash);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return st->RowsAffected() == 1;
}

Result<std::int64_t> SessionRepository::EndAllFor(core::UserId user_id, Timestamp at,
                                                  const std::string& reason) {
  // Mediations on the user's behalf end; the mediators stay signed in.
  CP_TRY(Run(conn_,
             "UPDATE user_session SET requestor_id = NULL WHERE requestor_id = $1 AND "
             "ended_at IS NULL",
             user_id));
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE user_session SET ended_at = $1, end_reason = $2 "
                                   "WHERE user_id = $3 AND ended_at IS NULL"));
  Bind(st, at, reason, user_id);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return st->RowsAffected();
}

}  // namespace cp::store
