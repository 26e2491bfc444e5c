#include "store/merge_repository.h"

#include <utility>

namespace cp::store {
namespace {

constexpr std::pair<MergeGuard, std::string_view> kGuards[] = {
    {MergeGuard::kNone, "none"},
    {MergeGuard::kSibling, "sibling"},
    {MergeGuard::kKnownDistinct, "known_distinct"}};

MergeGuard GuardFromName(std::string_view name) {
  for (const auto& [value, n] : kGuards) {
    if (n == name) return value;
  }
  return MergeGuard::kNone;
}

constexpr std::string_view kSelect =
    "SELECT m.id, m.kept_id, m.merged_id, m.la_code, m.merged_at, m.merged_by, m.guard, "
    "m.verification, m.undone_at, m.undone_by, k.uin, g.uin, "
    "(SELECT COUNT(*) FROM merge_contribution mc WHERE mc.merge_id = m.id) "
    "FROM record_merge m JOIN child k ON k.id = m.kept_id JOIN child g ON g.id = m.merged_id ";

MergeRow ReadRow(const Statement& st) {
  MergeRow m;
  m.id = st.Int(0);
  m.kept_id = st.Int(1);
  m.merged_id = st.Int(2);
  m.la_code = st.String(3);
  m.merged_at = st.Int(4);
  m.merged_by = st.Int(5);
  m.guard = GuardFromName(st.Text(6));
  m.verification = st.String(7);
  m.undone_at = st.OptInt(8);
  m.undone_by = st.OptInt(9);
  m.kept_uin = st.Int(10);
  m.merged_uin = st.Int(11);
  m.contributions = st.Int(12);
  return m;
}

}  // namespace

std::string_view MergeGuardName(MergeGuard g) {
  for (const auto& [value, name] : kGuards) {
    if (value == g) return name;
  }
  return "none";
}

Result<std::int64_t> MergeRepository::Insert(const MergeRow& m, const std::string& kept_before) {
  CP_ASSIGN(Stmt st, conn_.Prepare("INSERT INTO record_merge (kept_id, merged_id, la_code, "
                                   "merged_at, merged_by, guard, verification, kept_before) "
                                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"));
  Bind(st, m.kept_id, m.merged_id, m.la_code, m.merged_at, m.merged_by, MergeGuardName(m.guard),
       m.verification, kept_before);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("The merge was not stored");
  return st->Int(0);
}

Result<MergeRow> MergeRepository::Get(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string(kSelect) + "WHERE m.id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("There is no such merge");
  return ReadRow(*st);
}

Result<std::string> MergeRepository::KeptBefore(std::int64_t id) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT kept_before FROM record_merge WHERE id = $1 AND "
                                   "kept_before IS NOT NULL"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("The merge has no earlier state of the kept record");
  return st->String(0);
}

Result<std::vector<MergeRow>> MergeRepository::List(const std::optional<std::string>& la_code,
                                                    int limit) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare(std::string(kSelect) + "WHERE ($1 = 0 OR m.la_code = $2) "
                                                 "ORDER BY m.merged_at DESC, m.id DESC LIMIT $3"));
  Bind(st, la_code.has_value(), la_code.value_or(""), limit);
  std::vector<MergeRow> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadRow(*st));
  }
  return out;
}

Result<bool> MergeRepository::LaterStandingInto(std::int64_t merge_id, core::ChildId kept_id) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT 1 FROM record_merge WHERE kept_id = $2 AND id > $1 "
                                   "AND undone_at IS NULL"));
  Bind(st, merge_id, kept_id);
  return st->Step();
}

Result<std::int64_t> MergeRepository::MoveContributions(std::int64_t merge_id, core::ChildId from,
                                                        core::ChildId to) {
  CP_TRY(Run(conn_,
             "INSERT INTO merge_contribution (merge_id, contribution_id) "
             "SELECT CAST($1 AS BIGINT), id FROM contribution "
             "WHERE child_id = $2 AND state = 'linked'",
             merge_id, from));
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE contribution SET child_id = $3 WHERE child_id = $2 "
                                   "AND id IN (SELECT contribution_id FROM merge_contribution "
                                   "WHERE merge_id = $1)"));
  Bind(st, merge_id, from, to);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return st->RowsAffected();
}

Result<std::int64_t> MergeRepository::ReturnContributions(std::int64_t merge_id,
                                                          core::ChildId kept_id,
                                                          core::ChildId merged_id) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE contribution SET child_id = $3 WHERE child_id = $2 "
                                   "AND id IN (SELECT contribution_id FROM merge_contribution "
                                   "WHERE merge_id = $1)"));
  Bind(st, merge_id, kept_id, merged_id);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return st->RowsAffected();
}

Result<bool> MergeRepository::Retire(core::ChildId merged, core::ChildId kept, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE child SET archive_state = 'soft', merged_into = $2, "
                                   "updated_at = $3, version = version + 1 WHERE id = $1 AND "
                                   "archive_state = 'live' AND merged_into IS NULL RETURNING id"));
  Bind(st, merged, kept, at);
  return st->Step();
}

Result<bool> MergeRepository::Restore(core::ChildId merged, core::ChildId kept, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE child SET archive_state = 'live', merged_into = NULL, "
                                   "updated_at = $3, version = version + 1 WHERE id = $1 AND "
                                   "merged_into = $2 RETURNING id"));
  Bind(st, merged, kept, at);
  return st->Step();
}

Result<bool> MergeRepository::MarkUndone(std::int64_t id, core::UserId by, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE record_merge SET undone_at = $3, undone_by = $2, "
                                   "kept_before = NULL WHERE id = $1 AND undone_at IS NULL "
                                   "RETURNING id"));
  Bind(st, id, by, at);
  return st->Step();
}

Result<std::optional<core::ChildId>> MergeRepository::MergedInto(core::ChildId child) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT merged_into FROM child WHERE id = $1"));
  Bind(st, child);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("No such record");
  return st->OptInt(0);
}

Result<std::vector<ArchivedInvolvement>> MergeRepository::ArchivedSince(core::ChildId child,
                                                                        Timestamp since) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT service_type, organisation, team, practitioner, "
                                   "archive_reason FROM involvement WHERE child_id = $1 AND "
                                   "archived = 1 AND archived_at >= $2 ORDER BY id"));
  Bind(st, child, since);
  std::vector<ArchivedInvolvement> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->String(0), st->String(1), st->String(2), st->String(3), st->String(4)});
  }
  return out;
}

}  // namespace cp::store
