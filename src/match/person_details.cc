#include "match/person_details.h"

#include "match/normalise.h"

namespace cp::match {

Gender ParseGender(std::string_view text) {
  std::string t = FoldText(text);
  if (t == "m" || t == "male" || t == "boy" || t == "1" || t == "man") return Gender::kMale;
  if (t == "f" || t == "female" || t == "girl" || t == "2" || t == "woman") return Gender::kFemale;
  return Gender::kUnknown;
}

}  // namespace cp::match
