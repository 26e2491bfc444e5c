#include "services/brokering_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <functional>

#include "policy/projection.h"
#include "services/input_text.h"
#include "services/shielding_service.h"
#include "store/child_repository.h"

namespace cp::services {
namespace {

using store::BrokeringRepository;
using store::BrokeringRequestRow;

// The records a list touches, each once: the audit trail indexes an entry
// under each record id once, and a list may hold several requests about
// one child.
std::vector<std::int64_t> RecordIds(const std::vector<BrokeringRequestRow>& rows) {
  std::vector<std::int64_t> ids;
  for (const BrokeringRequestRow& r : rows) ids.push_back(r.child_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

boost::json::string Name(BrokeringStatus s) {
  return boost::json::string(store::BrokeringStatusName(s));
}

// `text` (already trimmed) is present and at most `max` characters.
Status CheckText(const std::string& text, const char* field, std::size_t max, bool required,
                 const std::string& missing, const std::string& too_long) {
  if (required && text.empty()) return Error::Invalid(field, missing);
  if (CharCount(text) > max) return Error::Invalid(field, too_long);
  return Ok();
}

// A way to reach the requester: an email address (something@domain) or a
// phone number (at least six digits).
bool LooksReachable(const std::string& contact) {
  const std::size_t at = contact.find('@');
  if (at != std::string::npos && at > 0 && at + 1 < contact.size()) return true;
  return std::count_if(contact.begin(), contact.end(),
                       [](unsigned char c) { return std::isdigit(c) != 0; }) >= 6;
}

// Whether the actor works the brokering queue of some LA at all.
bool WorksAQueue(const Actor& actor) {
  return actor.user_id && !actor.la_code.empty() && actor.Has(core::Right::kBroker) &&
         IsManagementTeam(actor, actor.la_code);
}

// SENS-4, BRK-1: what is asked must be something the requester can see
// exists on the record as projected for them, so that the answer never
// depends on what is hidden from them.
Status CheckAgainstRecord(const policy::ProjectedRecord& seen, const BrokeringAsk& ask) {
  if (ask.kind == BrokeringKind::kShieldedRecordInformation) {
    if (!seen.child.shielded) {
      return Error::Invalid("kind", "This record is not shielded: ask only for a shielded record");
    }
    return Ok();
  }
  bool any = false;
  for (const core::Involvement& inv : seen.child.involvements) {
    if (inv.category != core::ServiceCategory::kSensitive) continue;
    any = true;
    if (ask.involvement_id && *ask.involvement_id == inv.id) return Ok();
  }
  if (ask.involvement_id) {
    return Error::Invalid("involvement_id", "Choose a sensitive service shown on this record");
  }
  if (!any) {
    return Error::Invalid("kind", "No sensitive service is shown as working with this child");
  }
  return Ok();
}

}  // namespace

// One step the team records on a request.
struct BrokeringService::Step {
  const char* action;  // the audit action
  Status input;        // the step's own input, already checked
  BrokeringStatus to;  // the status the step leads to
  std::function<Result<bool>(BrokeringRepository&, core::UserId by, Timestamp now)> apply;
  std::function<std::string(BrokeringStatus current)> refusal;  // why it does not apply
};

Result<std::int64_t> BrokeringService::Ask(const Actor& actor, core::ChildId child_id,
                                           const BrokeringAsk& ask) {
  if (!actor.user_id || !actor.Has(core::Right::kView)) {
    CP_TRY(ctx_.audit.Append(actor, {"brokering.ask", "denied", {child_id}, "{}"}));
    return Error::Denied("You cannot ask the management team to broker contact");
  }
  const std::string contact = TrimmedText(ask.requester_contact);
  const std::string reason = TrimmedText(ask.reason);
  CP_TRY(CheckText(contact, "requester_contact", kMaxBrokeringContactChars, true,
                   "Enter your phone number or email address",
                   "Your contact details must be 200 characters or fewer"));
  if (!LooksReachable(contact)) {
    return Error::Invalid("requester_contact", "Enter a phone number or an email address");
  }
  CP_TRY(CheckText(reason, "reason", kMaxBrokeringReasonChars, true,
                   "Enter the reason for your request",
                   "The reason must be 2,000 characters or fewer"));
  if (ask.involvement_id && ask.kind != BrokeringKind::kSensitiveServiceContact) {
    return Error::Invalid("involvement_id", "Name a service only when asking for contact with it");
  }

  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  auto loaded = store::ChildRepository(*conn).Get(child_id);
  if (!loaded) {
    if (loaded.error().code != ErrorCode::kNotFound) return loaded.error();
    CP_TRY(ctx_.audit.Append(actor, {"brokering.ask", "not_found", {}, "{}"}));
    return Error::NotFound("There is no such record");
  }
  if (loaded->archive_state != core::ArchiveState::kLive) {
    CP_TRY(ctx_.audit.Append(actor, {"brokering.ask", "archived", {child_id}, "{}"}));
    return Error::NotFound("There is no such record");
  }
  const policy::ProjectedRecord seen =
      policy::Project(*loaded, actor.AsViewer(), policy::Purpose::kRecordView);
  CP_TRY(CheckAgainstRecord(seen, ask));

  BrokeringRequestRow row;
  row.child_id = child_id;
  row.la_code = loaded->la_code;
  row.requester_user_id = *actor.user_id;
  row.mediator_id = actor.mediator_id;
  row.kind = ask.kind;
  row.involvement_id = ask.involvement_id;
  row.requester_contact = contact;
  row.reason = reason;
  row.created_at = ctx_.clock.Now();
  // The request and its audit entry commit together, or neither does.
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_ASSIGN(const std::int64_t id, BrokeringRepository(*conn).Add(row));
  boost::json::object details{{"request_id", id},
                              {"kind", store::BrokeringKindName(ask.kind)},
                              {"status", Name(BrokeringStatus::kReceived)}};
  if (ask.involvement_id) details["involvement_id"] = *ask.involvement_id;
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, actor, {"brokering.ask", "ok", {child_id}, boost::json::serialize(details)}));
  CP_TRY(tx.Commit());
  return id;
}

Result<std::vector<BrokeringRequest>> BrokeringService::Mine(const Actor& actor) {
  if (!actor.user_id) {
    CP_TRY(ctx_.audit.Append(actor, {"brokering.mine", "denied", {}, "{}"}));
    return Error::Denied("Sign in to see your brokering requests");
  }
  std::vector<BrokeringRequestRow> rows;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(rows, BrokeringRepository(*conn).ForRequester(*actor.user_id));
  }
  for (BrokeringRequestRow& r : rows) {
    // G 3.48: the service's identity stays with the team.
    r.passed_on_to.clear();
    const bool declined = r.disclosed.has_value() && !*r.disclosed;
    if (!declined) r.decision_reasons.clear();  // S 8: a refusal's reasons only
  }
  CP_TRY(ctx_.audit.Append(actor,
                           {"brokering.mine", "ok", RecordIds(rows),
                            AuditDetails({{"count", static_cast<std::int64_t>(rows.size())}})}));
  return rows;
}

Result<std::vector<BrokeringRequest>> BrokeringService::Queue(const Actor& actor) {
  if (!WorksAQueue(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {"brokering.queue", "denied", {}, "{}"}));
    return Error::Denied("Only the LA ContactPoint manager works the brokering queue");
  }
  std::vector<BrokeringRequestRow> rows;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(rows, BrokeringRepository(*conn).ListOpen(actor.la_code));
  }
  CP_TRY(
      ctx_.audit.Append(actor, {"brokering.queue", "ok", RecordIds(rows),
                                AuditDetails({{"count", static_cast<std::int64_t>(rows.size())},
                                              {"la_code", boost::json::string(actor.la_code)}})}));
  return rows;
}

Status BrokeringService::Take(const Actor& actor, std::int64_t request_id, const Step& step) {
  auto event = [&](const char* outcome, std::vector<std::int64_t> ids,
                   std::optional<BrokeringStatus> status) {
    boost::json::object details{{"request_id", request_id}};
    if (status) details["status"] = Name(*status);
    return AuditEvent{step.action, outcome, std::move(ids), boost::json::serialize(details)};
  };
  if (!WorksAQueue(actor)) {
    CP_TRY(ctx_.audit.Append(actor, event("denied", {}, std::nullopt)));
    return Error::Denied("Only the LA ContactPoint manager works the brokering queue");
  }
  CP_TRY(step.input);

  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  BrokeringRepository requests(*conn);
  auto found = requests.Get(request_id);
  if (!found) {
    if (found.error().code != ErrorCode::kNotFound) return found.error();
    CP_TRY(ctx_.audit.Append(actor, event("not_found", {}, std::nullopt)));
    return found.error();
  }
  const std::vector<std::int64_t> ids = {found->child_id};
  if (!IsManagementTeam(actor, found->la_code)) {
    CP_TRY(ctx_.audit.Append(actor, event("denied", ids, std::nullopt)));
    return Error::Denied("This request belongs to another local authority's team");
  }

  BrokeringStatus current = found->status;
  {
    // The step and its audit entry commit together.
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(const bool applied, step.apply(requests, *actor.user_id, ctx_.clock.Now()));
    if (applied) {
      CP_TRY(ctx_.audit.AppendInTransaction(*conn, actor, event("ok", ids, step.to)));
      return tx.Commit();
    }
    CP_ASSIGN(BrokeringRequestRow now, requests.Get(request_id));
    current = now.status;
  }  // rolled back: nothing changed
  // Refused after the transaction ends: Append waits for the group-commit
  // writer, which would wait for this connection's write lock.
  CP_TRY(ctx_.audit.Append(actor, event("refused", ids, current)));
  return Error::Precondition(step.refusal(current));
}

Status BrokeringService::PassOn(const Actor& actor, std::int64_t request_id,
                                const std::string& to_whom) {
  const std::string to = TrimmedText(to_whom);
  Step step{"brokering.pass_on",
            CheckText(to, "to_whom", kMaxBrokeringToWhomChars, true,
                      "Enter the service or practitioner the request was passed to",
                      "This must be 500 characters or fewer"),
            BrokeringStatus::kPassedOn,
            [&](BrokeringRepository& r, core::UserId by, Timestamp now) {
              return r.PassOn(request_id, by, now, to);
            },
            [](BrokeringStatus) { return "This request has already been passed on"; }};
  return Take(actor, request_id, step);
}

Status BrokeringService::RecordDecision(const Actor& actor, std::int64_t request_id, bool disclosed,
                                        const std::string& reasons) {
  const std::string why = TrimmedText(reasons);
  Step step{"brokering.decision",
            CheckText(why, "reasons", kMaxBrokeringReasonChars, !disclosed,
                      "Enter the reasons the service or practitioner gave for declining",
                      "The reasons must be 2,000 characters or fewer"),
            disclosed ? BrokeringStatus::kDisclosed : BrokeringStatus::kDeclined,
            [&](BrokeringRepository& r, core::UserId by, Timestamp now) {
              return r.Decide(request_id, disclosed, by, now, why);
            },
            [](BrokeringStatus current) -> std::string {
              if (current == BrokeringStatus::kReceived) {
                return "Pass the request on before recording the decision";
              }
              return "A decision has already been recorded for this request";
            }};
  return Take(actor, request_id, step);
}

Status BrokeringService::RecordFeedback(const Actor& actor, std::int64_t request_id) {
  Step step{"brokering.feedback", Ok(), BrokeringStatus::kClosed,
            [&](BrokeringRepository& r, core::UserId by, Timestamp now) {
              return r.Close(request_id, by, now, Date::FromTimestamp(now));
            },
            [](BrokeringStatus current) -> std::string {
              if (current == BrokeringStatus::kClosed) {
                return "The requester has already been told the outcome";
              }
              return "Record the decision before the feedback to the requester";
            }};
  return Take(actor, request_id, step);
}

}  // namespace cp::services
