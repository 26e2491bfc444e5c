#pragma once
// Normalisation of the free text that matching compares: names, address
// lines, towns. Everything the comparators see has passed through here, so
// "Zoë O'Brien-Smith" and "ZOE OBRIEN SMITH" reach them as the same letters.

#include <string>
#include <string_view>
#include <vector>

namespace cp::match {

// Unicode NFKD, combining marks stripped, case folded; a few letters without
// a decomposition are transliterated (ß→ss, ø→o, æ→ae, œ→oe, ł→l, đ→d, þ→th,
// ı→i); apostrophes are dropped ("O'Brien" → "obrien"); every other run of
// characters that are not letters or digits becomes one space; the result is
// trimmed. Invalid UTF-8 is folded byte-wise with non-ASCII bytes dropped.
std::string FoldText(std::string_view text);

// The space-separated tokens of FoldText(text).
std::vector<std::string> FoldTokens(std::string_view text);

// The tokens of a forename or full-name field with titles ("Mr", "Mrs",
// "Miss", "Ms", "Mx", "Dr", "Master", "Prof", "Rev", "Sir", "Dame", "Lady",
// "Lord") and generational suffixes ("Jr", "Snr", "II", "III") removed.
std::vector<std::string> NameTokens(std::string_view text);

// A surname as matching holds it: `whole` is every token joined without
// spaces ("Smith-Jones" → "smithjones", "van der Berg" → "vanderberg");
// `parts` are the separate tokens of a double-barrelled or multi-part
// surname, without particles such as "van", "de", "la" (empty when the
// surname is a single token).
struct SurnameForms {
  std::string whole;
  std::vector<std::string> parts;
};
SurnameForms FoldSurname(std::string_view text);

// A person's name split into its parts. Forenames keep their order; the
// first is the name a person is usually called by.
struct PersonName {
  std::vector<std::string> forenames;
  SurnameForms surname;
};

// Splits a full name written in any of the usual orders: "Surname, Forenames"
// (a comma puts the surname first), "SURNAME Forenames" (a leading token in
// capitals when the rest are not), otherwise "Forenames Surname". Titles and
// suffixes are removed.
PersonName ParseFullName(std::string_view full_name);

// True when `token` is a surname particle ("van", "von", "de", "der", "la",
// "le", "du", "da", "di", "del", "st", "al", "el", "bin", "ben", "ap").
bool IsSurnameParticle(std::string_view token);

}  // namespace cp::match
