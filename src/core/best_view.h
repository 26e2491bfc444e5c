#pragma once
// The best view (FEED-4, G 3.1, glossary C1): one record assembled from what
// every source supplied about a child, by the reliability of each source and
// the recency of its data — and the items where a source differs from it
// (UPD-3, FEED-5, G C14).
//
// The rules, documented for sources and administrators in docs/feeds.md:
//  - contributions are ranked by their source's reliability (1 is most
//    reliable), then by recency: the later time received, then among those
//    received in the same second the later stated (sequence), so which
//    statement wins never depends on whether two batches of an import fell
//    in the same second; then by source id;
//  - each single-valued item (names, address, gender, date of birth, date of
//    death, educational setting and school, GP practice, midwife, health
//    visitor, school nurse, CAF holder, lead professional, local authority)
//    comes from the best-ranked contribution that supplies it;
//  - names another contribution gives differently are kept as alternative
//    names, so a search by them still finds the child (C1);
//  - parents/carers and involvements are the union over all contributions,
//    the best-ranked first, one entry per person or service;
//  - what the record held before any source spoke for an item (a manual
//    entry, or data loaded before feeds) stays only until a contribution
//    supplies that item;
//  - identity and state — id, UIN, shielding, archive state, disputes —
//    are the record's own and never come from a source.

#include <vector>

#include "core/child.h"

namespace cp::core {

struct Contribution {
  Child data;  // what the source supplied; items it did not supply are empty
  SourceId source_id = 0;
  int reliability_rank = 50;
  Timestamp received_at = 0;
  // The order the contributions were stated in (store::StatementOrder):
  // received later means a higher sequence. 0 when there is nothing to
  // order.
  std::int64_t sequence = 0;
};

// The best view of `record` given its contributions (in any order).
Child BestView(const Child& record, const std::vector<Contribution>& contributions);

// The single-valued items `supplied` gives that differ from `best`.
std::vector<Item> Differences(const Child& supplied, const Child& best);

}  // namespace cp::core
