#pragma once
// Working days in England and Wales: Monday to Friday, less the bank
// holidays, which are computed by rule (never typed in per year): New Year's
// Day, Good Friday, Easter Monday, the early May, spring and summer bank
// holidays, Christmas Day and Boxing Day, with substitute days when a fixed
// holiday falls at a weekend. Used for break-glass investigations (BG-3,
// next working day) and complaint deadlines (CMP-1, 20 working days).
//
// One-off holidays proclaimed for a single year (royal events) are not
// rules; they can be added to kProclaimedHolidays, which is the only list.

#include <vector>

#include "platform/date.h"

namespace cp::core {

// Easter Sunday of `year` (Gregorian; the anonymous Gregorian algorithm).
Date EasterSunday(int year);

// The bank holidays of England and Wales in `year`, in date order.
std::vector<Date> BankHolidays(int year);

bool IsBankHoliday(Date d);
bool IsWorkingDay(Date d);

// The first working day strictly after `d`.
Date NextWorkingDay(Date d);
// `n` working days after `d` (n ≥ 0; n = 0 gives `d`).
Date AddWorkingDays(Date d, int n);

}  // namespace cp::core
