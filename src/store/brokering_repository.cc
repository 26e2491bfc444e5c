#include "store/brokering_repository.h"

#include <utility>

namespace cp::store {
namespace {

constexpr std::pair<BrokeringKind, std::string_view> kKindNames[] = {
    {BrokeringKind::kSensitiveServiceContact, "sensitive_service_contact"},
    {BrokeringKind::kShieldedRecordInformation, "shielded_record_information"}};

constexpr std::pair<BrokeringStatus, std::string_view> kStatusNames[] = {
    {BrokeringStatus::kReceived, "received"},
    {BrokeringStatus::kPassedOn, "passed_on"},
    {BrokeringStatus::kDisclosed, "disclosed"},
    {BrokeringStatus::kDeclined, "declined"},
    {BrokeringStatus::kClosed, "closed"}};

// The columns every read returns, in the order ReadRow expects.
constexpr std::string_view kSelect =
    "SELECT b.id, b.child_id, b.la_code, b.requester_user_id, b.mediator_id, b.kind, "
    "b.involvement_id, b.requester_contact, b.reason, b.status, b.created_at, b.passed_on_at, "
    "b.passed_on_by, b.passed_on_to, b.decided_at, b.decided_by, b.decision, "
    "b.decision_reasons, b.feedback_sent_on, b.closed_by, b.closed_at, u.display_name "
    "FROM brokering_request b JOIN user_account u ON u.id = b.requester_user_id ";

BrokeringRequestRow ReadRow(const Statement& st) {
  BrokeringRequestRow r;
  r.id = st.Int(0);
  r.child_id = st.Int(1);
  r.la_code = st.String(2);
  r.requester_user_id = st.Int(3);
  r.mediator_id = st.OptInt(4);
  // The CHECK constraints admit only the stored names.
  r.kind = BrokeringKindFromName(st.Text(5)).value_or(BrokeringKind::kSensitiveServiceContact);
  r.involvement_id = st.OptInt(6);
  r.requester_contact = st.String(7);
  r.reason = st.String(8);
  r.status = BrokeringStatusFromName(st.Text(9)).value_or(BrokeringStatus::kReceived);
  r.created_at = st.Int(10);
  r.passed_on_at = st.OptInt(11);
  r.passed_on_by = st.OptInt(12);
  r.passed_on_to = st.String(13);
  r.decided_at = st.OptInt(14);
  r.decided_by = st.OptInt(15);
  if (!st.IsNull(16)) r.disclosed = st.Text(16) == "disclosed";
  r.decision_reasons = st.String(17);
  if (auto day = st.OptInt(18))
    r.feedback_sent_on = Date::FromDays(static_cast<std::int32_t>(*day));
  r.closed_by = st.OptInt(19);
  r.closed_at = st.OptInt(20);
  r.requester_display_name = st.String(21);
  return r;
}

Result<std::vector<BrokeringRequestRow>> ReadAll(Stmt& st) {
  std::vector<BrokeringRequestRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) return out;
    out.push_back(ReadRow(*st));
  }
}

// Runs a conditional UPDATE; true when it changed the one row.
Result<bool> Applied(Stmt& st) {
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return st->RowsAffected() == 1;
}

}  // namespace

std::string_view BrokeringKindName(BrokeringKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "sensitive_service_contact";
}

std::optional<BrokeringKind> BrokeringKindFromName(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view BrokeringStatusName(BrokeringStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "received";
}

std::optional<BrokeringStatus> BrokeringStatusFromName(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

Result<std::int64_t> BrokeringRepository::Add(const BrokeringRequestRow& r) {
  CP_ASSIGN(Stmt st, conn_.Prepare("INSERT INTO brokering_request (child_id, la_code, "
                                   "requester_user_id, mediator_id, kind, involvement_id, "
                                   "requester_contact, reason, status, created_at) VALUES ($1, "
                                   "$2, $3, $4, $5, $6, $7, $8, 'received', $9) RETURNING id"));
  Bind(st, r.child_id, r.la_code, r.requester_user_id, r.mediator_id, BrokeringKindName(r.kind),
       r.involvement_id, r.requester_contact, r.reason, r.created_at);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert brokering_request returned no id");
  return st->Int(0);
}

Result<BrokeringRequestRow> BrokeringRepository::Get(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE b.id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such brokering request");
  return ReadRow(*st);
}

Result<std::vector<BrokeringRequestRow>> BrokeringRepository::ListOpen(const std::string& la_code) {
  // "status <> 'closed'" is spelt as in the partial index so that it is used.
  CP_ASSIGN(Stmt st,
            conn_.Prepare(std::string(kSelect) + "WHERE b.status <> 'closed' AND b.la_code = $1 "
                                                 "ORDER BY b.created_at, b.id"));
  Bind(st, la_code);
  return ReadAll(st);
}

Result<std::vector<BrokeringRequestRow>> BrokeringRepository::ForRequester(core::UserId user) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE b.requester_user_id = $1 "
                                                          "ORDER BY b.created_at DESC, b.id DESC"));
  Bind(st, user);
  return ReadAll(st);
}

Result<bool> BrokeringRepository::PassOn(std::int64_t id, core::UserId by, Timestamp at,
                                         const std::string& to_whom) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE brokering_request SET status = 'passed_on', "
                                   "passed_on_at = $1, passed_on_by = $2, passed_on_to = $3 "
                                   "WHERE id = $4 AND status = 'received'"));
  Bind(st, at, by, to_whom, id);
  return Applied(st);
}

Result<bool> BrokeringRepository::Decide(std::int64_t id, bool disclosed, core::UserId by,
                                         Timestamp at, const std::string& reasons) {
  // status and decision take the same name: the CHECK constraints tie them.
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE brokering_request SET status = $1, decision = $1, "
                                   "decided_at = $2, decided_by = $3, decision_reasons = $4 "
                                   "WHERE id = $5 AND status = 'passed_on'"));
  const BrokeringStatus to = disclosed ? BrokeringStatus::kDisclosed : BrokeringStatus::kDeclined;
  Bind(st, BrokeringStatusName(to), at, by, reasons, id);
  return Applied(st);
}

Result<bool> BrokeringRepository::Close(std::int64_t id, core::UserId by, Timestamp at, Date on) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE brokering_request SET status = 'closed', "
                                   "feedback_sent_on = $1, closed_by = $2, closed_at = $3 "
                                   "WHERE id = $4 AND status IN ('disclosed', 'declined')"));
  Bind(st, static_cast<std::int64_t>(on.days()), by, at, id);
  return Applied(st);
}

}  // namespace cp::store
