#pragma once
// Roles and rights (ACC-1, G 1.13–1.14). Rights are granted per role and can
// be extended per person (e.g. a police officer named as a break-glass
// holder, BG-1). The matrix lives here and only here; docs/rights.md shows it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp::core {

enum class Role {
  kPractitioner,         // practitioner or equivalent
  kManager,              // manager / supervisor
  kSupportStaff,         // practitioner support staff
  kLaManager,            // LA ContactPoint manager
  kLaDataAdministrator,  // LA data administrator
  kUserAdministrator,    // user account administrator (LA or partner)
  kCentralTeam,          // the national ContactPoint team
};

enum class Right : std::uint32_t {
  kSearch = 1u << 0,
  kView = 1u << 1,
  kUpdate = 1u << 2,
  kRequestNewRecord = 1u << 3,
  kShield = 1u << 4,         // request shielding; raises the search limit to 35 (SRCH-3)
  kUnshield = 1u << 5,       // LA ContactPoint manager only (SHD-4)
  kBreakGlass = 1u << 6,     // named holders only (BG-1)
  kMediate = 1u << 7,        // AUTH-6
  kBroker = 1u << 8,         // SENS-4, BRK-1
  kArchiveAccess = 1u << 9,  // ARC-6
  kReports = 1u << 10,
  kAdministerUsers = 1u << 11,
  kAdministerData = 1u << 12,
  kViewShielded = 1u << 13,  // selected management team members (SHD-11)
};

// A set of rights.
class Rights {
 public:
  constexpr Rights() = default;
  constexpr explicit Rights(std::uint32_t bits) : bits_(bits) {}
  constexpr Rights(std::initializer_list<Right> rights) {
    for (Right r : rights) bits_ |= static_cast<std::uint32_t>(r);
  }
  constexpr bool Has(Right r) const { return (bits_ & static_cast<std::uint32_t>(r)) != 0; }
  constexpr Rights With(Rights other) const { return Rights(bits_ | other.bits_); }
  constexpr std::uint32_t bits() const { return bits_; }
  friend constexpr bool operator==(Rights, Rights) = default;

 private:
  std::uint32_t bits_ = 0;
};

// The rights every holder of `role` has.
Rights RoleRights(Role role);
// Whether a person with `role` may be given `right` individually.
bool CanGrant(Role role, Right right);

// Whether the role belongs to the LA ContactPoint management team.
bool IsManagementTeam(Role role);

std::string_view RoleName(Role role);   // "practitioner", "la_manager", …
std::string_view RoleTitle(Role role);  // "Practitioner", "LA ContactPoint manager", …
std::optional<Role> RoleFromName(std::string_view name);
std::string_view RightName(Right right);  // "search", "break_glass", …
std::optional<Right> RightFromName(std::string_view name);
inline constexpr Right kAllRights[] = {
    Right::kSearch,         Right::kView,          Right::kUpdate,     Right::kRequestNewRecord,
    Right::kShield,         Right::kUnshield,      Right::kBreakGlass, Right::kMediate,
    Right::kBroker,         Right::kArchiveAccess, Right::kReports,    Right::kAdministerUsers,
    Right::kAdministerData, Right::kViewShielded};
inline constexpr Role kAllRoles[] = {
    Role::kPractitioner,        Role::kManager,           Role::kSupportStaff, Role::kLaManager,
    Role::kLaDataAdministrator, Role::kUserAdministrator, Role::kCentralTeam};

// "search,view" ⇄ Rights; unknown names are an InvalidArgument naming them.
std::string RightsToList(Rights rights);

}  // namespace cp::core

namespace cp::core {

// The matrix as a Markdown table (roles × rights: "yes", "named" for rights
// granted per person, blank otherwise). docs/rights.md is this text; a test
// keeps them equal.
std::string RightsMatrixMarkdown();

}  // namespace cp::core
