#pragma once
// Reading person records from a CSV extract: which column holds which
// detail is given as a field map ("first_name=given_name,dob=date_of_birth")
// and, for the fields the map leaves out, guessed from the header names.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "match/person_details.h"
#include "platform/result.h"

namespace cp::match {

enum class InputField {
  kFirstName,  // may hold middle names after the first
  kMiddleName,
  kSurname,
  kFullName,
  kPreviousSurname,
  kBirthDate,  // YYYYMMDD, YYYY-MM-DD, DD/MM/YYYY, … (BirthDate::Parse)
  kGender,
  kPostcode,
  kStreetNumber,
  kAddress1,
  kAddress2,
  kTown,
  kIdentifier,
  kEmail,
  kPhone,
  kSchool,
  kGpPractice,
  kCarerName,
};

// The names accepted in a field map: first_name, middle_name, surname,
// full_name, previous_surname, dob, gender, postcode, street_number,
// address_1, address_2, town, identifier, email, phone, school, gp_practice,
// carer_name.
std::optional<InputField> InputFieldFromName(std::string_view name);
std::string_view InputFieldName(InputField f);

struct FieldMap {
  std::vector<std::pair<InputField, std::size_t>> columns;  // field → column index
};

// Parses `spec` (comma-separated field=COLUMN, columns named as in
// `header`, case-insensitively; previous_surname may be given more than
// once) and adds guesses from the header for the fields it does not name.
// Fails on an unknown field or column.
[[nodiscard]] Result<FieldMap> ResolveFieldMap(std::string_view spec,
                                               const std::vector<std::string>& header);

struct RecordFile {
  std::vector<std::string> ids;
  std::vector<PersonDetails> records;
  FieldMap map;
  std::size_t unreadable_dates = 0;  // non-empty dates of birth that did not parse
};

// Reads every row of `path`; `id_column` names the column of record ids.
[[nodiscard]] Result<RecordFile> ReadRecordFile(const std::string& path, std::string_view id_column,
                                                std::string_view map_spec);

}  // namespace cp::match
