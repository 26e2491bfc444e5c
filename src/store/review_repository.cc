#include "store/review_repository.h"

#include <algorithm>
#include <utility>

namespace cp::store {
namespace {

constexpr std::pair<ReviewOutcome, std::string_view> kOutcomes[] = {
    {ReviewOutcome::kLinked, "linked"},
    {ReviewOutcome::kCreated, "created"},
    {ReviewOutcome::kNotSame, "not_same"}};

constexpr std::string_view kSelect =
    "SELECT r.id, r.contribution_id, r.la_code, r.candidates, r.created_at, r.decision, "
    "r.decided_child, r.decided_at, r.decided_by, c.source_id, s.name, c.source_record_id, "
    "c.fields, c.received_at, c.shield_flag "
    "FROM match_review r JOIN contribution c ON c.id = r.contribution_id "
    "JOIN data_source s ON s.id = c.source_id ";

MatchReviewRow ReadRow(const Statement& st) {
  MatchReviewRow r;
  r.id = st.Int(0);
  r.contribution_id = st.Int(1);
  r.la_code = st.String(2);
  r.candidates = st.String(3);
  r.created_at = st.Int(4);
  if (!st.IsNull(5)) r.decision = ReviewOutcomeFromName(st.Text(5));
  r.decided_child = st.OptInt(6);
  r.decided_at = st.OptInt(7);
  r.decided_by = st.OptInt(8);
  r.source_id = st.Int(9);
  r.source_name = st.String(10);
  r.source_record_id = st.String(11);
  r.fields = st.String(12);
  r.received_at = st.Int(13);
  r.shield_flag = st.Int(14) != 0;
  return r;
}

}  // namespace

std::string_view ReviewOutcomeName(ReviewOutcome o) {
  for (const auto& [value, name] : kOutcomes) {
    if (value == o) return name;
  }
  return "";
}

std::optional<ReviewOutcome> ReviewOutcomeFromName(std::string_view name) {
  for (const auto& [value, n] : kOutcomes) {
    if (n == name) return value;
  }
  return std::nullopt;
}

Result<std::vector<MatchReviewRow>> ReviewRepository::ListOpen(
    const std::optional<std::string>& la_code, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) +
                                   "WHERE r.decision IS NULL AND ($1 = 0 OR r.la_code = $2) "
                                   "ORDER BY r.created_at, r.id LIMIT $3"));
  Bind(st, la_code.has_value(), la_code.value_or(""), limit);
  std::vector<MatchReviewRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadRow(*st));
  }
  return out;
}

Result<MatchReviewRow> ReviewRepository::Get(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE r.id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such review");
  return ReadRow(*st);
}

Result<bool> ReviewRepository::LinkContribution(std::int64_t contribution_id, core::ChildId child) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE contribution SET state = 'linked', child_id = $2 "
                                   "WHERE id = $1 AND state = 'review' RETURNING id"));
  Bind(st, contribution_id, child);
  return st->Step();
}

Result<bool> ReviewRepository::Decide(std::int64_t id, ReviewOutcome outcome, core::ChildId child,
                                      core::UserId by, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE match_review SET decision = $2, decided_child = $3, "
                                   "decided_by = $4, decided_at = $5 "
                                   "WHERE id = $1 AND decision IS NULL RETURNING id"));
  Bind(st, id, ReviewOutcomeName(outcome), child, by, at);
  return st->Step();
}

Result<bool> ReviewRepository::ReportUnusable(const MatchReviewRow& review,
                                              const std::string& reason, core::UserId by,
                                              Timestamp at) {
  {
    CP_ASSIGN(Stmt st, conn_.Prepare("DELETE FROM match_review WHERE id = $1 AND "
                                     "decision IS NULL RETURNING id"));
    Bind(st, review.id);
    CP_ASSIGN(const bool open, st->Step());
    if (!open) return false;
  }
  CP_TRY(Run(conn_, "DELETE FROM contribution WHERE id = $1 AND state = 'review'",
             review.contribution_id));
  CP_TRY(Run(conn_,
             "INSERT INTO unusable_report (source_id, source_record_id, la_code, reason, "
             "received_at, reported_at, reported_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
             review.source_id, review.source_record_id, review.la_code, reason, review.received_at,
             at, by));
  return true;
}

Result<std::vector<UnusableReport>> ReviewRepository::UnusableReports(std::int64_t source_id,
                                                                      std::int64_t after_id,
                                                                      int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT id, source_id, source_record_id, la_code, reason, "
                                   "received_at, reported_at, reported_by FROM unusable_report "
                                   "WHERE source_id = $1 AND id > $2 ORDER BY id LIMIT $3"));
  Bind(st, source_id, after_id, limit);
  std::vector<UnusableReport> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Int(0), st->Int(1), st->String(2), st->String(3), st->String(4), st->Int(5),
                   st->Int(6), st->Int(7)});
  }
  return out;
}

Status ReviewRepository::AddDistinct(core::ChildId a, core::ChildId b,
                                     std::optional<std::int64_t> review_id, core::UserId by,
                                     Timestamp at) {
  return Run(conn_,
             "INSERT INTO distinct_child (child_a, child_b, review_id, decided_by, decided_at) "
             "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (child_a, child_b) DO NOTHING",
             std::min(a, b), std::max(a, b), review_id, by, at);
}

Result<bool> ReviewRepository::AreDistinct(core::ChildId a, core::ChildId b) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT 1 FROM distinct_child WHERE child_a = $1 AND "
                                   "child_b = $2"));
  Bind(st, std::min(a, b), std::max(a, b));
  return st->Step();
}

}  // namespace cp::store
