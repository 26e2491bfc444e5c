#include "web/site/page_text.h"

namespace cp::web {

std::string LongDate(Date d) {
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  return std::to_string(d.day()) + " " + kMonths[d.month() - 1] + " " + std::to_string(d.year());
}

std::string GenderLabel(core::Gender g) {
  switch (g) {
    case core::Gender::kMale:
      return "Male";
    case core::Gender::kFemale:
      return "Female";
    case core::Gender::kNotSpecified:
      return "Not specified";
    default:
      return "Not known";
  }
}

}  // namespace cp::web
