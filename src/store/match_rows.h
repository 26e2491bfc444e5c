#pragma once
// The details of live child records that the search index files, read in
// pages of ids so the whole country can be indexed at start-up without
// loading whole records.

#include <string>
#include <vector>

#include "core/child.h"
#include "store/db.h"

namespace cp::store {

struct MatchRow {
  core::ChildId id = 0;
  std::string forenames;
  std::string surname;
  std::string known_as_surname;
  std::vector<std::string> other_surnames;
  Date date_of_birth;
  core::Gender gender = core::Gender::kNotKnown;
  std::string address_line1;
  std::string town;
  std::string postcode;
  std::string school;       // organisation name
  std::string gp_practice;  // organisation name
  std::string school_code;  // the school's URN, when known
  std::string gp_practice_code;
  std::string carer_name;  // first parent/carer's full name
  bool shielded = false;

  bool operator==(const MatchRow&) const = default;
};

// What ReadMatchRow reads, from a record in memory.
MatchRow MatchRowOf(const core::Child& child);

// Live records with id > after_id, in id order, at most `limit`.
Result<std::vector<MatchRow>> ReadMatchRows(Connection& conn, core::ChildId after_id, int limit);
// One record's row (archived records are not found).
Result<std::optional<MatchRow>> ReadMatchRow(Connection& conn, core::ChildId id);

// A record's version as written at `updated_at`, live or not.
struct ChildChange {
  core::ChildId id = 0;
  std::int64_t version = 0;
  Timestamp updated_at = 0;
};
// Every record written at or after `since` (each write sets updated_at from
// the writer's clock), oldest first.
Result<std::vector<ChildChange>> ChangedSince(Connection& conn, Timestamp since);

}  // namespace cp::store
