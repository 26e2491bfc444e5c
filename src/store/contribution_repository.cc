#include "store/contribution_repository.h"

#include <algorithm>

namespace cp::store {
namespace {

constexpr const char* kContributionColumns =
    "c.id, c.source_id, c.source_record_id, c.child_id, c.state, c.fields, c.upload_id, "
    "c.received_at, s.reliability_rank, c.shield_flag, c.upload_row";

ContributionRow ReadContribution(const Statement& st) {
  ContributionRow r;
  r.id = st.Int(0);
  r.source_id = st.Int(1);
  r.source_record_id = st.String(2);
  r.child_id = st.OptInt(3);
  r.state = st.String(4) == "review" ? ContributionState::kReview : ContributionState::kLinked;
  r.fields = st.String(5);
  r.upload_id = st.OptInt(6);
  r.received_at = st.Int(7);
  r.reliability_rank = static_cast<int>(st.Int(8));
  r.shield_flag = st.Int(9) != 0;
  r.upload_row = st.Int(10);
  return r;
}

const char* StateName(ContributionState s) {
  return s == ContributionState::kReview ? "review" : "linked";
}

}  // namespace

Result<std::optional<ContributionRow>> ContributionRepository::Find(
    std::int64_t source_id, const std::string& source_record_id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kContributionColumns +
                                   " FROM contribution c JOIN data_source s ON s.id = c.source_id "
                                   "WHERE c.source_id = $1 AND c.source_record_id = $2"));
  Bind(st, source_id, source_record_id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<ContributionRow>();
  return std::optional<ContributionRow>(ReadContribution(*st));
}

Result<std::int64_t> ContributionRepository::Insert(const ContributionRow& r) {
  CP_ASSIGN(Stmt st, conn_.Prepare("INSERT INTO contribution (source_id, source_record_id, "
                                   "child_id, state, fields, upload_id, received_at, shield_flag, "
                                   "upload_row) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                                   "RETURNING id"));
  Bind(st, r.source_id, r.source_record_id, r.child_id, StateName(r.state), r.fields, r.upload_id,
       r.received_at, r.shield_flag, r.upload_row);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("The contribution was not stored");
  return st->Int(0);
}

Status ContributionRepository::UpdateFields(std::int64_t id, const std::string& fields,
                                            bool shield_flag, std::optional<std::int64_t> upload_id,
                                            Timestamp received_at, std::int64_t upload_row) {
  return Run(conn_,
             "UPDATE contribution SET fields = $2, shield_flag = $3, upload_id = $4, "
             "received_at = $5, upload_row = $6 WHERE id = $1",
             id, fields, shield_flag, upload_id, received_at, upload_row);
}

std::int64_t StatementOrder(const ContributionRow& row) {
  if (!row.upload_id) return row.id;
  return StatementOrder(*row.upload_id, row.upload_row);
}

std::int64_t StatementOrder(std::int64_t upload_id, std::int64_t upload_row) {
  return (upload_id << 32) + upload_row;
}

Result<std::vector<core::ChildId>> ContributionRepository::ShieldFlagged(std::int64_t upload_id) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT DISTINCT child_id FROM contribution WHERE upload_id = "
                                   "$1 AND shield_flag = 1 AND child_id IS NOT NULL "
                                   "ORDER BY child_id"));
  Bind(st, upload_id);
  std::vector<core::ChildId> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(st->Int(0));
  }
  return out;
}

Result<std::vector<ContributionRow>> ContributionRepository::ForChild(core::ChildId child) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kContributionColumns +
                                   " FROM contribution c JOIN data_source s ON s.id = c.source_id "
                                   "WHERE c.child_id = $1 ORDER BY c.id"));
  Bind(st, child);
  std::vector<ContributionRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadContribution(*st));
  }
  return out;
}

Status ContributionRepository::AddReview(std::int64_t contribution_id, const std::string& la_code,
                                         const std::string& candidates, Timestamp at) {
  return Run(conn_,
             "INSERT INTO match_review (contribution_id, la_code, candidates, created_at) "
             "VALUES ($1, $2, $3, $4)",
             contribution_id, la_code, candidates, at);
}

Result<std::int64_t> ContributionRepository::CountOpenReviews(const std::string& la_code) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT COUNT(*) FROM match_review "
                                   "WHERE la_code = $1 AND decision IS NULL"));
  Bind(st, la_code);
  CP_ASSIGN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

Status ContributionRepository::SetMismatches(std::int64_t source_id,
                                             const std::string& source_record_id,
                                             const std::vector<core::Item>& items, Timestamp at) {
  CP_ASSIGN(const std::vector<core::Item> noticed, Mismatches(source_id, source_record_id));
  return ReplaceMismatches(source_id, source_record_id, items, noticed, at);
}

Status ContributionRepository::ReplaceMismatches(std::int64_t source_id,
                                                 const std::string& source_record_id,
                                                 const std::vector<core::Item>& items,
                                                 const std::vector<core::Item>& noticed,
                                                 Timestamp at) {
  for (core::Item item : noticed) {
    if (std::find(items.begin(), items.end(), item) != items.end()) continue;
    CP_TRY(Run(conn_,
               "DELETE FROM source_mismatch WHERE source_id = $1 AND source_record_id = $2 "
               "AND item = $3",
               source_id, source_record_id, core::ItemName(item)));
  }
  for (core::Item item : items) {
    if (std::find(noticed.begin(), noticed.end(), item) != noticed.end()) continue;
    CP_TRY(Run(conn_,
               "INSERT INTO source_mismatch (source_id, source_record_id, item, noticed_at) "
               "VALUES ($1, $2, $3, $4)",
               source_id, source_record_id, core::ItemName(item), at));
  }
  return Ok();
}

Result<std::vector<core::Item>> ContributionRepository::Mismatches(
    std::int64_t source_id, const std::string& source_record_id) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT item FROM source_mismatch WHERE source_id = $1 AND "
                                   "source_record_id = $2 ORDER BY item"));
  Bind(st, source_id, source_record_id);
  std::vector<core::Item> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    if (auto item = core::ItemFromName(st->Text(0))) out.push_back(*item);
  }
  return out;
}

Result<std::vector<MismatchNotice>> ContributionRepository::MismatchesForSource(
    std::int64_t source_id, std::int64_t after_id, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT id, source_record_id, item, noticed_at FROM "
                                   "source_mismatch WHERE source_id = $1 AND id > $2 "
                                   "ORDER BY id LIMIT $3"));
  Bind(st, source_id, after_id, limit);
  std::vector<MismatchNotice> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    if (auto item = core::ItemFromName(st->Text(2))) {
      out.push_back({st->Int(0), st->String(1), *item, st->Int(3)});
    }
  }
  return out;
}

namespace {
constexpr const char* kUploadColumns =
    "id, source_id, status, rows_done, rows_accepted, rows_rejected, rows_linked, rows_created, "
    "rows_review, lookahead";
UploadRow ReadUpload(const Statement& st) {
  return {st.Int(0), st.Int(1), st.String(2), st.Int(3), st.Int(4),
          st.Int(5), st.Int(6), st.Int(7),    st.Int(8), st.String(9)};
}
}  // namespace

Result<std::optional<UploadRow>> ContributionRepository::FindUnfinishedUpload(
    std::int64_t source_id, const std::string& file_sha256) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kUploadColumns +
                                   " FROM data_upload WHERE source_id = $1 AND file_sha256 = $2 "
                                   "AND status IN ('received', 'processing') ORDER BY id LIMIT 1"));
  Bind(st, source_id, file_sha256);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<UploadRow>();
  return std::optional<UploadRow>(ReadUpload(*st));
}

Result<std::int64_t> ContributionRepository::StartUpload(std::int64_t source_id,
                                                         const std::string& file_name,
                                                         const std::string& format,
                                                         const std::string& file_sha256,
                                                         Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("INSERT INTO data_upload (source_id, received_at, file_name, "
                                   "format, status, file_sha256) VALUES ($1, $2, $3, $4, "
                                   "'processing', $5) RETURNING id"));
  Bind(st, source_id, at, file_name, format, file_sha256);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("The upload was not stored");
  return st->Int(0);
}

Status ContributionRepository::SaveProgress(const UploadRow& u) {
  return Run(conn_,
             "UPDATE data_upload SET rows_done = $2, rows_accepted = $3, rows_rejected = $4, "
             "rows_linked = $5, rows_created = $6, rows_review = $7, lookahead = $8 WHERE id = $1",
             u.id, u.rows_done, u.rows_accepted, u.rows_rejected, u.rows_linked, u.rows_created,
             u.rows_review, u.lookahead);
}

Status ContributionRepository::FinishUpload(std::int64_t upload_id, const std::string& status,
                                            Timestamp at) {
  return Run(conn_,
             "UPDATE data_upload SET status = $2, finished_at = $3, lookahead = '' WHERE id = $1",
             upload_id, status, at);
}

Result<UploadRow> ContributionRepository::GetUpload(std::int64_t upload_id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kUploadColumns +
                                   " FROM data_upload WHERE id = $1"));
  Bind(st, upload_id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("No such upload");
  return ReadUpload(*st);
}

Status ContributionRepository::AddRejection(std::int64_t upload_id, std::int64_t row,
                                            const std::string& field, const std::string& problem) {
  return Run(conn_,
             "INSERT INTO upload_rejection (upload_id, row_number, field, problem) VALUES ($1, "
             "$2, $3, $4) ON CONFLICT (upload_id, row_number) DO NOTHING",
             upload_id, row, field, problem);
}

Result<std::int64_t> ReserveUinSequence(Connection& conn, std::int64_t count) {
  CP_ASSIGN(Stmt st, conn.Prepare("UPDATE uin_sequence SET next_value = next_value + $1 "
                                  "WHERE name = 'issued' RETURNING next_value"));
  Bind(st, count);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("The UIN sequence is missing");
  return st->Int(0) - count;
}

Result<std::int64_t> UinIssuer::Next() {
  if (issued_ == 0) {
    CP_ASSIGN(next_, ReserveUinSequence(conn_, 0));
  }
  ++issued_;
  return next_++;
}

Status UinIssuer::Settle() {
  if (issued_ == 0) return Ok();
  CP_TRY(Run(conn_, "UPDATE uin_sequence SET next_value = $1 WHERE name = 'issued'", next_));
  issued_ = 0;
  return Ok();
}

}  // namespace cp::store
