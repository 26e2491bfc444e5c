#include "services/import_preparation.h"

#include <thread>

#include "services/record_linkage.h"

namespace cp::services {

void RowPreparer::Share(Preparation& work) const {
  const Date today = Date::FromTimestamp(work.now);
  for (std::size_t i = work.next++; i < work.rows.size(); i = work.next++) {
    PreparedRow& p = work.rows[i];
    p.parsed = ParseSourceRow(p.record, places_, {work.source, work.now}, today);
    if (!*p.parsed) continue;
    p.fields = FieldsJson(p.record);
    if (!work.search) continue;
    auto hits = LinkCandidates(index_, (*p.parsed)->child, kLinkCandidates);
    if (!hits) {
      p.searched = hits.error();
      continue;
    }
    for (const LinkCandidate& h : *hits) p.ahead.push_back(h.child);
  }
}

void RowPreparer::ShareAmong(Preparation& work, unsigned threads) const {
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back([&] { Share(work); });
  Share(work);
  for (auto& t : pool) t.join();
}

void RowPreparer::Prepare(std::vector<PreparedRow>& rows, core::DataSourceId source, Timestamp now,
                          bool search, unsigned threads) const {
  Preparation work;
  work.rows = std::move(rows);
  work.source = source;
  work.now = now;
  work.search = search;
  ShareAmong(work, threads);
  rows = std::move(work.rows);
}

}  // namespace cp::services
