#include "services/review_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "match/match_record.h"
#include "match/model.h"
#include "match/text_pool.h"
#include "services/input_text.h"
#include "services/record_linkage.h"
#include "store/child_repository.h"
#include "store/contribution_repository.h"
#include "store/merge_repository.h"
#include "store/source_repository.h"

namespace cp::services {
namespace {

using store::ReviewRepository;

AuditEvent Event(const char* action, const char* outcome, std::int64_t review_id,
                 std::vector<std::int64_t> ids = {}) {
  return {action, outcome, std::move(ids), AuditDetails({{"review_id", review_id}})};
}

bool SeesEveryQueue(const Actor& a) { return a.role == core::Role::kCentralTeam; }

const char* ActionOf(const ReviewDecision& d) {
  if (std::holds_alternative<LinkTo>(d)) return "review.link";
  if (std::holds_alternative<CreateNew>(d)) return "review.create";
  return "review.not_same";
}

ReviewOutcome OutcomeOf(const ReviewDecision& d) {
  if (std::holds_alternative<LinkTo>(d)) return ReviewOutcome::kLinked;
  if (std::holds_alternative<CreateNew>(d)) return ReviewOutcome::kCreated;
  return ReviewOutcome::kNotSame;
}

// The stored row as the source's statement about a child, read as the
// import and every rebuild read it.
Result<core::Child> RowOf(const store::MatchReviewRow& r, const LaLocator& places) {
  CP_ASSIGN(FeedRecord stored, RecordFromFieldsJson(r.fields));
  CP_ASSIGN(SourceRow row, ParseSourceRow(stored, places, {r.source_id, r.received_at},
                                          Date::FromTimestamp(r.received_at)));
  return std::move(row.child);
}

// A review's candidates as the records they are now: the record the engine
// proposed, or the one it has since been merged into (through any chain of
// merges), once each, best first. Records that no longer exist are left out.
struct Current {
  core::ChildId child = 0;
  core::ChildId proposed = 0;
  double probability = 0;
};
Result<std::vector<Current>> CurrentCandidates(store::Connection& conn, const std::string& json) {
  store::MergeRepository merges(conn);
  std::vector<Current> out;
  for (const auto& [proposed, probability] : ReviewCandidates(json)) {
    core::ChildId id = proposed;
    bool exists = true;
    for (int hop = 0; hop < 64; ++hop) {
      auto into = merges.MergedInto(id);
      if (!into) {
        if (into.error().code != ErrorCode::kNotFound) return into.error();
        exists = false;
        break;
      }
      if (!*into) break;
      id = **into;
    }
    const bool listed =
        std::any_of(out.begin(), out.end(), [&](const Current& c) { return c.child == id; });
    if (exists && !listed) out.push_back({id, proposed, probability});
  }
  return out;
}

}  // namespace

match::Explanation ExplainRecords(const core::Child& a, const core::Child& b) {
  match::MatchModel model = match::MatchModel::Defaults();
  model.set_prior(1.0 / kNationalRegister);
  match::TextPool pool;
  const match::MatchRecord left = match::PrepareRecord(RowMatchDetails(a), pool);
  const match::MatchRecord right = match::PrepareRecord(RowMatchDetails(b), pool);
  return match::Explain(model, {&left, &pool}, {&right, &pool}, match::TfAdjustments{});
}

Result<const LaLocator*> ProgramLaLocator() {
  static const Result<LaLocator> loaded = LaLocator::Load(CP_DEFAULT_DATA_DIR);
  if (!loaded) return loaded.error();
  return &*loaded;
}

bool IsDataAdministration(const Actor& a) {
  if (!a.user_id || !a.Has(core::Right::kAdministerData)) return false;
  if (a.role == core::Role::kCentralTeam) return true;
  return a.role == core::Role::kLaDataAdministrator && !a.la_code.empty();
}

std::vector<std::pair<core::ChildId, double>> ReviewCandidates(const std::string& text) {
  std::vector<std::pair<core::ChildId, double>> out;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const boost::json::value& c : v.get_array()) {
    if (!c.is_object()) continue;
    const auto* id = c.get_object().if_contains("child_id");
    const auto* p = c.get_object().if_contains("probability");
    if (id == nullptr || !id->is_int64()) continue;
    out.emplace_back(id->get_int64(), p != nullptr && p->is_double() ? p->get_double() : 0.0);
  }
  return out;
}

Result<const LaLocator*> ReviewService::Places() const {
  if (places_ != nullptr) return places_;
  return ProgramLaLocator();
}

Result<std::vector<ReviewSummary>> ReviewService::Queue(const Actor& actor) {
  if (!IsDataAdministration(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {"review.queue", "denied", {}, "{}"}));
    return Error::Denied("Only data administrators work the review queue");
  }
  std::vector<store::MatchReviewRow> rows;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    const std::optional<std::string> la =
        SeesEveryQueue(actor) ? std::nullopt : std::optional<std::string>(actor.la_code);
    CP_ASSIGN(rows, ReviewRepository(*conn).ListOpen(la, kMaxQueue));
  }
  std::vector<ReviewSummary> out;
  for (const store::MatchReviewRow& r : rows) {
    ReviewSummary s;
    s.review_id = r.id;
    s.created_at = r.created_at;
    s.la_code = r.la_code;
    s.source_name = r.source_name;
    s.candidates = ReviewCandidates(r.candidates).size();
    if (auto stored = RecordFromFieldsJson(r.fields)) {
      const auto& f = stored->fields;
      if (auto it = f.find("forenames"); it != f.end()) s.forenames = it->second;
      if (auto it = f.find("surname"); it != f.end()) s.surname = it->second;
      if (auto it = f.find("date_of_birth"); it != f.end())
        s.date_of_birth = Date::ParseIso(it->second);
    }
    out.push_back(std::move(s));
  }
  CP_TRY(ctx_.audit.Append(
      actor, {"review.queue",
              "ok",
              {},
              AuditDetails({{"count", static_cast<std::int64_t>(out.size())},
                            {"la_code",
                             boost::json::string(SeesEveryQueue(actor) ? "" : actor.la_code)}})}));
  return out;
}

struct ReviewService::Checked {
  store::PooledConnection conn;
  store::MatchReviewRow review;
};

Result<ReviewService::Checked> ReviewService::Check(const Actor& actor, std::int64_t review_id,
                                                    const char* action) {
  if (!IsDataAdministration(actor)) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", review_id)));
    return Error::Denied("Only data administrators work the review queue");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  auto found = ReviewRepository(*conn).Get(review_id);
  if (!found) {
    if (found.error().code != ErrorCode::kNotFound) return found.error();
    CP_TRY(ctx_.audit.Append(actor, Event(action, "not_found", review_id)));
    return found.error();
  }
  // G 4.52: each LA's administrators match the records of their compartment.
  if (!SeesEveryQueue(actor) && found->la_code != actor.la_code) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", review_id)));
    return Error::Denied("This row is in another local authority's review queue");
  }
  return Checked{std::move(conn), std::move(*found)};
}

Result<ReviewDetail> ReviewService::Detail(const Actor& actor, std::int64_t review_id) {
  const char* action = "review.view";
  CP_ASSIGN(Checked c, Check(actor, review_id, action));
  CP_ASSIGN(const LaLocator* places, Places());
  ReviewDetail out;
  out.review = c.review;
  if (auto row = RowOf(c.review, *places)) {
    out.row = std::move(*row);
  } else {
    out.row_usable = false;
  }
  const policy::Viewer viewer = actor.AsViewer();
  store::ChildRepository children(*c.conn);
  std::vector<std::int64_t> shown;
  CP_ASSIGN(auto current, CurrentCandidates(*c.conn, c.review.candidates));
  for (const auto& [id, proposed, stored_probability] : current) {
    CP_ASSIGN(core::Child child, children.Get(id));
    ReviewCandidate cand;
    cand.child_id = id;
    if (proposed != id) cand.merged_from = proposed;
    cand.record = policy::Project(child, viewer, policy::Purpose::kRecordView);
    cand.live = child.archive_state == core::ArchiveState::kLive;
    cand.shielded = child.shielded;
    cand.probability = stored_probability;
    if (cand.live && out.row_usable) {
      if (cand.record.minimal) {
        // SHD-2: judged on the items the administrator sees, and only those:
        // an agreeing postcode would otherwise give the address away.
        cand.explanation = ExplainRecords(out.row, cand.record.child);
      } else if (index_ != nullptr) {
        if (auto why = index_->Explain(RowMatchDetails(out.row), id)) cand.explanation = *why;
      }
      if (cand.explanation) cand.probability = LinkageProbability(cand.explanation->field_weight);
    }
    shown.push_back(id);
    out.candidates.push_back(std::move(cand));
  }
  // No audit, no data: the row and the records shown are on record first.
  CP_TRY(ctx_.audit.Append(actor, Event(action, "ok", review_id, shown)));
  return out;
}

Result<core::ChildId> ReviewService::Decide(const Actor& actor, std::int64_t review_id,
                                            const ReviewDecision& decision) {
  const char* action = ActionOf(decision);
  CP_ASSIGN(Checked c, Check(actor, review_id, action));
  auto refuse = [&](Error e) -> Result<core::ChildId> {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", review_id)));
    return e;
  };
  if (c.review.decision) return refuse(Error::Precondition("This row has already been decided"));
  if (index_ == nullptr) return Error::Unavailable("The search index is not loaded");
  CP_ASSIGN(const LaLocator* places, Places());
  auto row = RowOf(c.review, *places);
  if (!row) {
    return refuse(Error::Precondition(
        "The row can no longer be read under the feed's rules: ask the source to send it again"));
  }
  CP_ASSIGN(const auto candidates, CurrentCandidates(*c.conn, c.review.candidates));
  store::ChildRepository children(*c.conn);

  core::ChildId chosen = 0;
  if (const auto* link = std::get_if<LinkTo>(&decision)) {
    const bool proposed = std::any_of(candidates.begin(), candidates.end(),
                                      [&](const Current& p) { return p.child == link->child; });
    if (!proposed) return Error::Invalid("child_id", "Choose one of the records proposed");
    CP_ASSIGN(core::Child target, children.GetCore(link->child));
    if (target.archive_state != core::ArchiveState::kLive) {
      return refuse(Error::Precondition(
          "That record is no longer live (archived, or merged into another record)"));
    }
    // The engine's guard, on the records as they stand now: never a
    // brother or sister (G 3.25: such a conflict is not overridden here).
    CP_ASSIGN(match::Explanation why, index_->Explain(RowMatchDetails(*row), link->child));
    if (IsSibling(why)) {
      return refuse(Error::Precondition(
          "The matching engine shows that record to be a different child (a brother or sister)"));
    }
    chosen = link->child;
  } else if (row->la_code.empty()) {
    return Error::Invalid("la_code", "Neither an LA code nor a postcode places the child");
  }

  const Timestamp now = ctx_.clock.Now();
  std::set<core::ChildId> touched;
  std::vector<std::int64_t> audited;
  bool applied = false;
  Status done = [&]() -> Status {
    store::Transaction tx(*c.conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    ReviewRepository reviews(*c.conn);
    if (chosen == 0) {
      CP_ASSIGN(core::DataSource source, store::SourceRepository(*c.conn).Get(c.review.source_id));
      CP_ASSIGN(const std::int64_t sequence, store::ReserveUinSequence(*c.conn, 1));
      CP_ASSIGN(chosen, CreateRecordFromRow(*c.conn, *index_, *row, source, now, sequence));
    }
    touched.insert(chosen);
    CP_ASSIGN(applied, reviews.LinkContribution(c.review.contribution_id, chosen));
    if (!applied) return Ok();  // rolled back: decided meanwhile
    CP_ASSIGN(applied, reviews.Decide(review_id, OutcomeOf(decision), chosen, *actor.user_id, now));
    if (!applied) return Ok();
    CP_TRY(RebuildBestView(*c.conn, *index_, *places, chosen, now));
    audited.push_back(chosen);
    std::int64_t distinct = 0;
    if (std::holds_alternative<NotSameChild>(decision)) {
      for (const Current& candidate : candidates) {
        if (candidate.child == chosen) continue;
        CP_TRY(reviews.AddDistinct(chosen, candidate.child, review_id, *actor.user_id, now));
        audited.push_back(candidate.child);
        ++distinct;
      }
    }
    CP_TRY(ctx_.audit.AppendInTransaction(
        *c.conn, actor,
        {action, "ok", audited,
         AuditDetails(
             {{"review_id", review_id},
              {"decision", boost::json::string(store::ReviewOutcomeName(OutcomeOf(decision)))},
              {"source_id", c.review.source_id},
              {"candidates", static_cast<std::int64_t>(candidates.size())},
              {"distinct", distinct}})}));
    return tx.Commit();
  }();
  // The index follows what committed: a rolled-back decision's records
  // are read again (a new record is gone, a linked one as it was).
  for (core::ChildId id : touched) (void)index_->Refresh(*c.conn, id);
  if (!done) return done.error();
  if (!applied) return refuse(Error::Precondition("This row has already been decided"));
  if (c.review.shield_flag) {
    // FEED-8, as at import: the source's flag shields the record.
    CP_TRY(shielding_.RequestFromSource(chosen, c.review.source_name, actor.route));
  }
  return chosen;
}

Status ReviewService::ReportUnusable(const Actor& actor, std::int64_t review_id,
                                     const std::string& reason) {
  const char* action = "review.unusable";
  CP_ASSIGN(Checked c, Check(actor, review_id, action));
  if (c.review.decision) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", review_id)));
    return Error::Precondition("This row has already been decided");
  }
  const std::string why = TrimmedText(reason);
  if (why.empty()) {
    return Error::Invalid("reason", "Say why the row is not usable: the source will read it");
  }
  if (CharCount(why) > kMaxReasonChars) {
    return Error::Invalid(
        "reason", "The reason must be " + std::to_string(kMaxReasonChars) + " characters or fewer");
  }
  bool applied = false;
  Status done = [&]() -> Status {
    store::Transaction tx(*c.conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(applied, ReviewRepository(*c.conn).ReportUnusable(c.review, why, *actor.user_id,
                                                                ctx_.clock.Now()));
    if (!applied) return Ok();
    CP_TRY(ctx_.audit.AppendInTransaction(*c.conn, actor,
                                          {action,
                                           "ok",
                                           {},
                                           AuditDetails({{"review_id", review_id},
                                                         {"decision", "unusable"},
                                                         {"source_id", c.review.source_id}})}));
    return tx.Commit();
  }();
  if (!done) return done.error();
  if (!applied) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", review_id)));
    return Error::Precondition("This row has already been decided");
  }
  return Ok();
}

}  // namespace cp::services
