#pragma once
// Evidence that two records are different people whatever the weights say.
//
// A child's forename is the one detail that tells brothers, sisters and
// twins apart: they share surname, address, often the date of birth. So two
// records whose forenames are both given and plainly different (not a
// nickname, initial, spelling slip or a name used in another position) are
// not joined unless a national identifier agrees exactly. Likewise two
// records whose full dates of birth differ by more than a slip (one digit
// changed or two swapped, day and month swapped, a day apart — 31 October
// against 1 November) are two children:
// brothers and sisters again, two children of the same name, a child and
// a parent, unless that identifier agrees. Weights alone would join them
// whenever the rest agreed, which in a household it does.
//
// The price is paid in data sets of adults with careless dates (fake_1000
// in bench/linkage.sh), where records of one person a month apart stay
// apart; for a register of children, joining two of them is the worse
// mistake.

#include "match/fields.h"

namespace cp::match {

// True when `cv` shows two different people (see above).
bool ShowsDifferentPeople(const ComparisonVector& cv);

}  // namespace cp::match
