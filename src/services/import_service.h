#pragma once
// Importing a source's upload (FEED-2 … FEED-5, FEED-8, NEW-1, NEW-3, UPD-3,
// LA-1; G 3.1, G 3.19–3.22, G 4.51–4.52, flowchart B7).
//
// The whole file is read once for its shape first: a file that is not the
// feed format (docs/feeds.md) is refused before anything changes. Then, in
// batches of rows — each batch one transaction with its audit entry and the
// upload's progress — every row is:
//   - refused on its own when unusable, with its row number, field and
//     problem in the upload's report (never its values);
//   - a repeat of a source record id already held: that contribution is
//     replaced and its record's best view rebuilt;
//   - otherwise matched against the live records (never the archive) by the
//     matching engine: linked to the record it is the same child as
//     (probability ≥ kLinkProbability), a new record when no record comes
//     near (every candidate below kNewRecordProbability), and otherwise sent to
//     the review queue of the LA concerned for a data administrator — as it
//     is when a data administrator has decided that the best candidate and
//     another candidate are two different children. Each batch's
//     probabilities weigh how many of the upload's earlier rows were
//     children already held (HeldShare, services/record_linkage.h).
// A linked or new record's best view is rebuilt from all its contributions
// (core/best_view.h), and every item each contributing source supplied that
// differs from it is noted for that source (UPD-3), without the value. A
// source's shielding flag shields the record (FEED-8) once the batch is in.
//
// Each batch after the first is prepared (import_preparation.h) on another
// thread while the batch before it is written, and by the writing thread
// too once it has written (import_lookahead.h).
//
// Killed at any point, an import of the same file by the same source resumes
// after the last committed batch and ends exactly as an uninterrupted one.
// The batches' commits do not wait for the disk (only the upload's last
// commit does): a crash of the machine may undo the latest whole batches,
// and the import then resumes after the last that stands.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/data_source.h"
#include "services/actor.h"
#include "services/child_index.h"
#include "services/context.h"
#include "services/feed_row.h"
#include "services/import_preparation.h"
#include "services/record_linkage.h"
#include "services/shielding_service.h"

namespace cp::services {

struct RowProblem {
  std::int64_t row = 0;
  std::string field;
  std::string message;
};

struct ImportReport {
  std::int64_t upload_id = 0;
  bool resumed = false;  // carried on after an interrupted run
  std::int64_t rows = 0;
  std::int64_t accepted = 0, rejected = 0;
  std::int64_t linked = 0, created = 0, review = 0;  // accepted = linked + created + review
  std::int64_t updated = 0;                          // repeats among the linked and review
  std::vector<RowProblem> problems;                  // the first kMaxReportedProblems
  std::int64_t shielded = 0;                         // records the source's flag shields (FEED-8)
};

inline constexpr std::size_t kMaxReportedProblems = 100;

struct ImportOptions {
  int batch_rows = 500;
  // Called after each committed batch with rows done and the file's rows.
  std::function<void(std::int64_t done, std::int64_t total)> on_progress;
  // Called before each row is processed (tests stop the process here).
  std::function<void(std::int64_t row)> before_row;
};

class ImportService {
 public:
  // `index` is the live search index (it is kept in step with every record
  // an import creates or changes); `shielding` applies source flags.
  ImportService(ServiceContext& ctx, ChildIndex& index, const LaLocator& places,
                ShieldingService& shielding)
      : ctx_(ctx),
        index_(index),
        places_(places),
        shielding_(shielding),
        preparer_(index, places) {}

  // Imports `path` as an upload from `source`, which must be accredited
  // with an active agreement (FEED-2; PermissionDenied otherwise). Invalid
  // (field "file") for a file that is not the format, with nothing changed.
  Result<ImportReport> Import(const Actor& actor, const core::DataSource& source,
                              const std::string& path, const ImportOptions& options = {});

 private:
  struct Batch;
  Status ProcessRow(Batch& batch, PreparedRow& row);
  // The candidates of `row`, best first, weighed by the batch's held share:
  // the records found for it (`ahead`) and those the batch before changed
  // that were born around its birthday, each judged as it now stands.
  std::vector<LinkCandidate> Judge(const Batch& batch, const core::Child& row,
                                   const std::vector<core::ChildId>& ahead) const;
  Status Rebuild(Batch& batch, core::ChildId child,
                 std::optional<ParsedContribution> fresh = std::nullopt);
  // Links the row just stored for `child` by its planned rebuild, when the
  // plan is of `child`, at the batch's time, and the record has not changed
  // since it was read (its version): false, with nothing written, otherwise.
  Result<bool> ApplyPlan(Batch& batch, core::ChildId child, const std::optional<RebuildPlan>& plan);

  ServiceContext& ctx_;
  ChildIndex& index_;
  const LaLocator& places_;
  ShieldingService& shielding_;
  RowPreparer preparer_;
};

}  // namespace cp::services
