#pragma once
// Validation of a child record before it is stored: every failure names the
// field at fault in words a practitioner understands. A record that fails
// changes nothing (DESIGN invariant 6).

#include <vector>

#include "core/child.h"
#include "platform/result.h"

namespace cp::core {

// All problems with `child`, in field order; empty when valid. `today` bounds
// dates of birth and death.
std::vector<Error> ValidateChild(const Child& child, Date today);

// The first problem, or Ok.
Status CheckChild(const Child& child, Date today);

// Oldest age a live record may have: 18, or 25 for retained records (RET-1).
inline constexpr int kMaxRetainedAge = 25;

}  // namespace cp::core
