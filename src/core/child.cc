#include "core/child.h"

#include <utility>

namespace cp::core {
namespace {

template <class E, std::size_t N>
std::optional<E> Lookup(const std::pair<E, std::string_view> (&table)[N], std::string_view name) {
  for (const auto& [value, text] : table) {
    if (text == name) return value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view Name(const std::pair<E, std::string_view> (&table)[N], E value) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "unknown";
}

constexpr std::pair<Gender, std::string_view> kGenders[] = {
    {Gender::kNotKnown, "not_known"},
    {Gender::kMale, "male"},
    {Gender::kFemale, "female"},
    {Gender::kNotSpecified, "not_specified"}};
constexpr std::pair<EducationSettingKind, std::string_view> kSettings[] = {
    {EducationSettingKind::kNoneKnown, "none_known"},
    {EducationSettingKind::kSchool, "school"},
    {EducationSettingKind::kHome, "home"},
    {EducationSettingKind::kHospital, "hospital"},
    {EducationSettingKind::kOther, "other"}};
constexpr std::pair<ServiceCategory, std::string_view> kCategories[] = {
    {ServiceCategory::kUniversal, "universal"},
    {ServiceCategory::kTargeted, "targeted"},
    {ServiceCategory::kSensitive, "sensitive"}};
constexpr std::pair<ConsentGiver, std::string_view> kConsentGivers[] = {
    {ConsentGiver::kChild, "child"}, {ConsentGiver::kParentCarer, "parent_carer"}};
constexpr std::pair<ConsentMethod, std::string_view> kConsentMethods[] = {
    {ConsentMethod::kOral, "oral"}, {ConsentMethod::kWritten, "written"}};
constexpr std::pair<OtherNameKind, std::string_view> kNameKinds[] = {
    {OtherNameKind::kPrevious, "previous"},
    {OtherNameKind::kAlias, "alias"},
    {OtherNameKind::kAlternative, "alternative"}};
constexpr std::pair<ArchiveState, std::string_view> kArchiveStates[] = {
    {ArchiveState::kLive, "live"},
    {ArchiveState::kPending, "pending"},
    {ArchiveState::kSoft, "soft"},
    {ArchiveState::kHard, "hard"}};

}  // namespace

std::string_view GenderName(Gender g) { return Name(kGenders, g); }
std::optional<Gender> GenderFromName(std::string_view n) { return Lookup(kGenders, n); }
std::string_view EducationSettingName(EducationSettingKind k) { return Name(kSettings, k); }
std::optional<EducationSettingKind> EducationSettingFromName(std::string_view n) {
  return Lookup(kSettings, n);
}
std::string_view ServiceCategoryName(ServiceCategory c) { return Name(kCategories, c); }
std::optional<ServiceCategory> ServiceCategoryFromName(std::string_view n) {
  return Lookup(kCategories, n);
}
std::string_view ConsentGiverName(ConsentGiver g) { return Name(kConsentGivers, g); }
std::optional<ConsentGiver> ConsentGiverFromName(std::string_view n) {
  return Lookup(kConsentGivers, n);
}
std::string_view ConsentMethodName(ConsentMethod m) { return Name(kConsentMethods, m); }
std::optional<ConsentMethod> ConsentMethodFromName(std::string_view n) {
  return Lookup(kConsentMethods, n);
}
std::string_view OtherNameKindName(OtherNameKind k) { return Name(kNameKinds, k); }
std::optional<OtherNameKind> OtherNameKindFromName(std::string_view n) {
  return Lookup(kNameKinds, n);
}
std::string_view ArchiveStateName(ArchiveState s) { return Name(kArchiveStates, s); }
std::optional<ArchiveState> ArchiveStateFromName(std::string_view n) {
  return Lookup(kArchiveStates, n);
}

}  // namespace cp::core
