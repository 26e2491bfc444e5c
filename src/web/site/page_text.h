#pragma once
// How pages write dates and genders, the same on every page.

#include <string>

#include "core/child.h"
#include "platform/date.h"

namespace cp::web {

// "9 March 2015".
std::string LongDate(Date d);
// "Male", "Female", "Not specified", "Not known".
std::string GenderLabel(core::Gender g);

}  // namespace cp::web
