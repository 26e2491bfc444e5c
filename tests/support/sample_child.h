#pragma once
// A fully populated, valid child record for tests: every item of REC-1 …
// REC-10 holds something, so a round trip through any layer shows losses.

#include "core/child.h"

namespace cp::testing {

// `n` varies the UIN, names and address so records differ.
core::Child SampleChild(int n = 1);

}  // namespace cp::testing
