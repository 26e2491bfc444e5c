#include "core/rights.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace cp::core {
namespace {

// ACC-1: rights per role, extendable per person; the matrix is documented.
TEST(Rights, DocumentedMatrixMatchesTheCode) {
  std::ifstream in(std::string(CP_SOURCE_DIR) + "/docs/rights.md");
  ASSERT_TRUE(in) << "docs/rights.md is missing: run contactpoint rights > docs/rights.md";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), RightsMatrixMarkdown())
      << "docs/rights.md is stale: run contactpoint rights > docs/rights.md";
}

TEST(Rights, OnlyTheLaManagerUnshields) {  // SHD-4
  for (Role role : kAllRoles) {
    EXPECT_EQ(RoleRights(role).Has(Right::kUnshield), role == Role::kLaManager) << RoleName(role);
  }
}

TEST(Rights, BreakGlassIsNeverHeldByRoleAlone) {  // BG-1: named holders only
  for (Role role : kAllRoles) EXPECT_FALSE(RoleRights(role).Has(Right::kBreakGlass));
  EXPECT_TRUE(CanGrant(Role::kPractitioner, Right::kBreakGlass));
}

TEST(Rights, ShieldedDataOnlyForSelectedManagementTeamMembers) {  // SHD-11
  for (Role role : kAllRoles) {
    if (RoleRights(role).Has(Right::kViewShielded)) {
      EXPECT_EQ(role, Role::kLaManager);
    }
  }
}

TEST(Rights, NamesRoundTrip) {
  for (Role role : kAllRoles) EXPECT_EQ(RoleFromName(RoleName(role)), role);
  for (Right right : kAllRights) EXPECT_EQ(RightFromName(RightName(right)), right);
  EXPECT_EQ(RightsToList({Right::kSearch, Right::kMediate}), "search,mediate");
}

}  // namespace
}  // namespace cp::core
