#include "services/amendment_service.h"

#include <set>

#include "services/amendment_statement.h"
#include "services/input_text.h"
#include "services/review_service.h"
#include "store/child_repository.h"

namespace cp::services {
namespace {

boost::json::array ItemNames(const std::vector<AmendedItem>& items, core::AmendmentStatus status) {
  boost::json::array out;
  for (const AmendedItem& a : items) {
    if (a.status == status) out.emplace_back(std::string(core::ItemName(a.item)));
  }
  return out;
}

}  // namespace

bool MayAmend(const Actor& a) {
  return a.user_id.has_value() && a.Has(core::Right::kUpdate) && a.Has(core::Right::kView);
}

Result<const LaLocator*> AmendmentService::Places() const {
  if (places_ != nullptr) return places_;
  return ProgramLaLocator();
}

Result<AmendmentForm> AmendmentService::Form(const Actor& actor, core::ChildId child) {
  if (!MayAmend(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {"amendment.form", "denied", {child}, "{}"}));
    return Error::Denied("You cannot amend child records");
  }
  AmendmentForm form;
  core::Child record;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    store::ChildRepository children(*conn);
    // The version first: a change after it is read shows as a stale form.
    auto version = children.Version(child);
    auto loaded = version ? children.Get(child) : Result<core::Child>(version.error());
    if (!loaded || loaded->archive_state != core::ArchiveState::kLive) {
      if (!loaded && loaded.error().code != ErrorCode::kNotFound) return loaded.error();
      CP_TRY(ctx_.audit.Append(actor, {"amendment.form", "not_found", {}, "{}"}));
      return Error::NotFound("There is no such record");
    }
    form.version = *version;
    record = std::move(*loaded);
  }
  const policy::Viewer viewer = actor.AsViewer();
  form.record = policy::Project(record, viewer, policy::Purpose::kRecordView);
  for (core::Item item : core::kAmendableItems) {
    if (!policy::MaySee(viewer, record, item, policy::Purpose::kRecordView)) continue;
    form.amendable.push_back(item);
    for (auto& [column, value] : CurrentItemFields(form.record.child, item)) {
      form.values[column] = value;
    }
  }
  const std::string details = form.record.minimal ? R"({"shielded":true})" : "{}";
  CP_TRY(ctx_.audit.Append(actor, {"amendment.form", "ok", {child}, details}));
  return form;
}

Result<std::vector<AmendedItem>> AmendmentService::Amend(const Actor& actor, core::ChildId child,
                                                         const AmendmentRequest& request) {
  if (!MayAmend(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {"record.amend", "denied", {child}, "{}"}));
    return Error::Denied("You cannot amend child records");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::ChildRepository children(*conn);
  auto loaded = children.Get(child);
  if (!loaded || loaded->archive_state != core::ArchiveState::kLive) {
    if (!loaded && loaded.error().code != ErrorCode::kNotFound) return loaded.error();
    CP_TRY(ctx_.audit.Append(actor, {"record.amend", "not_found", {}, "{}"}));
    return Error::NotFound("There is no such record");
  }
  const core::Child& record = *loaded;

  // SHD-2: an item the user may not see is refused before anything is
  // compared with it, so that no answer tells what it holds.
  std::set<core::Item> touched;
  for (const auto& [column, value] : request.fields) {
    auto item = ItemOfColumn(column);
    if (!item) return Error::Invalid(column, "This cannot be amended");
    touched.insert(*item);
  }
  const policy::Viewer viewer = actor.AsViewer();
  for (core::Item item : touched) {
    if (policy::MaySee(viewer, record, item, policy::Purpose::kRecordView)) continue;
    CP_TRY(ctx_.audit.Append(actor,
                             {"record.amend",
                              "denied",
                              {child},
                              AuditDetails({{"reason", boost::json::string("withheld_item")}})}));
    return Error::Denied("You can amend only what you can see of this record");
  }
  const Error stale = Error::Conflict(
      "This record has changed since you opened it. Look at it again and make your amendment to "
      "what it holds now.");
  CP_ASSIGN(std::int64_t version, children.Version(child));
  if (version != request.version) {
    CP_TRY(ctx_.audit.Append(actor, {"record.amend",
                                     "refused",
                                     {child},
                                     AuditDetails({{"reason", boost::json::string("stale")}})}));
    return stale;
  }

  CP_ASSIGN(const LaLocator* places, Places());
  const Timestamp now = ctx_.clock.Now();
  std::vector<ItemChange> changes;
  for (core::Item item : core::kAmendableItems) {
    if (touched.count(item) == 0) continue;
    ItemChange c{item, CurrentItemFields(record, item), {}};
    c.proposed = ProposedItemFields(item, c.previous, request.fields);
    if (item == core::Item::kEducationalSetting && c.proposed.count("education_setting") != 0 &&
        c.proposed.at("education_setting") != "school") {
      c.proposed.erase("school_name");  // a school only when the setting is one
      c.proposed.erase("school_urn");
    }
    if (c.proposed != c.previous) changes.push_back(std::move(c));
  }
  if (changes.empty()) return Error::Invalid("fields", "You have not changed anything");
  CP_TRY(CheckChanges(changes, *places, ctx_.clock.Today()));
  const std::string verification = TrimmedText(request.verification);
  if (CharCount(verification) > kMaxAmendmentVerificationChars) {
    return Error::Invalid("verification", "The verification must be 2,000 characters or fewer");
  }
  std::vector<core::AmendmentConflict> conflicts;
  bool identity = false, applies = false;
  for (const ItemChange& c : changes) {
    CP_ASSIGN(auto conflict, ConflictOf(*conn, record, c, *places, now));
    conflicts.push_back(conflict);
    identity = identity || ChangesIdentity(record, c);
    applies = applies || conflict == core::AmendmentConflict::kNone;
  }
  // G 3.24: a change to who the child is rests on what the user has seen.
  if (identity && verification.empty()) {
    return Error::Invalid("verification",
                          "Say how you verified the change, for example \"seen by me: a birth "
                          "certificate\"");
  }
  if (applies && index_ == nullptr) return Error::Unavailable("The search index is not loaded");

  std::vector<AmendedItem> out;
  bool moved_on = false;
  Status done = [&]() -> Status {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(std::int64_t now_version, children.Version(child));
    if (now_version != request.version) {
      moved_on = true;
      return Ok();  // rolled back
    }
    std::vector<ItemChange> resolved;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      if (conflicts[i] == core::AmendmentConflict::kNone) resolved.push_back(changes[i]);
    }
    std::vector<std::int64_t> statements;
    if (!resolved.empty()) {
      CP_ASSIGN(statements, ApplyChanges(*conn, *index_, *places, record, resolved, now));
    }
    store::AmendmentRepository amendments(*conn);
    boost::json::array ids;
    std::size_t applied = 0;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      AmendmentRow row;
      row.child_id = child;
      row.la_code = record.la_code;
      row.item = changes[i].item;
      row.previous = ItemFieldsJson(changes[i].previous);
      row.proposed = ItemFieldsJson(changes[i].proposed);
      row.verification = verification;
      row.requested_by = *actor.user_id;
      row.mediated_by = actor.mediator_id;
      row.route = std::string(RouteName(actor.route));
      row.requested_at = now;
      row.record_version = request.version;
      row.conflict = conflicts[i];
      if (conflicts[i] == core::AmendmentConflict::kNone) {
        row.status = core::AmendmentStatus::kApplied;
        row.contribution_id = statements[applied++];
      } else {
        row.status = core::AmendmentStatus::kPending;
      }
      CP_ASSIGN(std::int64_t id, amendments.Insert(row));
      ids.push_back(id);
      out.push_back({id, row.item, row.status});
    }
    CP_TRY(ctx_.audit.AppendInTransaction(
        *conn, actor,
        {"record.amend",
         "ok",
         {child},
         AuditDetails({{"amendment_ids", ids},
                       {"applied", ItemNames(out, core::AmendmentStatus::kApplied)},
                       {"queued", ItemNames(out, core::AmendmentStatus::kPending)},
                       {"verification", !verification.empty()}})}));
    return tx.Commit();
  }();
  // The index follows what committed.
  if (index_ != nullptr && (!done || moved_on)) (void)index_->Refresh(*conn, child);
  if (!done) return done.error();
  if (moved_on) {
    CP_TRY(ctx_.audit.Append(actor, {"record.amend",
                                     "refused",
                                     {child},
                                     AuditDetails({{"reason", boost::json::string("stale")}})}));
    return stale;
  }
  return out;
}

Result<std::vector<AmendmentRow>> AmendmentService::Mine(const Actor& actor,
                                                         std::optional<core::ChildId> child) {
  if (!actor.user_id) {
    CP_TRY(ctx_.audit.Append(actor, {"amendment.list", "denied", {}, "{}"}));
    return Error::Denied("Only a user has amendments of their own");
  }
  std::vector<AmendmentRow> rows;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(rows, store::AmendmentRepository(*conn).ListByRequester(*actor.user_id, child,
                                                                      kMaxAmendmentsListed));
  }
  std::set<std::int64_t> records;
  for (AmendmentRow& r : rows) {
    records.insert(r.child_id);
    // Outcomes only: the values may since have become a shielded record's,
    // and an override's verification is the administrator's.
    r.previous.clear();
    r.proposed.clear();
    r.verification.clear();
    if (r.status != core::AmendmentStatus::kRejected) r.decision_reason.clear();
  }
  CP_TRY(ctx_.audit.Append(actor,
                           {"amendment.list",
                            "ok",
                            {records.begin(), records.end()},
                            AuditDetails({{"count", static_cast<std::int64_t>(rows.size())}})}));
  return rows;
}

}  // namespace cp::services
