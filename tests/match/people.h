#pragma once
// Building person details in tests of the matching engine.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "match/nicknames.h"
#include "match/person_details.h"

namespace cp::match::testing_support {

// `prefix` followed by the number, e.g. Numbered("Name", 7) == "Name7".
inline std::string Numbered(std::string_view prefix, std::uint64_t n) {
  std::string out(prefix);
  out.append(std::to_string(n));
  return out;
}

// "YYYY-MM-DD".
inline std::string Date(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

inline PersonDetails Person(std::string forenames, std::string surname, const char* dob,
                            std::string postcode = {}, Gender gender = Gender::kUnknown) {
  PersonDetails d;
  d.forenames = std::move(forenames);
  d.surname = std::move(surname);
  if (dob != nullptr && *dob != '\0') d.birth_date = *BirthDate::Parse(dob);
  d.postcode = std::move(postcode);
  d.gender = gender;
  return d;
}

// The shared nickname list with the project's diminutives, loaded once.
inline const NicknameTable& Nicknames() {
  static const NicknameTable* table = [] {
    auto* t = new NicknameTable;
    if (!t->LoadCsv(std::string(CP_SHARED_DATA_DIR) + "/names/nicknames.csv") ||
        !t->LoadCsv(std::string(CP_DATA_DIR) + "/names/diminutives_england.csv")) {
      std::abort();
    }
    return t;
  }();
  return *table;
}

}  // namespace cp::match::testing_support
