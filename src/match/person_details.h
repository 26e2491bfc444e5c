#pragma once
// The details of a person as a source record or a search gives them, before
// normalisation. Every field may be empty: matching weighs only what both
// sides know.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "match/birth_date.h"

namespace cp::match {

enum class Gender : std::uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };

// "m", "male", "boy", "1" → kMale; "f", "female", "girl", "2" → kFemale
// (case-insensitive; NHS codes 1 and 2); anything else is kUnknown.
Gender ParseGender(std::string_view text);

struct PersonDetails {
  std::string forenames;     // first name, possibly followed by middle names
  std::string middle_names;  // when a source keeps them apart
  std::string surname;
  std::vector<std::string> other_surnames;  // previous or known-as surnames
  // Used for whichever of forenames and surname is empty; see ParseFullName.
  std::string full_name;
  BirthDate birth_date;
  Gender gender = Gender::kUnknown;
  std::string postcode;
  std::string street_number;  // taken from the front of address_line1 when empty
  std::string address_line1;
  std::string address_line2;
  std::string town;
  std::string identifier;  // a national identifier such as an NHS number
  std::string email;
  std::string phone;
  std::string school;       // name or code of the educational setting
  std::string gp_practice;  // name or code
  // The setting's and the practice's own codes (a school URN, a GP practice
  // code), when known. Names are not unique ("Abbey Surgery" is in many
  // towns), so where both records give a code, the codes are compared
  // instead of the names.
  std::string school_code;
  std::string gp_practice_code;
  std::string carer_name;  // a parent's or carer's full name
};

}  // namespace cp::match
