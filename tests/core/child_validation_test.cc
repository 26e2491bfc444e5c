#include "core/child_validation.h"

#include <gtest/gtest.h>

#include "support/sample_child.h"

namespace cp::core {
namespace {

const Date kToday = *Date::ParseIso("2026-11-24");

bool HasErrorOn(const std::vector<Error>& errors, const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(ChildValidation, AcceptsACompleteRecord) {
  auto errors = ValidateChild(cp::testing::SampleChild(), kToday);
  for (const auto& e : errors) ADD_FAILURE() << e.field << ": " << e.message;
}

// REC-1: the core items are required and well formed; errors name the field.
TEST(ChildValidation, NamesTheFieldOfEachProblem) {
  Child c = cp::testing::SampleChild();
  c.surname.clear();
  c.address.postcode = "NOT A POSTCODE";
  c.date_of_birth = kToday.AddDays(1);
  c.la_code = "W06000015";  // Cardiff: not an English LA
  auto errors = ValidateChild(c, kToday);
  EXPECT_TRUE(HasErrorOn(errors, "surname"));
  EXPECT_TRUE(HasErrorOn(errors, "address.postcode"));
  EXPECT_TRUE(HasErrorOn(errors, "date_of_birth"));
  EXPECT_TRUE(HasErrorOn(errors, "local_authority"));  // REC-12
  for (const auto& e : errors) EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
}

TEST(ChildValidation, DeathMustFollowBirthAndPrecedeToday) {  // REC-1
  Child c = cp::testing::SampleChild();
  c.date_of_death = c.date_of_birth.AddDays(-1);
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), "date_of_death"));
  c.date_of_death.reset();
  c.death_confirmed_by_registrar = true;
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), "date_of_death"));
}

TEST(ChildValidation, RefusesAnAdultRecord) {  // REC-1 (ages 0-18, 25 when retained)
  Child c = cp::testing::SampleChild();
  c.date_of_birth = *Date::ParseIso("1990-01-01");
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), "date_of_birth"));
}

TEST(ChildValidation, InvolvementNeedsSomeoneToContact) {  // REC-4
  Child c = cp::testing::SampleChild();
  c.involvements[0].organisation.clear();
  c.involvements[0].team.clear();
  c.involvements[0].practitioner.clear();
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), "involvements[0]"));
}

TEST(ChildValidation, RetentionIsAtMostFiveYearsAfterCeasing) {  // REC-4, INV-3
  Child c = cp::testing::SampleChild();
  c.involvements[1].retention_end = c.involvements[1].ceased_date->AddYears(6);
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), "involvements[1].retention_end"));
}

TEST(ChildValidation, SchoolOnlyWhenTheSettingIsASchool) {  // REC-3
  Child c = cp::testing::SampleChild();
  c.education_setting = EducationSettingKind::kHome;
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), "educational_setting"));
}

TEST(ChildValidation, RefusesControlCharacters) {
  Child c = cp::testing::SampleChild();
  c.forenames = "Amelia\x01";
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), "forenames"));
}

}  // namespace
}  // namespace cp::core
