#pragma once
// Break glass: the emergency shielding override (BG-1 … BG-3, S 2.7, S 9).
//
// A named holder of the break-glass right, facing a serious and immediate
// threat to a child, re-authenticates (password and a fresh token code) and
// states a reason; the full record is shown for that access only, and an
// investigation opens at once for the management team of the record's LA,
// due for review on the next working day (England and Wales bank holidays
// by rule). The team's queue shows who, when and why, and takes a
// resolution: legitimate, or referred as possible misuse.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "core/user_account.h"
#include "platform/date.h"
#include "policy/projection.h"
#include "services/actor.h"
#include "services/context.h"
#include "services/session_service.h"

namespace cp::services {

// What the holder gives before the override.
struct BreakGlassRequest {
  std::string password;
  std::string code;    // a fresh token code, never one already used
  std::string reason;  // mandatory: non-empty after trimming, at most kMaxReasonChars
};

inline constexpr std::size_t kMaxReasonChars = 1000;

// How the management team resolves an investigation.
enum class Resolution { kLegitimate, kReferredMisuse };

// One open investigation as the queue shows it.
struct Investigation {
  std::int64_t id = 0;
  core::ChildId child_id = 0;
  std::string la_code;                      // the record's LA
  core::UserId user_id = 0;                 // who broke glass
  std::string user_display_name;            // of who broke glass
  std::optional<core::UserId> mediator_id;  // when the use was mediated
  Timestamp occurred_at = 0;                // when
  std::string reason;                       // why, in the user's words
  Date due_on;                              // the next working day after the use
  bool overdue = false;                     // today is after due_on
};

class BreakGlassService {
 public:
  BreakGlassService(ServiceContext& ctx, SessionService& sessions)
      : ctx_(ctx), sessions_(sessions) {}

  // The record `id` in full for this access only (BG-2), in this order:
  //  1. PermissionDenied unless the session's actor holds the break-glass
  //     and view rights (BG-1); audited "break_glass" / "denied".
  //  2. InvalidArgument (field "reason") for an empty or over-long reason;
  //     changes nothing.
  //  3. Re-authentication (SessionService::Reauthenticate): Unauthenticated
  //     with the generic sign-in message on a wrong factor; the attempt on
  //     the record is audited "break_glass" / "failed".
  //  4. NotFound for an unknown or archived record; audited.
  //  5. In one transaction: the investigation opens (BG-3) and the audit
  //     entry "break_glass" / "ok" carries the record id and the
  //     investigation id. Only then is the projection returned.
  // Nothing is stored that would show the record in full again: the next
  // view of it is an ordinary one.
  Result<policy::ProjectedRecord> Override(const SessionInfo& session, core::ChildId id,
                                           const BreakGlassRequest& request);

  // The open investigations the actor's team reviews: the LA ContactPoint
  // manager sees those of its own LA, the central team all of them;
  // anyone else is PermissionDenied. Oldest due first. Audited
  // "investigation.list" with the record ids shown.
  Result<std::vector<Investigation>> Queue(const Actor& actor);

  // Resolves an open investigation, once, in this order:
  //  1. PermissionDenied (audited "denied") for anyone but the LA
  //     ContactPoint manager or the central team;
  //  2. NotFound (audited) when there is no such investigation;
  //  3. PermissionDenied (audited "denied", with the record id) for another
  //     LA's manager, and for the user who broke glass (or mediated it);
  //  4. InvalidArgument (field "note") for a missing note on
  //     kReferredMisuse, or one over 1000 characters; changes nothing;
  //  5. FailedPrecondition (audited "refused") when already resolved.
  // Rights come before input: a caller without the right never learns
  // whether their input would have been accepted.
  // Audited "investigation.resolve".
  Status Resolve(const Actor& actor, std::int64_t investigation_id, Resolution resolution,
                 const std::string& note);

 private:
  ServiceContext& ctx_;
  SessionService& sessions_;
};

}  // namespace cp::services
