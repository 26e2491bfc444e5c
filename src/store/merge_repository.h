#pragma once
// Merges of two records found to be one child, and their undoing (FEED-6;
// migration 0010). Runs on the caller's connection, inside the caller's
// transaction. Every change is compare-and-set: a record is retired only
// while live, restored only while merged into the record that kept it, and
// a merge is undone once.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/child.h"
#include "core/user_account.h"
#include "store/db.h"

namespace cp::store {

// What argued against a merge when it was made (G 3.25).
enum class MergeGuard { kNone, kSibling, kKnownDistinct };

std::string_view MergeGuardName(MergeGuard g);  // "none", "sibling", "known_distinct"

struct MergeRow {
  std::int64_t id = 0;
  core::ChildId kept_id = 0;
  core::ChildId merged_id = 0;
  std::string la_code;
  Timestamp merged_at = 0;
  core::UserId merged_by = 0;
  MergeGuard guard = MergeGuard::kNone;
  std::string verification;  // the administrator's, when guarded
  std::optional<Timestamp> undone_at;
  std::optional<core::UserId> undone_by;
  // Filled by the reads.
  std::int64_t kept_uin = 0;
  std::int64_t merged_uin = 0;
  std::int64_t contributions = 0;  // how many moved
};

// An involvement moved to the archive (SENS-3, ARC-8), by what it names.
struct ArchivedInvolvement {
  std::string service_type;
  std::string organisation;
  std::string team;
  std::string practitioner;
  std::string reason;
};

class MergeRepository {
 public:
  explicit MergeRepository(Connection& conn) : conn_(conn) {}

  // A standing merge, with the kept record as it stood (`kept_before`);
  // returns its id. Conflict when `merged_id` is already merged away.
  Result<std::int64_t> Insert(const MergeRow& merge, const std::string& kept_before);
  // NotFound when there is no such merge.
  Result<MergeRow> Get(std::int64_t id);
  // The kept record as it stood; NotFound once the merge is undone.
  Result<std::string> KeptBefore(std::int64_t id);
  // Merges of `la_code` — every LA's when empty — newest first, at most `limit`.
  Result<std::vector<MergeRow>> List(const std::optional<std::string>& la_code, int limit);
  // Whether a standing merge later than `merge_id` kept `kept_id`.
  Result<bool> LaterStandingInto(std::int64_t merge_id, core::ChildId kept_id);

  // Moves every linked contribution of `from` to `to`, listed under merge
  // `merge_id`; returns how many.
  Result<std::int64_t> MoveContributions(std::int64_t merge_id, core::ChildId from,
                                         core::ChildId to);
  // Moves the contributions merge `merge_id` moved back from `kept_id` to
  // `merged_id`; returns how many were still on `kept_id` and moved.
  Result<std::int64_t> ReturnContributions(std::int64_t merge_id, core::ChildId kept_id,
                                           core::ChildId merged_id);

  // The live record `merged` leaves the live register, merged into `kept`;
  // false (nothing changed) unless it was live and not merged.
  Result<bool> Retire(core::ChildId merged, core::ChildId kept, Timestamp at);
  // `merged` is live again; false (nothing changed) unless it was merged
  // into `kept`.
  Result<bool> Restore(core::ChildId merged, core::ChildId kept, Timestamp at);
  // Marks the merge undone and forgets the kept record's earlier state;
  // false (nothing changed) when it was undone already.
  Result<bool> MarkUndone(std::int64_t id, core::UserId by, Timestamp at);

  // The record `child` is merged into, if it is merged away.
  Result<std::optional<core::ChildId>> MergedInto(core::ChildId child);
  // The involvements of `child` moved to the archive at or after `since`.
  Result<std::vector<ArchivedInvolvement>> ArchivedSince(core::ChildId child, Timestamp since);

 private:
  Connection& conn_;
};

}  // namespace cp::store
