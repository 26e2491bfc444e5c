#include "store/account_repository.h"

#include "core/text_fold.h"

namespace cp::store {
namespace {

constexpr const char* kColumns =
    "id, username, display_name, email, role, extra_rights, organisation_id, la_code, status, "
    "status_reason, status_changed_at, password_hash, password_set_at, totp_secret, "
    "totp_last_step, token_state, crb_issued_on, crb_evidence, accredited_training_on, "
    "other_training_on, need_for_access, vbs_number, staff_manager_name, staff_manager_email, "
    "demo, created_at, created_by, last_sign_in_at";

core::Rights ParseRights(std::string_view list) {
  core::Rights rights;
  while (!list.empty()) {
    const std::size_t comma = std::min(list.find(','), list.size());
    if (auto r = core::RightFromName(list.substr(0, comma))) rights = rights.With({*r});
    list.remove_prefix(std::min(comma + 1, list.size()));
  }
  return rights;
}

std::optional<Date> DateOrNone(std::int64_t days) {
  if (days == 0) return std::nullopt;
  return Date::FromDays(static_cast<std::int32_t>(days));
}

core::UserAccount Read(const Statement& st) {
  core::UserAccount a;
  a.id = st.Int(0);
  a.username = st.String(1);
  a.display_name = st.String(2);
  a.email = st.String(3);
  a.role = core::RoleFromName(st.Text(4)).value_or(core::Role::kPractitioner);
  a.extra_rights = ParseRights(st.Text(5));
  a.organisation_id = st.OptInt(6);
  a.la_code = st.String(7);
  a.status = core::AccountStatusFromName(st.Text(8)).value_or(core::AccountStatus::kClosed);
  a.status_reason = st.String(9);
  a.status_changed_at = st.Int(10);
  a.password_hash = st.String(11);
  a.password_set_at = st.Int(12);
  a.totp_secret_sealed = st.String(13);
  a.totp_last_step = st.Int(14);
  a.token_state = st.String(15);
  a.conditions.crb_issued_on = DateOrNone(st.Int(16));
  a.conditions.crb_evidence =
      core::CrbEvidenceFromName(st.Text(17)).value_or(core::CrbEvidence::kDisclosureSeen);
  a.conditions.accredited_training_on = DateOrNone(st.Int(18));
  a.conditions.other_training_on = DateOrNone(st.Int(19));
  a.conditions.need_for_access = st.String(20);
  a.conditions.vbs_number = st.String(21);
  a.staff_manager_name = st.String(22);
  a.staff_manager_email = st.String(23);
  a.demo = st.Int(24) != 0;
  a.created_at = st.Int(25);
  a.created_by = st.OptInt(26);
  a.last_sign_in_at = st.OptInt(27);
  return a;
}

std::int64_t Days(const std::optional<Date>& d) { return d ? d->days() : 0; }

}  // namespace

Result<core::UserId> AccountRepository::Insert(core::UserAccount& a) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare(
                "INSERT INTO user_account (username, username_fold, display_name, email, role, "
                "extra_rights, organisation_id, la_code, status, status_reason, "
                "status_changed_at, password_hash, password_set_at, totp_secret, "
                "totp_last_step, token_state, crb_issued_on, crb_evidence, "
                "accredited_training_on, other_training_on, need_for_access, vbs_number, "
                "staff_manager_name, staff_manager_email, demo, created_at, created_by) VALUES "
                "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
                "$19, $20, $21, $22, $23, $24, $25, $26, $27) RETURNING id"));
  Bind(st, a.username, core::FoldForSearch(a.username), a.display_name, a.email,
       core::RoleName(a.role), core::RightsToList(a.extra_rights), a.organisation_id, a.la_code,
       core::AccountStatusName(a.status), a.status_reason, a.status_changed_at, a.password_hash,
       a.password_set_at, a.totp_secret_sealed, a.totp_last_step, a.token_state,
       Days(a.conditions.crb_issued_on), core::CrbEvidenceName(a.conditions.crb_evidence),
       Days(a.conditions.accredited_training_on), Days(a.conditions.other_training_on),
       a.conditions.need_for_access, a.conditions.vbs_number, a.staff_manager_name,
       a.staff_manager_email, a.demo, a.created_at, a.created_by);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert user returned no id");
  a.id = st->Int(0);
  return a.id;
}

Result<core::UserAccount> AccountRepository::Get(core::UserId id) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare(std::string("SELECT ") + kColumns + " FROM user_account WHERE id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("No such user");
  return Read(*st);
}

Result<std::optional<core::UserAccount>> AccountRepository::FindByUsername(
    const std::string& username) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kColumns +
                                   " FROM user_account WHERE username_fold = $1"));
  Bind(st, core::FoldForSearch(username));
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<core::UserAccount>();
  return std::optional<core::UserAccount>(Read(*st));
}

Result<std::vector<core::UserAccount>> AccountRepository::List(int limit, int offset) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kColumns +
                                   " FROM user_account ORDER BY id LIMIT $1 OFFSET $2"));
  Bind(st, limit, offset);
  std::vector<core::UserAccount> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(Read(*st));
  }
  return out;
}

Status AccountRepository::SetStatus(core::UserId id, core::AccountStatus status,
                                    const std::string& reason, Timestamp at) {
  return Run(conn_,
             "UPDATE user_account SET status = $1, status_reason = $2, status_changed_at = $3 "
             "WHERE id = $4",
             core::AccountStatusName(status), reason, at, id);
}

Status AccountRepository::SetPassword(core::UserId id, const std::string& hash, Timestamp at) {
  return Run(conn_,
             "UPDATE user_account SET password_hash = $1, password_set_at = $2 WHERE id = $3", hash,
             at, id);
}

Status AccountRepository::SetTotpSecret(core::UserId id, const std::string& sealed) {
  return Run(conn_, "UPDATE user_account SET totp_secret = $1, totp_last_step = 0 WHERE id = $2",
             sealed, id);
}

Status AccountRepository::SetTokenState(core::UserId id, const std::string& state) {
  return Run(conn_, "UPDATE user_account SET token_state = $1 WHERE id = $2", state, id);
}

Result<bool> AccountRepository::AcceptTotpStep(core::UserId id, std::int64_t step) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE user_account SET totp_last_step = $1 "
                                   "WHERE id = $2 AND totp_last_step < $1"));
  Bind(st, step, id);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return st->RowsAffected() == 1;
}

Status AccountRepository::SetLastSignIn(core::UserId id, Timestamp at) {
  return Run(conn_, "UPDATE user_account SET last_sign_in_at = $1 WHERE id = $2", at, id);
}

Status AccountRepository::RecordFailure(core::UserId id, Timestamp at) {
  return Run(conn_, "INSERT INTO sign_in_failure (user_id, at) VALUES ($1, $2)", id, at);
}

Result<std::vector<Timestamp>> AccountRepository::FailuresSince(core::UserId id, Timestamp since) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT at FROM sign_in_failure WHERE user_id = $1 AND "
                                   "at >= $2 ORDER BY at"));
  Bind(st, id, since);
  std::vector<Timestamp> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(st->Int(0));
  }
  return out;
}

Status AccountRepository::ClearFailures(core::UserId id) {
  return Run(conn_, "DELETE FROM sign_in_failure WHERE user_id = $1", id);
}

Result<std::optional<std::string>> AccountRepository::Setting(const std::string& name) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT value FROM system_setting WHERE name = $1"));
  Bind(st, name);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st->String(0));
}

Status AccountRepository::SetSetting(const std::string& name, const std::string& value) {
  return Run(conn_,
             "INSERT INTO system_setting (name, value) VALUES ($1, $2) "
             "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
             name, value);
}

}  // namespace cp::store
