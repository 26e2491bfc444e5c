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

Result<core::Child> RebuildBestView(store::Connection& conn, ChildIndex& index,
                                    const LaLocator& places, core::ChildId child, Timestamp now,
                                    std::optional<ParsedContribution> fresh) {
  store::ChildRepository children(conn);
  store::ContributionRepository contributions(conn);
  CP_ASSIGN(core::Child record, children.Get(child));
  CP_ASSIGN(auto rows, contributions.ForChild(child));
  std::vector<core::Contribution> parts;
  std::vector<const store::ContributionRow*> part_rows;
  for (const auto& row : rows) {
    if (fresh && row.id == fresh->id) {
      parts.push_back({*fresh->data, row.source_id, row.reliability_rank, row.received_at,
                       store::StatementOrder(row)});
      part_rows.push_back(&row);
      continue;
    }
    CP_ASSIGN(FeedRecord stored, RecordFromFieldsJson(row.fields));
    auto parsed = ParseSourceRow(stored, places, {row.source_id, row.received_at},
                                 Date::FromTimestamp(row.received_at));
    if (!parsed) continue;  // accepted once; rules since tightened: it no longer counts
    parts.push_back({std::move(parsed->child), row.source_id, row.reliability_rank, row.received_at,
                     store::StatementOrder(row)});
    part_rows.push_back(&row);
  }
  core::Child best = core::BestView(record, parts);
  best.updated_at = now;
  CP_ASSIGN(std::int64_t version, children.Version(child));
  CP_TRY(children.ReplaceChanged(best, version, record));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    CP_TRY(contributions.SetMismatches(part_rows[i]->source_id, part_rows[i]->source_record_id,
                                       core::Differences(parts[i].data, best), now));
  }
  // The index files only what matching reads (store::MatchRow): a rebuild
  // that changes none of it (a health visitor added, say) leaves it be.
  if (best.archive_state != record.archive_state ||
      store::MatchRowOf(best) != store::MatchRowOf(record)) {
    index.Put(best);
  }
  return best;
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
