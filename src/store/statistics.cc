#include "store/statistics.h"

#include "platform/date.h"

namespace cp::store {
namespace {

Result<std::int64_t> Scalar(Connection& conn, const char* sql) {
  CP_ASSIGN(Stmt st, conn.Prepare(sql));
  CP_ASSIGN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

}  // namespace

Result<std::int64_t> HighestChildId(Connection& conn) {
  return Scalar(conn, "SELECT COALESCE(MAX(id), 0) FROM child");
}

Result<PopulationStatistics> ReadStatistics(Connection& conn, int top) {
  PopulationStatistics s;
  CP_ASSIGN(s.children, Scalar(conn, "SELECT COUNT(*) FROM child"));
  CP_ASSIGN(s.local_authorities_with_children,
            Scalar(conn, "SELECT COUNT(DISTINCT la_code) FROM child"));
  CP_ASSIGN(s.organisations, Scalar(conn, "SELECT COUNT(*) FROM organisation"));
  CP_ASSIGN(s.parents_carers, Scalar(conn, "SELECT COUNT(*) FROM parent_carer"));
  CP_ASSIGN(s.involvements_targeted,
            Scalar(conn, "SELECT COUNT(*) FROM involvement WHERE category = 'targeted'"));
  CP_ASSIGN(s.involvements_sensitive,
            Scalar(conn, "SELECT COUNT(*) FROM involvement WHERE category = 'sensitive'"));
  CP_ASSIGN(s.caf_holders,
            Scalar(conn, "SELECT COUNT(*) FROM key_contact WHERE role = 'caf_holder'"));
  CP_ASSIGN(s.lead_professionals,
            Scalar(conn, "SELECT COUNT(*) FROM key_contact WHERE role = 'lead_professional'"));
  CP_ASSIGN(s.looked_after, Scalar(conn, "SELECT COUNT(*) FROM child WHERE looked_after = 1"));
  CP_ASSIGN(s.deceased, Scalar(conn, "SELECT COUNT(*) FROM child WHERE date_of_death IS NOT NULL"));
  CP_ASSIGN(s.shielded, Scalar(conn, "SELECT COUNT(*) FROM child WHERE shielded = 1"));
  CP_ASSIGN(s.no_educational_setting,
            Scalar(conn, "SELECT COUNT(*) FROM child WHERE education_setting = 'none_known'"));
  {
    // Grouped by day (a few thousand rows), then by calendar year here.
    CP_ASSIGN(Stmt st, conn.Prepare("SELECT date_of_birth, COUNT(*) FROM child "
                                    "GROUP BY date_of_birth ORDER BY date_of_birth"));
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      const int year = Date::FromDays(static_cast<std::int32_t>(st->Int(0))).year();
      if (s.by_birth_year.empty() || s.by_birth_year.back().first != year) {
        s.by_birth_year.emplace_back(year, 0);
      }
      s.by_birth_year.back().second += st->Int(1);
    }
  }
  {
    CP_ASSIGN(Stmt st, conn.Prepare("SELECT la.name, COUNT(*) AS n FROM child c JOIN "
                                    "local_authority la ON la.code = c.la_code GROUP BY la.name "
                                    "ORDER BY n DESC, la.name LIMIT $1"));
    Bind(st, top);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      s.largest_authorities.emplace_back(st->String(0), st->Int(1));
    }
  }
  return s;
}

}  // namespace cp::store
