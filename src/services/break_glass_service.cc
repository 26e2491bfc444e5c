#include "services/break_glass_service.h"

#include <boost/json.hpp>

#include "core/working_days.h"
#include "services/input_text.h"
#include "store/child_repository.h"
#include "store/investigation_repository.h"

namespace cp::services {
namespace {

using store::InvestigationRepository;
using store::InvestigationRow;
using store::InvestigationStatus;

constexpr std::size_t kMaxNoteChars = 1000;

// Whose investigations the actor reviews: one LA (the LA ContactPoint
// manager's own), every LA (nullopt: the central team), or none (Denied).
Result<std::optional<std::string>> ReviewScope(const Actor& actor) {
  if (actor.role == core::Role::kCentralTeam) return std::optional<std::string>();
  if (actor.role == core::Role::kLaManager && !actor.la_code.empty()) {
    return std::optional<std::string>(actor.la_code);
  }
  return Error::Denied("Only the LA ContactPoint manager or the central team reviews break glass");
}

InvestigationStatus StatusFor(Resolution r) {
  return r == Resolution::kLegitimate ? InvestigationStatus::kLegitimate
                                      : InvestigationStatus::kReferredMisuse;
}

}  // namespace

Result<policy::ProjectedRecord> BreakGlassService::Override(const SessionInfo& session,
                                                            core::ChildId id,
                                                            const BreakGlassRequest& r) {
  const Actor& actor = session.actor;
  // BG-1: named holders only (the right is never held by role alone).
  if (!actor.user_id || !actor.Has(core::Right::kBreakGlass) || !actor.Has(core::Right::kView)) {
    CP_TRY(ctx_.audit.Append(actor, {"break_glass", "denied", {id}, "{}"}));
    return Error::Denied("You do not have the emergency override (break glass) right");
  }
  // BG-2: a stated reason, before anything else happens.
  const std::string reason = TrimmedText(r.reason);
  if (reason.empty()) {
    return Error::Invalid("reason", "Give the reason for overriding the shielding");
  }
  if (CharCount(reason) > kMaxReasonChars) {
    return Error::Invalid("reason", "The reason must be 1000 characters or fewer");
  }
  if (Status s = sessions_.Reauthenticate(session, r.password, r.code); !s) {
    CP_TRY(ctx_.audit.Append(
        actor, {"break_glass", "failed", {id}, AuditDetails({{"why", "authentication"}})}));
    return s.error();
  }

  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  auto loaded = store::ChildRepository(*conn).Get(id);
  if (!loaded) {
    if (loaded.error().code != ErrorCode::kNotFound) return loaded.error();
    CP_TRY(ctx_.audit.Append(actor, {"break_glass", "not_found", {}, "{}"}));
    return Error::NotFound("There is no such record");
  }
  core::Child child = std::move(*loaded);
  if (child.archive_state != core::ArchiveState::kLive) {
    CP_TRY(ctx_.audit.Append(actor, {"break_glass", "archived", {id}, "{}"}));
    return Error::NotFound("There is no such record");
  }

  // BG-3: the investigation opens with the audit entry that marks the use,
  // or neither does.
  InvestigationRow row;
  row.child_id = id;
  row.la_code = child.la_code;
  row.user_id = *actor.user_id;
  row.mediator_id = actor.mediator_id;
  row.reason = reason;
  row.occurred_at = ctx_.clock.Now();
  row.due_on = core::NextWorkingDay(ctx_.clock.Today());
  {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(const std::int64_t investigation, InvestigationRepository(*conn).Open(row));
    CP_TRY(ctx_.audit.AppendInTransaction(
        *conn, actor,
        {"break_glass",
         "ok",
         {id},
         AuditDetails({{"investigation_id", investigation},
                       {"due_on", boost::json::string(row.due_on.ToIso())},
                       {"shielded", child.shielded}})}));
    CP_TRY(tx.Commit());
  }
  // BG-2: full for this access only; the flag lives in this call alone.
  return policy::Project(child, actor.AsViewer(/*break_glass=*/true), policy::Purpose::kRecordView);
}

Result<std::vector<Investigation>> BreakGlassService::Queue(const Actor& actor) {
  auto scope = ReviewScope(actor);
  if (!scope) {
    CP_TRY(ctx_.audit.Append(actor, {"investigation.list", "denied", {}, "{}"}));
    return scope.error();
  }
  std::vector<InvestigationRow> rows;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(rows, InvestigationRepository(*conn).ListOpen(*scope));
  }
  const Date today = ctx_.clock.Today();
  std::vector<Investigation> out;
  std::vector<std::int64_t> child_ids;
  out.reserve(rows.size());
  for (InvestigationRow& r : rows) {
    child_ids.push_back(r.child_id);
    out.push_back({r.id, r.child_id, std::move(r.la_code), r.user_id,
                   std::move(r.user_display_name), r.mediator_id, r.occurred_at,
                   std::move(r.reason), r.due_on, today > r.due_on});
  }
  CP_TRY(ctx_.audit.Append(
      actor, {"investigation.list", "ok", child_ids,
              AuditDetails({{"count", static_cast<std::int64_t>(out.size())},
                            {"la_code", boost::json::string(scope->value_or("all"))}})}));
  return out;
}

Status BreakGlassService::Resolve(const Actor& actor, std::int64_t investigation_id,
                                  Resolution resolution, const std::string& note) {
  const InvestigationStatus status = StatusFor(resolution);
  auto event = [&](const char* outcome, std::vector<std::int64_t> ids) {
    return AuditEvent{
        "investigation.resolve", outcome, std::move(ids),
        AuditDetails(
            {{"investigation_id", investigation_id},
             {"resolution", boost::json::string(store::InvestigationStatusName(status))}})};
  };
  auto scope = ReviewScope(actor);
  if (!scope || !actor.user_id) {
    CP_TRY(ctx_.audit.Append(actor, event("denied", {})));
    return scope ? Error::Denied("Sign in as yourself to resolve an investigation") : scope.error();
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  InvestigationRepository investigations(*conn);
  auto found = investigations.Get(investigation_id);
  if (!found) {
    if (found.error().code != ErrorCode::kNotFound) return found.error();
    CP_TRY(ctx_.audit.Append(actor, event("not_found", {})));
    return found.error();
  }
  const std::vector<std::int64_t> ids = {found->child_id};
  if (*scope && **scope != found->la_code) {
    CP_TRY(ctx_.audit.Append(actor, event("denied", ids)));
    return Error::Denied("This investigation belongs to another local authority's team");
  }
  // Nobody judges their own use of the override.
  const core::UserId me = *actor.user_id;
  if (found->user_id == me || (found->mediator_id && *found->mediator_id == me)) {
    CP_TRY(ctx_.audit.Append(actor, event("denied", ids)));
    return Error::Denied("You cannot resolve an investigation into your own use of break glass");
  }
  // Only now, with the right established, is the note judged.
  const std::string trimmed = TrimmedText(note);
  if (resolution == Resolution::kReferredMisuse && trimmed.empty()) {
    return Error::Invalid("note", "Say why the use is referred as possible misuse");
  }
  if (CharCount(trimmed) > kMaxNoteChars) {
    return Error::Invalid("note", "The note must be 1000 characters or fewer");
  }

  // The resolution and its audit entry commit together; a second
  // resolution (even a concurrent one) is refused and that is audited.
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  Status resolved = investigations.Resolve(investigation_id, status, me, ctx_.clock.Now(), trimmed);
  if (!resolved && resolved.error().code != ErrorCode::kFailedPrecondition) return resolved;
  CP_TRY(ctx_.audit.AppendInTransaction(*conn, actor, event(resolved ? "ok" : "refused", ids)));
  CP_TRY(tx.Commit());
  return resolved;
}

}  // namespace cp::services
