#include "match/record_file.h"

#include <algorithm>
#include <array>

#include "match/csv.h"

namespace cp::match {
namespace {

struct FieldName {
  InputField field;
  std::string_view name;
};

constexpr std::array<FieldName, 18> kNames = {{
    {InputField::kFirstName, "first_name"},
    {InputField::kMiddleName, "middle_name"},
    {InputField::kSurname, "surname"},
    {InputField::kFullName, "full_name"},
    {InputField::kPreviousSurname, "previous_surname"},
    {InputField::kBirthDate, "dob"},
    {InputField::kGender, "gender"},
    {InputField::kPostcode, "postcode"},
    {InputField::kStreetNumber, "street_number"},
    {InputField::kAddress1, "address_1"},
    {InputField::kAddress2, "address_2"},
    {InputField::kTown, "town"},
    {InputField::kIdentifier, "identifier"},
    {InputField::kEmail, "email"},
    {InputField::kPhone, "phone"},
    {InputField::kSchool, "school"},
    {InputField::kGpPractice, "gp_practice"},
    {InputField::kCarerName, "carer_name"},
}};

// Header names that commonly mean each field, compared without case,
// spaces, dashes or underscores.
struct Synonym {
  InputField field;
  std::string_view header;
};
constexpr std::array<Synonym, 60> kSynonyms = {{
    {InputField::kFirstName, "firstname"},
    {InputField::kFirstName, "givenname"},
    {InputField::kFirstName, "forename"},
    {InputField::kFirstName, "forenames"},
    {InputField::kFirstName, "first"},
    {InputField::kFirstName, "givennames"},
    {InputField::kMiddleName, "middlename"},
    {InputField::kMiddleName, "middlenames"},
    {InputField::kMiddleName, "secondname"},
    {InputField::kSurname, "surname"},
    {InputField::kSurname, "lastname"},
    {InputField::kSurname, "familyname"},
    {InputField::kFullName, "fullname"},
    {InputField::kFullName, "name"},
    {InputField::kPreviousSurname, "previoussurname"},
    {InputField::kPreviousSurname, "formersurname"},
    {InputField::kPreviousSurname, "maidenname"},
    {InputField::kPreviousSurname, "birthsurname"},
    {InputField::kPreviousSurname, "knownassurname"},
    {InputField::kPreviousSurname, "aliassurname"},
    {InputField::kBirthDate, "dob"},
    {InputField::kBirthDate, "dateofbirth"},
    {InputField::kBirthDate, "birthdate"},
    {InputField::kBirthDate, "birthdt"},
    {InputField::kGender, "gender"},
    {InputField::kGender, "sex"},
    {InputField::kPostcode, "postcode"},
    {InputField::kPostcode, "zip"},
    {InputField::kPostcode, "zipcode"},
    {InputField::kPostcode, "postalcode"},
    {InputField::kStreetNumber, "streetnumber"},
    {InputField::kStreetNumber, "housenumber"},
    {InputField::kAddress1, "address1"},
    {InputField::kAddress1, "addressline1"},
    {InputField::kAddress1, "address"},
    {InputField::kAddress1, "street"},
    {InputField::kAddress1, "line1"},
    {InputField::kAddress2, "address2"},
    {InputField::kAddress2, "addressline2"},
    {InputField::kAddress2, "line2"},
    {InputField::kAddress2, "locality"},
    {InputField::kTown, "town"},
    {InputField::kTown, "city"},
    {InputField::kTown, "suburb"},
    {InputField::kTown, "posttown"},
    {InputField::kIdentifier, "nhsnumber"},
    {InputField::kIdentifier, "identifier"},
    {InputField::kIdentifier, "nhsno"},
    {InputField::kEmail, "email"},
    {InputField::kEmail, "emailaddress"},
    {InputField::kPhone, "phone"},
    {InputField::kPhone, "telephone"},
    {InputField::kPhone, "phonenumber"},
    {InputField::kPhone, "mobile"},
    {InputField::kSchool, "school"},
    {InputField::kSchool, "schoolname"},
    {InputField::kGpPractice, "gppractice"},
    {InputField::kGpPractice, "gp"},
    {InputField::kCarerName, "carername"},
    {InputField::kCarerName, "parentname"},
}};

std::string Squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '_' || c == '-' || c == ' ' || c == '\t' || c == '.') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::size_t> ColumnOf(std::string_view name, const std::vector<std::string>& header) {
  const std::string want = Lower(Trim(name));
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (Lower(Trim(header[i])) == want) return i;
  }
  return std::nullopt;
}

bool Mapped(const FieldMap& map, InputField f) {
  return std::any_of(map.columns.begin(), map.columns.end(),
                     [f](const auto& p) { return p.first == f; });
}

bool ColumnUsed(const FieldMap& map, std::size_t column) {
  return std::any_of(map.columns.begin(), map.columns.end(),
                     [column](const auto& p) { return p.second == column; });
}

void Assign(PersonDetails& d, InputField f, const std::string& value, std::size_t* bad_dates) {
  switch (f) {
    case InputField::kFirstName:
      d.forenames = value;
      break;
    case InputField::kMiddleName:
      d.middle_names = value;
      break;
    case InputField::kSurname:
      d.surname = value;
      break;
    case InputField::kFullName:
      d.full_name = value;
      break;
    case InputField::kPreviousSurname:
      if (!value.empty()) d.other_surnames.push_back(value);
      break;
    case InputField::kBirthDate:
      if (auto date = BirthDate::Parse(value)) {
        d.birth_date = *date;
      } else if (!Trim(value).empty()) {
        ++*bad_dates;
      }
      break;
    case InputField::kGender:
      d.gender = ParseGender(value);
      break;
    case InputField::kPostcode:
      d.postcode = value;
      break;
    case InputField::kStreetNumber:
      d.street_number = value;
      break;
    case InputField::kAddress1:
      d.address_line1 = value;
      break;
    case InputField::kAddress2:
      d.address_line2 = value;
      break;
    case InputField::kTown:
      d.town = value;
      break;
    case InputField::kIdentifier:
      d.identifier = value;
      break;
    case InputField::kEmail:
      d.email = value;
      break;
    case InputField::kPhone:
      d.phone = value;
      break;
    case InputField::kSchool:
      d.school = value;
      break;
    case InputField::kGpPractice:
      d.gp_practice = value;
      break;
    case InputField::kCarerName:
      d.carer_name = value;
      break;
  }
}

}  // namespace

std::optional<InputField> InputFieldFromName(std::string_view name) {
  const std::string want = Lower(Trim(name));
  for (const auto& n : kNames) {
    if (n.name == want) return n.field;
  }
  if (want == "date_of_birth" || want == "birth_date") return InputField::kBirthDate;
  if (want == "forenames" || want == "given_name") return InputField::kFirstName;
  return std::nullopt;
}

std::string_view InputFieldName(InputField f) {
  for (const auto& n : kNames) {
    if (n.field == f) return n.name;
  }
  return "unknown";
}

Result<FieldMap> ResolveFieldMap(std::string_view spec, const std::vector<std::string>& header) {
  FieldMap map;
  std::size_t start = 0;
  while (start < spec.size()) {
    std::size_t end = spec.find(',', start);
    if (end == std::string_view::npos) end = spec.size();
    const std::string_view item = Trim(spec.substr(start, end - start));
    start = end + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) {
      return Error::Invalid("map", "expected field=COLUMN, got '" + std::string(item) + "'");
    }
    const auto field = InputFieldFromName(item.substr(0, eq));
    if (!field) {
      return Error::Invalid("map", "unknown field '" + std::string(item.substr(0, eq)) + "'");
    }
    const auto column = ColumnOf(item.substr(eq + 1), header);
    if (!column) {
      return Error::Invalid("map", "no column '" + std::string(item.substr(eq + 1)) + "'");
    }
    map.columns.emplace_back(*field, *column);
  }
  // Guesses for the fields the spec leaves out. A person may have several
  // other surnames (previous, known-as): every column that names one is
  // taken; other fields take the first column that fits.
  std::vector<InputField> named;
  for (const auto& [field, column] : map.columns) named.push_back(field);
  for (const auto& s : kSynonyms) {
    if (std::find(named.begin(), named.end(), s.field) != named.end()) continue;
    const bool several = s.field == InputField::kPreviousSurname;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (Squash(header[i]) == s.header && !ColumnUsed(map, i)) {
        if (!several && Mapped(map, s.field)) break;
        map.columns.emplace_back(s.field, i);
        if (!several) break;
      }
    }
  }
  return map;
}

Result<RecordFile> ReadRecordFile(const std::string& path, std::string_view id_column,
                                  std::string_view map_spec) {
  CP_ASSIGN(CsvReader reader, CsvReader::Open(path));
  std::vector<std::string> header;
  if (!reader.Next(&header)) return Error::Invalid("input", path + " is empty");
  if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) header[0].erase(0, 3);
  const auto id = ColumnOf(id_column, header);
  if (!id) return Error::Invalid("id", "no column '" + std::string(id_column) + "' in " + path);
  RecordFile file;
  CP_ASSIGN(file.map, ResolveFieldMap(map_spec, header));
  // The id column is never a matching field.
  std::erase_if(file.map.columns, [&](const auto& p) { return p.second == *id; });
  std::vector<std::string> row;
  while (reader.Next(&row)) {
    if (row.size() <= *id) continue;
    PersonDetails d;
    for (const auto& [field, column] : file.map.columns) {
      if (column < row.size()) Assign(d, field, row[column], &file.unreadable_dates);
    }
    file.ids.push_back(row[*id]);
    file.records.push_back(std::move(d));
  }
  return file;
}

}  // namespace cp::match
