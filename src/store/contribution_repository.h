#pragma once
// Persistence of what sources supplied (migration 0008): contributions, the
// match review queue, mismatch notifications, and uploads with their
// progress and rejected rows. Runs on the caller's connection, inside the
// caller's transaction.

#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "store/db.h"

namespace cp::store {

enum class ContributionState { kLinked, kReview };

struct ContributionRow {
  std::int64_t id = 0;
  std::int64_t source_id = 0;
  std::string source_record_id;
  std::optional<core::ChildId> child_id;  // set exactly when linked
  ContributionState state = ContributionState::kLinked;
  std::string fields;  // the row as a JSON object of column → value
  bool shield_flag = false;
  std::optional<std::int64_t> upload_id;
  std::int64_t upload_row = 0;  // its row number in that upload
  Timestamp received_at = 0;
  int reliability_rank = 50;  // the source's, when read
};

// The order in which contributions were stated (core::Contribution::
// sequence): by upload and row within it, for a row of an upload, so that
// a repeated row counts as stated when it was repeated; by id otherwise.
std::int64_t StatementOrder(const ContributionRow& row);
// The order of row `upload_row` of upload `upload_id`, as StatementOrder
// gives it once the row is stored.
std::int64_t StatementOrder(std::int64_t upload_id, std::int64_t upload_row);

struct UploadRow {
  std::int64_t id = 0;
  std::int64_t source_id = 0;
  std::string status;  // received, processing, completed, rejected, failed
  std::int64_t rows_done = 0;
  std::int64_t rows_accepted = 0, rows_rejected = 0, rows_linked = 0, rows_created = 0,
               rows_review = 0;
  // The next batch's candidates, matched ahead (services/import_lookahead.h);
  // empty when there is none.
  std::string lookahead;
};

// UPD-3, FEED-5: one item of a source's record noticed to differ from the
// best view, as the source is told of it: which record and item, never a
// value.
struct MismatchNotice {
  std::int64_t id = 0;
  std::string source_record_id;
  core::Item item = core::Item::kNames;
  Timestamp noticed_at = 0;
};

class ContributionRepository {
 public:
  explicit ContributionRepository(Connection& conn) : conn_(conn) {}

  Result<std::optional<ContributionRow>> Find(std::int64_t source_id,
                                              const std::string& source_record_id);
  Result<std::int64_t> Insert(const ContributionRow& row);
  // A repeated source record id: the new fields replace the old, as stated
  // by row `upload_row` of `upload_id` (0 without an upload).
  Status UpdateFields(std::int64_t id, const std::string& fields, bool shield_flag,
                      std::optional<std::int64_t> upload_id, Timestamp received_at,
                      std::int64_t upload_row = 0);
  // FEED-8: records whose contribution from `upload_id` carries the
  // source's shielding flag.
  Result<std::vector<core::ChildId>> ShieldFlagged(std::int64_t upload_id);
  // The contributions linked to a record, with their sources' ranks.
  Result<std::vector<ContributionRow>> ForChild(core::ChildId child);

  // FEED-6: into the review queue of `la_code`, with the candidates (JSON).
  Status AddReview(std::int64_t contribution_id, const std::string& la_code,
                   const std::string& candidates, Timestamp at);
  // Open reviews in the queue of `la_code`.
  Result<std::int64_t> CountOpenReviews(const std::string& la_code);

  // UPD-3: the items in which the source's record differs from the best
  // view, replacing those noticed before. An item still differing keeps the
  // time it was first noticed; when nothing changed, nothing is written.
  Status SetMismatches(std::int64_t source_id, const std::string& source_record_id,
                       const std::vector<core::Item>& items, Timestamp at);
  // As SetMismatches, given those noticed before (as Mismatches read them):
  // deletes those no longer in `items`, then inserts those new, in order.
  Status ReplaceMismatches(std::int64_t source_id, const std::string& source_record_id,
                           const std::vector<core::Item>& items,
                           const std::vector<core::Item>& noticed, Timestamp at);
  Result<std::vector<core::Item>> Mismatches(std::int64_t source_id,
                                             const std::string& source_record_id);
  // The source's mismatches still standing that were noticed after notice
  // `after_id`, oldest first, at most `limit`.
  Result<std::vector<MismatchNotice>> MismatchesForSource(std::int64_t source_id,
                                                          std::int64_t after_id, int limit);

  // Uploads (FEED-2, FEED-3).
  Result<std::optional<UploadRow>> FindUnfinishedUpload(std::int64_t source_id,
                                                        const std::string& file_sha256);
  Result<std::int64_t> StartUpload(std::int64_t source_id, const std::string& file_name,
                                   const std::string& format, const std::string& file_sha256,
                                   Timestamp at);
  Status SaveProgress(const UploadRow& upload);
  Status FinishUpload(std::int64_t upload_id, const std::string& status, Timestamp at);
  Result<UploadRow> GetUpload(std::int64_t upload_id);
  // A rejected row: where and why, never its values. Recorded once.
  Status AddRejection(std::int64_t upload_id, std::int64_t row, const std::string& field,
                      const std::string& problem);

 private:
  Connection& conn_;
};

// UINs for new records (NEW-1): reserves `count` consecutive sequence
// numbers for core::Uin::FromSequence and returns the first.
Result<std::int64_t> ReserveUinSequence(Connection& conn, std::int64_t count);

// Sequence numbers issued one at a time within one write transaction, with
// one statement at the first and one in Settle: the first write locks the
// sequence's row (SQLite: the database) until the transaction ends, so the
// numbers are those one ReserveUinSequence(conn, 1) per record would give.
// Settle must run before the transaction commits; without it the
// transaction's records would reuse numbers, which the UNIQUE uin refuses.
class UinIssuer {
 public:
  explicit UinIssuer(Connection& conn) : conn_(conn) {}
  Result<std::int64_t> Next();
  Status Settle();

 private:
  Connection& conn_;
  std::int64_t next_ = 0;
  std::int64_t issued_ = 0;
};

}  // namespace cp::store
