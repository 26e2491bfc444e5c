#include "web/site/amendment_text.h"

#include <utility>

namespace cp::web {

std::string AmendmentItemTitle(core::Item item) {
  switch (item) {
    case core::Item::kNames:
      return "Names";
    case core::Item::kDateOfBirth:
      return "Date of birth";
    case core::Item::kGender:
      return "Gender";
    case core::Item::kAddress:
      return "Address";
    case core::Item::kParentsCarers:
      return "Parents and carers";
    case core::Item::kEducationalSetting:
      return "Educational setting";
    case core::Item::kGpPractice:
      return "GP practice";
    default:
      return std::string(core::ItemName(item));
  }
}

std::string AmendmentStatusTitle(core::AmendmentStatus status) {
  switch (status) {
    case core::AmendmentStatus::kApplied:
      return "Applied";
    case core::AmendmentStatus::kPending:
      return "Waiting for a data administrator";
    case core::AmendmentStatus::kOverridden:
      return "Applied by a data administrator";
    case core::AmendmentStatus::kRejected:
      return "Not applied";
  }
  return "";
}

std::string AmendmentColumnLabel(const std::string& column) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"forenames", "Forenames"},
      {"surname", "Surname"},
      {"known_as_surname", "Known-as surname"},
      {"date_of_birth", "Date of birth"},
      {"gender", "Gender"},
      {"address_line1", "Address line 1"},
      {"address_line2", "Address line 2 (optional)"},
      {"address_line3", "Address line 3 (optional)"},
      {"town", "Town or city"},
      {"postcode", "Postcode"},
      {"education_setting", "Educational setting"},
      {"school_name", "School"},
      {"school_urn", "School URN (optional)"},
      {"gp_name", "GP practice"},
      {"gp_code", "GP practice code (optional)"}};
  for (const auto& [name, label] : kLabels) {
    if (column == name) return label;
  }
  for (const char* slot : {"parent1_", "parent2_"}) {
    const std::string s = slot;
    if (column.rfind(s, 0) != 0) continue;
    const std::string rest = column.substr(s.size());
    const std::string who = "Parent or carer " + s.substr(6, 1) + ": ";
    if (rest == "forenames") return who + "forenames";
    if (rest == "surname") return who + "surname";
    if (rest == "relationship") return who + "relationship to the child";
    if (rest == "phone") return who + "phone";
    if (rest == "email") return who + "email";
  }
  return column;
}

}  // namespace cp::web
