#include "store/shield_repository.h"

namespace cp::store {
namespace {

using core::ShieldRequestStatus;

constexpr const char* kRequestColumns =
    "r.id, r.child_id, r.requester_kind, r.requester_user_id, r.source_code, r.requester_name, "
    "r.requester_contact, r.relationship, r.service_contact, r.grounds, r.urgent, r.origin, "
    "r.origin_child_id, r.status, r.comments, r.recorded_by, r.created_at, r.decided_by, "
    "r.decided_at, r.withdrawn_by, r.withdrawn_at, c.uin, c.la_code";

ShieldRequestRow ReadRequest(const Statement& s) {
  ShieldRequestRow r;
  r.id = s.Int(0);
  r.child_id = s.Int(1);
  r.requester_kind =
      core::ShieldRequesterKindFromName(s.Text(2)).value_or(core::ShieldRequesterKind::kUser);
  r.requester_user_id = s.OptInt(3);
  r.source_code = s.String(4);
  r.requester_name = s.String(5);
  r.requester_contact = s.String(6);
  r.relationship = s.String(7);
  r.service_contact = s.String(8);
  r.grounds = core::SplitShieldGrounds(s.Text(9));
  r.urgent = s.Int(10) != 0;
  r.origin = core::ShieldOriginFromName(s.Text(11)).value_or(core::ShieldOrigin::kRequest);
  r.origin_child_id = s.OptInt(12);
  r.status = core::ShieldRequestStatusFromName(s.Text(13)).value_or(ShieldRequestStatus::kPending);
  r.comments = s.String(14);
  r.recorded_by = s.OptInt(15);
  r.created_at = s.Int(16);
  r.decided_by = s.OptInt(17);
  r.decided_at = s.OptInt(18);
  r.withdrawn_by = s.OptInt(19);
  r.withdrawn_at = s.OptInt(20);
  r.uin = s.Int(21);
  r.la_code = s.String(22);
  return r;
}

Result<std::vector<ShieldRequestRow>> ReadRequests(Stmt& st) {
  std::vector<ShieldRequestRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) return out;
    out.push_back(ReadRequest(*st));
  }
}

constexpr const char* kReviewColumns =
    "v.id, v.child_id, v.kind, v.due_on, v.created_at, v.decided_at, v.decided_by, v.decision, "
    "v.note, c.uin, c.la_code";

ShieldReviewRow ReadReview(const Statement& s) {
  ShieldReviewRow v;
  v.id = s.Int(0);
  v.child_id = s.Int(1);
  v.kind = s.String(2);
  v.due_on = Date::FromDays(static_cast<std::int32_t>(s.Int(3)));
  v.created_at = s.Int(4);
  v.decided_at = s.OptInt(5);
  v.decided_by = s.OptInt(6);
  v.decision = s.String(7);
  v.note = s.String(8);
  v.uin = s.Int(9);
  v.la_code = s.String(10);
  return v;
}

Result<std::vector<ShieldReviewRow>> ReadReviews(Stmt& st) {
  std::vector<ShieldReviewRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) return out;
    out.push_back(ReadReview(*st));
  }
}

constexpr const char* kLogColumns =
    "id, child_id, uin, la_code, action, category, action_on, requester_contact, relationship, "
    "confirmation_sent_on, comments, recorded_by, created_at";

ShieldingLogRow ReadLog(const Statement& s) {
  ShieldingLogRow l;
  l.id = s.Int(0);
  l.child_id = s.Int(1);
  l.uin = s.Int(2);
  l.la_code = s.String(3);
  l.action =
      core::ShieldingLogActionFromName(s.Text(4)).value_or(core::ShieldingLogAction::kApplied);
  l.category = s.String(5);
  l.action_on = Date::FromDays(static_cast<std::int32_t>(s.Int(6)));
  l.requester_contact = s.String(7);
  l.relationship = s.String(8);
  if (auto d = s.OptInt(9)) l.confirmation_sent_on = Date::FromDays(static_cast<std::int32_t>(*d));
  l.comments = s.String(10);
  l.recorded_by = s.OptInt(11);
  l.created_at = s.Int(12);
  return l;
}

Result<std::vector<ShieldingLogRow>> ReadLogs(Stmt& st) {
  std::vector<ShieldingLogRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) return out;
    out.push_back(ReadLog(*st));
  }
}

}  // namespace

Result<std::int64_t> ShieldRepository::AddRequest(const ShieldRequestRow& r) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare("INSERT INTO shield_request (child_id, requester_kind, "
                          "requester_user_id, source_code, requester_name, requester_contact, "
                          "relationship, service_contact, grounds, urgent, origin, "
                          "origin_child_id, status, comments, recorded_by, created_at) VALUES "
                          "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                          "$16) RETURNING id"));
  Bind(st, r.child_id, core::ShieldRequesterKindName(r.requester_kind), r.requester_user_id,
       r.source_code, r.requester_name, r.requester_contact, r.relationship, r.service_contact,
       core::JoinShieldGrounds(r.grounds), r.urgent, core::ShieldOriginName(r.origin),
       r.origin_child_id, core::ShieldRequestStatusName(r.status), r.comments, r.recorded_by,
       r.created_at);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert shield_request returned no id");
  return st->Int(0);
}

Result<ShieldRequestRow> ShieldRepository::GetRequest(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kRequestColumns +
                                   " FROM shield_request r JOIN child c ON c.id = r.child_id "
                                   "WHERE r.id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such shielding request");
  return ReadRequest(*st);
}

Result<std::vector<ShieldRequestRow>> ShieldRepository::RequestsFor(core::ChildId child) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kRequestColumns +
                                   " FROM shield_request r JOIN child c ON c.id = r.child_id "
                                   "WHERE r.child_id = $1 ORDER BY r.id"));
  Bind(st, child);
  return ReadRequests(st);
}

Result<int> ShieldRepository::CountOutstanding(core::ChildId child) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT COUNT(*) FROM shield_request WHERE child_id = $1 "
                                   "AND status IN ('pending', 'active')"));
  Bind(st, child);
  CP_ASSIGN(bool row, st->Step());
  return row ? static_cast<int>(st->Int(0)) : 0;
}

Status ShieldRepository::Decide(std::int64_t id, ShieldRequestStatus to, core::UserId by,
                                Timestamp at, const std::string& comments) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE shield_request SET status = $1, decided_by = $2, "
                                   "decided_at = $3, comments = CASE WHEN $4 = '' THEN comments "
                                   "ELSE $4 END WHERE id = $5 AND status = 'pending'"));
  Bind(st, core::ShieldRequestStatusName(to), by, at, comments, id);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  if (st->RowsAffected() != 1) return Error::Precondition("This request has already been decided");
  return Ok();
}

Status ShieldRepository::Withdraw(std::int64_t id, std::optional<core::UserId> by, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE shield_request SET status = 'withdrawn', "
                                   "withdrawn_by = $1, withdrawn_at = $2 WHERE id = $3 AND "
                                   "status IN ('pending', 'active')"));
  Bind(st, by, at, id);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  if (st->RowsAffected() != 1) return Error::Precondition("This request is no longer in force");
  return Ok();
}

Result<std::vector<ShieldRequestRow>> ShieldRepository::RequestsWithStatus(
    ShieldRequestStatus status, const std::string& la_code) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kRequestColumns +
                                   " FROM shield_request r JOIN child c ON c.id = r.child_id "
                                   "WHERE r.status = $1 AND ($2 = '' OR c.la_code = $2) "
                                   "ORDER BY r.created_at, r.id"));
  Bind(st, core::ShieldRequestStatusName(status), la_code);
  return ReadRequests(st);
}

Result<std::vector<ShieldRequestRow>> ShieldRepository::UserRequests(const std::string& la_code,
                                                                     Timestamp from, Timestamp to) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kRequestColumns +
                                   " FROM shield_request r JOIN child c ON c.id = r.child_id "
                                   "WHERE r.requester_kind = 'user' AND ($1 = '' OR c.la_code = "
                                   "$1) AND r.created_at >= $2 AND r.created_at < $3 "
                                   "ORDER BY r.created_at DESC, r.id DESC"));
  Bind(st, la_code, from, to);
  return ReadRequests(st);
}

Result<std::int64_t> ShieldRepository::AddReview(core::ChildId child, const std::string& kind,
                                                 Date due_on, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("INSERT INTO shield_review (child_id, kind, due_on, "
                                   "created_at) VALUES ($1, $2, $3, $4) RETURNING id"));
  Bind(st, child, kind, static_cast<std::int64_t>(due_on.days()), at);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert shield_review returned no id");
  return st->Int(0);
}

Result<ShieldReviewRow> ShieldRepository::GetReview(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kReviewColumns +
                                   " FROM shield_review v JOIN child c ON c.id = v.child_id "
                                   "WHERE v.id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such review");
  return ReadReview(*st);
}

Result<std::vector<ShieldReviewRow>> ShieldRepository::OpenReviews(const std::string& la_code,
                                                                   Date due_by) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kReviewColumns +
                                   " FROM shield_review v JOIN child c ON c.id = v.child_id "
                                   "WHERE v.decided_at IS NULL AND v.due_on <= $1 AND "
                                   "($2 = '' OR c.la_code = $2) ORDER BY v.due_on, v.id"));
  Bind(st, static_cast<std::int64_t>(due_by.days()), la_code);
  return ReadReviews(st);
}

Result<std::vector<ShieldReviewRow>> ShieldRepository::ReviewsFor(core::ChildId child) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kReviewColumns +
                                   " FROM shield_review v JOIN child c ON c.id = v.child_id "
                                   "WHERE v.child_id = $1 ORDER BY v.id"));
  Bind(st, child);
  return ReadReviews(st);
}

Status ShieldRepository::DecideReview(std::int64_t id, const std::string& decision, core::UserId by,
                                      Timestamp at, const std::string& note) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE shield_review SET decided_at = $1, decided_by = $2, "
                                   "decision = $3, note = $4 WHERE id = $5 AND decided_at IS "
                                   "NULL"));
  Bind(st, at, by, decision, note, id);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  if (st->RowsAffected() != 1) return Error::Precondition("This review has already been decided");
  return Ok();
}

Status ShieldRepository::CloseOpenReviews(core::ChildId child, const std::string& decision,
                                          core::UserId by, Timestamp at) {
  return Run(conn_,
             "UPDATE shield_review SET decided_at = $1, decided_by = $2, decision = $3 WHERE "
             "child_id = $4 AND decided_at IS NULL",
             at, by, decision, child);
}

Result<std::int64_t> ShieldRepository::AddLog(const ShieldingLogRow& l) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare("INSERT INTO shielding_log (child_id, uin, la_code, action, category, "
                          "action_on, requester_contact, relationship, confirmation_sent_on, "
                          "comments, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
                          "$7, $8, $9, $10, $11, $12) RETURNING id"));
  std::optional<std::int64_t> confirmed;
  if (l.confirmation_sent_on) confirmed = l.confirmation_sent_on->days();
  Bind(st, l.child_id, l.uin, l.la_code, core::ShieldingLogActionName(l.action), l.category,
       static_cast<std::int64_t>(l.action_on.days()), l.requester_contact, l.relationship,
       confirmed, l.comments, l.recorded_by, l.created_at);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert shielding_log returned no id");
  return st->Int(0);
}

Result<ShieldingLogRow> ShieldRepository::GetLog(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kLogColumns +
                                   " FROM shielding_log WHERE id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such log entry");
  return ReadLog(*st);
}

Result<std::vector<ShieldingLogRow>> ShieldRepository::Log(const std::string& la_code, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kLogColumns +
                                   " FROM shielding_log WHERE ($1 = '' OR la_code = $1) ORDER "
                                   "BY id DESC LIMIT $2"));
  Bind(st, la_code, limit);
  return ReadLogs(st);
}

Result<std::vector<ShieldingLogRow>> ShieldRepository::LogFor(core::ChildId child, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kLogColumns +
                                   " FROM shielding_log WHERE child_id = $1 ORDER BY id DESC "
                                   "LIMIT $2"));
  Bind(st, child, limit);
  return ReadLogs(st);
}

Status ShieldRepository::MarkConfirmationSent(std::int64_t log_id, Date on) {
  return Run(conn_, "UPDATE shielding_log SET confirmation_sent_on = $1 WHERE id = $2",
             static_cast<std::int64_t>(on.days()), log_id);
}

Status ShieldRepository::SetShielded(core::ChildId child, bool shielded, Timestamp at) {
  return Run(conn_,
             "UPDATE child SET shielded = $1, updated_at = $2, version = version + 1 WHERE "
             "id = $3",
             shielded, at, child);
}

Result<std::vector<core::ChildId>> ShieldRepository::SameAddress(core::ChildId child) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT o.id FROM child c JOIN child o ON o.postcode = "
                                   "c.postcode AND lower(o.address_line1) = "
                                   "lower(c.address_line1) WHERE c.id = $1 AND c.postcode <> '' "
                                   "AND o.id <> c.id AND o.archive_state = 'live' ORDER BY o.id"));
  Bind(st, child);
  std::vector<core::ChildId> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) return out;
    out.push_back(st->Int(0));
  }
}

}  // namespace cp::store
