#include "store/notification_repository.h"

namespace cp::store {

Result<std::int64_t> NotificationRepository::Add(const Notification& n) {
  CP_ASSIGN(Stmt st, conn_.Prepare("INSERT INTO notification (created_at, recipient, subject, "
                                   "body) VALUES ($1, $2, $3, $4) RETURNING id"));
  Bind(st, n.created_at, n.recipient, n.subject, n.body);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert notification returned no id");
  return st->Int(0);
}

Result<std::vector<Notification>> NotificationRepository::Unsent(int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT id, created_at, recipient, subject, body FROM "
                                   "notification WHERE sent_at IS NULL ORDER BY id LIMIT $1"));
  Bind(st, limit);
  std::vector<Notification> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Int(0), st->Int(1), st->String(2), st->String(3), st->String(4), {}});
  }
  return out;
}

Status NotificationRepository::MarkSent(std::int64_t id, Timestamp at) {
  return Run(conn_, "UPDATE notification SET sent_at = $1 WHERE id = $2", at, id);
}

}  // namespace cp::store
