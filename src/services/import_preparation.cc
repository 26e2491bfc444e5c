#include "services/import_preparation.h"

#include <thread>

#include "store/contribution_repository.h"

namespace cp::services {

void RowPreparer::Share(Preparation& work) const {
  const PrepareAs& as = work.as;
  const Date today = Date::FromTimestamp(as.now);
  std::optional<store::PooledConnection> reader;
  if (as.db && as.search && work.next < work.rows.size()) {
    if (auto conn = as.db->Acquire()) reader.emplace(std::move(*conn));
  }
  for (std::size_t i = work.next++; i < work.rows.size(); i = work.next++) {
    PreparedRow& p = work.rows[i];
    p.parsed = ParseSourceRow(p.record, places_, {as.source, as.now}, today);
    if (!*p.parsed) continue;
    p.fields = FieldsJson(p.record);
    if (!as.search) continue;
    const SourceRow& row = **p.parsed;
    auto hits = LinkCandidates(index_, row.child, kLinkCandidates);
    if (!hits) {
      p.searched = hits.error();
      continue;
    }
    for (const LinkCandidate& h : *hits) p.ahead.push_back(h.child);
    if (!reader || p.ahead.empty()) continue;
    // The rebuild if the row links to its best candidate, the likeliest
    // outcome: the writing thread then only checks the record's version and
    // writes. A plan that cannot be made is left to the writer, which meets
    // the same failure (if it still stands) when it rebuilds.
    const IncomingContribution incoming{
        &row.child,          as.source, &row.source_record_id,
        as.reliability_rank, as.now,    store::StatementOrder(as.upload_id, p.record.row)};
    if (auto plan = PlanRebuild(**reader, places_, p.ahead[0], as.now, std::nullopt, &incoming)) {
      p.plan = std::move(*plan);
    }
  }
}

void RowPreparer::ShareAmong(Preparation& work, unsigned threads) const {
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back([&] { Share(work); });
  Share(work);
  for (auto& t : pool) t.join();
}

void RowPreparer::Prepare(std::vector<PreparedRow>& rows, const PrepareAs& as,
                          unsigned threads) const {
  Preparation work;
  work.rows = std::move(rows);
  work.as = as;
  ShareAmong(work, threads);
  rows = std::move(work.rows);
}

}  // namespace cp::services
