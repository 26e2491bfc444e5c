#include "store/match_rows.h"

#include <unordered_map>

namespace cp::store {
namespace {

Status AddDetails(Connection& conn, std::vector<MatchRow>& rows) {
  if (rows.empty()) return Ok();
  std::unordered_map<core::ChildId, MatchRow*> by_id;
  for (auto& r : rows) by_id[r.id] = &r;
  const core::ChildId lo = rows.front().id, hi = rows.back().id;
  {
    CP_ASSIGN(
        Stmt st,
        conn.Prepare("SELECT child_id, service, organisation, org_code FROM universal_service "
                     "WHERE child_id >= $1 AND child_id <= $2 AND "
                     "service IN ('school', 'gp_practice')"));
    Bind(st, lo, hi);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      auto it = by_id.find(st->Int(0));
      if (it == by_id.end()) continue;
      const bool school = st->Text(1) == "school";
      (school ? it->second->school : it->second->gp_practice) = st->String(2);
      (school ? it->second->school_code : it->second->gp_practice_code) = st->String(3);
    }
  }
  {
    CP_ASSIGN(Stmt st, conn.Prepare("SELECT child_id, forenames, surname FROM parent_carer "
                                    "WHERE child_id >= $1 AND child_id <= $2 AND position = 0"));
    Bind(st, lo, hi);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      auto it = by_id.find(st->Int(0));
      if (it != by_id.end()) it->second->carer_name = st->String(1) + " " + st->String(2);
    }
  }
  {
    CP_ASSIGN(Stmt st, conn.Prepare("SELECT child_id, surname FROM child_name "
                                    "WHERE child_id >= $1 AND child_id <= $2"));
    Bind(st, lo, hi);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      auto it = by_id.find(st->Int(0));
      if (it != by_id.end()) it->second->other_surnames.push_back(st->String(1));
    }
  }
  return Ok();
}

MatchRow ReadRow(const Statement& st) {
  MatchRow r;
  r.id = st.Int(0);
  r.forenames = st.String(1);
  r.surname = st.String(2);
  r.known_as_surname = st.String(3);
  r.date_of_birth = Date::FromDays(static_cast<std::int32_t>(st.Int(4)));
  r.gender = static_cast<core::Gender>(st.Int(5));
  r.address_line1 = st.String(6);
  r.town = st.String(7);
  r.postcode = st.String(8);
  r.shielded = st.Int(9) != 0;
  return r;
}

constexpr const char* kSelect =
    "SELECT id, forenames, surname, known_as_surname, date_of_birth, gender, address_line1, "
    "town, postcode, shielded FROM child ";

}  // namespace

MatchRow MatchRowOf(const core::Child& c) {
  MatchRow r;
  r.id = c.id;
  r.forenames = c.forenames;
  r.surname = c.surname;
  r.known_as_surname = c.known_as_surname;
  for (const auto& o : c.other_names) r.other_surnames.push_back(o.surname);
  r.date_of_birth = c.date_of_birth;
  r.gender = c.gender;
  r.address_line1 = c.address.line1;
  r.town = c.address.town;
  r.postcode = c.address.postcode;
  if (c.school) {
    r.school = c.school->organisation;
    r.school_code = c.school->org_code;
  }
  if (c.gp_practice) {
    r.gp_practice = c.gp_practice->organisation;
    r.gp_practice_code = c.gp_practice->org_code;
  }
  if (!c.parents_carers.empty()) {
    r.carer_name = c.parents_carers[0].forenames + " " + c.parents_carers[0].surname;
  }
  r.shielded = c.shielded;
  return r;
}

Result<std::vector<MatchRow>> ReadMatchRows(Connection& conn, core::ChildId after_id, int limit) {
  CP_ASSIGN(Stmt st, conn.Prepare(std::string(kSelect) +
                                  "WHERE id > $1 AND archive_state = 'live' ORDER BY id LIMIT $2"));
  Bind(st, after_id, limit);
  std::vector<MatchRow> rows;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    rows.push_back(ReadRow(*st));
  }
  CP_TRY(AddDetails(conn, rows));
  return rows;
}

Result<std::optional<MatchRow>> ReadMatchRow(Connection& conn, core::ChildId id) {
  CP_ASSIGN(Stmt st,
            conn.Prepare(std::string(kSelect) + "WHERE id = $1 AND archive_state = 'live'"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<MatchRow>();
  std::vector<MatchRow> rows = {ReadRow(*st)};
  CP_TRY(AddDetails(conn, rows));
  return std::optional<MatchRow>(std::move(rows.front()));
}

Result<std::vector<ChildChange>> ChangedSince(Connection& conn, Timestamp since) {
  CP_ASSIGN(Stmt st, conn.Prepare("SELECT id, version, updated_at FROM child "
                                  "WHERE updated_at >= $1 ORDER BY updated_at, id"));
  Bind(st, since);
  std::vector<ChildChange> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Int(0), st->Int(1), st->Int(2)});
  }
  return out;
}

}  // namespace cp::store
