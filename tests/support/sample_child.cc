#include "support/sample_child.h"

#include <string>

namespace cp::testing {

core::Child SampleChild(int n) {
  using namespace cp::core;
  Child c;
  c.uin = Uin::FromSequence(1000 + n);
  c.la_code = "E08000035";  // Leeds
  c.forenames = "Amelia Rose";
  c.surname = "Okafor-Smith";
  c.known_as_surname = "Smith";
  c.other_names = {{OtherNameKind::kPrevious, "Amelia", "Okafor"}};
  c.address = {std::to_string(10 + n) + " Chapel Street", "Headingley", "", "Leeds", "LS6 3AB"};
  c.gender = Gender::kFemale;
  c.date_of_birth = *Date::ParseIso("2015-03-09");
  c.parents_carers = {
      {"Grace",
       "Okafor",
       "mother",
       true,
       {"0113 496 0000", "grace@example.org", ""},
       {},
       {3, 1700}},
      {"David", "Smith", "stepfather", false, {"07700 900123", "", ""}, {}, {3, 1700}}};
  c.education_setting = EducationSettingKind::kSchool;
  c.school = UniversalService{"Brudenell Primary School",
                              "107912",
                              "",
                              {"0113 496 0001", "office@brudenell.example.sch.uk", ""},
                              {4, 1800}};
  c.gp_practice = UniversalService{"Hyde Park Surgery",
                                   "B86010",
                                   "Dr P Shah",
                                   {"0113 496 0002", "", "Woodsley Road, LS6"},
                                   {5, 1900}};
  c.school_nurse =
      UniversalService{"Leeds School Nursing", "", "Jo Bright", {"0113 496 0003", "", ""}, {}};
  Involvement inv;
  inv.category = ServiceCategory::kTargeted;
  inv.service_type = "social_care";
  inv.organisation = "Leeds Children's Social Work Service";
  inv.team = "North West Team";
  inv.practitioner = "Sam Patel";
  inv.contact = {"0113 496 0004", "sam.patel@leeds.example.gov.uk", ""};
  inv.start_date = *Date::ParseIso("2025-01-06");
  inv.source = {6, 2000};
  c.involvements.push_back(inv);
  Involvement ceased = inv;
  ceased.service_type = "youth_offending";
  ceased.organisation = "Leeds Youth Justice Service";
  ceased.team = "";
  ceased.practitioner = "Lee Hart";
  ceased.ceased_date = *Date::ParseIso("2026-02-01");
  ceased.retention_end = *Date::ParseIso("2027-02-01");
  c.involvements.push_back(ceased);
  c.caf_holder = KeyContact{"Ann Lee",
                            "Brudenell Primary School",
                            {"0113 496 0005", "", ""},
                            *Date::ParseIso("2025-09-01"),
                            false,
                            {4, 1800}};
  c.lead_professional = KeyContact{"Sam Patel",
                                   "Leeds Children's Social Work Service",
                                   {"0113 496 0004", "", ""},
                                   *Date::ParseIso("2025-01-06"),
                                   false,
                                   {6, 2000}};
  c.disputes = {{Item::kAddress, *Date::ParseIso("2026-05-01"), std::nullopt}};
  c.provenance = {
      {Item::kNames, {3, 1700}}, {Item::kAddress, {3, 1750}}, {Item::kDateOfBirth, {5, 1900}}};
  c.created_at = 1700000000;
  c.updated_at = 1700000000;
  return c;
}

}  // namespace cp::testing

namespace cp::testing {

core::Involvement SensitiveInvolvement(const std::string& service_type,
                                       const std::string& organisation) {
  core::Involvement inv;
  inv.category = core::ServiceCategory::kSensitive;
  inv.service_type = service_type;
  inv.organisation = organisation;
  inv.contact.phone = "0113 496 0500";
  inv.start_date = Date::ParseIso("2026-01-05");
  inv.consent = core::Consent{core::ConsentGiver::kChild, *Date::ParseIso("2026-01-05"),
                              core::ConsentMethod::kWritten, *Date::ParseIso("2027-01-05")};
  inv.source = {6, 1700};
  return inv;
}

}  // namespace cp::testing
