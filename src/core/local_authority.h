#pragma once
// England's upper-tier local authorities (REC-12, G 1.8): the compartments
// records belong to. Reference data compiled into the program, with the ONS
// (GSS) codes and official names.

#include <string>
#include <string_view>
#include <vector>

namespace cp::core {

enum class LocalAuthorityKind { kCounty, kMetropolitanDistrict, kLondonBorough, kUnitary };

struct LocalAuthority {
  std::string_view code;    // ONS code, e.g. "E09000033"
  std::string_view name;    // e.g. "Westminster"
  std::string_view region;  // e.g. "London"
  LocalAuthorityKind kind;
};

// Every upper-tier local authority in England, ordered by code.
const std::vector<LocalAuthority>& EnglandLocalAuthorities();
// nullptr when `code` is not an English upper-tier LA.
const LocalAuthority* FindLocalAuthority(std::string_view code);

}  // namespace cp::core
