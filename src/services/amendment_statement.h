#pragma once
// The amendment service's shared steps (amendment_service.cc,
// amendment_decisions.cc): checking an amendment under the feed's own rules,
// classifying it (core/amendment.h), and applying it as a partial statement
// of the LA's users' amendments source. Each runs on the caller's
// connection; Apply inside the caller's write transaction.

#include <string>
#include <vector>

#include "core/amendment.h"
#include "core/child.h"
#include "services/amendment_fields.h"
#include "services/child_index.h"
#include "services/feed_row.h"
#include "store/db.h"

namespace cp::services {

// One amended item: as the record held it, and as asked for.
struct ItemChange {
  core::Item item = core::Item::kAddress;
  ItemFields previous, proposed;
};

// The LA the postcode in `fields` places a child in; empty when none does.
std::string PostcodeLa(const ItemFields& fields, const LaLocator& places);

// The first problem with the changes as a statement about the child —
// the feed's rules (ParseSourceRow) and an item left empty — as an
// InvalidArgument naming the form's column.
Status CheckChanges(const std::vector<ItemChange>& changes, const LaLocator& places, Date today);

// Why `change` to `record` cannot be resolved by the system at `now`, if
// it cannot (core::ClassifyAmendment).
Result<core::AmendmentConflict> ConflictOf(store::Connection& conn, const core::Child& record,
                                           const ItemChange& change, const LaLocator& places,
                                           Timestamp now);

// Whether the change alters who the child is (verification required).
bool ChangesIdentity(const core::Child& record, const ItemChange& change);

// Applies `changes` to live record `record` at `now`: each is stored as the
// partial statement of the record's LA's users' amendments source (created
// on first use), parents/carers the statement now supplies leave the
// record's own list, and the best view is rebuilt (FEED-4). Returns the
// contribution of each change, in order.
Result<std::vector<std::int64_t>> ApplyChanges(store::Connection& conn, ChildIndex& index,
                                               const LaLocator& places, const core::Child& record,
                                               const std::vector<ItemChange>& changes,
                                               Timestamp now);

}  // namespace cp::services
