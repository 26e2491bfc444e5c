#include "store/source_repository.h"

#include <string>
#include <utility>

#include "core/text_fold.h"

namespace cp::store {
namespace {

using core::DataSource;

// The columns every read returns, in the order ReadRow expects.
constexpr std::string_view kSelect =
    "SELECT id, name, body_type, kind, la_code, reliability_rank, accreditation, accredited_at, "
    "accreditation_withdrawn_at, agreement, agreement_activated_at, agreement_suspended_at, "
    "agreement_terminated_at, credential_issued_at, registered_at FROM data_source ";

// National sources (no LA) first, then by LA and name.
constexpr std::string_view kOrder = " ORDER BY COALESCE(la_code, ''), name_fold, id";

// Stored names outside the compiled lists were not written by this program:
// an Internal error, never a guess at a source's standing.
Result<DataSource> ReadRow(const Statement& st) {
  DataSource s;
  s.id = st.Int(0);
  s.name = st.String(1);
  auto body_type = core::SourceBodyTypeFromName(st.Text(2));
  auto kind = core::SupplierKindFromName(st.Text(3));
  auto accreditation = core::AccreditationStatusFromName(st.Text(6));
  auto agreement = core::AgreementStatusFromName(st.Text(9));
  if (!body_type || !kind || !accreditation || !agreement) {
    return Error::Internal("data_source " + std::to_string(s.id) + " holds an unknown name");
  }
  s.body_type = *body_type;
  s.kind = *kind;
  if (!st.IsNull(4)) s.la_code = st.String(4);
  s.reliability_rank = static_cast<int>(st.Int(5));
  s.accreditation = *accreditation;
  s.accredited_at = st.OptInt(7);
  s.accreditation_withdrawn_at = st.OptInt(8);
  s.agreement = *agreement;
  s.agreement_activated_at = st.OptInt(10);
  s.agreement_suspended_at = st.OptInt(11);
  s.agreement_terminated_at = st.OptInt(12);
  s.credential_issued_at = st.OptInt(13);
  s.registered_at = st.Int(14);
  return s;
}

Result<std::vector<DataSource>> ReadAll(Stmt& st) {
  std::vector<DataSource> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) return out;
    CP_ASSIGN(DataSource s, ReadRow(*st));
    out.push_back(std::move(s));
  }
}

std::optional<std::string> LaCode(const DataSource& s) {
  if (s.la_code.empty()) return std::nullopt;
  return s.la_code;
}

}  // namespace

Result<core::DataSourceId> SourceRepository::Insert(const DataSource& s,
                                                    std::optional<core::UserId> registered_by) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare("INSERT INTO data_source (name, name_fold, body_type, kind, la_code, "
                          "reliability_rank, registered_at, registered_by) VALUES ($1, $2, $3, "
                          "$4, $5, $6, $7, $8) RETURNING id"));
  Bind(st, s.name, core::FoldForSearch(s.name), core::SourceBodyTypeName(s.body_type),
       core::SupplierKindName(s.kind), LaCode(s), s.reliability_rank, s.registered_at,
       registered_by);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert data_source returned no id");
  return st->Int(0);
}

Result<DataSource> SourceRepository::Get(core::DataSourceId id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such data source");
  return ReadRow(*st);
}

Result<std::vector<DataSource>> SourceRepository::ListAll() {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + std::string(kOrder)));
  return ReadAll(st);
}

Result<std::vector<DataSource>> SourceRepository::ListForLocalAuthority(
    const std::string& la_code) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE la_code IS NULL OR la_code = $1" +
                                   std::string(kOrder)));
  Bind(st, la_code);
  return ReadAll(st);
}

Result<bool> SourceRepository::UpdateStanding(const DataSource& before, const DataSource& after) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare("UPDATE data_source SET accreditation = $1, accredited_at = $2, "
                          "accreditation_withdrawn_at = $3, agreement = $4, "
                          "agreement_activated_at = $5, agreement_suspended_at = $6, "
                          "agreement_terminated_at = $7 WHERE id = $8 AND accreditation = $9 "
                          "AND agreement = $10"));
  Bind(st, core::AccreditationStatusName(after.accreditation), after.accredited_at,
       after.accreditation_withdrawn_at, core::AgreementStatusName(after.agreement),
       after.agreement_activated_at, after.agreement_suspended_at, after.agreement_terminated_at,
       before.id, core::AccreditationStatusName(before.accreditation),
       core::AgreementStatusName(before.agreement));
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return st->RowsAffected() == 1;
}

Result<bool> SourceRepository::SetCredential(core::DataSourceId id, const std::string& hash,
                                             Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE data_source SET credential_hash = $1, "
                                   "credential_issued_at = $2 WHERE id = $3 AND "
                                   "agreement <> 'terminated'"));
  Bind(st, hash, at, id);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return st->RowsAffected() == 1;
}

Result<std::optional<DataSource>> SourceRepository::FindByCredential(const std::string& hash) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE credential_hash = $1"));
  Bind(st, hash);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<DataSource>();
  CP_ASSIGN(DataSource s, ReadRow(*st));
  return std::optional<DataSource>(std::move(s));
}

}  // namespace cp::store
