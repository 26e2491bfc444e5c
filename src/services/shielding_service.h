#pragma once
// Shielding (SHD-1 … SHD-11; G 4.63–4.69; the shielding policy S 2–S 15).
//
// A record is shielded when a request takes effect, and stays shielded
// until the LA ContactPoint manager unshields it — which is refused while any
// request (pending or active) remains (SHD-4). Requests come from:
//  - a user: a notification that waits for the management team, or an
//    urgent mark — or a user holding the shield right — which shields at once
//    (G 4.67);
//  - the management team, recording a request from someone who is not a user
//    (a practitioner, the child, a parent/carer) with the details of S 4;
//  - a source system's flag (FEED-8, through RequestFromSource);
//  - the system, for the children at the same address (SHD-6) and potential
//    duplicates of the record (SHD-7), shielded in the first instance.
// One request per requester per record (S 5); a user withdraws only their own
// request; the team withdraws those it recorded and the system's.
//
// Each request that takes effect starts a review due 7 days later; a review
// decided "maintain" starts the next, due 6 months later (SHD-5) — whatever
// the child's age (SHD-10). The shielding log (S 15) records every action and
// only the management team reads it (SHD-8).
//
// "The management team" for a record is the LA ContactPoint manager of the
// record's local authority. Every call is audited.

#include <optional>
#include <string>
#include <vector>

#include "core/shielding.h"
#include "services/actor.h"
#include "services/context.h"
#include "store/shield_repository.h"

namespace cp::services {

class ChildIndex;

struct ShieldRequestInput {
  std::vector<core::ShieldGround> grounds;  // at least one (SHD-1)
  std::string relationship;                 // the requester's relationship to the child
  bool urgent = false;                      // G 4.67: shields at once
  std::string comments;
};

// S 4: a request from someone who is not a user, recorded by the team.
struct NonUserRequestInput {
  std::string requester_name;
  std::string requester_contact;
  std::string relationship;     // e.g. "Parent/carer", "The child", "Police officer"
  std::string service_contact;  // the agency and caseworker dealing with the case
  std::vector<core::ShieldGround> grounds;
  std::string comments;
};

struct ShieldOutcome {
  std::int64_t request_id = 0;
  core::ShieldRequestStatus status = core::ShieldRequestStatus::kPending;
  bool shielded = false;                     // the record is now shielded
  std::vector<core::ChildId> also_shielded;  // co-residents and potential duplicates
};

struct ReviewItem {
  store::ShieldReviewRow review;
  bool overdue = false;
};

class ShieldingService {
 public:
  // `index` finds potential duplicates (SHD-7); without it, none are sought.
  ShieldingService(ServiceContext& ctx, const ChildIndex* index) : ctx_(ctx), index_(index) {}

  // A user's notification or urgent mark.
  Result<ShieldOutcome> Request(const Actor& actor, core::ChildId child,
                                const ShieldRequestInput& input);
  // The management team records a non-user's request; it takes effect at once.
  Result<ShieldOutcome> RecordForNonUser(const Actor& actor, core::ChildId child,
                                         const NonUserRequestInput& input);
  // FEED-8: a source system's shielding flag; takes effect at once.
  Result<ShieldOutcome> RequestFromSource(core::ChildId child, const std::string& source_code,
                                          Route route);

  // The team applies or rejects a pending notification. Rights come before
  // input: anyone but the record's LA management team is PermissionDenied
  // (audited) whatever they send; the team's bad input is InvalidArgument.
  Status Decide(const Actor& actor, std::int64_t request_id, bool apply,
                const std::string& comments);
  // Returns the record the request was on.
  Result<core::ChildId> Withdraw(const Actor& actor, std::int64_t request_id);
  // SHD-4: the LA ContactPoint manager only, and only when no request remains.
  Status Unshield(const Actor& actor, core::ChildId child, const std::string& note);

  // SHD-5: open reviews due within `within_days` (0: due today or overdue).
  Result<std::vector<ReviewItem>> ReviewsDue(const Actor& actor, int within_days);
  // As Decide: the team's right is checked (and a refusal audited) before
  // the note or decision.
  Status DecideReview(const Actor& actor, std::int64_t review_id,
                      core::ShieldReviewDecision decision, const std::string& note);

  // The team's queue of notifications waiting for a decision.
  Result<std::vector<store::ShieldRequestRow>> PendingRequests(const Actor& actor);
  // The requests on one record: all of them for the team, the user's own
  // for anyone else.
  Result<std::vector<store::ShieldRequestRow>> RequestsFor(const Actor& actor, core::ChildId child);
  // SHD-8: the shielding log of the team's local authority.
  Result<std::vector<store::ShieldingLogRow>> Log(const Actor& actor, int limit = 500);
  // SHD-8: the log entries about one record, newest first, for the record's
  // LA management team only (PermissionDenied otherwise, audited against the
  // record); NotFound for an unknown record. The read is audited with the
  // record's id, so it shows in the record's access history (AUD-5).
  Result<std::vector<store::ShieldingLogRow>> LogFor(const Actor& actor, core::ChildId child);
  // S 15: the date confirmation was sent, set to today on entry `log_id` by
  // the team of the LA that logged it (PermissionDenied, audited, otherwise).
  Status MarkConfirmationSent(const Actor& actor, std::int64_t log_id);
  // SHD-9: requests submitted by users between two days (inclusive).
  Result<std::vector<store::ShieldRequestRow>> UserRequestsReport(const Actor& actor, Date from,
                                                                  Date to);

 private:
  struct Applied;
  Result<std::vector<core::ChildId>> PotentialDuplicates(store::Connection& conn,
                                                         core::ChildId child);
  Status ShieldRelated(Applied& applied, core::ChildId child,
                       const std::vector<core::ShieldGround>& grounds,
                       const std::vector<core::ChildId>& duplicates,
                       std::vector<core::ChildId>& shielded);
  Result<ShieldOutcome> Submit(const Actor& actor, core::ChildId child, store::ShieldRequestRow row,
                               const char* action);
  ServiceContext& ctx_;
  const ChildIndex* index_;
};

// The LA ContactPoint manager of `la_code`.
bool IsManagementTeam(const Actor& actor, const std::string& la_code);

}  // namespace cp::services
