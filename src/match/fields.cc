#include "match/fields.h"

#include <span>

namespace cp::match {
namespace {

constexpr std::array<std::string_view, 8> kForename = {
    "missing", "exact", "close", "nickname", "phonetic", "initial", "other_name", "disagree"};
constexpr std::array<std::string_view, 5> kMiddle = {"missing", "exact", "close", "initial",
                                                     "disagree"};
constexpr std::array<std::string_view, 7> kSurname = {
    "missing", "exact", "close", "phonetic", "shared_part", "other_name", "disagree"};
constexpr std::array<std::string_view, 10> kBirthDate = {"missing",
                                                         "exact",
                                                         "partial_year_month",
                                                         "partial_year",
                                                         "day_month_swapped",
                                                         "one_digit_or_day",
                                                         "same_year_month",
                                                         "same_year",
                                                         "within_a_year",
                                                         "disagree"};
constexpr std::array<std::string_view, 3> kGender = {"missing", "agree", "disagree"};
constexpr std::array<std::string_view, 7> kPostcode = {"missing",  "exact", "sector",  "typo",
                                                       "district", "area",  "disagree"};
constexpr std::array<std::string_view, 3> kStreetNumber = {"missing", "exact", "disagree"};
constexpr std::array<std::string_view, 6> kAddress = {"missing", "exact",      "close",
                                                      "similar", "other_line", "disagree"};
constexpr std::array<std::string_view, 4> kText = {"missing", "exact", "close", "disagree"};
constexpr std::array<std::string_view, 5> kCarer = {"missing", "exact", "exact_family_surname",
                                                    "close", "disagree"};

std::span<const std::string_view> Levels(Field f) {
  switch (f) {
    case Field::kForename:
      return kForename;
    case Field::kMiddleName:
      return kMiddle;
    case Field::kSurname:
      return kSurname;
    case Field::kBirthDate:
      return kBirthDate;
    case Field::kGender:
      return kGender;
    case Field::kPostcode:
      return kPostcode;
    case Field::kStreetNumber:
      return kStreetNumber;
    case Field::kAddressLine1:
    case Field::kAddressLine2:
      return kAddress;
    case Field::kTown:
    case Field::kIdentifier:
    case Field::kEmail:
    case Field::kPhone:
    case Field::kSchool:
    case Field::kGpPractice:
      return kText;
    case Field::kCarerName:
      return kCarer;
  }
  return kText;
}

}  // namespace

std::string_view FieldName(Field f) {
  switch (f) {
    case Field::kForename:
      return "forename";
    case Field::kMiddleName:
      return "middle_name";
    case Field::kSurname:
      return "surname";
    case Field::kBirthDate:
      return "birth_date";
    case Field::kGender:
      return "gender";
    case Field::kPostcode:
      return "postcode";
    case Field::kStreetNumber:
      return "street_number";
    case Field::kAddressLine1:
      return "address_1";
    case Field::kAddressLine2:
      return "address_2";
    case Field::kTown:
      return "town";
    case Field::kIdentifier:
      return "identifier";
    case Field::kEmail:
      return "email";
    case Field::kPhone:
      return "phone";
    case Field::kSchool:
      return "school";
    case Field::kGpPractice:
      return "gp_practice";
    case Field::kCarerName:
      return "carer_name";
  }
  return "unknown";
}

int LevelCount(Field f) { return static_cast<int>(Levels(f).size()); }

std::string_view LevelName(Field f, int level) {
  const auto levels = Levels(f);
  if (level < 0 || level >= static_cast<int>(levels.size())) return "invalid";
  return levels[static_cast<std::size_t>(level)];
}

}  // namespace cp::match
