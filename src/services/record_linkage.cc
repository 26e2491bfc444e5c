#include "services/record_linkage.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "core/best_view.h"
#include "match/guard.h"
#include "store/child_repository.h"
#include "store/contribution_repository.h"
#include "store/match_rows.h"

namespace cp::services {

double HeldShare(std::int64_t linked, std::int64_t created) {
  const double share = static_cast<double>(linked + 1) / static_cast<double>(linked + created + 2);
  return std::clamp(share, kMinHeldShare, 1.0);
}

double LinkageProbability(double weight_bits, double held) {
  // Held with probability `held`, the row's child is any one of the
  // register's records alike; the evidence's likelihood ratio moves those
  // prior odds for this record.
  const double odds = held * std::exp2(weight_bits) / (kNationalRegister - 1);
  return odds / (1 + odds);
}

bool IsSibling(const match::Explanation& why) {
  match::ComparisonVector cv;
  for (const match::FieldEvidence& f : why.fields) cv[f.field] = static_cast<std::uint8_t>(f.level);
  return match::ShowsDifferentPeople(cv);
}

match::PersonDetails RowMatchDetails(const core::Child& c) {
  return RowDetails(store::MatchRowOf(c));
}

match::SearchDemands LinkageDemands(double held) {
  // Only evidence strong enough to matter against the national register.
  const double min_weight = std::log2(kNewRecordProbability / (1 - kNewRecordProbability) *
                                      (kNationalRegister - 1) / held);
  // A true row shares at least two blocking rules with its child (its date
  // of birth and a name, say); records sharing one key only are not
  // compared at all.
  return {min_weight, kLinkageMinRules};
}

Result<std::vector<LinkCandidate>> LinkCandidates(const ChildIndex& index, const core::Child& row,
                                                  std::size_t limit, double held) {
  const match::PersonDetails details = RowMatchDetails(row);
  CP_ASSIGN(auto hits, index.Search(details, limit, nullptr, LinkageDemands(held)));
  std::vector<LinkCandidate> out;
  for (const auto& h : hits) {
    const double p = LinkageProbability(h.weight, held);
    if (p < kNewRecordProbability) continue;
    const auto child = static_cast<core::ChildId>(h.id);
    // A household shares surname, address, school and parents: a record
    // whose forename or date of birth plainly differs is a sibling, never
    // this child, however much else agrees.
    if (h.different_people) continue;
    out.push_back({child, p});
  }
  return out;
}

std::vector<LinkCandidate> CandidatesAmong(const ChildIndex& index, const core::Child& row,
                                           const std::vector<core::ChildId>& children,
                                           double held) {
  const auto weighed = index.Weigh(RowMatchDetails(row), children);
  std::vector<LinkCandidate> out;
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (!weighed[i] || weighed[i]->different_people) continue;
    const double p = LinkageProbability(weighed[i]->field_weight, held);
    if (p >= kNewRecordProbability) out.push_back({children[i], p});
  }
  return out;
}

Result<FeedRecord> RecordFromFieldsJson(const std::string& fields) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(fields, ec);
  if (ec || !v.is_object()) return Error::Internal("A stored contribution is not a JSON object");
  FeedRecord r;
  for (const auto& [key, value] : v.as_object()) {
    if (value.is_string()) r.fields.emplace(std::string(key), std::string(value.as_string()));
  }
  return r;
}

std::string FieldsJson(const FeedRecord& record) {
  boost::json::object o;
  for (const auto& [k, v] : record.fields) o[k] = v;  // std::map: a stable order
  return boost::json::serialize(o);
}

Result<RebuildPlan> PlanRebuild(store::Connection& conn, const LaLocator& places,
                                core::ChildId child, Timestamp now,
                                std::optional<ParsedContribution> fresh,
                                const IncomingContribution* incoming) {
  store::ChildRepository children(conn);
  store::ContributionRepository contributions(conn);
  RebuildPlan plan;
  CP_ASSIGN(plan.version, children.Version(child));
  CP_ASSIGN(plan.stored, children.Get(child));
  CP_ASSIGN(auto rows, contributions.ForChild(child));
  std::vector<core::Contribution> parts;
  std::vector<std::pair<std::int64_t, const std::string*>> keys;  // each part's source and record
  for (const auto& row : rows) {
    if (fresh && row.id == fresh->id) {
      parts.push_back({*fresh->data, row.source_id, row.reliability_rank, row.received_at,
                       store::StatementOrder(row)});
      keys.emplace_back(row.source_id, &row.source_record_id);
      continue;
    }
    CP_ASSIGN(FeedRecord stored, RecordFromFieldsJson(row.fields));
    auto parsed = ParseSourceRow(stored, places, {row.source_id, row.received_at},
                                 Date::FromTimestamp(row.received_at));
    if (!parsed) continue;  // accepted once; rules since tightened: it no longer counts
    parts.push_back({std::move(parsed->child), row.source_id, row.reliability_rank, row.received_at,
                     store::StatementOrder(row)});
    keys.emplace_back(row.source_id, &row.source_record_id);
  }
  if (incoming) {
    parts.push_back({*incoming->data, incoming->source_id, incoming->reliability_rank,
                     incoming->received_at, incoming->sequence});
    keys.emplace_back(incoming->source_id, incoming->source_record_id);
  }
  plan.best = core::BestView(plan.stored, parts);
  plan.best.updated_at = now;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    RebuildPlan::Mismatches m{
        keys[i].first, *keys[i].second, core::Differences(parts[i].data, plan.best), {}};
    CP_ASSIGN(m.noticed, contributions.Mismatches(m.source_id, m.source_record_id));
    plan.mismatches.push_back(std::move(m));
  }
  return plan;
}

Status ApplyRebuild(store::Connection& conn, ChildIndex& index, const RebuildPlan& plan) {
  CP_TRY(store::ChildRepository(conn).ReplaceChanged(plan.best, plan.version, plan.stored));
  store::ContributionRepository contributions(conn);
  for (const auto& m : plan.mismatches) {
    CP_TRY(contributions.ReplaceMismatches(m.source_id, m.source_record_id, m.items, m.noticed,
                                           plan.best.updated_at));
  }
  // The index files only what matching reads (store::MatchRow): a rebuild
  // that changes none of it (a health visitor added, say) leaves it be.
  if (plan.best.archive_state != plan.stored.archive_state ||
      store::MatchRowOf(plan.best) != store::MatchRowOf(plan.stored)) {
    index.Put(plan.best);
  }
  return Ok();
}

Result<core::Child> RebuildBestView(store::Connection& conn, ChildIndex& index,
                                    const LaLocator& places, core::ChildId child, Timestamp now,
                                    std::optional<ParsedContribution> fresh) {
  CP_ASSIGN(RebuildPlan plan, PlanRebuild(conn, places, child, now, fresh));
  CP_TRY(ApplyRebuild(conn, index, plan));
  return std::move(plan.best);
}

Result<core::ChildId> CreateRecordFromRow(store::Connection& conn, ChildIndex& index,
                                          const core::Child& row, const core::DataSource& source,
                                          Timestamp now, std::int64_t sequence) {
  if (row.la_code.empty()) {
    return Error::Invalid("la_code", "Neither an LA code nor a postcode places the child");
  }
  core::Child base;
  base.uin = core::Uin::FromSequence(sequence);
  base.created_at = base.updated_at = now;
  core::Child child = core::BestView(base, {{row, source.id, source.reliability_rank, now}});
  CP_ASSIGN(core::ChildId id, store::ChildRepository(conn).Insert(child));
  index.Put(child);
  return id;
}

}  // namespace cp::services
