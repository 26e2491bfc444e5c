#include "core/items.h"

namespace cp::core {

std::string_view ItemName(Item item) {
  switch (item) {
    case Item::kUin:
      return "uin";
    case Item::kNames:
      return "names";
    case Item::kOtherNames:
      return "other_names";
    case Item::kAddress:
      return "address";
    case Item::kGender:
      return "gender";
    case Item::kDateOfBirth:
      return "date_of_birth";
    case Item::kDateOfDeath:
      return "date_of_death";
    case Item::kParentsCarers:
      return "parents_carers";
    case Item::kEducationalSetting:
      return "educational_setting";
    case Item::kGpPractice:
      return "gp_practice";
    case Item::kMidwife:
      return "midwife";
    case Item::kHealthVisitor:
      return "health_visitor";
    case Item::kSchoolNurse:
      return "school_nurse";
    case Item::kInvolvements:
      return "involvements";
    case Item::kCafHolder:
      return "caf_holder";
    case Item::kLeadProfessional:
      return "lead_professional";
    case Item::kLocalAuthority:
      return "local_authority";
  }
  return "unknown";
}

std::optional<Item> ItemFromName(std::string_view name) {
  for (Item item : kAllItems) {
    if (ItemName(item) == name) return item;
  }
  return std::nullopt;
}

}  // namespace cp::core
