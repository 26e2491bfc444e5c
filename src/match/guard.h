#pragma once
// Evidence that two records are different people whatever the weights say.
//
// A child's forename is the one detail that tells brothers, sisters and
// twins apart: they share surname, address, often the date of birth. So two
// records whose forenames are both given and plainly different (not a
// nickname, initial, spelling slip or a name used in another position) are
// not joined unless a national identifier agrees exactly. Likewise two
// records whose dates of birth are more than about a year apart, and not
// by a slip of one digit or a swap of day and month, are two children
// (brothers and sisters again, or a child and a parent of the same name)
// unless that identifier agrees. Weights alone would join them whenever
// the rest agreed, which in a household it does.

#include "match/fields.h"

namespace cp::match {

// True when `cv` shows two different people (see above).
bool ShowsDifferentPeople(const ComparisonVector& cv);

}  // namespace cp::match
