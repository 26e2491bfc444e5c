// The visibility table: one row per (viewer × record state × item).

#include "policy/projection.h"

#include <gtest/gtest.h>

#include "support/sample_child.h"

namespace cp::policy {
namespace {

using core::Item;
using core::Right;
using core::Role;

enum class ViewerKind {
  kPractitioner,
  kShieldRightHolder,
  kManagerWithShielded,
  kBreakGlass,
  kBreakGlassNotActive,
  kDataAdministrator
};
enum class State { kOrdinary, kShielded };

Viewer Make(ViewerKind k) {
  switch (k) {
    case ViewerKind::kPractitioner:
      return {Role::kPractitioner, core::RoleRights(Role::kPractitioner), "E08000035", false};
    case ViewerKind::kShieldRightHolder:
      return {Role::kPractitioner, core::RoleRights(Role::kPractitioner).With({Right::kShield}),
              "E08000035", false};
    case ViewerKind::kManagerWithShielded:
      return {Role::kLaManager, core::RoleRights(Role::kLaManager), "E08000035", false};
    case ViewerKind::kBreakGlass:
      return {Role::kPractitioner, core::RoleRights(Role::kPractitioner).With({Right::kBreakGlass}),
              "E08000035", true};
    case ViewerKind::kBreakGlassNotActive:
      return {Role::kPractitioner, core::RoleRights(Role::kPractitioner).With({Right::kBreakGlass}),
              "E08000035", false};
    case ViewerKind::kDataAdministrator:
      return {Role::kLaDataAdministrator, core::RoleRights(Role::kLaDataAdministrator), "E08000035",
              false};
  }
  return {};
}

struct Row {
  ViewerKind viewer;
  State state;
  Item item;
  bool visible;
};

// Items a shielded record keeps for everyone (SHD-2) and those it hides.
constexpr Item kKept[] = {Item::kUin, Item::kNames, Item::kGender, Item::kDateOfBirth};
constexpr Item kHidden[] = {
    Item::kOtherNames,         Item::kAddress,      Item::kDateOfDeath, Item::kParentsCarers,
    Item::kEducationalSetting, Item::kGpPractice,   Item::kMidwife,     Item::kHealthVisitor,
    Item::kSchoolNurse,        Item::kInvolvements, Item::kCafHolder,   Item::kLeadProfessional,
    Item::kLocalAuthority};

std::vector<Row> Table() {
  std::vector<Row> rows;
  const ViewerKind all[] = {ViewerKind::kPractitioner,        ViewerKind::kShieldRightHolder,
                            ViewerKind::kManagerWithShielded, ViewerKind::kBreakGlass,
                            ViewerKind::kBreakGlassNotActive, ViewerKind::kDataAdministrator};
  for (ViewerKind v : all) {
    for (Item item : core::kAllItems) rows.push_back({v, State::kOrdinary, item, true});
    const bool sees_shielded =
        v == ViewerKind::kManagerWithShielded || v == ViewerKind::kBreakGlass;
    for (Item item : kKept) rows.push_back({v, State::kShielded, item, true});
    for (Item item : kHidden) rows.push_back({v, State::kShielded, item, sees_shielded});
  }
  return rows;
}

// SHD-2, SHD-11, BG-2: the whole table.
TEST(Projection, FollowsTheVisibilityTable) {
  for (const Row& row : Table()) {
    core::Child child = cp::testing::SampleChild();
    child.shielded = row.state == State::kShielded;
    const Viewer viewer = Make(row.viewer);
    EXPECT_EQ(MaySee(viewer, child, row.item, Purpose::kRecordView), row.visible)
        << "viewer " << static_cast<int>(row.viewer) << " state " << static_cast<int>(row.state)
        << " item " << core::ItemName(row.item);
    const ProjectedRecord p = Project(child, viewer, Purpose::kRecordView);
    EXPECT_EQ(p.withheld.count(row.item) == 0, row.visible) << core::ItemName(row.item);
  }
}

// SHD-2 / SRCH-5: the minimal projection really empties the hidden items.
TEST(Projection, ShieldedRecordShowsOnlyUinNamesGenderAndDateOfBirth) {
  core::Child child = cp::testing::SampleChild();
  child.shielded = true;
  for (Purpose purpose :
       {Purpose::kRecordView, Purpose::kSearchResult, Purpose::kReport, Purpose::kExport}) {
    const ProjectedRecord p = Project(child, Make(ViewerKind::kPractitioner), purpose);
    EXPECT_TRUE(p.minimal);
    EXPECT_EQ(p.child.uin, child.uin);
    EXPECT_EQ(p.child.surname, child.surname);
    EXPECT_EQ(p.child.date_of_birth, child.date_of_birth);
    EXPECT_EQ(p.child.gender, child.gender);
    EXPECT_EQ(p.child.address, core::Address{});
    EXPECT_TRUE(p.child.parents_carers.empty());
    EXPECT_FALSE(p.child.school.has_value());
    EXPECT_FALSE(p.child.gp_practice.has_value());
    EXPECT_TRUE(p.child.involvements.empty());
    EXPECT_TRUE(p.child.other_names.empty());
    EXPECT_TRUE(p.child.la_code.empty());
  }
}

// REC-5, SENS-2: users see only that a sensitive service is involved — not
// which, who, or on what basis it is recorded; the management team sees all.
TEST(Projection, SensitiveServiceIsUnspecifiedOutsideTheManagementTeam) {
  core::Child child = cp::testing::SampleChild();
  child.involvements[0] =
      cp::testing::SensitiveInvolvement("sexual_health", "Riverside Sexual Health Clinic");
  const ProjectedRecord user =
      Project(child, Make(ViewerKind::kPractitioner), Purpose::kRecordView);
  EXPECT_EQ(user.hidden_sensitive_services, 1);
  EXPECT_EQ(user.child.involvements[0].category, core::ServiceCategory::kSensitive);
  EXPECT_TRUE(user.child.involvements[0].service_type.empty());
  EXPECT_TRUE(user.child.involvements[0].organisation.empty());
  EXPECT_TRUE(user.child.involvements[0].contact.phone.empty());
  EXPECT_FALSE(user.child.involvements[0].consent.has_value());
  EXPECT_FALSE(user.child.involvements[0].start_date.has_value());
  const ProjectedRecord manager =
      Project(child, Make(ViewerKind::kManagerWithShielded), Purpose::kRecordView);
  EXPECT_EQ(manager.child.involvements[0].organisation, "Riverside Sexual Health Clinic");
  EXPECT_EQ(manager.child.involvements[0].consent, child.involvements[0].consent);
}

// SENS-2: a public-interest justification is as hidden from users as consent.
TEST(Projection, PublicInterestJustificationIsForTheManagementTeamOnly) {
  core::Child child = cp::testing::SampleChild();
  child.involvements[0] = cp::testing::SensitiveInvolvement("camhs", "Riverside CAMHS");
  child.involvements[0].consent.reset();
  child.involvements[0].public_interest = "Reasonable cause to suspect significant harm";
  const ProjectedRecord user =
      Project(child, Make(ViewerKind::kPractitioner), Purpose::kRecordView);
  EXPECT_TRUE(user.child.involvements[0].public_interest.empty());
  const ProjectedRecord manager =
      Project(child, Make(ViewerKind::kManagerWithShielded), Purpose::kRecordView);
  EXPECT_EQ(manager.child.involvements[0].public_interest,
            "Reasonable cause to suspect significant harm");
}

// SENS-5: a sensitive service as CAF holder is shown without its identity.
TEST(Projection, SensitiveCafHolderIsShownWithoutTheService) {
  core::Child child = cp::testing::SampleChild();
  child.caf_holder->sensitive_service = true;
  const ProjectedRecord p = Project(child, Make(ViewerKind::kPractitioner), Purpose::kRecordView);
  ASSERT_TRUE(p.child.caf_holder.has_value());
  EXPECT_TRUE(p.child.caf_holder->organisation.empty());
  EXPECT_TRUE(p.child.caf_holder->practitioner.empty());
}

// REC-8: metadata only for data administrators.
TEST(Projection, MetadataOnlyForDataAdministrators) {
  const core::Child child = cp::testing::SampleChild();
  const ProjectedRecord user =
      Project(child, Make(ViewerKind::kPractitioner), Purpose::kRecordView);
  EXPECT_FALSE(user.metadata_visible);
  EXPECT_TRUE(user.child.provenance.empty());
  EXPECT_EQ(user.child.involvements[0].source, core::SourceStamp{});
  const ProjectedRecord admin =
      Project(child, Make(ViewerKind::kDataAdministrator), Purpose::kRecordView);
  EXPECT_TRUE(admin.metadata_visible);
  EXPECT_EQ(admin.child.provenance, child.provenance);
}

}  // namespace
}  // namespace cp::policy
