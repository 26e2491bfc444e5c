#include "match/match_record.h"

#include <algorithm>
#include <array>
#include <utility>

#include "match/normalise.h"
#include "match/postcode.h"

namespace cp::match {
namespace {

std::string Join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += t;
  return out;
}

std::string_view ExpandAbbreviation(std::string_view token) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kAbbrev = {{
      {"rd", "road"},      {"st", "street"},     {"str", "street"}, {"ave", "avenue"},
      {"av", "avenue"},    {"cres", "crescent"}, {"cl", "close"},   {"ct", "court"},
      {"dr", "drive"},     {"gdns", "gardens"},  {"gr", "grove"},   {"gro", "grove"},
      {"ln", "lane"},      {"pl", "place"},      {"sq", "square"},  {"tce", "terrace"},
      {"terr", "terrace"}, {"pde", "parade"},    {"hse", "house"},  {"cir", "circuit"},
      {"cct", "circuit"},  {"wy", "way"},
  }};
  for (const auto& [abbrev, word] : kAbbrev) {
    if (token == abbrev) return word;
  }
  return token;
}

// Free text is held without spaces: a slipped space ("manor house",
// "manorhouse") is the commonest slip in it, and nothing compares words.
std::string Despaced(std::string text) {
  std::erase(text, ' ');
  return text;
}

bool StartsWithDigit(std::string_view s) { return !s.empty() && s[0] >= '0' && s[0] <= '9'; }

// Letters and digits only, upper-cased: identifiers written with spaces or
// hyphens ("943 476 5919") compare equal to the plain form.
std::string FoldIdentifier(std::string_view text) { return FoldPostcode(text); }

std::string FoldPhone(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (digits.size() > 10 && digits.rfind("44", 0) == 0) digits.replace(0, 2, 1, '0');
  return digits;
}

std::string FoldEmail(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

void PrepareNames(const PersonDetails& d, TextPool& pool, MatchRecord& r) {
  std::vector<std::string> forenames = NameTokens(d.forenames);
  SurnameForms surname = FoldSurname(d.surname);
  if ((forenames.empty() || surname.whole.empty()) && !d.full_name.empty()) {
    PersonName parsed = ParseFullName(d.full_name);
    if (forenames.empty()) forenames = std::move(parsed.forenames);
    if (surname.whole.empty()) surname = std::move(parsed.surname);
  }
  std::vector<std::string> middles = NameTokens(d.middle_names);
  if (!forenames.empty()) {
    r.forename = pool.Intern(forenames[0], TextKind::kName);
    if (forenames.size() > 1) {
      r.forename_joined = pool.Intern(Join(forenames), TextKind::kName);
      if (middles.empty()) middles.assign(forenames.begin() + 1, forenames.end());
    }
  } else if (!middles.empty()) {
    // Only a middle name is known: it is the name the person goes by here.
    r.forename = pool.Intern(middles[0], TextKind::kName);
    middles.erase(middles.begin());
  }
  if (!middles.empty()) r.middle_name = pool.Intern(middles[0], TextKind::kName);
  r.surname = pool.Intern(surname.whole, TextKind::kName);
  std::size_t slot = 0;
  auto add_other = [&](const std::string& folded) {
    if (slot >= r.other_surnames.size() || folded.empty()) return;
    const TextId id = pool.Intern(folded, TextKind::kName);
    if (id == r.surname) return;
    if (std::find(r.other_surnames.begin(), r.other_surnames.end(), id) != r.other_surnames.end()) {
      return;
    }
    r.other_surnames[slot++] = id;
  };
  for (const auto& part : surname.parts) add_other(part);
  for (const auto& other : d.other_surnames) add_other(FoldSurname(other).whole);
}

void PrepareAddress(const PersonDetails& d, TextPool& pool, MatchRecord& r) {
  std::string line1 = FoldAddressLine(d.address_line1);
  std::string number = FoldText(d.street_number);
  if (number.empty() && StartsWithDigit(line1)) {
    const auto space = line1.find(' ');
    if (space != std::string::npos) {
      number = line1.substr(0, space);
      line1 = line1.substr(space + 1);
    }
  }
  r.street_number = pool.Intern(number, TextKind::kOther);
  r.address_line1 = pool.Intern(Despaced(line1), TextKind::kOther);
  r.address_line2 = pool.Intern(Despaced(FoldAddressLine(d.address_line2)), TextKind::kOther);
  r.town = pool.Intern(Despaced(FoldText(d.town)), TextKind::kOther);
  r.postcode = pool.Intern(FoldPostcode(d.postcode), TextKind::kOther);
}

}  // namespace

std::string FoldAddressLine(std::string_view text) {
  std::string out;
  for (const auto& token : FoldTokens(text)) {
    if (!out.empty()) out.push_back(' ');
    out += ExpandAbbreviation(token);
  }
  return out;
}

MatchRecord PrepareRecord(const PersonDetails& d, TextPool& pool) {
  MatchRecord r;
  PrepareNames(d, pool, r);
  PrepareAddress(d, pool, r);
  r.birth_date = d.birth_date.packed();
  r.gender = d.gender;
  r.identifier = pool.Intern(FoldIdentifier(d.identifier), TextKind::kOther);
  r.email = pool.Intern(FoldEmail(d.email), TextKind::kOther);
  r.phone = pool.Intern(FoldPhone(d.phone), TextKind::kOther);
  r.school = pool.Intern(Despaced(FoldText(d.school)), TextKind::kOther);
  r.gp_practice = pool.Intern(Despaced(FoldText(d.gp_practice)), TextKind::kOther);
  r.school_code = pool.Intern(FoldIdentifier(d.school_code), TextKind::kOther);
  r.gp_practice_code = pool.Intern(FoldIdentifier(d.gp_practice_code), TextKind::kOther);
  r.carer_name = pool.Intern(Despaced(FoldText(d.carer_name)), TextKind::kOther);
  return r;
}

}  // namespace cp::match
