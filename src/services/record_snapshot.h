#pragma once
// A child record's items as JSON, and back: the kept record as it stood
// before a merge, from which its best view is rebuilt when the merge is
// undone (services/merge_service.h). Personal data: stored with the merge
// while it stands, never logged or audited.
//
// Only the items are kept — names, other names, address, dates, gender,
// parents/carers, educational setting and universal services,
// involvements (with their consent or public-interest basis), key
// contacts, the LA and REC-8 provenance. Identity and state (id, UIN,
// shielding, archive state, disputes, times) are the record's own at the
// moment it is restored, so they are left out.

#include <string>

#include "core/child.h"
#include "platform/result.h"

namespace cp::services {

std::string RecordSnapshotJson(const core::Child& child);

// The items of a snapshot over `into` (whose identity and state stay).
// Internal error for text that is not a snapshot.
Result<core::Child> RestoreSnapshot(const std::string& json, core::Child into);

}  // namespace cp::services
