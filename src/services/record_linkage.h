#pragma once
// The building blocks of record linkage that the import and the data
// administrator's review queue share (FEED-3, FEED-4, FEED-6, NEW-1,
// UPD-3). Each runs inside the caller's write transaction and keeps the
// search index in step with what it writes; the caller refreshes the index
// for the touched records again if the transaction rolls back.

#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "core/data_source.h"
#include "match/explanation.h"
#include "match/search_index.h"
#include "services/child_index.h"
#include "services/feed_row.h"
#include "store/db.h"

namespace cp::services {

// The probability that a row is a record's child is judged against a
// register of the whole country's size, however few records are loaded
// yet: early in a national load a row must not join a sibling only because
// the register is still small.
inline constexpr double kNationalRegister = 12'000'000;
// At or above: the row is that record's child.
inline constexpr double kLinkProbability = 0.95;
// Every candidate below: the row is a child ContactPoint does not hold yet.
inline constexpr double kNewRecordProbability = 0.01;

// The prior that a row's child is one ContactPoint already holds. A school
// census loaded into an empty register holds almost nothing but children
// not yet held, and a namesake there (a child of the same name and date of
// birth elsewhere) is no evidence that the row is that child; a GP's monthly
// file is mostly children already held. So an import weighs each batch by
// the share of its upload's earlier rows that were linked rather than
// created (HeldShare), never below kMinHeldShare so that a source's own
// duplicates still find each other.
inline constexpr double kMinHeldShare = 0.01;
// (linked + 1) / (linked + created + 2), at least kMinHeldShare: the
// upload's rows so far, with one of each assumed before any is seen.
double HeldShare(std::int64_t linked, std::int64_t created);

// A row's candidates are the records filed under keys of at least this many
// different blocking rules of the row (match::SearchDemands::min_rules).
inline constexpr int kLinkageMinRules = 2;

// The probability that a row is a given record's child, from the matching
// engine's evidence in bits, when a share `held` of such rows are children
// already held (1: the row's child is surely held).
double LinkageProbability(double weight_bits, double held = 1.0);

// match/guard.h: a plainly different forename or date of birth shows two
// children (a brother or sister, a twin), whatever else agrees.
bool IsSibling(const match::Explanation& why);

// The details the matching engine compares, from what a row says.
match::PersonDetails RowMatchDetails(const core::Child& row);

struct LinkCandidate {
  core::ChildId child = 0;
  double probability = 0;
};

// What LinkCandidates' search demands of a record (match::SearchDemands):
// evidence that matters against the national register when a share `held`
// of rows are children already held, under keys of kLinkageMinRules rules.
match::SearchDemands LinkageDemands(double held);

// The live records a row may be, best first: at least
// kNewRecordProbability (LinkageProbability with `held`), never a sibling
// (IsSibling). The index as its searches see it: changes it holds do not
// count (ChildIndex::HoldChanges).
Result<std::vector<LinkCandidate>> LinkCandidates(const ChildIndex& index, const core::Child& row,
                                                  std::size_t limit, double held = 1.0);

// Of the records `children`, those that are candidates for `row`: at
// least kNewRecordProbability and not a sibling; changes the index holds
// count. In the order given; a record no longer live is left out.
std::vector<LinkCandidate> CandidatesAmong(const ChildIndex& index, const core::Child& row,
                                           const std::vector<core::ChildId>& children,
                                           double held = 1.0);

// A stored contribution's fields as the row they came from.
Result<FeedRecord> RecordFromFieldsJson(const std::string& fields);
// A row's fields as stored with its contribution (a JSON object).
std::string FieldsJson(const FeedRecord& record);

// A stored contribution (by id) with what it says already parsed.
struct ParsedContribution {
  std::int64_t id;
  const core::Child* data;
};

// A row about to be stored as a contribution linked to a record: a rebuild
// planned before it is stored counts it as the record's newest
// contribution, as a rebuild after storing it would.
struct IncomingContribution {
  const core::Child* data = nullptr;
  std::int64_t source_id = 0;
  const std::string* source_record_id = nullptr;
  int reliability_rank = 50;
  Timestamp received_at = 0;
  std::int64_t sequence = 0;  // store::StatementOrder of the row once stored
};

// What rebuilding a record's best view writes, worked out from one reading
// of the record and its contributions (PlanRebuild). Applying it is the
// rebuild only while the record's version is still `version`: every change
// to a record or to the contributions linked to it moves its version on.
struct RebuildPlan {
  std::int64_t version = 0;  // the record's version when read
  core::Child stored;        // the record as read
  core::Child best;          // its best view, rebuilt; updated_at is the plan's time
  // UPD-3: each contributing source's items that differ from `best`
  // (`items`), and those noticed before (`noticed`), in contribution order.
  struct Mismatches {
    std::int64_t source_id = 0;
    std::string source_record_id;
    std::vector<core::Item> items, noticed;
  };
  std::vector<Mismatches> mismatches;
};

// Reads `child` with its linked contributions and works out its rebuild at
// `now` (FEED-4, UPD-3), writing nothing: on the caller's connection, in or
// out of a transaction (the version is read first, so a plan read across
// later changes is one whose version no longer holds). `fresh`, when given,
// is one of the contributions (the row just linked), already parsed;
// `incoming`, when given, one not yet stored.
Result<RebuildPlan> PlanRebuild(store::Connection& conn, const LaLocator& places,
                                core::ChildId child, Timestamp now,
                                std::optional<ParsedContribution> fresh = std::nullopt,
                                const IncomingContribution* incoming = nullptr);

// Writes `plan` in the caller's write transaction: the best view (Conflict
// when the record's version is no longer the plan's), each source's
// mismatches, and the record in the index when what matching reads changed.
Status ApplyRebuild(store::Connection& conn, ChildIndex& index, const RebuildPlan& plan);

// FEED-4, UPD-3: rebuilds the best view of `child` from all its linked
// contributions, notes each contributing source's mismatches, and files the
// record in the index again (PlanRebuild, then ApplyRebuild, in the
// caller's write transaction). `fresh`, when given, is one of those
// contributions (the row just linked), so it is not parsed again from its
// stored fields. Returns the record as rebuilt.
Result<core::Child> RebuildBestView(store::Connection& conn, ChildIndex& index,
                                    const LaLocator& places, core::ChildId child, Timestamp now,
                                    std::optional<ParsedContribution> fresh = std::nullopt);

// NEW-1, LA-1: a new record from one row of `source` (its LA from the row),
// with the UIN of `sequence` (store::ReserveUinSequence); returns its id.
// The caller stores the contribution linking the row to it.
Result<core::ChildId> CreateRecordFromRow(store::Connection& conn, ChildIndex& index,
                                          const core::Child& row, const core::DataSource& source,
                                          Timestamp now, std::int64_t sequence);

}  // namespace cp::services
