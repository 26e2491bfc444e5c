#pragma once
// Brokering (SENS-4, BRK-1; G 3.48–3.52, S 8, flowchart B11).
//
// A user asks the management team of a record's LA for contact with a
// sensitive service working with the child, or for more information about a
// shielded record, giving their contact details and a reason. The team acts
// only as an intermediary (G 3.49): it passes the request to the service or
// practitioner, records their decision — with the reasons when they decline
// (S 8) — and then the feedback to the requester:
//
//   received → passed_on → disclosed | declined → closed
//
// "The team" is the LA ContactPoint manager of the record's LA
// (IsManagementTeam) holding the broker right. The requester sees the status
// of their own requests and, when declined, the reasons; never to whom the
// request was passed on (the service's identity stays with the team).
//
// Every change is audited in its own write transaction; every refusal is
// audited too. Audit details hold ids and statuses, never the free text.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "services/actor.h"
#include "services/context.h"
#include "store/brokering_repository.h"

namespace cp::services {

using store::BrokeringKind;
using store::BrokeringStatus;

// One request. The requester's own view (Mine) leaves passed_on_to empty,
// and decision_reasons empty unless the request was declined.
using BrokeringRequest = store::BrokeringRequestRow;

// What the requester gives.
struct BrokeringAsk {
  BrokeringKind kind = BrokeringKind::kSensitiveServiceContact;
  // Which sensitive involvement, for kSensitiveServiceContact only: one the
  // requester can see on the record (as "a sensitive service is involved").
  std::optional<std::int64_t> involvement_id;
  std::string requester_contact;  // required: a phone number or an email address
  std::string reason;             // required: at most kMaxBrokeringReasonChars
};

inline constexpr std::size_t kMaxBrokeringReasonChars = 2000;
inline constexpr std::size_t kMaxBrokeringContactChars = 200;
inline constexpr std::size_t kMaxBrokeringToWhomChars = 500;

class BrokeringService {
 public:
  explicit BrokeringService(ServiceContext& ctx) : ctx_(ctx) {}

  // A request about record `child`, into its LA team's queue as received;
  // returns its id. In this order:
  //  - PermissionDenied (audited) without a signed-in user with the view right;
  //  - InvalidArgument naming the field: "requester_contact" (empty, over
  //    kMaxBrokeringContactChars, or neither a phone number nor an email
  //    address), "reason" (empty or over kMaxBrokeringReasonChars),
  //    "involvement_id" (given for kShieldedRecordInformation);
  //  - NotFound (audited) for an unknown or archived record;
  //  - InvalidArgument judged on the record as the requester sees it, so
  //    that the answer never depends on what is hidden from them: "kind"
  //    for shielded information about a record that is not shielded, or for
  //    sensitive-service contact when no sensitive service is shown;
  //    "involvement_id" when it is not a sensitive involvement shown.
  // Refused input changes nothing.
  Result<std::int64_t> Ask(const Actor& actor, core::ChildId child, const BrokeringAsk& ask);

  // The requests the actor asked, newest first, in the requester's view.
  Result<std::vector<BrokeringRequest>> Mine(const Actor& actor);

  // The open (not closed) requests of the LA manager's own LA, oldest first;
  // PermissionDenied for anyone else.
  Result<std::vector<BrokeringRequest>> Queue(const Actor& actor);

  // The steps the team records; each takes who and when from the actor and
  // the clock. PermissionDenied for anyone but the team of the request's LA;
  // NotFound for no such request; FailedPrecondition (audited "refused")
  // when the request is not at the step before:
  //  - PassOn: received → passed_on; `to_whom` required (field "to_whom").
  //  - RecordDecision: passed_on → disclosed | declined; `reasons` required
  //    when declined (field "reasons"), at most kMaxBrokeringReasonChars.
  //    The requester sees the reasons of a refusal as recorded.
  //  - RecordFeedback: disclosed | declined → closed, sent today.
  Status PassOn(const Actor& actor, std::int64_t request_id, const std::string& to_whom);
  Status RecordDecision(const Actor& actor, std::int64_t request_id, bool disclosed,
                        const std::string& reasons);
  Status RecordFeedback(const Actor& actor, std::int64_t request_id);

 private:
  struct Step;
  Status Take(const Actor& actor, std::int64_t request_id, const Step& step);
  ServiceContext& ctx_;
};

}  // namespace cp::services
