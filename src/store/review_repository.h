#pragma once
// The data administrators' review queue (FEED-6; migrations 0008, 0010):
// rows the matching engine could not place with confidence, the decisions
// on them, and the pairs of records found to be two different children.
// Runs on the caller's connection, inside the caller's transaction.
// Decisions are compare-and-set: a review is decided once, and a row leaves
// review once, however many administrators press the button.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/child.h"
#include "core/user_account.h"
#include "store/db.h"

namespace cp::store {

enum class ReviewOutcome { kLinked, kCreated, kNotSame };

std::string_view ReviewOutcomeName(ReviewOutcome o);  // "linked", "created", "not_same"
std::optional<ReviewOutcome> ReviewOutcomeFromName(std::string_view name);

// One review with the row it is about.
struct MatchReviewRow {
  std::int64_t id = 0;
  std::int64_t contribution_id = 0;
  std::string la_code;     // the queue it is in; empty when the row named no LA
  std::string candidates;  // JSON: [{"child_id", "probability"}], best first
  Timestamp created_at = 0;
  std::optional<ReviewOutcome> decision;  // empty while open
  std::optional<core::ChildId> decided_child;
  std::optional<Timestamp> decided_at;
  std::optional<core::UserId> decided_by;
  // The row as its source sent it.
  std::int64_t source_id = 0;
  std::string source_name;
  std::string source_record_id;
  std::string fields;  // the row's fields, a JSON object
  Timestamp received_at = 0;
  bool shield_flag = false;  // FEED-8
};

// G 4.52: a row found not usable, as reported back to its source: which
// record and why, never its values.
struct UnusableReport {
  std::int64_t id = 0;
  std::int64_t source_id = 0;
  std::string source_record_id;
  std::string la_code;  // the queue it was in
  std::string reason;
  Timestamp received_at = 0;  // when the source sent the row
  Timestamp reported_at = 0;
  core::UserId reported_by = 0;
};

class ReviewRepository {
 public:
  explicit ReviewRepository(Connection& conn) : conn_(conn) {}

  // Open reviews in the queue of `la_code` — every queue's when empty —
  // oldest first, at most `limit`.
  Result<std::vector<MatchReviewRow>> ListOpen(const std::optional<std::string>& la_code,
                                               int limit);
  // NotFound when there is no such review.
  Result<MatchReviewRow> Get(std::int64_t id);

  // The row of `contribution_id` leaves review, linked to `child`; false
  // (nothing changed) when it is no longer in review.
  Result<bool> LinkContribution(std::int64_t contribution_id, core::ChildId child);
  // Decides an open review; false (nothing changed) when it was decided.
  Result<bool> Decide(std::int64_t id, ReviewOutcome outcome, core::ChildId child, core::UserId by,
                      Timestamp at);

  // G 4.52: the open review `review` is closed as not usable: its row (the
  // contribution) and the review itself are deleted and the report kept;
  // false (nothing changed) when it is no longer open.
  Result<bool> ReportUnusable(const MatchReviewRow& review, const std::string& reason,
                              core::UserId by, Timestamp at);
  // The reports for `source_id` after report `after_id`, oldest first, at
  // most `limit`.
  Result<std::vector<UnusableReport>> UnusableReports(std::int64_t source_id, std::int64_t after_id,
                                                      int limit);

  // Records that `a` and `b` are two children (once; a repeat changes
  // nothing).
  Status AddDistinct(core::ChildId a, core::ChildId b, std::optional<std::int64_t> review_id,
                     core::UserId by, Timestamp at);
  Result<bool> AreDistinct(core::ChildId a, core::ChildId b);

 private:
  Connection& conn_;
};

}  // namespace cp::store
