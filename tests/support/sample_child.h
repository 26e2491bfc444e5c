#pragma once
// A fully populated, valid child record for tests: every item of REC-1 …
// REC-10 holds something, so a round trip through any layer shows losses.

#include <string>

#include "core/child.h"

namespace cp::testing {

// `n` varies the UIN, names and address so records differ.
core::Child SampleChild(int n = 1);

// A sensitive service's involvement held with the child's written consent
// (SENS-2), as a source or a practitioner would record it.
core::Involvement SensitiveInvolvement(const std::string& service_type,
                                       const std::string& organisation);

}  // namespace cp::testing
