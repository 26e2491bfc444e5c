#include "store/new_record_request_repository.h"

#include <utility>

#include "core/text_fold.h"

namespace cp::store {
namespace {

constexpr std::pair<NewRecordStatus, std::string_view> kStatusNames[] = {
    {NewRecordStatus::kReceived, "received"},
    {NewRecordStatus::kRecordExists, "record_exists"},
    {NewRecordStatus::kCreated, "created"},
    {NewRecordStatus::kRefused, "refused"}};

// The columns every read returns, in the order ReadRow expects.
constexpr std::string_view kSelect =
    "SELECT r.id, r.requester_user_id, r.mediator_id, r.la_code, r.la_basis, r.forenames, "
    "r.surname, r.known_as_surname, r.previous_surname, r.gender, r.date_of_birth, "
    "r.address_line1, r.address_line2, r.address_line3, r.town, r.postcode, r.parent_forenames, "
    "r.parent_surname, r.parent_relationship, r.parent_phone, r.school, r.gp_practice, r.reason, "
    "r.status, r.created_at, r.searched_at, r.searched_by, r.decided_at, r.decided_by, "
    "r.child_id, r.outcome_uin, r.refusal_reasons, u.display_name "
    "FROM new_record_request r JOIN user_account u ON u.id = r.requester_user_id ";

NewRecordDetails ReadDetails(const Statement& st) {
  NewRecordDetails d;
  d.forenames = st.String(5);
  d.surname = st.String(6);
  d.known_as_surname = st.String(7);
  d.previous_surname = st.String(8);
  // The CHECK constraint admits only the four codes.
  d.gender = static_cast<core::Gender>(st.Int(9));
  d.date_of_birth = Date::FromDays(static_cast<std::int32_t>(st.Int(10)));
  d.address = {st.String(11), st.String(12), st.String(13), st.String(14), st.String(15)};
  d.parent_forenames = st.String(16);
  d.parent_surname = st.String(17);
  d.parent_relationship = st.String(18);
  d.parent_phone = st.String(19);
  d.school = st.String(20);
  d.gp_practice = st.String(21);
  return d;
}

NewRecordRequestRow ReadRow(const Statement& st) {
  NewRecordRequestRow r;
  r.id = st.Int(0);
  r.requester_user_id = st.Int(1);
  r.mediator_id = st.OptInt(2);
  r.la_code = st.String(3);
  r.la_basis = st.Text(4) == "address" ? LaBasis::kAddress : LaBasis::kRequester;
  r.details = ReadDetails(st);
  r.reason = st.String(22);
  r.status = NewRecordStatusFromName(st.Text(23)).value_or(NewRecordStatus::kReceived);
  r.created_at = st.Int(24);
  r.searched_at = st.OptInt(25);
  r.searched_by = st.OptInt(26);
  r.decided_at = st.OptInt(27);
  r.decided_by = st.OptInt(28);
  r.child_id = st.OptInt(29);
  r.outcome_uin = st.OptInt(30);
  r.refusal_reasons = st.String(31);
  r.requester_display_name = st.String(32);
  return r;
}

Result<std::vector<NewRecordRequestRow>> ReadAll(Stmt& st) {
  std::vector<NewRecordRequestRow> out;
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

std::string_view NewRecordStatusName(NewRecordStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "received";
}

std::optional<NewRecordStatus> NewRecordStatusFromName(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

std::string_view LaBasisName(LaBasis basis) {
  return basis == LaBasis::kAddress ? "address" : "requester";
}

Result<std::int64_t> NewRecordRequestRepository::Add(const NewRecordRequestRow& r) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare("INSERT INTO new_record_request (requester_user_id, mediator_id, "
                          "la_code, la_basis, forenames, surname, known_as_surname, "
                          "previous_surname, gender, date_of_birth, address_line1, address_line2, "
                          "address_line3, town, postcode, parent_forenames, parent_surname, "
                          "parent_relationship, parent_phone, school, gp_practice, reason, "
                          "status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                          "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, "
                          "'received', $23) RETURNING id"));
  const NewRecordDetails& d = r.details;
  Bind(st, r.requester_user_id, r.mediator_id, r.la_code, LaBasisName(r.la_basis), d.forenames,
       d.surname, d.known_as_surname, d.previous_surname, static_cast<int>(d.gender),
       d.date_of_birth.days(), d.address.line1, d.address.line2, d.address.line3, d.address.town,
       d.address.postcode, d.parent_forenames, d.parent_surname, d.parent_relationship,
       d.parent_phone, d.school, d.gp_practice, r.reason, r.created_at);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert new_record_request returned no id");
  return st->Int(0);
}

Result<NewRecordRequestRow> NewRecordRequestRepository::Get(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE r.id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such request for a new record");
  return ReadRow(*st);
}

Result<std::vector<NewRecordRequestRow>> NewRecordRequestRepository::ListReceived(
    const std::string& la_code) {
  // "status = 'received'" is spelt as in the partial index so that it is used.
  CP_ASSIGN(Stmt st,
            conn_.Prepare(std::string(kSelect) + "WHERE r.status = 'received' AND r.la_code = $1 "
                                                 "ORDER BY r.created_at, r.id"));
  Bind(st, la_code);
  return ReadAll(st);
}

Result<std::vector<NewRecordRequestRow>> NewRecordRequestRepository::ForRequester(
    core::UserId user) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE r.requester_user_id = $1 "
                                                          "ORDER BY r.created_at DESC, r.id DESC"));
  Bind(st, user);
  return ReadAll(st);
}

Result<bool> NewRecordRequestRepository::MarkSearched(std::int64_t id, core::UserId by,
                                                      Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE new_record_request SET searched_at = $1, "
                                   "searched_by = $2 WHERE id = $3 AND status = 'received'"));
  Bind(st, at, by, id);
  return Applied(st);
}

Result<bool> NewRecordRequestRepository::DecideExists(std::int64_t id, core::ChildId child,
                                                      std::optional<std::int64_t> uin,
                                                      core::UserId by, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE new_record_request SET status = 'record_exists', "
                                   "child_id = $1, outcome_uin = $2, decided_at = $3, "
                                   "decided_by = $4 WHERE id = $5 AND status = 'received' AND "
                                   "searched_at IS NOT NULL"));
  Bind(st, child, uin, at, by, id);
  return Applied(st);
}

Result<bool> NewRecordRequestRepository::DecideCreated(std::int64_t id, core::ChildId child,
                                                       std::int64_t uin, core::UserId by,
                                                       Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE new_record_request SET status = 'created', "
                                   "child_id = $1, outcome_uin = $2, decided_at = $3, "
                                   "decided_by = $4 WHERE id = $5 AND status = 'received' AND "
                                   "searched_at IS NOT NULL"));
  Bind(st, child, uin, at, by, id);
  return Applied(st);
}

Result<bool> NewRecordRequestRepository::Refuse(std::int64_t id, const std::string& reasons,
                                                core::UserId by, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE new_record_request SET status = 'refused', "
                                   "refusal_reasons = $1, decided_at = $2, decided_by = $3 "
                                   "WHERE id = $4 AND status = 'received' AND "
                                   "searched_at IS NOT NULL"));
  Bind(st, reasons, at, by, id);
  return Applied(st);
}

Result<std::vector<core::ChildId>> NewRecordRequestRepository::FindCandidates(
    const std::string& surname, Date born, Date or_born, const std::string& postcode,
    CandidateScope scope, int limit) {
  // Three blocks, each served by an index: surname and date of birth
  // (child_surname_dob), another surname and date of birth
  // (child_name_surname), the postcode (child_address).
  CP_ASSIGN(Stmt st,
            conn_.Prepare("SELECT id FROM child WHERE surname_fold = $1 AND date_of_birth IN "
                          "($2, $3) AND ($5 = 1 OR archive_state <> 'live') "
                          "UNION "
                          "SELECT c.id FROM child_name n JOIN child c ON c.id = n.child_id "
                          "WHERE n.surname_fold = $1 AND c.date_of_birth IN ($2, $3) AND "
                          "($5 = 1 OR c.archive_state <> 'live') "
                          "UNION "
                          "SELECT id FROM child WHERE postcode = $4 AND $4 <> '' AND "
                          "(surname_fold = $1 OR date_of_birth IN ($2, $3)) AND "
                          "($5 = 1 OR archive_state <> 'live') "
                          "ORDER BY 1 LIMIT $6"));
  Bind(st, core::FoldForSearch(surname), born.days(), or_born.days(), postcode,
       scope == CandidateScope::kEveryRecord ? 1 : 0, limit);
  std::vector<core::ChildId> ids;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) return ids;
    ids.push_back(st->Int(0));
  }
}

}  // namespace cp::store
