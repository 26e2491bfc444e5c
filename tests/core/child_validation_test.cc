#include "core/child_validation.h"

#include <gtest/gtest.h>

#include "core/sensitive_services.h"
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

// SENS-1, G C17: sexual health, CAMHS and substance misuse are sensitive
// whoever supplies them; a mislabelled one is refused, never shown.
TEST(ChildValidation, SensitiveServiceTypesAreHeldOnlyAsSensitive) {
  Child c = cp::testing::SampleChild();
  c.involvements[0].service_type = "camhs";
  c.involvements[0].category = ServiceCategory::kTargeted;
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), "involvements[0].category"));
  EXPECT_EQ(HeldCategory("camhs", ServiceCategory::kTargeted), ServiceCategory::kSensitive);
  EXPECT_EQ(HeldCategory("substance_misuse", ServiceCategory::kUniversal),
            ServiceCategory::kSensitive);
  EXPECT_EQ(HeldCategory("sexual_health", ServiceCategory::kTargeted), ServiceCategory::kSensitive);
  // A voluntary organisation may flag another service it supplies (SENS-1).
  EXPECT_EQ(HeldCategory("young_carers", ServiceCategory::kSensitive), ServiceCategory::kSensitive);
  EXPECT_EQ(HeldCategory("youth_offending", ServiceCategory::kTargeted),
            ServiceCategory::kTargeted);
}

// SENS-2: a sensitive involvement is held only with consent or a recorded
// overriding public interest; consent is dated, not in the future, and
// renewed after it was given; other involvements carry no consent.
TEST(ChildValidation, SensitiveInvolvementNeedsConsentOrPublicInterest) {
  Child c = cp::testing::SampleChild();
  c.involvements.push_back(cp::testing::SensitiveInvolvement("sexual_health", "Clinic"));
  const std::string f = "involvements[2]";
  EXPECT_TRUE(ValidateChild(c, kToday).empty());

  c.involvements[2].consent.reset();
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), f + ".consent"));
  c.involvements[2].public_interest = "   ";
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), f + ".consent"));
  c.involvements[2].public_interest = "Reasonable cause to suspect significant harm";
  EXPECT_TRUE(ValidateChild(c, kToday).empty());

  c = cp::testing::SampleChild();
  c.involvements.push_back(cp::testing::SensitiveInvolvement("camhs", "CAMHS"));
  c.involvements[2].consent->given_on = kToday.AddDays(1);
  c.involvements[2].consent->renewal_due = kToday.AddYears(1);
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), f + ".consent_date"));
  c.involvements[2].consent->given_on = kToday;
  c.involvements[2].consent->renewal_due = kToday;
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), f + ".consent_renewal"));

  c = cp::testing::SampleChild();
  c.involvements[0].consent = cp::testing::SensitiveInvolvement("camhs", "CAMHS").consent;
  EXPECT_TRUE(HasErrorOn(ValidateChild(c, kToday), "involvements[0].consent"));
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
