#pragma once
// Shield requests, reviews and the shielding log (migration 0003), and the
// shield flag on the child record itself.

#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "core/shielding.h"
#include "core/user_account.h"
#include "platform/date.h"
#include "store/db.h"

namespace cp::store {

struct ShieldRequestRow {
  std::int64_t id = 0;
  core::ChildId child_id = 0;
  core::ShieldRequesterKind requester_kind = core::ShieldRequesterKind::kUser;
  std::optional<core::UserId> requester_user_id;
  std::string source_code;
  std::string requester_name;
  std::string requester_contact;
  std::string relationship;
  std::string service_contact;
  std::vector<core::ShieldGround> grounds;
  bool urgent = false;
  core::ShieldOrigin origin = core::ShieldOrigin::kRequest;
  std::optional<core::ChildId> origin_child_id;
  core::ShieldRequestStatus status = core::ShieldRequestStatus::kPending;
  std::string comments;
  std::optional<core::UserId> recorded_by;
  Timestamp created_at = 0;
  std::optional<core::UserId> decided_by;
  std::optional<Timestamp> decided_at;
  std::optional<core::UserId> withdrawn_by;
  std::optional<Timestamp> withdrawn_at;
  // Filled by the listing queries: the record's UIN and local authority.
  std::int64_t uin = 0;
  std::string la_code;
};

struct ShieldReviewRow {
  std::int64_t id = 0;
  core::ChildId child_id = 0;
  std::string kind;  // "initial" (7 days) or "periodic" (6 months)
  Date due_on;
  Timestamp created_at = 0;
  std::optional<Timestamp> decided_at;
  std::optional<core::UserId> decided_by;
  std::string decision;
  std::string note;
  std::int64_t uin = 0;  // filled by the listing queries
  std::string la_code;
};

struct ShieldingLogRow {
  std::int64_t id = 0;
  core::ChildId child_id = 0;
  std::int64_t uin = 0;
  std::string la_code;
  core::ShieldingLogAction action = core::ShieldingLogAction::kApplied;
  std::string category;  // the grounds, as stored
  Date action_on;
  std::string requester_contact;
  std::string relationship;
  std::optional<Date> confirmation_sent_on;
  std::string comments;
  std::optional<core::UserId> recorded_by;
  Timestamp created_at = 0;
};

class ShieldRepository {
 public:
  explicit ShieldRepository(Connection& conn) : conn_(conn) {}

  Result<std::int64_t> AddRequest(const ShieldRequestRow& r);
  Result<ShieldRequestRow> GetRequest(std::int64_t id);
  Result<std::vector<ShieldRequestRow>> RequestsFor(core::ChildId child);
  // Pending and active requests on the record (SHD-4: none may remain to
  // unshield).
  Result<int> CountOutstanding(core::ChildId child);
  // Pending → active or rejected. Precondition when no longer pending.
  Status Decide(std::int64_t id, core::ShieldRequestStatus to, core::UserId by, Timestamp at,
                const std::string& comments);
  // Pending or active → withdrawn. Precondition when neither.
  Status Withdraw(std::int64_t id, std::optional<core::UserId> by, Timestamp at);
  // Requests in `status` for records of `la_code` (all LAs when empty),
  // oldest first.
  Result<std::vector<ShieldRequestRow>> RequestsWithStatus(core::ShieldRequestStatus status,
                                                           const std::string& la_code);
  // SHD-9: requests users submitted between the two times, newest first.
  Result<std::vector<ShieldRequestRow>> UserRequests(const std::string& la_code, Timestamp from,
                                                     Timestamp to);

  Result<std::int64_t> AddReview(core::ChildId child, const std::string& kind, Date due_on,
                                 Timestamp at);
  Result<ShieldReviewRow> GetReview(std::int64_t id);
  // Open reviews due on or before `due_by` for records of `la_code`.
  Result<std::vector<ShieldReviewRow>> OpenReviews(const std::string& la_code, Date due_by);
  Result<std::vector<ShieldReviewRow>> ReviewsFor(core::ChildId child);
  // Precondition when the review is already decided.
  Status DecideReview(std::int64_t id, const std::string& decision, core::UserId by, Timestamp at,
                      const std::string& note);
  // Closes every open review of the record (when it is unshielded).
  Status CloseOpenReviews(core::ChildId child, const std::string& decision, core::UserId by,
                          Timestamp at);

  Result<std::int64_t> AddLog(const ShieldingLogRow& row);
  // One log entry, or NotFound.
  Result<ShieldingLogRow> GetLog(std::int64_t id);
  // The newest `limit` entries of `la_code` (all LAs when empty), newest first.
  Result<std::vector<ShieldingLogRow>> Log(const std::string& la_code, int limit);
  // The newest `limit` entries about one record, whichever LA logged them,
  // newest first.
  Result<std::vector<ShieldingLogRow>> LogFor(core::ChildId child, int limit);
  Status MarkConfirmationSent(std::int64_t log_id, Date on);

  // The shield itself; bumps the record's version so that a stale write of
  // the record cannot undo it.
  Status SetShielded(core::ChildId child, bool shielded, Timestamp at);
  // SHD-6: live records at the same address (postcode and first line,
  // ignoring case), the child itself excluded. None when it has no postcode.
  Result<std::vector<core::ChildId>> SameAddress(core::ChildId child);

 private:
  Connection& conn_;
};

}  // namespace cp::store
