#pragma once
// The counts behind data quality (FEED-7, G 4.6): coverage, completeness,
// uniqueness and validity, per data source and per local authority.
// docs/feeds.md ("Data quality") defines each measure from these counts.
//
// Aggregates only: every query returns counts grouped by a source, an LA, a
// field name or an item name — never a row of a record or of what a source
// supplied. "Live" is archive_state 'live'; "living" is live without a date
// of death. Runs on the caller's connection.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/date.h"
#include "store/db.h"

namespace cp::store {

// Counts by name (a rejected row's field, a mismatched item), largest first.
using NamedCounts = std::vector<std::pair<std::string, std::int64_t>>;

// What one source supplied and what became of it.
struct SourceQualityCounts {
  // Contributions held now: one per source record id, its latest accepted row.
  std::int64_t held = 0;
  std::int64_t review = 0;            // held and awaiting a data administrator
  std::int64_t linked = 0;            // held and linked to a record
  std::int64_t linked_records = 0;    // distinct records those are linked to
  std::int64_t records_in_scope = 0;  // distinct live records of the scope linked
  // Held rows giving each key field (a non-empty value).
  std::int64_t with_postcode = 0, with_gender = 0, with_school = 0, with_gp = 0, with_parent = 0;
  // Over every upload: rows read (accepted or rejected) and rejected.
  std::int64_t uploads = 0, rows_received = 0, rows_rejected = 0;
  NamedCounts rejected_by_field;
  std::int64_t mismatched_records = 0;  // source records differing in any item
  NamedCounts mismatches_by_item;
};

// The live records of one local authority.
struct LaQualityCounts {
  std::string la_code;
  std::int64_t live = 0, living = 0;
  std::int64_t with_contribution = 0;  // at least one source's linked row
  std::int64_t school_age = 0, school_age_with_school = 0;
  std::int64_t living_with_gp = 0;
  std::int64_t with_postcode = 0, gender_known = 0, with_parent = 0;
  std::int64_t open_reviews = 0;          // undecided match reviews in the LA's queue
  std::int64_t potential_duplicates = 0;  // records sharing names, birth date, postcode
  std::int64_t mismatched = 0;            // records a source differs from in any item
};

class DataQualityRepository {
 public:
  explicit DataQualityRepository(Connection& conn) : conn_(conn) {}

  // Live records of `la_code`, or of England when it is empty.
  Result<std::int64_t> LiveRecords(const std::string& la_code);

  // The counts of source `source_id`. Coverage counts the live records of
  // `scope_la` (England when empty) linked to the source.
  Result<SourceQualityCounts> ForSource(std::int64_t source_id, const std::string& scope_la);

  // The counts of every LA with live records or open match reviews, by
  // code; of `la_code` alone when given (zeros when it has none). School
  // age: living children born after `born_after` and on or before
  // `born_on_or_before`.
  Result<std::vector<LaQualityCounts>> ForLocalAuthorities(
      const std::optional<std::string>& la_code, Date born_after, Date born_on_or_before);

 private:
  Connection& conn_;
};

}  // namespace cp::store
