#pragma once
// The items of a child record, by the names the guidance uses (G C21). An
// Item is the unit of per-item metadata (REC-8), of disputes (REC-10) and of
// visibility decisions in policy/.

#include <optional>
#include <string_view>

namespace cp::core {

enum class Item {
  kUin,
  kNames,  // legal forenames and surname, "known as" surname
  kOtherNames,
  kAddress,
  kGender,
  kDateOfBirth,
  kDateOfDeath,
  kParentsCarers,
  kEducationalSetting,  // school or other setting
  kGpPractice,
  kMidwife,
  kHealthVisitor,
  kSchoolNurse,
  kInvolvements,  // specialist/targeted and sensitive services
  kCafHolder,
  kLeadProfessional,
  kLocalAuthority,
};

inline constexpr Item kAllItems[] = {Item::kUin,
                                     Item::kNames,
                                     Item::kOtherNames,
                                     Item::kAddress,
                                     Item::kGender,
                                     Item::kDateOfBirth,
                                     Item::kDateOfDeath,
                                     Item::kParentsCarers,
                                     Item::kEducationalSetting,
                                     Item::kGpPractice,
                                     Item::kMidwife,
                                     Item::kHealthVisitor,
                                     Item::kSchoolNurse,
                                     Item::kInvolvements,
                                     Item::kCafHolder,
                                     Item::kLeadProfessional,
                                     Item::kLocalAuthority};

// Stable snake_case name, e.g. "date_of_birth"; used in storage and the API.
std::string_view ItemName(Item item);
std::optional<Item> ItemFromName(std::string_view name);

}  // namespace cp::core
