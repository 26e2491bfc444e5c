#include "core/organisation.h"

#include <utility>

namespace cp::core {
namespace {

constexpr std::pair<OrganisationKind, std::string_view> kKinds[] = {
    {OrganisationKind::kSchool, "school"},
    {OrganisationKind::kGpPractice, "gp_practice"},
    {OrganisationKind::kHealthVisiting, "health_visiting"},
    {OrganisationKind::kLocalAuthority, "local_authority"},
    {OrganisationKind::kPolice, "police"},
    {OrganisationKind::kYouthOffending, "youth_offending"},
    {OrganisationKind::kHealthTrust, "health_trust"},
    {OrganisationKind::kVoluntary, "voluntary"},
    {OrganisationKind::kOther, "other"}};

}  // namespace

std::string_view OrganisationKindName(OrganisationKind k) {
  for (const auto& [kind, name] : kKinds) {
    if (kind == k) return name;
  }
  return "other";
}

std::optional<OrganisationKind> OrganisationKindFromName(std::string_view name) {
  for (const auto& [kind, text] : kKinds) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

}  // namespace cp::core
