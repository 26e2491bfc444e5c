#include "store/amendment_repository.h"

namespace cp::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT a.id, a.child_id, a.la_code, a.item, a.previous, a.proposed, a.verification, "
    "a.requested_by, a.mediated_by, a.route, a.requested_at, a.record_version, a.status, "
    "a.conflict, a.decided_by, a.decided_at, a.decision_reason, a.contribution_id, "
    "u.display_name, c.uin "
    "FROM record_amendment a JOIN user_account u ON u.id = a.requested_by "
    "JOIN child c ON c.id = a.child_id ";

AmendmentRow ReadRow(const Statement& st) {
  AmendmentRow r;
  r.id = st.Int(0);
  r.child_id = st.Int(1);
  r.la_code = st.String(2);
  r.item = core::ItemFromName(st.Text(3)).value_or(core::Item::kAddress);
  r.previous = st.String(4);
  r.proposed = st.String(5);
  r.verification = st.String(6);
  r.requested_by = st.Int(7);
  r.mediated_by = st.OptInt(8);
  r.route = st.String(9);
  r.requested_at = st.Int(10);
  r.record_version = st.Int(11);
  r.status = core::AmendmentStatusFromName(st.Text(12)).value_or(core::AmendmentStatus::kPending);
  r.conflict =
      core::AmendmentConflictFromName(st.Text(13)).value_or(core::AmendmentConflict::kNone);
  r.decided_by = st.OptInt(14);
  r.decided_at = st.OptInt(15);
  r.decision_reason = st.String(16);
  r.contribution_id = st.OptInt(17);
  r.requester_name = st.String(18);
  r.uin = st.Int(19);
  return r;
}

Result<std::vector<AmendmentRow>> ReadAll(Stmt& st) {
  std::vector<AmendmentRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadRow(*st));
  }
  return out;
}

}  // namespace

Result<std::int64_t> AmendmentRepository::Insert(const AmendmentRow& r) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare("INSERT INTO record_amendment (child_id, la_code, item, previous, "
                          "proposed, verification, requested_by, mediated_by, route, "
                          "requested_at, record_version, status, conflict, contribution_id) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
                          "RETURNING id"));
  Bind(st, r.child_id, r.la_code, core::ItemName(r.item), r.previous, r.proposed, r.verification,
       r.requested_by, r.mediated_by, r.route, r.requested_at, r.record_version,
       core::AmendmentStatusName(r.status), core::AmendmentConflictName(r.conflict),
       r.contribution_id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("The amendment was not stored");
  return st->Int(0);
}

Result<AmendmentRow> AmendmentRepository::Get(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE a.id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such amendment");
  return ReadRow(*st);
}

Result<std::vector<AmendmentRow>> AmendmentRepository::ListPending(
    const std::optional<std::string>& la_code, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) +
                                   "WHERE a.status = 'pending' AND ($1 = 0 OR a.la_code = $2) "
                                   "ORDER BY a.requested_at, a.id LIMIT $3"));
  Bind(st, la_code.has_value(), la_code.value_or(""), limit);
  return ReadAll(st);
}

Result<std::vector<AmendmentRow>> AmendmentRepository::ListByRequester(
    core::UserId user, std::optional<core::ChildId> child, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) +
                                   "WHERE a.requested_by = $1 AND ($2 = 0 OR a.child_id = $3) "
                                   "ORDER BY a.requested_at DESC, a.id DESC LIMIT $4"));
  Bind(st, user, child.has_value(), child.value_or(0), limit);
  return ReadAll(st);
}

Result<bool> AmendmentRepository::Decide(std::int64_t id, core::AmendmentStatus status,
                                         core::UserId by, Timestamp at, const std::string& reason,
                                         std::optional<std::int64_t> contribution_id) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE record_amendment SET status = $2, decided_by = $3, "
                                   "decided_at = $4, decision_reason = $5, contribution_id = $6 "
                                   "WHERE id = $1 AND status = 'pending'"));
  Bind(st, id, core::AmendmentStatusName(status), by, at, reason, contribution_id);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return st->RowsAffected() == 1;
}

Result<std::optional<std::int64_t>> AmendmentRepository::SourceOf(const std::string& la_code) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT source_id FROM amendment_source WHERE la_code = $1"));
  Bind(st, la_code);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(st->Int(0));
}

Status AmendmentRepository::AddSource(const std::string& la_code, std::int64_t source_id) {
  return Run(conn_, "INSERT INTO amendment_source (la_code, source_id) VALUES ($1, $2)", la_code,
             source_id);
}

Result<bool> AmendmentRepository::IsAmendmentSource(std::int64_t source_id) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT 1 FROM amendment_source WHERE source_id = $1"));
  Bind(st, source_id);
  CP_ASSIGN(bool row, st->Step());
  return row;
}

}  // namespace cp::store
