#include "store/data_quality_repository.h"

#include <initializer_list>
#include <map>

#include "core/child.h"

namespace cp::store {
namespace {

// A condition true when a contribution's fields (a JSON object of the
// non-empty columns the row gave, written without white space) give any of
// `columns`. Column names are constants of the feed format; "_" is escaped
// so that LIKE matches it literally on both engines.
std::string Gives(std::initializer_list<const char*> columns) {
  std::string out = "(";
  for (const char* column : columns) {
    if (out.size() > 1) out += " OR ";
    out += "fields LIKE '%\"";
    for (const char* c = column; *c != '\0'; ++c) {
      if (*c == '_') out += '!';
      out += *c;
    }
    out += "\":\"%' ESCAPE '!'";
  }
  return out + ")";
}

std::string CountIf(const std::string& condition) {
  return "COALESCE(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)";
}

Result<std::int64_t> Scalar(Connection& conn, const std::string& sql, std::int64_t id,
                            const std::string& la_code) {
  CP_ASSIGN(Stmt st, conn.Prepare(sql));
  if (la_code.empty()) {
    Bind(st, id);
  } else {
    Bind(st, id, la_code);
  }
  CP_ASSIGN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

Result<NamedCounts> Named(Connection& conn, const std::string& sql, std::int64_t id) {
  CP_ASSIGN(Stmt st, conn.Prepare(sql));
  Bind(st, id);
  NamedCounts out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.emplace_back(st->String(0), st->Int(1));
  }
  return out;
}

}  // namespace

Result<std::int64_t> DataQualityRepository::LiveRecords(const std::string& la_code) {
  if (la_code.empty()) {
    CP_ASSIGN(Stmt st, conn_.Prepare("SELECT COUNT(*) FROM child WHERE archive_state = 'live'"));
    CP_ASSIGN(bool row, st->Step());
    return row ? st->Int(0) : 0;
  }
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT COUNT(*) FROM child WHERE archive_state = 'live' AND "
                                   "la_code = $1"));
  Bind(st, la_code);
  CP_ASSIGN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

Result<SourceQualityCounts> DataQualityRepository::ForSource(std::int64_t source_id,
                                                             const std::string& scope_la) {
  SourceQualityCounts q;
  {
    static const std::string kHeld =
        "SELECT COUNT(*), " + CountIf("state = 'review'") + ", " + CountIf("state = 'linked'") +
        ", COUNT(DISTINCT child_id), " + CountIf(Gives({"postcode"})) + ", " +
        CountIf(Gives({"gender"})) + ", " + CountIf(Gives({"school_name"})) + ", " +
        CountIf(Gives({"gp_name"})) + ", " +
        CountIf(Gives(
            {"parent1_forenames", "parent1_surname", "parent2_forenames", "parent2_surname"})) +
        " FROM contribution WHERE source_id = $1";
    CP_ASSIGN(Stmt st, conn_.Prepare(kHeld));
    Bind(st, source_id);
    CP_ASSIGN(bool row, st->Step());
    if (row) {
      q.held = st->Int(0);
      q.review = st->Int(1);
      q.linked = st->Int(2);
      q.linked_records = st->Int(3);
      q.with_postcode = st->Int(4);
      q.with_gender = st->Int(5);
      q.with_school = st->Int(6);
      q.with_gp = st->Int(7);
      q.with_parent = st->Int(8);
    }
  }
  CP_ASSIGN(q.records_in_scope,
            Scalar(conn_,
                   std::string("SELECT COUNT(DISTINCT c.id) FROM contribution k JOIN child c ON "
                               "c.id = k.child_id WHERE k.source_id = $1 AND c.archive_state = "
                               "'live'") +
                       (scope_la.empty() ? "" : " AND c.la_code = $2"),
                   source_id, scope_la));
  {
    CP_ASSIGN(Stmt st, conn_.Prepare("SELECT COUNT(*), CAST(COALESCE(SUM(rows_accepted + "
                                     "rows_rejected), 0) AS BIGINT), CAST(COALESCE(SUM("
                                     "rows_rejected), 0) AS BIGINT) FROM data_upload WHERE "
                                     "source_id = $1"));
    Bind(st, source_id);
    CP_ASSIGN(bool row, st->Step());
    if (row) {
      q.uploads = st->Int(0);
      q.rows_received = st->Int(1);
      q.rows_rejected = st->Int(2);
    }
  }
  CP_ASSIGN(q.rejected_by_field,
            Named(conn_,
                  "SELECT r.field, COUNT(*) AS n FROM upload_rejection r JOIN data_upload u ON "
                  "u.id = r.upload_id WHERE u.source_id = $1 GROUP BY r.field ORDER BY n DESC, "
                  "r.field",
                  source_id));
  CP_ASSIGN(q.mismatched_records,
            Scalar(conn_,
                   "SELECT COUNT(DISTINCT source_record_id) FROM source_mismatch WHERE "
                   "source_id = $1",
                   source_id, ""));
  CP_ASSIGN(q.mismatches_by_item,
            Named(conn_,
                  "SELECT item, COUNT(*) AS n FROM source_mismatch WHERE source_id = $1 GROUP BY "
                  "item ORDER BY n DESC, item",
                  source_id));
  return q;
}

Result<std::vector<LaQualityCounts>> DataQualityRepository::ForLocalAuthorities(
    const std::optional<std::string>& la_code, Date born_after, Date born_on_or_before) {
  // Each query is grouped by LA; with `la_code` it reads that LA only.
  const std::string child_filter = la_code ? " AND c.la_code = $4" : "";
  const std::string living = "c.date_of_death IS NULL";
  const std::string school_age = living + " AND c.date_of_birth > $1 AND c.date_of_birth <= $2";
  auto has = [](const std::string& table, const std::string& extra) {
    return "EXISTS (SELECT 1 FROM " + table + " x WHERE x.child_id = c.id" + extra + ")";
  };
  const std::string school = has("universal_service", " AND x.service = 'school'");
  const std::string gp = has("universal_service", " AND x.service = 'gp_practice'");
  const std::string mismatched =
      "EXISTS (SELECT 1 FROM contribution k JOIN source_mismatch m ON m.source_id = k.source_id "
      "AND m.source_record_id = k.source_record_id WHERE k.child_id = c.id)";
  const std::string records =
      "SELECT c.la_code, COUNT(*), " + CountIf(living) + ", " + CountIf(has("contribution", "")) +
      ", " + CountIf(school_age) + ", " + CountIf(school_age + " AND " + school) + ", " +
      CountIf(living + " AND " + gp) + ", " + CountIf("c.postcode <> ''") + ", " +
      CountIf("c.gender <> $3") + ", " + CountIf(has("parent_carer", "")) + ", " +
      CountIf(mismatched) + " FROM child c WHERE c.archive_state = 'live'" + child_filter +
      " GROUP BY c.la_code";

  std::map<std::string, LaQualityCounts> by_la;
  if (la_code) by_la[*la_code].la_code = *la_code;
  {
    CP_ASSIGN(Stmt st, conn_.Prepare(records));
    const std::int64_t not_known = static_cast<std::int64_t>(core::Gender::kNotKnown);
    if (la_code) {
      Bind(st, born_after.days(), born_on_or_before.days(), not_known, *la_code);
    } else {
      Bind(st, born_after.days(), born_on_or_before.days(), not_known);
    }
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      LaQualityCounts& q = by_la[st->String(0)];
      q.la_code = st->String(0);
      q.live = st->Int(1);
      q.living = st->Int(2);
      q.with_contribution = st->Int(3);
      q.school_age = st->Int(4);
      q.school_age_with_school = st->Int(5);
      q.living_with_gp = st->Int(6);
      q.with_postcode = st->Int(7);
      q.gender_known = st->Int(8);
      q.with_parent = st->Int(9);
      q.mismatched = st->Int(10);
    }
  }
  const std::string filter = la_code ? " AND la_code = $1" : "";
  auto per_la = [&](const std::string& sql, std::int64_t LaQualityCounts::*into) -> Status {
    CP_ASSIGN(Stmt st, conn_.Prepare(sql));
    if (la_code) Bind(st, *la_code);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) return Ok();
      LaQualityCounts& q = by_la[st->String(0)];
      q.la_code = st->String(0);
      q.*into = st->Int(1);
    }
  };
  CP_TRY(per_la("SELECT la_code, COUNT(*) FROM match_review WHERE decision IS NULL" + filter +
                    " GROUP BY la_code",
                &LaQualityCounts::open_reviews));
  // Records that look the same: identical folded names, date of birth and
  // postcode (ignoring case and spaces). Twins differ in their forenames.
  CP_TRY(
      per_la("SELECT la_code, CAST(SUM(n) AS BIGINT) FROM (SELECT la_code, COUNT(*) AS n "
             "FROM child WHERE archive_state = 'live' AND postcode <> ''" +
                 filter +
                 " GROUP BY la_code, forenames_fold, surname_fold, date_of_birth, "
                 "UPPER(REPLACE(postcode, ' ', '')) HAVING COUNT(*) > 1) g GROUP BY la_code",
             &LaQualityCounts::potential_duplicates));
  std::vector<LaQualityCounts> out;
  out.reserve(by_la.size());
  for (auto& [code, q] : by_la) out.push_back(std::move(q));
  return out;
}

}  // namespace cp::store
