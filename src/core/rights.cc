#include "core/rights.h"

#include <utility>

namespace cp::core {
namespace {

using R = Right;

struct RoleRow {
  Role role;
  std::string_view name;
  std::string_view title;
  Rights rights;     // held by everyone with the role
  Rights grantable;  // may be added per person
};

// The matrix (ACC-1). Practitioners search, view, update and ask for new
// records; the management team administers; shielded data and break glass
// are held only by named people (SHD-11, BG-1), never by role alone.
const RoleRow kMatrix[] = {
    {Role::kPractitioner,
     "practitioner",
     "Practitioner",
     {R::kSearch, R::kView, R::kUpdate, R::kRequestNewRecord},
     {R::kShield, R::kBreakGlass, R::kMediate}},
    {Role::kManager,
     "manager",
     "Manager or supervisor",
     {R::kSearch, R::kView, R::kUpdate, R::kRequestNewRecord, R::kMediate},
     {R::kShield, R::kBreakGlass, R::kReports}},
    {Role::kSupportStaff,
     "support_staff",
     "Practitioner support staff",
     {R::kSearch, R::kView, R::kRequestNewRecord, R::kMediate},
     {R::kUpdate}},
    {Role::kLaManager,
     "la_manager",
     "LA ContactPoint manager",
     {R::kSearch, R::kView, R::kUpdate, R::kShield, R::kUnshield, R::kBroker, R::kArchiveAccess,
      R::kReports, R::kViewShielded, R::kAdministerData, R::kAdministerUsers},
     {R::kMediate, R::kBreakGlass}},
    {Role::kLaDataAdministrator,
     "la_data_administrator",
     "LA data administrator",
     {R::kSearch, R::kView, R::kUpdate, R::kAdministerData, R::kReports},
     {R::kShield, R::kViewShielded, R::kArchiveAccess, R::kMediate}},
    {Role::kUserAdministrator,
     "user_administrator",
     "User account administrator",
     {R::kAdministerUsers, R::kReports},
     {R::kMediate}},
    {Role::kCentralTeam,
     "central_team",
     "Central ContactPoint team",
     {R::kAdministerUsers, R::kAdministerData, R::kReports, R::kArchiveAccess},
     {R::kSearch, R::kView, R::kViewShielded}},
};

constexpr std::pair<Right, std::string_view> kRightNames[] = {
    {R::kSearch, "search"},
    {R::kView, "view"},
    {R::kUpdate, "update"},
    {R::kRequestNewRecord, "request_new_record"},
    {R::kShield, "shield"},
    {R::kUnshield, "unshield"},
    {R::kBreakGlass, "break_glass"},
    {R::kMediate, "mediate"},
    {R::kBroker, "broker"},
    {R::kArchiveAccess, "archive_access"},
    {R::kReports, "reports"},
    {R::kAdministerUsers, "administer_users"},
    {R::kAdministerData, "administer_data"},
    {R::kViewShielded, "view_shielded"}};

const RoleRow& Row(Role role) {
  for (const auto& row : kMatrix) {
    if (row.role == role) return row;
  }
  return kMatrix[0];
}

}  // namespace

Rights RoleRights(Role role) { return Row(role).rights; }

bool CanGrant(Role role, Right right) {
  return Row(role).rights.Has(right) || Row(role).grantable.Has(right);
}

bool IsManagementTeam(Role role) {
  return role == Role::kLaManager || role == Role::kLaDataAdministrator ||
         role == Role::kUserAdministrator;
}

std::string_view RoleName(Role role) { return Row(role).name; }
std::string_view RoleTitle(Role role) { return Row(role).title; }

std::optional<Role> RoleFromName(std::string_view name) {
  for (const auto& row : kMatrix) {
    if (row.name == name) return row.role;
  }
  return std::nullopt;
}

std::string_view RightName(Right right) {
  for (const auto& [r, name] : kRightNames) {
    if (r == right) return name;
  }
  return "unknown";
}

std::optional<Right> RightFromName(std::string_view name) {
  for (const auto& [r, text] : kRightNames) {
    if (text == name) return r;
  }
  return std::nullopt;
}

std::string RightsToList(Rights rights) {
  std::string out;
  for (Right r : kAllRights) {
    if (!rights.Has(r)) continue;
    if (!out.empty()) out.push_back(',');
    out.append(RightName(r));
  }
  return out;
}

}  // namespace cp::core

namespace cp::core {

std::string RightsMatrixMarkdown() {
  std::string out =
      "# Roles and rights\n\n"
      "Rights are granted per role (\"yes\") and can be added for a named person where the\n"
      "role allows it (\"named\"): for example a police officer named as a break-glass\n"
      "holder (BG-1), or a manager given access to shielded data (SHD-11). The matrix\n"
      "lives in `src/core/rights.cc`; this page is generated from it\n"
      "(`contactpoint rights`) and a test keeps the two equal.\n\n| right |";
  for (Role role : kAllRoles) {
    out += " ";
    out += RoleTitle(role);
    out += " |";
  }
  out += "\n|---|";
  for (std::size_t i = 0; i < std::size(kAllRoles); ++i) out += "---|";
  out += "\n";
  for (Right right : kAllRights) {
    out += "| ";
    out += RightName(right);
    out += " |";
    for (Role role : kAllRoles) {
      if (RoleRights(role).Has(right)) {
        out += " yes |";
      } else if (CanGrant(role, right)) {
        out += " named |";
      } else {
        out += " |";
      }
    }
    out += "\n";
  }
  return out;
}

}  // namespace cp::core
