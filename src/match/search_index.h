#pragma once
// An in-memory index for finding a child from the details a practitioner
// knows (SRCH-1, SRCH-2): records are filed under their blocking keys
// (blocking.h); a search looks up the query's keys, with its forename's
// nicknames and variants too, and scores every record found against the
// query with the Fellegi-Sunter model, best first.
//
//   SearchIndex index(&nicknames, linkage.model());
//   index.Upsert(child_id, details);             // on every change to a child
//   auto hits = index.Search(query, 35);         // ranked, with probabilities
//
// Sized for the whole country: a record costs about 80 bytes plus its
// postings and its share of the interned strings (about 250 bytes in all),
// so 11 million children fit in about 3 GB. What counts as a "match" for
// the result limit of SRCH-3 is the caller's threshold on `probability`.
//
// Thread safety: Search and Explain may run concurrently with each other;
// Upsert and Remove take an exclusive lock, so they may be called from any
// thread at any time.

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <vector>

#include "match/blocking.h"
#include "match/explanation.h"
#include "match/id_map.h"
#include "match/match_record.h"
#include "match/model.h"
#include "match/nicknames.h"
#include "match/person_details.h"
#include "match/posting_table.h"
#include "match/term_frequencies.h"
#include "match/text_pool.h"
#include "platform/huge_pages.h"
#include "platform/result.h"

namespace cp::match {

// The most blocking rules an index files its records under.
inline constexpr int kMaxSearchRules = 8;

struct SearchOptions {
  // The rules records are filed under, at most kMaxSearchRules of them.
  // Identifiers, e-mail addresses and telephone numbers are exact lookups
  // better served by the database.
  RuleMask rules =
      kAllRules & ~RuleBit(BlockingRule::kIdentifier) & ~RuleBit(BlockingRule::kContact);
  // A key with more records than this is not scored (a query that has only
  // such keys scores its smallest one).
  std::size_t max_postings_per_key = 20000;
  // The query's forename is also looked up under its nicknames and
  // variants, at most this many of them.
  std::size_t max_name_variants = 16;
  // Records less likely than this to be the child sought are not returned
  // (nor, for speed, compared in full when a cheap bound shows they cannot
  // reach it)…
  double min_probability = 1e-4;
  // …unless its evidence is within floor_margin bits of the best hit's and
  // would reach min_probability in a register of floor_register records
  // (0: never). In a register of millions, a search can fit many namesakes
  // as well as each other (a common surname and a date of birth): each is
  // unlikely to be the child sought, yet none can be told from the best, so
  // all are returned (and counted towards a search's result limit) rather
  // than none. A hit far behind the best is not such a namesake.
  double floor_register = 0;
  double floor_margin = 3;
};

// What one search did, for measurement.
struct SearchStats {
  std::size_t keys = 0;        // keys looked up (with nickname variants)
  std::size_t candidates = 0;  // distinct records found under them
  std::size_t qualified = 0;   // of those, under keys of enough rules (min_rules)
  std::size_t compared = 0;    // compared in full (the rest were bounded out)
};

// What a record must show, beyond the index's options, to be compared with
// the query at all. Record linkage demands much more than a practitioner's
// search: only strong evidence can join a row to a child.
struct SearchDemands {
  // Bits of evidence a hit needs; candidates are skipped on their upper
  // bound when they cannot reach it.
  double min_weight = -std::numeric_limits<double>::infinity();
  // A candidate must be filed under keys of at least this many different
  // blocking rules the query has (its date of birth and its names, say): a
  // record sharing one key only agrees on too little to be the same child.
  int min_rules = 1;
  // Also return the hits more than floor_margin bits behind the best that
  // would reach min_probability in a register of floor_register records,
  // marked near_best = false, so that a caller can show them when all its
  // hits fit its result limit. Without it, such hits are not returned.
  bool keep_behind_best = false;
};

struct SearchHit {
  std::uint64_t id = 0;
  double weight = 0;       // bits of evidence from the fields
  double probability = 0;  // that the record is the child sought
  // The comparison shows two different people (guard.h), whatever the
  // weight: a sibling, never the child sought.
  bool different_people = false;
  // Reaches min_probability in the whole register, or is within
  // floor_margin bits of the best hit (SearchOptions::floor_register); only
  // SearchDemands::keep_behind_best returns hits without it.
  bool near_best = true;
};

// What one comparison of a query with a record comes to: an Explanation's
// totals, without its fields.
struct Weighing {
  double field_weight = 0;  // bits of evidence from the fields
  bool different_people = false;
};

class SearchIndex {
 public:
  // `nicknames` (may be null) must outlive the index. The model's prior is
  // replaced by 1 / (number of records): one child is sought.
  SearchIndex(const NicknameTable* nicknames, MatchModel model, SearchOptions options = {});
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Files the record `id`, replacing what was filed under it before.
  void Upsert(std::uint64_t id, const PersonDetails& details);
  // Removes the record; false when it was not filed.
  bool Remove(std::uint64_t id);

  // Up to `limit` records with a match probability of at least
  // options.min_probability (or near the best, see floor_register) that
  // meet `demands`, best first; each hit's probability is that in the
  // index's own register. Fails with
  // kInvalidArgument when the query gives nothing to search by (no key: for
  // example a surname alone).
  [[nodiscard]] Result<std::vector<SearchHit>> Search(const PersonDetails& query, std::size_t limit,
                                                      SearchStats* stats = nullptr,
                                                      const SearchDemands& demands = {}) const;

  // Why record `id` scored as it did against `query`.
  [[nodiscard]] Result<Explanation> Explain(const PersonDetails& query, std::uint64_t id) const;
  // Why a record with `details`, filed or not, would score as it does
  // against `query`, by the index's term frequencies: a value only that
  // record holds counts as one the index has not seen.
  [[nodiscard]] Explanation ExplainAgainst(const PersonDetails& query,
                                           const PersonDetails& details) const;

  // The query weighed against several records at once (the query prepared
  // once): record i is `details[i]` when that is given (as
  // ExplainAgainst), else the record filed as `ids[i]`, none when there is
  // no such record. Each Weighing is the Explanation's field_weight and
  // the guard's verdict.
  [[nodiscard]] std::vector<std::optional<Weighing>> Weigh(
      const PersonDetails& query, std::span<const std::uint64_t> ids,
      std::span<const PersonDetails* const> details) const;

  std::size_t size() const;
  // Slots filed under all blocking keys together.
  std::size_t postings() const;
  // Heap bytes held by the index, its records and strings.
  std::size_t MemoryBytes() const;

 private:
  TfAdjustments AdjustmentsFor(const MatchRecord& r, const ComparisonVector& cv) const;
  // The weight that gives options.min_probability in a register of
  // `records`.
  double FloorWeight(double records) const;
  void FileRecord(std::uint32_t slot, int direction);
  // Files `fresh` in place of the record in `slot`.
  void Refile(std::uint32_t slot, MatchRecord fresh);

  const NicknameTable* nicknames_;
  MatchModel model_;
  SearchOptions options_;
  mutable std::shared_mutex mutex_;
  TextPool pool_;
  HugePageVector<MatchRecord> records_;
  HugePageVector<std::uint64_t> ids_;  // by slot
  std::vector<std::uint32_t> free_slots_;
  IdMap slot_of_;
  PostingTable postings_;
  TermFrequencies frequencies_;
};

}  // namespace cp::match
