#include "store/investigation_repository.h"

#include <utility>

namespace cp::store {
namespace {

constexpr std::pair<InvestigationStatus, std::string_view> kStatusNames[] = {
    {InvestigationStatus::kOpen, "open"},
    {InvestigationStatus::kLegitimate, "legitimate"},
    {InvestigationStatus::kReferredMisuse, "referred_misuse"}};

// The columns every read returns, in the order ReadRow expects.
constexpr std::string_view kSelect =
    "SELECT i.id, i.child_id, i.la_code, i.user_id, i.mediator_id, i.reason, i.occurred_at, "
    "i.due_on, i.status, i.resolved_by, i.resolved_at, i.resolution_note, u.display_name "
    "FROM break_glass_investigation i JOIN user_account u ON u.id = i.user_id ";

InvestigationRow ReadRow(const Statement& st) {
  InvestigationRow r;
  r.id = st.Int(0);
  r.child_id = st.Int(1);
  r.la_code = st.String(2);
  r.user_id = st.Int(3);
  r.mediator_id = st.OptInt(4);
  r.reason = st.String(5);
  r.occurred_at = st.Int(6);
  r.due_on = Date::FromDays(static_cast<std::int32_t>(st.Int(7)));
  // The CHECK constraint admits only the three names.
  r.status = InvestigationStatusFromName(st.Text(8)).value_or(InvestigationStatus::kOpen);
  r.resolved_by = st.OptInt(9);
  r.resolved_at = st.OptInt(10);
  r.resolution_note = st.String(11);
  r.user_display_name = st.String(12);
  return r;
}

Result<std::vector<InvestigationRow>> ReadAll(Stmt& st) {
  std::vector<InvestigationRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadRow(*st));
  }
  return out;
}

}  // namespace

std::string_view InvestigationStatusName(InvestigationStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "open";
}

std::optional<InvestigationStatus> InvestigationStatusFromName(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

Result<std::int64_t> InvestigationRepository::Open(const InvestigationRow& r) {
  CP_ASSIGN(Stmt st, conn_.Prepare("INSERT INTO break_glass_investigation (child_id, la_code, "
                                   "user_id, mediator_id, reason, occurred_at, due_on, status) "
                                   "VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') RETURNING id"));
  Bind(st, r.child_id, r.la_code, r.user_id, r.mediator_id, r.reason, r.occurred_at,
       static_cast<std::int64_t>(r.due_on.days()));
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert break_glass_investigation returned no id");
  return st->Int(0);
}

Result<std::vector<InvestigationRow>> InvestigationRepository::ListOpen(
    const std::optional<std::string>& la_code) {
  // "status = 'open'" is spelt as in the partial index so that it is used.
  if (la_code) {
    CP_ASSIGN(Stmt st,
              conn_.Prepare(std::string(kSelect) + "WHERE i.status = 'open' AND i.la_code = $1 "
                                                   "ORDER BY i.due_on, i.occurred_at, i.id"));
    Bind(st, *la_code);
    return ReadAll(st);
  }
  CP_ASSIGN(Stmt st,
            conn_.Prepare(std::string(kSelect) + "WHERE i.status = 'open' "
                                                 "ORDER BY i.due_on, i.occurred_at, i.id"));
  return ReadAll(st);
}

Result<InvestigationRow> InvestigationRepository::Get(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE i.id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such investigation");
  return ReadRow(*st);
}

Status InvestigationRepository::Resolve(std::int64_t id, InvestigationStatus status,
                                        core::UserId by, Timestamp at, const std::string& note) {
  if (status == InvestigationStatus::kOpen) {
    return Error::Invalid("status", "Choose how the investigation was resolved");
  }
  // Only an open investigation changes, so two resolvers cannot both win.
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE break_glass_investigation SET status = $1, "
                                   "resolved_by = $2, resolved_at = $3, resolution_note = $4 "
                                   "WHERE id = $5 AND status = 'open'"));
  Bind(st, InvestigationStatusName(status), by, at, note, id);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  if (st->RowsAffected() == 1) return Ok();
  CP_ASSIGN(InvestigationRow existing, Get(id));
  (void)existing;
  return Error::Precondition("This investigation has already been resolved");
}

}  // namespace cp::store
