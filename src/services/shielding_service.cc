#include "services/shielding_service.h"

#include <boost/json.hpp>

#include "services/child_index.h"
#include "services/input_text.h"
#include "services/search_service.h"
#include "store/child_repository.h"
#include "store/match_rows.h"

namespace cp::services {
namespace {

using core::ShieldingLogAction;
using core::ShieldRequesterKind;
using core::ShieldRequestStatus;

constexpr int kInitialReviewDays = 7;  // SHD-5, S 6
constexpr int kPeriodicReviewMonths = 6;
constexpr std::size_t kMaxText = 2000;
constexpr int kMaxLogForRecord = 1000;  // far more than one record's history

std::string Details(const boost::json::object& fields) { return boost::json::serialize(fields); }

Status CheckText(const std::string& value, const char* field, const char* label, bool required) {
  if (required && TrimmedText(value).empty())
    return Error::Invalid(field, std::string("Enter ") + label);
  if (value.size() > kMaxText) {
    return Error::Invalid(field, std::string(label) + " must be 2,000 characters or fewer");
  }
  return Ok();
}

std::vector<std::int64_t> Touched(core::ChildId child, const std::vector<core::ChildId>& also) {
  std::vector<std::int64_t> ids = {child};
  ids.insert(ids.end(), also.begin(), also.end());
  return ids;
}

Status CheckGrounds(const std::vector<core::ShieldGround>& grounds) {
  if (grounds.empty()) {
    return Error::Invalid("grounds", "Select at least one reason the record must be shielded");
  }
  return Ok();
}

// One S 15 log entry for `request` on `child`, taken now by `actor`.
store::ShieldingLogRow LogEntry(const core::Child& child, const store::ShieldRequestRow& request,
                                ShieldingLogAction action, std::string comments, const Actor& actor,
                                Timestamp now) {
  store::ShieldingLogRow log;
  log.child_id = child.id;
  log.uin = child.uin.value();
  log.la_code = child.la_code;
  log.action = action;
  log.category = core::JoinShieldGrounds(request.grounds);
  log.action_on = Date::FromTimestamp(now);
  log.requester_contact = request.requester_contact;
  log.relationship = request.relationship;
  log.comments = std::move(comments);
  log.recorded_by = actor.user_id;
  log.created_at = now;
  return log;
}

}  // namespace

bool IsManagementTeam(const Actor& actor, const std::string& la_code) {
  return actor.role == core::Role::kLaManager && actor.la_code == la_code;
}

// What taking effect did, inside one write transaction.
struct ShieldingService::Applied {
  store::Connection& conn;
  const Actor& actor;
  Timestamp now;
  Date today;

  // The request `row` (stored as active) shields its record: the flag, a
  // 7-day review and the log entry.
  Status TakeEffect(const core::Child& child, const store::ShieldRequestRow& row,
                    ShieldingLogAction action, const std::string& comments) {
    store::ShieldRepository shields(conn);
    if (!child.shielded) CP_TRY(shields.SetShielded(child.id, true, now));
    CP_TRY(shields.AddReview(child.id, "initial", today.AddDays(kInitialReviewDays), now));
    CP_TRY(shields.AddLog(LogEntry(child, row, action, comments, actor, now)));
    return Ok();
  }
};

// SHD-7: live records the matching engine takes for the same child. Read
// before the write transaction (the index is in memory).
Result<std::vector<core::ChildId>> ShieldingService::PotentialDuplicates(store::Connection& conn,
                                                                         core::ChildId child) {
  std::vector<core::ChildId> out;
  if (index_ == nullptr) return out;
  CP_ASSIGN(auto match_row, store::ReadMatchRow(conn, child));
  if (!match_row) return out;
  CP_ASSIGN(auto hits, index_->Search(RowDetails(*match_row), 10));
  for (const auto& h : hits) {
    const auto id = static_cast<core::ChildId>(h.id);
    if (id != child && h.probability >= kSameChildProbability) out.push_back(id);
  }
  return out;
}

// SHD-6 and SHD-7: the children at the same address and the potential
// duplicates are shielded in the first instance, each by a system request
// (which the team can withdraw) with its own 7-day review. Records already
// shielded are left as they are.
Status ShieldingService::ShieldRelated(Applied& applied, core::ChildId child,
                                       const std::vector<core::ShieldGround>& grounds,
                                       const std::vector<core::ChildId>& duplicates,
                                       std::vector<core::ChildId>& shielded) {
  store::ShieldRepository shields(applied.conn);
  auto shield = [&](core::ChildId other, core::ShieldOrigin origin) -> Status {
    if (std::find(shielded.begin(), shielded.end(), other) != shielded.end()) return Ok();
    CP_ASSIGN(core::Child c, store::ChildRepository(applied.conn).Get(other));
    if (c.shielded || c.archive_state != core::ArchiveState::kLive) return Ok();
    const bool co_resident = origin == core::ShieldOrigin::kCoResident;
    store::ShieldRequestRow implied;
    implied.child_id = other;
    implied.requester_kind = ShieldRequesterKind::kSystem;
    implied.grounds = grounds;
    implied.origin = origin;
    implied.origin_child_id = child;
    implied.status = ShieldRequestStatus::kActive;
    implied.relationship = co_resident ? "Lives at the address of a shielded child"
                                       : "Possible duplicate of a shielded record";
    implied.recorded_by = applied.actor.user_id;
    implied.created_at = applied.now;
    CP_ASSIGN(implied.id, shields.AddRequest(implied));
    CP_TRY(applied.TakeEffect(
        c, implied,
        co_resident ? ShieldingLogAction::kApplied : ShieldingLogAction::kAppliedToPossibleMatch,
        co_resident ? "Co-resident child: shielded in the first instance"
                    : "Possible match: shielded in the first instance"));
    shielded.push_back(other);
    return Ok();
  };
  CP_ASSIGN(std::vector<core::ChildId> co_resident, shields.SameAddress(child));
  for (core::ChildId other : co_resident) CP_TRY(shield(other, core::ShieldOrigin::kCoResident));
  for (core::ChildId other : duplicates) {
    CP_TRY(shield(other, core::ShieldOrigin::kPotentialDuplicate));
  }
  return Ok();
}

Result<ShieldOutcome> ShieldingService::Submit(const Actor& actor, core::ChildId child_id,
                                               store::ShieldRequestRow row, const char* action) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(core::Child child, store::ChildRepository(*conn).Get(child_id));
  if (child.archive_state != core::ArchiveState::kLive) {
    return Error::NotFound("There is no such record");
  }
  std::vector<core::ChildId> duplicates;
  if (row.status == ShieldRequestStatus::kActive && row.origin == core::ShieldOrigin::kRequest) {
    CP_ASSIGN(duplicates, PotentialDuplicates(*conn, child_id));
  }

  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  store::ShieldRepository shields(*conn);
  const Timestamp now = ctx_.clock.Now();
  row.child_id = child_id;
  row.created_at = now;
  CP_ASSIGN(row.id, shields.AddRequest(row));
  ShieldOutcome out{row.id, row.status, child.shielded, {}};
  Applied applied{*conn, actor, now, Date::FromTimestamp(now)};
  if (row.status == ShieldRequestStatus::kActive) {
    CP_TRY(applied.TakeEffect(child, row, ShieldingLogAction::kApplied, row.comments));
    out.shielded = true;
    if (row.origin == core::ShieldOrigin::kRequest) {
      CP_TRY(ShieldRelated(applied, child_id, row.grounds, duplicates, out.also_shielded));
    }
  } else if (child.shielded) {
    // S 15 action 4: a further request on a shielded record, not yet applied.
    CP_TRY(shields.AddLog(
        LogEntry(child, row, ShieldingLogAction::kAdditionalRequest, row.comments, actor, now)));
  }
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, actor,
      {action, "ok", Touched(child_id, out.also_shielded),
       Details({{"request_id", row.id},
                {"status", std::string(core::ShieldRequestStatusName(row.status))},
                {"urgent", row.urgent}})}));
  CP_TRY(tx.Commit());
  return out;
}

Result<ShieldOutcome> ShieldingService::Request(const Actor& actor, core::ChildId child,
                                                const ShieldRequestInput& in) {
  if (!actor.user_id || !actor.Has(core::Right::kView)) {
    CP_TRY(ctx_.audit.Append(actor, {"shield.request", "denied", {child}, "{}"}));
    return Error::Denied("You cannot ask for records to be shielded");
  }
  CP_TRY(CheckGrounds(in.grounds));
  CP_TRY(CheckText(in.relationship, "relationship", "your relationship to the child", true));
  CP_TRY(CheckText(in.comments, "comments", "Comments", false));
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(auto existing, store::ShieldRepository(*conn).RequestsFor(child));
    for (const auto& r : existing) {
      if (r.requester_user_id == actor.user_id &&
          (r.status == ShieldRequestStatus::kActive || r.status == ShieldRequestStatus::kPending)) {
        return Error::Conflict("You have already asked for this record to be shielded");
      }
    }
  }
  store::ShieldRequestRow row;
  row.requester_kind = ShieldRequesterKind::kUser;
  row.requester_user_id = actor.user_id;
  row.relationship = TrimmedText(in.relationship);
  row.grounds = in.grounds;
  row.urgent = in.urgent;
  row.comments = TrimmedText(in.comments);
  row.recorded_by = actor.user_id;
  // G 4.67: an urgent mark shields at once, as does a named shielder's request.
  row.status = in.urgent || actor.Has(core::Right::kShield) ? ShieldRequestStatus::kActive
                                                            : ShieldRequestStatus::kPending;
  return Submit(actor, child, std::move(row), "shield.request");
}

Result<ShieldOutcome> ShieldingService::RecordForNonUser(const Actor& actor, core::ChildId child,
                                                         const NonUserRequestInput& in) {
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(core::Child c, store::ChildRepository(*conn).Get(child));
    if (!IsManagementTeam(actor, c.la_code)) {
      CP_TRY(ctx_.audit.Append(actor, {"shield.record_non_user", "denied", {child}, "{}"}));
      return Error::Denied("Only the record's LA ContactPoint management team can do this");
    }
  }
  CP_TRY(CheckText(in.requester_name, "requester_name", "the name of the person asking", true));
  CP_TRY(CheckText(in.requester_contact, "requester_contact", "their contact details", true));
  CP_TRY(CheckText(in.relationship, "relationship", "their relationship to the child", true));
  CP_TRY(CheckText(in.service_contact, "service_contact", "Service contact details", false));
  CP_TRY(CheckText(in.comments, "comments", "Comments", false));
  CP_TRY(CheckGrounds(in.grounds));
  store::ShieldRequestRow row;
  row.requester_kind = ShieldRequesterKind::kNonUser;
  row.requester_name = TrimmedText(in.requester_name);
  row.requester_contact = TrimmedText(in.requester_contact);
  row.relationship = TrimmedText(in.relationship);
  row.service_contact = TrimmedText(in.service_contact);
  row.grounds = in.grounds;
  row.comments = TrimmedText(in.comments);
  row.recorded_by = actor.user_id;
  row.status = ShieldRequestStatus::kActive;  // G 4.69: a matter of urgency
  return Submit(actor, child, std::move(row), "shield.record_non_user");
}

Result<ShieldOutcome> ShieldingService::RequestFromSource(core::ChildId child,
                                                          const std::string& source_code,
                                                          Route route) {
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(auto existing, store::ShieldRepository(*conn).RequestsFor(child));
    for (const auto& r : existing) {
      if (r.requester_kind == ShieldRequesterKind::kSource && r.source_code == source_code &&
          r.status == ShieldRequestStatus::kActive) {
        return ShieldOutcome{r.id, r.status, true, {}};  // already flagged by this source
      }
    }
  }
  store::ShieldRequestRow row;
  row.requester_kind = ShieldRequesterKind::kSource;
  row.source_code = source_code;
  row.relationship = "Source system " + source_code;
  row.grounds = {core::ShieldGround::kRiskToChild};
  row.status = ShieldRequestStatus::kActive;
  return Submit(Actor::System(route), child, std::move(row), "shield.source_flag");
}

Status ShieldingService::Decide(const Actor& actor, std::int64_t request_id, bool apply,
                                const std::string& comments) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(store::ShieldRequestRow row, store::ShieldRepository(*conn).GetRequest(request_id));
  if (!IsManagementTeam(actor, row.la_code)) {
    CP_TRY(ctx_.audit.Append(actor, {"shield.decide", "denied", {row.child_id}, "{}"}));
    return Error::Denied("Only the record's LA ContactPoint management team can do this");
  }
  CP_TRY(CheckText(comments, "comments", "Comments", !apply));
  CP_ASSIGN(core::Child child, store::ChildRepository(*conn).Get(row.child_id));
  std::vector<core::ChildId> duplicates;
  if (apply) {
    CP_ASSIGN(duplicates, PotentialDuplicates(*conn, row.child_id));
  }
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  store::ShieldRepository shields(*conn);
  const Timestamp now = ctx_.clock.Now();
  std::vector<core::ChildId> also;
  const ShieldRequestStatus to =
      apply ? ShieldRequestStatus::kActive : ShieldRequestStatus::kRejected;
  CP_TRY(shields.Decide(request_id, to, *actor.user_id, now, TrimmedText(comments)));
  Applied applied{*conn, actor, now, Date::FromTimestamp(now)};
  if (apply) {
    CP_TRY(applied.TakeEffect(child, row, ShieldingLogAction::kApplied, TrimmedText(comments)));
    CP_TRY(ShieldRelated(applied, row.child_id, row.grounds, duplicates, also));
  } else {
    CP_TRY(shields.AddLog(
        LogEntry(child, row, ShieldingLogAction::kRejected, TrimmedText(comments), actor, now)));
  }
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, actor,
      {"shield.decide", apply ? "applied" : "rejected", Touched(row.child_id, also),
       Details({{"request_id", request_id}})}));
  return tx.Commit();
}

Result<core::ChildId> ShieldingService::Withdraw(const Actor& actor, std::int64_t request_id) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(store::ShieldRequestRow row, store::ShieldRepository(*conn).GetRequest(request_id));
  bool allowed = false;
  switch (row.requester_kind) {
    case ShieldRequesterKind::kUser:
      allowed = actor.user_id && row.requester_user_id == actor.user_id;  // SHD-4: own only
      break;
    case ShieldRequesterKind::kNonUser:
    case ShieldRequesterKind::kSystem:
      allowed = IsManagementTeam(actor, row.la_code);
      break;
    case ShieldRequesterKind::kSource:
      allowed = false;  // withdrawn only by the source's own feed
      break;
  }
  if (!allowed) {
    CP_TRY(ctx_.audit.Append(actor, {"shield.withdraw", "denied", {row.child_id}, "{}"}));
    return Error::Denied("You can withdraw only your own shielding request");
  }
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_TRY(store::ShieldRepository(*conn).Withdraw(request_id, actor.user_id, ctx_.clock.Now()));
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, actor,
      {"shield.withdraw", "ok", {row.child_id}, Details({{"request_id", request_id}})}));
  CP_TRY(tx.Commit());
  return row.child_id;
}

Status ShieldingService::Unshield(const Actor& actor, core::ChildId child_id,
                                  const std::string& note) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(core::Child child, store::ChildRepository(*conn).Get(child_id));
  if (!actor.Has(core::Right::kUnshield) || !IsManagementTeam(actor, child.la_code)) {
    CP_TRY(ctx_.audit.Append(actor, {"shield.unshield", "denied", {child_id}, "{}"}));
    return Error::Denied("Only the record's LA ContactPoint manager can unshield it");
  }
  CP_TRY(CheckText(note, "note", "the reason for the decision", true));
  if (!child.shielded) return Error::Precondition("This record is not shielded");
  int outstanding = 0;
  {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    store::ShieldRepository shields(*conn);
    CP_ASSIGN(outstanding, shields.CountOutstanding(child_id));
    if (outstanding == 0) {
      const Timestamp now = ctx_.clock.Now();
      CP_TRY(shields.SetShielded(child_id, false, now));
      CP_TRY(shields.CloseOpenReviews(
          child_id,
          std::string(core::ShieldReviewDecisionName(core::ShieldReviewDecision::kUnshielded)),
          *actor.user_id, now));
      CP_TRY(ctx_.audit.AppendInTransaction(*conn, actor,
                                            {"shield.unshield", "ok", {child_id}, "{}"}));
      return tx.Commit();
    }
  }  // rolled back: nothing changes
  // SHD-4: refused while any request remains.
  CP_TRY(ctx_.audit.Append(actor, {"shield.unshield",
                                   "refused",
                                   {child_id},
                                   Details({{"outstanding_requests", outstanding}})}));
  return Error::Precondition(
      "This record cannot be unshielded while " + std::to_string(outstanding) +
      (outstanding == 1 ? " shielding request remains" : " shielding requests remain") +
      ": every requester must withdraw first");
}

Result<std::vector<ReviewItem>> ShieldingService::ReviewsDue(const Actor& actor, int within_days) {
  if (actor.role != core::Role::kLaManager) {
    CP_TRY(ctx_.audit.Append(actor, {"shield.reviews", "denied", {}, "{}"}));
    return Error::Denied("Only the LA ContactPoint management team can see shielding reviews");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  const Date today = ctx_.clock.Today();
  CP_ASSIGN(auto rows, store::ShieldRepository(*conn).OpenReviews(
                           actor.la_code, today.AddDays(std::max(0, within_days))));
  std::vector<ReviewItem> out;
  std::vector<std::int64_t> ids;
  for (auto& r : rows) {
    ids.push_back(r.child_id);
    const bool overdue = r.due_on < today;
    out.push_back({std::move(r), overdue});
  }
  CP_TRY(ctx_.audit.Append(actor, {"shield.reviews", "ok", ids, "{}"}));
  return out;
}

Status ShieldingService::DecideReview(const Actor& actor, std::int64_t review_id,
                                      core::ShieldReviewDecision decision,
                                      const std::string& note) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(store::ShieldReviewRow review, store::ShieldRepository(*conn).GetReview(review_id));
  if (!IsManagementTeam(actor, review.la_code)) {
    CP_TRY(ctx_.audit.Append(actor, {"shield.review", "denied", {review.child_id}, "{}"}));
    return Error::Denied("Only the record's LA ContactPoint management team can do this");
  }
  CP_TRY(CheckText(note, "note", "the panel's decision and reasons", true));
  if (decision == core::ShieldReviewDecision::kUnshielded) {
    return Error::Invalid("decision", "To remove the shield, unshield the record");
  }
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  store::ShieldRepository shields(*conn);
  const Timestamp now = ctx_.clock.Now();
  CP_TRY(shields.DecideReview(review_id, std::string(core::ShieldReviewDecisionName(decision)),
                              *actor.user_id, now, TrimmedText(note)));
  // SHD-5, SHD-10: the next review in six months, at any age.
  const Date next = Date::FromTimestamp(now).AddMonths(kPeriodicReviewMonths);
  CP_ASSIGN(std::int64_t next_id, shields.AddReview(review.child_id, "periodic", next, now));
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, actor,
      {"shield.review",
       std::string(core::ShieldReviewDecisionName(decision)),
       {review.child_id},
       Details({{"review_id", review_id}, {"next_review_id", next_id}})}));
  return tx.Commit();
}

Result<std::vector<store::ShieldRequestRow>> ShieldingService::PendingRequests(const Actor& actor) {
  if (actor.role != core::Role::kLaManager) {
    CP_TRY(ctx_.audit.Append(actor, {"shield.queue", "denied", {}, "{}"}));
    return Error::Denied("Only the LA ContactPoint management team can see shielding requests");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(auto rows, store::ShieldRepository(*conn).RequestsWithStatus(
                           ShieldRequestStatus::kPending, actor.la_code));
  std::vector<std::int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.child_id);
  CP_TRY(ctx_.audit.Append(actor, {"shield.queue", "ok", ids, "{}"}));
  return rows;
}

Result<std::vector<store::ShieldRequestRow>> ShieldingService::RequestsFor(const Actor& actor,
                                                                           core::ChildId child) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(auto rows, store::ShieldRepository(*conn).RequestsFor(child));
  const bool team = !rows.empty() && IsManagementTeam(actor, rows.front().la_code);
  std::vector<store::ShieldRequestRow> out;
  for (auto& r : rows) {
    if (team || (actor.user_id && r.requester_user_id == actor.user_id))
      out.push_back(std::move(r));
  }
  CP_TRY(ctx_.audit.Append(actor, {"shield.requests", "ok", {child}, "{}"}));
  return out;
}

Result<std::vector<store::ShieldingLogRow>> ShieldingService::Log(const Actor& actor, int limit) {
  if (actor.role != core::Role::kLaManager) {  // SHD-8: the management team only
    CP_TRY(ctx_.audit.Append(actor, {"shield.log", "denied", {}, "{}"}));
    return Error::Denied("Only the LA ContactPoint management team can see the shielding log");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(auto rows, store::ShieldRepository(*conn).Log(actor.la_code, limit));
  CP_TRY(ctx_.audit.Append(actor, {"shield.log", "ok", {}, Details({{"entries", rows.size()}})}));
  return rows;
}

Result<std::vector<store::ShieldingLogRow>> ShieldingService::LogFor(const Actor& actor,
                                                                     core::ChildId child_id) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  // SHD-8: the record's management team only; anyone else is refused
  // before the record is read.
  bool team = actor.role == core::Role::kLaManager;
  if (team) {
    CP_ASSIGN(core::Child child, store::ChildRepository(*conn).GetCore(child_id));
    team = IsManagementTeam(actor, child.la_code);
  }
  if (!team) {
    CP_TRY(ctx_.audit.Append(actor, {"shield.log", "denied", {child_id}, "{}"}));
    return Error::Denied("Only the record's LA ContactPoint management team can see its log");
  }
  CP_ASSIGN(auto rows, store::ShieldRepository(*conn).LogFor(child_id, kMaxLogForRecord));
  // AUD-5: the read is in the record's access history.
  CP_TRY(ctx_.audit.Append(actor,
                           {"shield.log", "ok", {child_id}, Details({{"entries", rows.size()}})}));
  return rows;
}

Status ShieldingService::MarkConfirmationSent(const Actor& actor, std::int64_t log_id) {
  const char* action = "shield.log.confirmation";
  const std::string details = Details({{"log_id", log_id}});
  if (actor.role != core::Role::kLaManager) {
    CP_TRY(ctx_.audit.Append(actor, {action, "denied", {}, details}));
    return Error::Denied("Only the LA ContactPoint management team can do this");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::ShieldRepository shields(*conn);
  CP_ASSIGN(store::ShieldingLogRow entry, shields.GetLog(log_id));
  if (!IsManagementTeam(actor, entry.la_code)) {
    CP_TRY(ctx_.audit.Append(actor, {action, "denied", {entry.child_id}, details}));
    return Error::Denied("Only the LA ContactPoint management team that logged this can do this");
  }
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_TRY(shields.MarkConfirmationSent(log_id, ctx_.clock.Today()));
  CP_TRY(ctx_.audit.AppendInTransaction(*conn, actor, {action, "ok", {entry.child_id}, details}));
  return tx.Commit();
}

Result<std::vector<store::ShieldRequestRow>> ShieldingService::UserRequestsReport(
    const Actor& actor, Date from, Date to) {
  if (actor.role != core::Role::kLaManager) {
    CP_TRY(ctx_.audit.Append(actor, {"shield.report", "denied", {}, "{}"}));
    return Error::Denied("Only the LA ContactPoint management team can run this report");
  }
  if (to < from) return Error::Invalid("to", "The end date must not be before the start date");
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(auto rows, store::ShieldRepository(*conn).UserRequests(
                           actor.la_code, from.StartTimestamp(), to.AddDays(1).StartTimestamp()));
  CP_TRY(ctx_.audit.Append(
      actor, {"shield.report",
              "ok",
              {},
              Details({{"from", from.ToIso()}, {"to", to.ToIso()}, {"rows", rows.size()}})}));
  return rows;
}

}  // namespace cp::services
