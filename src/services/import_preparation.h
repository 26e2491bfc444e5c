#pragma once
// Preparing an import's rows before their batch is written: each row is
// parsed and, when asked, the records it may be are found by the search
// index (LinkCandidates, as a row surely held: the batch judges them). The
// index is only read and nothing is written, so any number of threads may
// prepare the rows of one batch together, and which thread prepares a row
// changes nothing.

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "core/data_source.h"
#include "platform/clock.h"
#include "platform/result.h"
#include "services/child_index.h"
#include "services/feed_row.h"
#include "services/record_linkage.h"
#include "store/db.h"

namespace cp::services {

// One row of a batch, and what preparing it found.
struct PreparedRow {
  FeedRecord record;
  std::optional<Result<SourceRow>> parsed;  // set once prepared
  std::vector<core::ChildId> ahead;         // the records it may be, best first
  Status searched = Ok();                   // the search's failure, if it failed
  std::string fields;                       // FieldsJson(record), once parsed
  // When planned: the rebuild of ahead[0] with this row as its newest
  // contribution, as that record stood when read (RebuildPlan). Whoever
  // writes the row uses it only for that record, at the plan's time, and
  // only while the record's version is still the plan's.
  std::optional<RebuildPlan> plan;

  explicit PreparedRow(FeedRecord r) : record(std::move(r)) {}
  // Back to unprepared, to be prepared again.
  void Reset() { *this = PreparedRow(std::move(record)); }
};

// How a batch's rows are prepared.
struct PrepareAs {
  core::DataSourceId source = 0;
  Timestamp now = 0;  // the rows are parsed as at this time
  bool search = true;
  // Set to plan each found row's rebuild (PreparedRow::plan), reading the
  // records through a connection of `db` (none is planned when no
  // connection can be had): rows of upload `upload_id`, from a source of
  // `reliability_rank`.
  store::Database* db = nullptr;
  std::int64_t upload_id = 0;
  int reliability_rank = 50;
};

// A batch's rows being prepared, shared by the threads that prepare them:
// each row is taken by exactly one thread, which alone writes it. The rows
// may be shared only once `ready` is set (they are read in first).
struct Preparation {
  std::vector<PreparedRow> rows;
  PrepareAs as;
  std::atomic<bool> ready{false};
  std::atomic<std::size_t> next{0};
};

// A row's candidates from the index: the best few.
inline constexpr std::size_t kLinkCandidates = 3;

class RowPreparer {
 public:
  RowPreparer(const ChildIndex& index, const LaLocator& places) : index_(index), places_(places) {}

  // Prepares the rows of `work` not yet taken, one at a time, until none
  // is left; any number of threads may call it together.
  void Share(Preparation& work) const;
  // Prepares every row of `work` not yet taken on `threads` threads, this
  // one among them; returns when all are prepared.
  void ShareAmong(Preparation& work, unsigned threads) const;
  // Prepares `rows` as `as` says on `threads` threads.
  void Prepare(std::vector<PreparedRow>& rows, const PrepareAs& as, unsigned threads) const;

 private:
  const ChildIndex& index_;
  const LaLocator& places_;
};

}  // namespace cp::services
