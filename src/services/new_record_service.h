#pragma once
// Requests for a new child record (NEW-2; G 3.19–3.22, flowchart B7).
//
// A user who has searched and cannot find a child submits the child's
// details with a reason (Submit). The request goes to the LA of the child's
// address when the user names it, else to the user's own LA; that LA's data
// administrators see it in their queue (Queue), search again — including
// shielded and archived records (SRCH-4) — with the matching engine
// (SearchAgain), and then decide, once:
//
//   received → record_exists | created | refused
//
//  - DecideExists: the user is told that a record exists, and its UIN only
//    when they may see the record: live, and not shielded unless they see
//    shielded data. Nothing else about it is ever told — least of all a
//    shielded record's address (SHD-2); an archived record is not reachable
//    by users (SRCH-4) and is restored, if at all, by the team (ARC-7).
//  - Create: the record is made from the details, with a new UIN, in the
//    request's LA (LA-1), and filed in the search index after commit.
//  - Refuse: with reasons — for a child not ordinarily resident in England
//    (G 3.20, G 3.22, NEW-3) or details that cannot be used.
//
// The user follows each request's status and outcome (Mine).
//
// Every change commits with its audit entry; every refusal of an action is
// audited too; bad input changes nothing. Audit details hold ids, codes and
// statuses, never the child's details or the free text.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "services/actor.h"
#include "services/context.h"
#include "services/search_service.h"
#include "store/new_record_request_repository.h"

namespace cp::services {

class ChildIndex;

using store::LaBasis;
using store::NewRecordDetails;
using store::NewRecordStatus;

// One request. In the requester's own view (Mine) child_id is empty unless
// outcome_uin is set, and who searched and decided is left out.
using NewRecordRequest = store::NewRecordRequestRow;

// What the requester gives.
struct NewRecordAsk {
  NewRecordDetails details;  // text as typed; the postcode in any case and spacing
  // The ONS code of the LA where the child lives; empty for "not known",
  // when the request goes to the requester's own LA.
  std::string la_code;
  std::string reason;  // required: why a record is needed, at most kMaxNewRecordReasonChars
};

inline constexpr std::size_t kMaxNewRecordReasonChars = 2000;

// Every problem with `ask` for a requester of LA `requester_la`, in form
// order, each naming its field as NewRecordDetails and NewRecordAsk name
// them ("forenames", "date_of_birth", "postcode", "parent_surname",
// "la_code", "reason", …); empty when it can be submitted. The record it
// would make must pass core::ValidateChild; beyond that the child must be
// under 18 (REC-1) and, as far as the postcode tells, live in England
// (G 3.20, NEW-3).
std::vector<Error> ValidateNewRecordAsk(const NewRecordAsk& ask, const std::string& requester_la,
                                        Date today);

// One record the further search found, projected for the administrator.
struct NewRecordCandidate {
  SearchHit hit;  // minimal for a shielded record the administrator may not see in full
  core::ArchiveState archive_state = core::ArchiveState::kLive;
  bool shielded = false;
  // The matching engine's probability that it is the child of the request,
  // and the fields that agreed ("forename", "surname", "birth_date", …).
  // For a shielded record the administrator may not see in full, both are
  // judged on the items a shielded record shows (SHD-2).
  double probability = 0;
  std::vector<std::string> agreed;
};

struct NewRecordSearch {
  NewRecordRequest request;
  std::vector<NewRecordCandidate> candidates;  // best first, at most kMaxNewRecordCandidates
};

inline constexpr std::size_t kMaxNewRecordCandidates = 20;

class NewRecordService {
 public:
  // With an index, the further search tolerates spelling, nicknames and
  // changed surnames among live records, and a created record is filed in
  // it; without one, live records are found as archived ones are, by the
  // store's blocking keys.
  explicit NewRecordService(ServiceContext& ctx, ChildIndex* index = nullptr)
      : ctx_(ctx), index_(index) {}

  // A request into the queue of its LA, received; returns its id.
  // PermissionDenied (audited) without a signed-in user holding the
  // request-new-record right; InvalidArgument, naming the field, for the
  // first problem ValidateNewRecordAsk finds.
  Result<std::int64_t> Submit(const Actor& actor, const NewRecordAsk& ask);

  // The requests the actor made, newest first, in the requester's view.
  Result<std::vector<NewRecordRequest>> Mine(const Actor& actor);

  // The received requests of the data administrator's own LA, oldest first;
  // PermissionDenied (audited) for anyone else.
  Result<std::vector<NewRecordRequest>> Queue(const Actor& actor);

  // One request, for a data administrator of its LA.
  Result<NewRecordRequest> Get(const Actor& actor, std::int64_t request_id);

  // The further search of G 3.22 with the request's details, over live,
  // shielded and archived records; recorded on the request (a decision
  // needs one) and audited with its reason and the records shown, before
  // they are returned. FailedPrecondition (audited) once decided.
  Result<NewRecordSearch> SearchAgain(const Actor& actor, std::int64_t request_id);

  // The decisions. Each: PermissionDenied (audited) for anyone but a data
  // administrator of the request's LA; NotFound for no such request;
  // FailedPrecondition (audited "refused") when already decided or not yet
  // searched again.
  //  - DecideExists: InvalidArgument "child_id" for no such record.
  //  - Create: returns the new record's id.
  //  - Refuse: `reasons` required (field "reasons"), at most
  //    kMaxNewRecordReasonChars; the requester sees them.
  Status DecideExists(const Actor& actor, std::int64_t request_id, core::ChildId child);
  Result<core::ChildId> Create(const Actor& actor, std::int64_t request_id);
  Status Refuse(const Actor& actor, std::int64_t request_id, const std::string& reasons);

 private:
  struct Checked;
  Result<Checked> CheckDecision(const Actor& actor, std::int64_t request_id, const char* action);
  // The records the further search finds for `details`, best first.
  Result<std::vector<NewRecordCandidate>> Candidates(store::Connection& conn, const Actor& actor,
                                                     const NewRecordDetails& details);
  ServiceContext& ctx_;
  ChildIndex* index_;
};

// The record a request's details make, in LA `la_code`, supplied at `now`
// by a user (source 0) — without a UIN or id.
core::Child ChildFromDetails(const NewRecordDetails& details, const std::string& la_code,
                             Timestamp now);

}  // namespace cp::services
