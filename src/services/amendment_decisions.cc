// The data administrators' side of users' amendments (UPD-2, G 3.25,
// FEED-6): the queue of amendments in conflict, one beside its record, and
// the decision — override on verification, or reject with a reason.

#include "services/amendment_service.h"
#include "services/amendment_statement.h"
#include "services/input_text.h"
#include "services/review_service.h"
#include "store/child_repository.h"

namespace cp::services {
namespace {

bool SeesEveryQueue(const Actor& a) { return a.role == core::Role::kCentralTeam; }

AuditEvent Event(const char* action, const char* outcome, const AmendmentRow& row) {
  return {action,
          outcome,
          {row.child_id},
          AuditDetails(
              {{"amendment_id", row.id}, {"item", boost::json::string(core::ItemName(row.item))}})};
}

const char* ActionOf(AmendmentVerdict v) {
  return v == AmendmentVerdict::kOverride ? "amendment.override" : "amendment.reject";
}

}  // namespace

Result<std::vector<AmendmentRow>> AmendmentService::Queue(const Actor& actor) {
  if (!IsDataAdministration(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {"amendment.queue", "denied", {}, "{}"}));
    return Error::Denied("Only data administrators work the queue of amendments");
  }
  std::vector<AmendmentRow> rows;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    const std::optional<std::string> la =
        SeesEveryQueue(actor) ? std::nullopt : std::optional<std::string>(actor.la_code);
    CP_ASSIGN(rows, store::AmendmentRepository(*conn).ListPending(la, kMaxAmendmentsListed));
  }
  std::vector<std::int64_t> records;
  for (AmendmentRow& r : rows) {
    records.push_back(r.child_id);
    r.previous.clear();  // the values are shown one at a time, on Detail
    r.proposed.clear();
    r.verification.clear();
  }
  CP_TRY(ctx_.audit.Append(actor,
                           {"amendment.queue", "ok", records,
                            AuditDetails({{"count", static_cast<std::int64_t>(rows.size())}})}));
  return rows;
}

Result<AmendmentDetail> AmendmentService::Detail(const Actor& actor, std::int64_t amendment_id) {
  if (!IsDataAdministration(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {"amendment.view", "denied", {}, "{}"}));
    return Error::Denied("Only data administrators decide amendments");
  }
  AmendmentDetail d;
  core::Child record;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    auto row = store::AmendmentRepository(*conn).Get(amendment_id);
    if (!row) {
      if (row.error().code != ErrorCode::kNotFound) return row.error();
      CP_TRY(ctx_.audit.Append(actor, {"amendment.view", "not_found", {}, "{}"}));
      return row.error();
    }
    d.amendment = std::move(*row);
    if (!SeesEveryQueue(actor) && d.amendment.la_code != actor.la_code) {
      CP_TRY(ctx_.audit.Append(actor, Event("amendment.view", "denied", d.amendment)));
      return Error::Denied("This amendment is for another local authority's data administrators");
    }
    store::ChildRepository children(*conn);
    CP_ASSIGN(d.version, children.Version(d.amendment.child_id));
    CP_ASSIGN(record, children.Get(d.amendment.child_id));
  }
  const policy::Viewer viewer = actor.AsViewer();
  d.live = record.archive_state == core::ArchiveState::kLive;
  d.record = policy::Project(record, viewer, policy::Purpose::kRecordView);
  d.withheld = !policy::MaySee(viewer, record, d.amendment.item, policy::Purpose::kRecordView);
  if (d.withheld) {
    // SHD-2: neither value, nor the words that verified it, for an
    // administrator who may not see the item.
    d.amendment.previous.clear();
    d.amendment.proposed.clear();
    d.amendment.verification.clear();
  } else {
    d.current = CurrentItemFields(d.record.child, d.amendment.item);
  }
  CP_TRY(ctx_.audit.Append(actor, Event("amendment.view", "ok", d.amendment)));
  return d;
}

Status AmendmentService::Decide(const Actor& actor, std::int64_t amendment_id,
                                const AmendmentDecision& decision) {
  const char* action = ActionOf(decision.verdict);
  if (!IsDataAdministration(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {action, "denied", {}, "{}"}));
    return Error::Denied("Only data administrators decide amendments");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::AmendmentRepository amendments(*conn);
  store::ChildRepository children(*conn);
  auto found = amendments.Get(amendment_id);
  if (!found) {
    if (found.error().code != ErrorCode::kNotFound) return found.error();
    CP_TRY(ctx_.audit.Append(actor, {action, "not_found", {}, "{}"}));
    return found.error();
  }
  const AmendmentRow row = std::move(*found);
  if (!SeesEveryQueue(actor) && row.la_code != actor.la_code) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", row)));
    return Error::Denied("This amendment is for another local authority's data administrators");
  }
  CP_ASSIGN(core::Child record, children.Get(row.child_id));
  if (!policy::MaySee(actor.AsViewer(), record, row.item, policy::Purpose::kRecordView)) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", row)));
    return Error::Denied(
        "The record is shielded: a data administrator who may see shielded records decides this");
  }
  auto refuse = [&](Error e) -> Status {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", row)));
    return e;
  };
  if (row.status != core::AmendmentStatus::kPending) {
    return refuse(Error::Precondition("This amendment has already been decided"));
  }
  if (record.archive_state != core::ArchiveState::kLive) {
    return refuse(Error::Precondition("The record is no longer live (archived or merged)"));
  }
  const std::string reason = TrimmedText(decision.reason);
  if (reason.empty()) {
    return Error::Invalid("reason", decision.verdict == AmendmentVerdict::kOverride
                                        ? "Record the additional verification you hold"
                                        : "Give the reason the amendment is rejected");
  }
  if (CharCount(reason) > kMaxAmendmentVerificationChars) {
    return Error::Invalid("reason", "This must be 2,000 characters or fewer");
  }
  const Error stale = Error::Conflict(
      "The record has changed since this page was shown. Look at the amendment again.");
  CP_ASSIGN(std::int64_t version, children.Version(row.child_id));
  if (version != decision.version) return refuse(stale);

  const bool apply = decision.verdict == AmendmentVerdict::kOverride;
  CP_ASSIGN(const LaLocator* places, Places());
  const Timestamp now = ctx_.clock.Now();
  const ItemChange change{row.item, ItemFieldsFromJson(row.previous),
                          ItemFieldsFromJson(row.proposed)};
  if (apply) {
    if (Status ok = CheckChanges({change}, *places, ctx_.clock.Today()); !ok) {
      return refuse(Error::Precondition("The amendment no longer meets the record's rules: " +
                                        ok.error().message));
    }
    if (index_ == nullptr) return Error::Unavailable("The search index is not loaded");
  }
  bool decided = false, moved_on = false;
  Status done = [&]() -> Status {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(std::int64_t now_version, children.Version(row.child_id));
    if (now_version != decision.version) {
      moved_on = true;
      return Ok();
    }
    std::optional<std::int64_t> statement;
    if (apply) {
      CP_ASSIGN(auto ids, ApplyChanges(*conn, *index_, *places, record, {change}, now));
      statement = ids.front();
    }
    CP_ASSIGN(decided, amendments.Decide(amendment_id,
                                         apply ? core::AmendmentStatus::kOverridden
                                               : core::AmendmentStatus::kRejected,
                                         *actor.user_id, now, reason, statement));
    if (!decided) return Ok();  // rolled back: decided meanwhile
    // G 3.25: the audit entry says there was a verification, never what.
    CP_TRY(ctx_.audit.AppendInTransaction(
        *conn, actor,
        {action,
         "ok",
         {row.child_id},
         AuditDetails({{"amendment_id", row.id},
                       {"item", boost::json::string(core::ItemName(row.item))},
                       {"conflict", boost::json::string(core::AmendmentConflictName(row.conflict))},
                       {"requested_by", row.requested_by}})}));
    return tx.Commit();
  }();
  if (apply && index_ != nullptr && (!done || !decided)) (void)index_->Refresh(*conn, row.child_id);
  if (!done) return done.error();
  if (moved_on) return refuse(stale);
  if (!decided) return refuse(Error::Precondition("This amendment has already been decided"));
  return Ok();
}

}  // namespace cp::services
