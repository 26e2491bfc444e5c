#include "core/child_validation.h"

#include "core/local_authority.h"
#include "core/postcode.h"
#include "core/sensitive_services.h"

namespace cp::core {
namespace {

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxLine = 200;

bool HasControlChars(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

void CheckText(std::vector<Error>& out, const std::string& value, const char* field,
               std::size_t max, const char* what, bool required) {
  if (required && value.empty()) {
    out.push_back(Error::Invalid(field, std::string("Enter the ") + what));
  } else if (value.size() > max) {
    out.push_back(Error::Invalid(
        field, std::string(what) + " must be " + std::to_string(max) + " characters or fewer"));
  } else if (HasControlChars(value)) {
    out.push_back(
        Error::Invalid(field, std::string(what) + " must not contain control characters"));
  }
}

void CheckAddress(std::vector<Error>& out, const Address& a, const std::string& prefix) {
  CheckText(out, a.line1, (prefix + ".line1").c_str(), kMaxLine, "first line of the address",
            false);
  CheckText(out, a.line2, (prefix + ".line2").c_str(), kMaxLine, "second line of the address",
            false);
  CheckText(out, a.line3, (prefix + ".line3").c_str(), kMaxLine, "third line of the address",
            false);
  CheckText(out, a.town, (prefix + ".town").c_str(), kMaxLine, "town or city", false);
  if (!a.postcode.empty()) {
    auto pc = Postcode::Parse(a.postcode);
    if (!pc) {
      out.push_back(Error::Invalid(prefix + ".postcode", pc.error().message));
    } else if (pc->text() != a.postcode) {
      out.push_back(
          Error::Invalid(prefix + ".postcode", "Postcode must be stored as " + pc->text()));
    }
  }
}

void CheckService(std::vector<Error>& out, const std::optional<UniversalService>& s,
                  const char* field, const char* what) {
  if (!s) return;
  CheckText(out, s->organisation, (std::string(field) + ".organisation").c_str(), kMaxLine, what,
            true);
}

}  // namespace

std::vector<Error> ValidateChild(const Child& c, Date today) {
  std::vector<Error> out;
  if (FindLocalAuthority(c.la_code) == nullptr) {
    out.push_back(Error::Invalid("local_authority", "Choose the responsible local authority"));
  }
  CheckText(out, c.forenames, "forenames", kMaxName, "forenames", true);
  CheckText(out, c.surname, "surname", kMaxName, "surname", true);
  CheckText(out, c.known_as_surname, "known_as_surname", kMaxName, "known-as surname", false);
  for (std::size_t i = 0; i < c.other_names.size(); ++i) {
    const std::string f = "other_names[" + std::to_string(i) + "]";
    CheckText(out, c.other_names[i].surname, (f + ".surname").c_str(), kMaxName, "other surname",
              true);
  }
  CheckAddress(out, c.address, "address");

  // REC-1: a live record is for a child aged 0-18 (25 when retained, RET-1).
  if (c.date_of_birth > today) {
    out.push_back(Error::Invalid("date_of_birth", "Date of birth must be in the past"));
  } else if (c.date_of_birth.YearsOfAgeOn(today) >= kMaxRetainedAge) {
    out.push_back(
        Error::Invalid("date_of_birth", "Date of birth is too long ago for a child record"));
  }
  if (c.date_of_death) {
    if (*c.date_of_death > today) {
      out.push_back(Error::Invalid("date_of_death", "Date of death must be today or in the past"));
    } else if (*c.date_of_death < c.date_of_birth) {
      out.push_back(
          Error::Invalid("date_of_death", "Date of death must be after the date of birth"));
    }
  } else if (c.death_confirmed_by_registrar) {
    out.push_back(Error::Invalid("date_of_death", "A confirmation of death needs a date of death"));
  }

  for (std::size_t i = 0; i < c.parents_carers.size(); ++i) {
    const std::string f = "parents_carers[" + std::to_string(i) + "]";
    CheckText(out, c.parents_carers[i].surname, (f + ".surname").c_str(), kMaxName,
              "parent or carer's surname", true);
    CheckText(out, c.parents_carers[i].forenames, (f + ".forenames").c_str(), kMaxName,
              "parent or carer's forenames", false);
    CheckText(out, c.parents_carers[i].contact.phone, (f + ".phone").c_str(), 40, "phone number",
              false);
    CheckAddress(out, c.parents_carers[i].address, f + ".address");
  }

  if (c.school && c.education_setting != EducationSettingKind::kSchool) {
    out.push_back(Error::Invalid("educational_setting",
                                 "A school is recorded only when the setting is a school"));
  }
  CheckService(out, c.school, "school", "school name");
  CheckService(out, c.gp_practice, "gp_practice", "GP practice name");
  CheckService(out, c.midwife, "midwife", "midwife's service");
  CheckService(out, c.health_visitor, "health_visitor", "health visitor's service");
  CheckService(out, c.school_nurse, "school_nurse", "school nurse's service");

  for (std::size_t i = 0; i < c.involvements.size(); ++i) {
    const Involvement& inv = c.involvements[i];
    const std::string f = "involvements[" + std::to_string(i) + "]";
    if (inv.organisation.empty() && inv.team.empty() && inv.practitioner.empty()) {
      out.push_back(
          Error::Invalid(f, "An involvement needs an organisation, team or practitioner"));
    }
    CheckText(out, inv.service_type, (f + ".service_type").c_str(), 60, "type of service", true);
    if (inv.ceased_date && inv.start_date && *inv.ceased_date < *inv.start_date) {
      out.push_back(Error::Invalid(f + ".ceased_date", "Ceased date must be after the start date"));
    }
    if (inv.retention_end && inv.ceased_date && *inv.retention_end > inv.ceased_date->AddYears(5)) {
      out.push_back(Error::Invalid(f + ".retention_end",
                                   "Retention can be extended to 5 years after ceasing at most"));
    }
    if (inv.category != HeldCategory(inv.service_type, inv.category)) {
      out.push_back(Error::Invalid(f + ".category", "This type of service is a sensitive service"));
    }
    if (Status basis = CheckSensitiveBasis(inv, today, f); !basis) out.push_back(basis.error());
  }
  for (const DisputeMark& d : c.disputes) {
    if (d.settled_on && *d.settled_on < d.disputed_on) {
      out.push_back(Error::Invalid("disputes", "A dispute is settled after it was raised"));
    }
  }
  return out;
}

Status CheckChild(const Child& child, Date today) {
  auto errors = ValidateChild(child, today);
  if (errors.empty()) return Ok();
  return errors.front();
}

}  // namespace cp::core
