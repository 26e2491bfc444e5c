#pragma once
// The one door for personal data (DESIGN invariant 1): every child record
// that leaves the service layer is projected for its viewer and purpose
// here, and nowhere else.
//
// The rules, by item (the table in projection.cc is the whole of them):
//  - A shielded record shows only UIN, names, gender and date of birth to a
//    viewer without the right to see shielded data, unless the break-glass
//    override is active for this access (SHD-2, SHD-11, BG-2).
//  - A sensitive involvement appears as "an unspecified sensitive service is
//    involved" except to the management team (REC-5); a sensitive service
//    holding the CAF or acting as lead professional is shown without the
//    service's identity (SENS-5).
//  - Item metadata (which source supplied what, when) only for data
//    administrators (REC-8).

#include <set>

#include "core/child.h"
#include "policy/viewer.h"

namespace cp::policy {

struct ProjectedRecord {
  core::Child child;                  // only what the viewer may see
  bool minimal = false;               // shielded: UIN, names, gender, date of birth only
  int hidden_sensitive_services = 0;  // shown as "an unspecified sensitive service"
  std::set<core::Item> withheld;      // items removed for this viewer
  bool metadata_visible = false;      // provenance kept (REC-8)
};

// Whether `viewer` may see `item` of `child` for `purpose`.
bool MaySee(const Viewer& viewer, const core::Child& child, core::Item item, Purpose purpose);

// The record as `viewer` may see it for `purpose`.
ProjectedRecord Project(const core::Child& child, const Viewer& viewer, Purpose purpose);

// Whether the viewer sees shielded data in full (SHD-11, BG-2).
bool SeesShieldedData(const Viewer& viewer);

// Whether the viewer sees the identity of sensitive services (REC-5).
bool SeesSensitiveServices(const Viewer& viewer);

}  // namespace cp::policy
