#include "match/postcode.h"

#include "match/damerau_levenshtein.h"

namespace cp::match {
namespace {

bool IsLetter(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Area(std::string_view uk) {
  std::size_t n = 0;
  while (n < uk.size() && IsLetter(uk[n])) ++n;
  return uk.substr(0, n);
}

}  // namespace

std::string FoldPostcode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (IsLetter(c) || IsDigit(c)) out.push_back(c);
  }
  return out;
}

bool IsUkPostcode(std::string_view p) {
  if (p.size() < 5 || p.size() > 7) return false;
  const std::string_view in = p.substr(p.size() - 3);
  if (!IsDigit(in[0]) || !IsLetter(in[1]) || !IsLetter(in[2])) return false;
  const std::string_view out = p.substr(0, p.size() - 3);
  if (!IsLetter(out[0])) return false;
  std::size_t i = 1;
  if (i < out.size() && IsLetter(out[i])) ++i;
  if (i >= out.size() || !IsDigit(out[i])) return false;
  ++i;
  if (i < out.size() && (IsLetter(out[i]) || IsDigit(out[i]))) ++i;
  return i == out.size();
}

std::string_view PostcodeDistrict(std::string_view p) {
  if (p.empty()) return p;
  if (IsUkPostcode(p)) return p.substr(0, p.size() - 3);
  return p.substr(0, p.size() - 1);
}

PostcodeLevel ComparePostcodes(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return PostcodeLevel::kMissing;
  if (a == b) return PostcodeLevel::kExact;
  const bool uk = IsUkPostcode(a) && IsUkPostcode(b);
  if (uk && a.size() == b.size() && a.substr(0, a.size() - 2) == b.substr(0, b.size() - 2)) {
    return PostcodeLevel::kSector;
  }
  if (DamerauLevenshtein(a, b, 1) <= 1) return PostcodeLevel::kTypo;
  if (!uk) return PostcodeLevel::kDisagree;
  if (PostcodeDistrict(a) == PostcodeDistrict(b)) return PostcodeLevel::kDistrict;
  if (Area(a) == Area(b)) return PostcodeLevel::kArea;
  return PostcodeLevel::kDisagree;
}

}  // namespace cp::match
