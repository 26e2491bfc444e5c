#include "services/merge_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "core/text_fold.h"
#include "core/uin.h"
#include "services/input_text.h"
#include "services/record_linkage.h"
#include "services/record_snapshot.h"
#include "services/review_service.h"
#include "store/child_repository.h"
#include "store/contribution_repository.h"
#include "store/match_rows.h"
#include "store/review_repository.h"
#include "store/shield_repository.h"
#include "store/source_repository.h"

namespace cp::services {
namespace {

using store::MergeRepository;

bool SeesEveryLa(const Actor& a) { return a.role == core::Role::kCentralTeam; }

AuditEvent PairEvent(const char* action, const char* outcome, core::ChildId keep,
                     core::ChildId merged) {
  return {action, outcome, {keep, merged}, "{}"};
}

AuditEvent MergeEvent(const char* action, const char* outcome, std::int64_t merge_id,
                      std::vector<std::int64_t> ids = {}) {
  return {action, outcome, std::move(ids), AuditDetails({{"merge_id", merge_id}})};
}

// What an involvement names: the same service, team and practitioner.
std::string InvolvementKey(const std::string& service_type, const std::string& organisation,
                           const std::string& team, const std::string& practitioner) {
  return service_type + "|" + core::FoldForSearch(organisation) + "|" + core::FoldForSearch(team) +
         "|" + core::FoldForSearch(practitioner);
}
std::string KeyOf(const core::Involvement& i) {
  return InvolvementKey(i.service_type, i.organisation, i.team, i.practitioner);
}
std::string KeyOf(const store::ArchivedInvolvement& i) {
  return InvolvementKey(i.service_type, i.organisation, i.team, i.practitioner);
}
std::string KeyOf(const core::ParentCarer& p) {
  return core::FoldForSearch(p.forenames) + "|" + core::FoldForSearch(p.surname);
}

// SHD-2: why a merge of `merged` into `kept` would expose or strand
// shielding, if it would.
Result<std::optional<std::string>> ShieldingBlock(store::Connection& conn, const core::Child& kept,
                                                  const core::Child& merged) {
  if (merged.shielded && !kept.shielded) {
    return std::optional<std::string>(
        "The record to merge away is shielded and the record to keep is not: keep the shielded "
        "record instead");
  }
  CP_ASSIGN(auto requests, store::ShieldRepository(conn).RequestsFor(merged.id));
  for (const store::ShieldRequestRow& r : requests) {
    const bool open = r.status == core::ShieldRequestStatus::kPending ||
                      r.status == core::ShieldRequestStatus::kActive;
    // SHD-7: shielded only as a potential duplicate of the record kept.
    const bool as_duplicate_of_kept = r.origin == core::ShieldOrigin::kPotentialDuplicate &&
                                      r.origin_child_id == std::optional<core::ChildId>(kept.id);
    if (open && !as_duplicate_of_kept) {
      return std::optional<std::string>(
          "The record to merge away has shielding requests of its own: keep that record "
          "instead, or ask the management team to settle the requests first");
    }
  }
  return std::optional<std::string>();
}

// G 3.25: what argues against joining the two records.
Result<MergeGuard> GuardFor(store::Connection& conn, const ChildIndex& index, core::ChildId keep,
                            core::ChildId merged) {
  CP_ASSIGN(auto row, store::ReadMatchRow(conn, merged));
  if (!row) return Error::Precondition("Both records must be live to be merged");
  CP_ASSIGN(match::Explanation why, index.Explain(RowDetails(*row), keep));
  if (IsSibling(why)) return MergeGuard::kSibling;
  CP_ASSIGN(bool distinct, store::ReviewRepository(conn).AreDistinct(keep, merged));
  return distinct ? MergeGuard::kKnownDistinct : MergeGuard::kNone;
}

// The kept record with what the merged record holds that no contribution
// of it accounts for (hand-recorded, or loaded before feeds): involvements
// and parents/carers it does not list already.
core::Child WithUnsourcedLists(core::Child kept, const core::Child& merged,
                               const std::set<core::SourceId>& merged_sources) {
  std::set<std::string> services, people;
  for (const core::Involvement& i : kept.involvements) services.insert(KeyOf(i));
  for (const core::ParentCarer& p : kept.parents_carers) people.insert(KeyOf(p));
  for (core::Involvement i : merged.involvements) {
    if (merged_sources.count(i.source.source_id) != 0) continue;
    if (!services.insert(KeyOf(i)).second) continue;
    i.id = 0;
    kept.involvements.push_back(std::move(i));
  }
  for (const core::ParentCarer& p : merged.parents_carers) {
    if (merged_sources.count(p.source.source_id) != 0) continue;
    if (!people.insert(KeyOf(p)).second) continue;
    kept.parents_carers.push_back(p);
  }
  return kept;
}

}  // namespace

Result<const LaLocator*> MergeService::Places() const {
  if (places_ != nullptr) return places_;
  return ProgramLaLocator();
}

struct MergeService::Pair {
  store::PooledConnection conn;
  core::Child kept, merged;
};

Result<MergeService::Pair> MergeService::Check(const Actor& actor, core::ChildId keep,
                                               core::ChildId merged, const char* action) {
  if (!IsDataAdministration(actor)) {
    CP_TRY(ctx_.audit.Append(actor, PairEvent(action, "denied", keep, merged)));
    return Error::Denied("Only data administrators merge records");
  }
  if (keep == merged) return Error::Invalid("merged", "Choose two different records");
  if (index_ == nullptr) return Error::Unavailable("The search index is not loaded");
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::ChildRepository children(*conn);
  auto kept = children.Get(keep);
  auto gone = kept ? children.Get(merged) : Result<core::Child>(kept.error());
  if (!kept || !gone) {
    const Error& e = !kept ? kept.error() : gone.error();
    if (e.code != ErrorCode::kNotFound) return e;
    CP_TRY(ctx_.audit.Append(actor, PairEvent(action, "not_found", keep, merged)));
    return e;
  }
  // G 4.52: each LA's administrators cleanse the records of their compartment.
  if (!SeesEveryLa(actor) && (kept->la_code != actor.la_code || gone->la_code != actor.la_code)) {
    CP_TRY(ctx_.audit.Append(actor, PairEvent(action, "denied", keep, merged)));
    return Error::Denied("Both records must belong to your local authority");
  }
  if (kept->archive_state != core::ArchiveState::kLive ||
      gone->archive_state != core::ArchiveState::kLive) {
    CP_TRY(ctx_.audit.Append(actor, PairEvent(action, "refused", keep, merged)));
    return Error::Precondition("Both records must be live to be merged");
  }
  return Pair{std::move(conn), std::move(*kept), std::move(*gone)};
}

Result<core::ChildId> MergeService::FindByUin(const Actor& actor, const std::string& text,
                                              const std::string& field) {
  if (!IsDataAdministration(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {"record.merge.find", "denied", {}, "{}"}));
    return Error::Denied("Only data administrators merge records");
  }
  auto uin = core::Uin::Parse(text);
  if (!uin) return Error::Invalid(field, uin.error().message);
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(auto id, store::ChildRepository(*conn).FindIdByUin(*uin));
  if (!id) return Error::Invalid(field, "No record has this UIN");
  return *id;
}

Result<MergePreview> MergeService::Preview(const Actor& actor, core::ChildId keep,
                                           core::ChildId merged) {
  const char* action = "record.merge.preview";
  CP_ASSIGN(Pair p, Check(actor, keep, merged, action));
  MergePreview out;
  out.keep = keep;
  out.merged = merged;
  const policy::Viewer viewer = actor.AsViewer();
  out.kept_record = policy::Project(p.kept, viewer, policy::Purpose::kRecordView);
  out.merged_record = policy::Project(p.merged, viewer, policy::Purpose::kRecordView);
  CP_ASSIGN(out.guard, GuardFor(*p.conn, *index_, keep, merged));
  CP_ASSIGN(out.blocked, ShieldingBlock(*p.conn, p.kept, p.merged));
  if (out.kept_record.minimal || out.merged_record.minimal) {
    // SHD-2: judged on what the administrator sees of both, and only that.
    out.explanation = ExplainRecords(out.merged_record.child, out.kept_record.child);
  } else {
    CP_ASSIGN(auto row, store::ReadMatchRow(*p.conn, merged));
    if (row) {
      CP_ASSIGN(out.explanation, index_->Explain(RowDetails(*row), keep));
    }
  }
  out.probability = LinkageProbability(out.explanation.field_weight);
  CP_ASSIGN(auto parts, store::ContributionRepository(*p.conn).ForChild(merged));
  out.contributions = static_cast<std::int64_t>(parts.size());
  CP_TRY(ctx_.audit.Append(
      actor, {action,
              "ok",
              {keep, merged},
              AuditDetails({{"guard", boost::json::string(store::MergeGuardName(out.guard))},
                            {"blocked", out.blocked.has_value()}})}));
  return out;
}

Result<std::int64_t> MergeService::Merge(const Actor& actor, core::ChildId keep,
                                         core::ChildId merged, const std::string& verification) {
  const char* action = "record.merge";
  CP_ASSIGN(Pair p, Check(actor, keep, merged, action));
  auto refuse = [&](Error e) -> Result<std::int64_t> {
    CP_TRY(ctx_.audit.Append(actor, PairEvent(action, "refused", keep, merged)));
    return e;
  };
  CP_ASSIGN(const LaLocator* places, Places());
  const std::string verified = TrimmedText(verification);
  if (CharCount(verified) > kMaxVerificationChars) {
    return Error::Invalid("verification", "The verification must be 2,000 characters or fewer");
  }
  CP_ASSIGN(const MergeGuard guard, GuardFor(*p.conn, *index_, keep, merged));
  if (guard != MergeGuard::kNone && verified.empty()) {
    // G 3.25: a conflict the engine cannot resolve is overridden only with
    // additional verification.
    CP_TRY(ctx_.audit.Append(actor, PairEvent(action, "refused", keep, merged)));
    return Error::Invalid(
        "verification",
        guard == MergeGuard::kSibling
            ? "The matching engine shows two different children (a plainly different first name "
              "or date of birth). Record the verification you hold that they are one child"
            : "A data administrator decided that these are two different children. Record the "
              "verification you hold that they are one child");
  }

  const Timestamp now = ctx_.clock.Now();
  std::int64_t merge_id = 0, moved = 0;
  std::optional<Error> refused;
  Status done = [&]() -> Status {
    store::Transaction tx(*p.conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    store::ChildRepository children(*p.conn);
    MergeRepository merges(*p.conn);
    // Read again under the write lock: what is merged is what stands now.
    CP_ASSIGN(core::Child kept, children.Get(keep));
    CP_ASSIGN(core::Child gone, children.Get(merged));
    if (kept.archive_state != core::ArchiveState::kLive ||
        gone.archive_state != core::ArchiveState::kLive) {
      refused = Error::Precondition("Both records must be live to be merged");
      return Ok();
    }
    CP_ASSIGN(auto block, ShieldingBlock(*p.conn, kept, gone));
    if (block) {
      refused = Error::Precondition(*block);
      return Ok();
    }
    CP_ASSIGN(auto parts, store::ContributionRepository(*p.conn).ForChild(merged));
    std::set<core::SourceId> sources;
    for (const auto& part : parts) sources.insert(part.source_id);

    MergeRow row;
    row.kept_id = keep;
    row.merged_id = merged;
    row.la_code = kept.la_code;
    row.merged_at = now;
    row.merged_by = *actor.user_id;
    row.guard = guard;
    row.verification = verified;
    CP_ASSIGN(merge_id, merges.Insert(row, RecordSnapshotJson(kept)));
    CP_ASSIGN(bool retired, merges.Retire(merged, keep, now));
    if (!retired) {
      refused = Error::Precondition("Both records must be live to be merged");
      return Ok();
    }
    CP_ASSIGN(moved, merges.MoveContributions(merge_id, merged, keep));
    core::Child base = WithUnsourcedLists(kept, gone, sources);
    base.updated_at = now;
    CP_ASSIGN(std::int64_t version, children.Version(keep));
    CP_TRY(children.Replace(base, version));
    CP_TRY(RebuildBestView(*p.conn, *index_, *places, keep, now));
    CP_TRY(ctx_.audit.AppendInTransaction(
        *p.conn, actor,
        {action,
         "ok",
         {keep, merged},
         AuditDetails({{"merge_id", merge_id},
                       {"contributions", moved},
                       {"guard", boost::json::string(store::MergeGuardName(guard))},
                       {"verified", !verified.empty()}})}));
    return tx.Commit();
  }();
  // The index follows what committed: the merged record leaves it (or
  // stays, rolled back), the kept record is filed as it now stands.
  for (core::ChildId id : {keep, merged}) (void)index_->Refresh(*p.conn, id);
  if (!done) return done.error();
  if (refused) return refuse(*refused);
  return merge_id;
}

Result<UnmergeOutcome> MergeService::Unmerge(const Actor& actor, std::int64_t merge_id) {
  const char* action = "record.unmerge";
  if (!IsDataAdministration(actor)) {
    CP_TRY(ctx_.audit.Append(actor, MergeEvent(action, "denied", merge_id)));
    return Error::Denied("Only data administrators undo merges");
  }
  if (index_ == nullptr) return Error::Unavailable("The search index is not loaded");
  CP_ASSIGN(const LaLocator* places, Places());
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  auto found = MergeRepository(*conn).Get(merge_id);
  if (!found) {
    if (found.error().code != ErrorCode::kNotFound) return found.error();
    CP_TRY(ctx_.audit.Append(actor, MergeEvent(action, "not_found", merge_id)));
    return found.error();
  }
  const MergeRow m = std::move(*found);
  if (!SeesEveryLa(actor) && m.la_code != actor.la_code) {
    CP_TRY(ctx_.audit.Append(actor, MergeEvent(action, "denied", merge_id)));
    return Error::Denied("This merge was made by another local authority");
  }
  const core::ChildId keep = m.kept_id, merged = m.merged_id;
  const Timestamp now = ctx_.clock.Now();
  UnmergeOutcome out;
  std::optional<Error> refused;
  Status done = [&]() -> Status {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    store::ChildRepository children(*conn);
    MergeRepository merges(*conn);
    CP_ASSIGN(MergeRow current, merges.Get(merge_id));
    if (current.undone_at) {
      refused = Error::Precondition("This merge has already been undone");
      return Ok();
    }
    CP_ASSIGN(core::Child kept, children.Get(keep));
    CP_ASSIGN(bool later, merges.LaterStandingInto(merge_id, keep));
    if (kept.archive_state != core::ArchiveState::kLive || later) {
      refused = Error::Precondition(
          "The kept record is no longer live, or another record has been merged into it since: "
          "undo the later merge first");
      return Ok();
    }
    CP_ASSIGN(const std::string before, merges.KeptBefore(merge_id));
    CP_ASSIGN(out.returned, merges.ReturnContributions(merge_id, keep, merged));
    if (out.returned != m.contributions) {
      return Error::Conflict("Some contributions the merge moved are no longer on the kept record");
    }
    CP_ASSIGN(bool restored, merges.Restore(merged, keep, now));
    if (!restored) return Error::Conflict("The merged record is not merged into the kept record");

    // The kept record from its state before the merge; what happened to it
    // since stays: its state (shielding, disputes) is its own, the archive
    // keeps what was archived, and hand-recorded involvements stay where
    // they were recorded.
    CP_ASSIGN(auto archived, merges.ArchivedSince(keep, m.merged_at));
    std::map<std::string, std::string> archived_keys;
    for (const auto& a : archived) archived_keys.emplace(KeyOf(a), a.reason);
    std::vector<core::Involvement> hand_recorded;
    for (const core::Involvement& i : kept.involvements) {
      if (i.source.source_id == 0 && i.source.supplied_at >= m.merged_at) {
        hand_recorded.push_back(i);
      }
    }
    CP_ASSIGN(core::Child base, RestoreSnapshot(before, kept));
    std::erase_if(base.involvements,
                  [&](const core::Involvement& i) { return archived_keys.count(KeyOf(i)) != 0; });
    std::set<std::string> listed;
    for (const core::Involvement& i : base.involvements) listed.insert(KeyOf(i));
    for (core::Involvement& i : hand_recorded) {
      if (!listed.insert(KeyOf(i)).second) continue;
      i.id = 0;
      base.involvements.push_back(std::move(i));
      ++out.kept_hand_recorded;
    }
    base.updated_at = now;
    CP_ASSIGN(std::int64_t version, children.Version(keep));
    CP_TRY(children.Replace(base, version));
    CP_TRY(RebuildBestView(*conn, *index_, *places, keep, now));

    // SENS-3: what was archived on the kept record while the merge stood
    // stays archived on the merged record too.
    CP_ASSIGN(core::Child gone, children.Get(merged));
    for (const core::Involvement& i : gone.involvements) {
      auto it = archived_keys.find(KeyOf(i));
      if (it == archived_keys.end()) continue;
      CP_TRY(children.ArchiveInvolvement(merged, i.id, it->second, now));
    }
    CP_TRY(RebuildBestView(*conn, *index_, *places, merged, now));

    CP_ASSIGN(bool undone, merges.MarkUndone(merge_id, *actor.user_id, now));
    if (!undone) {
      refused = Error::Precondition("This merge has already been undone");
      return Ok();
    }
    CP_TRY(ctx_.audit.AppendInTransaction(
        *conn, actor,
        {action,
         "ok",
         {keep, merged},
         AuditDetails({{"merge_id", merge_id},
                       {"contributions", out.returned},
                       {"hand_recorded_kept", out.kept_hand_recorded}})}));
    return tx.Commit();
  }();
  for (core::ChildId id : {keep, merged}) (void)index_->Refresh(*conn, id);
  if (!done) return done.error();
  if (refused) {
    CP_TRY(ctx_.audit.Append(actor, MergeEvent(action, "refused", merge_id)));
    return *refused;
  }
  // FEED-8: a row back on the merged record that carries its source's
  // shielding flag shields it, as the import would have.
  CP_ASSIGN(auto parts, store::ContributionRepository(*conn).ForChild(merged));
  std::set<core::SourceId> flagged;
  for (const auto& part : parts) {
    if (part.shield_flag) flagged.insert(part.source_id);
  }
  for (core::SourceId id : flagged) {
    CP_ASSIGN(core::DataSource source, store::SourceRepository(*conn).Get(id));
    CP_TRY(shielding_.RequestFromSource(merged, source.name, actor.route));
  }
  return out;
}

Result<std::vector<MergeRow>> MergeService::List(const Actor& actor) {
  if (!IsDataAdministration(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {"record.merge.list", "denied", {}, "{}"}));
    return Error::Denied("Only data administrators see the merges");
  }
  std::vector<MergeRow> rows;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    const std::optional<std::string> la =
        SeesEveryLa(actor) ? std::nullopt : std::optional<std::string>(actor.la_code);
    CP_ASSIGN(rows, MergeRepository(*conn).List(la, kMaxMergesListed));
  }
  for (MergeRow& r : rows) r.verification.clear();  // the list shows ids and outcomes only
  CP_TRY(ctx_.audit.Append(actor,
                           {"record.merge.list",
                            "ok",
                            {},
                            AuditDetails({{"count", static_cast<std::int64_t>(rows.size())}})}));
  return rows;
}

}  // namespace cp::services
