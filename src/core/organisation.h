#pragma once
// Organisations that provide services to children: schools, GP practices,
// health visiting teams, social care, youth offending teams, … Users also
// belong to an organisation (ACC-2).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/child.h"

namespace cp::core {

using OrganisationId = std::int64_t;

enum class OrganisationKind {
  kSchool,
  kGpPractice,
  kHealthVisiting,  // also midwifery and school nursing teams
  kLocalAuthority,  // LA departments: children's social care, education
  kPolice,
  kYouthOffending,
  kHealthTrust,  // acute/mental health trusts (CAMHS)
  kVoluntary,    // voluntary and community sector
  kOther,
};

struct Organisation {
  OrganisationId id = 0;
  OrganisationKind kind = OrganisationKind::kOther;
  std::string code;  // external code: school URN, GP practice code, …; unique per kind
  std::string name;
  std::string la_code;  // local authority it sits in
  Address address;
  ContactDetails contact;
};

std::string_view OrganisationKindName(OrganisationKind k);
std::optional<OrganisationKind> OrganisationKindFromName(std::string_view name);

}  // namespace cp::core
