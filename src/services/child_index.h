#pragma once
// The search index of live child records (match::SearchIndex), built from
// the store at start-up and told of every change by the services that make
// them, right after their transaction commits — so a search never sees a
// change that was rolled back. Archived records are never filed (SRCH-4).
//
// Thread-safe (the index takes its own locks).

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "match/nicknames.h"
#include "match/search_index.h"
#include "services/search_service.h"
#include "store/db.h"
#include "store/match_rows.h"

namespace cp::services {

class ChildIndex {
 public:
  // Files every live record of `db`. Nicknames come from the project's
  // diminutives file and, when present, the shared nicknames list.
  static Result<std::unique_ptr<ChildIndex>> Build(store::Database& db);

  // Re-reads one record and files it again, or removes it when it is no
  // longer live.
  Status Refresh(store::Connection& conn, core::ChildId id);
  void File(const store::MatchRow& row);
  // Files `child` as it now stands in the caller's transaction, or removes
  // it when it is no longer live: Refresh without reading it back.
  void Put(const core::Child& child);

  // Up to `limit` records that match (kMatchProbability in a register of
  // at most kMatchRegister), best first (match::SearchIndex::Search); what the search did goes to
  // `stats` when given.
  Result<std::vector<match::SearchHit>> Search(const match::PersonDetails& query, std::size_t limit,
                                               match::SearchStats* stats = nullptr,
                                               const match::SearchDemands& demands = {}) const;

  // Field by field, why record `id` is or is not the child `query`
  // describes (match::SearchIndex::Explain); a held change counts.
  Result<match::Explanation> Explain(const match::PersonDetails& query, core::ChildId id) const;
  // The same for the record as searches see it: held changes do not count.
  Result<match::Explanation> ExplainFiled(const match::PersonDetails& query,
                                          core::ChildId id) const {
    return index_->Explain(query, static_cast<std::uint64_t>(id));
  }

  // `query` weighed against each of the records `ids` as Explain would
  // (a held change counts), without the fields: none for a record that is
  // not live.
  std::vector<std::optional<match::Weighing>> Weigh(const match::PersonDetails& query,
                                                    const std::vector<core::ChildId>& ids) const;

  // Changes held back: from HoldChanges until ReleaseChanges, what Put,
  // File and Refresh change is kept apart from the index. Searches (and
  // ExplainFiled) see the index as it stood when the hold began; Explain
  // sees the held records as they now stand. An import thus matches its
  // next batch on another thread while it writes this one, and the matches
  // do not depend on how far the writing has got (import_lookahead.h).
  // ReleaseChanges files the held records; DropChanges forgets them (a
  // rolled-back transaction). One thread at a time holds, then releases or
  // drops. In a running service a hold covers every thread's changes (an
  // upload is imported while pages are served): a drop loses another
  // thread's committed change only until the IndexFollower's next poll
  // files it again.
  void HoldChanges();
  void ReleaseChanges();
  void DropChanges();

  std::size_t size() const { return index_->size(); }
  std::size_t MemoryBytes() const { return index_->MemoryBytes(); }

 private:
  ChildIndex();
  std::unique_ptr<match::NicknameTable> nicknames_;
  // Removes the record from the index, or holds its removal.
  void Forget(core::ChildId id);

  std::unique_ptr<match::SearchIndex> index_;
  mutable std::mutex held_mutex_;
  // Held changes by record: its details, or none when it is to be removed.
  bool holding_ = false;
  std::map<core::ChildId, std::optional<store::MatchRow>> held_;
};

// The details a search gives, as the matching engine takes them. With
// `visible_only`, items a shielded record hides (address, postcode, school,
// GP, parents/carers) are left out (SHD-2).
match::PersonDetails QueryDetails(const SearchCriteria& criteria, bool visible_only);
match::PersonDetails RowDetails(const store::MatchRow& row);

}  // namespace cp::services
