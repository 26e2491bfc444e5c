#include "core/postcode.h"

#include <array>
#include <cctype>

namespace cp::core {
namespace {

bool IsAlpha(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Outward code: A9, A99, AA9, AA99, A9A, AA9A.
bool ValidOutward(std::string_view o) {
  if (o.size() < 2 || o.size() > 4 || !IsAlpha(o[0])) return false;
  std::size_t i = 1;
  if (IsAlpha(o[i])) ++i;  // second area letter
  if (i >= o.size() || !IsDigit(o[i])) return false;
  ++i;
  if (i == o.size()) return true;
  if (IsDigit(o[i]) || IsAlpha(o[i])) ++i;  // second district digit or letter
  return i == o.size();
}

// Inward code: 9AA, letters never C I K M O V.
bool ValidInward(std::string_view in) {
  if (in.size() != 3 || !IsDigit(in[0])) return false;
  for (std::size_t i = 1; i < 3; ++i) {
    const char c = in[i];
    if (!IsAlpha(c) || c == 'C' || c == 'I' || c == 'K' || c == 'M' || c == 'O' || c == 'V') {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<Postcode> Postcode::Parse(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == ' ') continue;
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      return Error::Invalid("postcode", "Enter a real postcode, like SW1A 1AA");
    }
    compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (compact.empty()) return Error::Invalid("postcode", "Enter a postcode");
  if (compact == "GIR0AA") return Postcode("GIR 0AA");
  if (compact.size() < 5 || compact.size() > 7) {
    return Error::Invalid("postcode", "Enter a real postcode, like SW1A 1AA");
  }
  const std::string outward = compact.substr(0, compact.size() - 3);
  const std::string inward = compact.substr(compact.size() - 3);
  if (!ValidOutward(outward) || !ValidInward(inward)) {
    return Error::Invalid("postcode", "Enter a real postcode, like SW1A 1AA");
  }
  return Postcode(outward + " " + inward);
}

std::string Postcode::outward() const { return text_.substr(0, text_.find(' ')); }
std::string Postcode::inward() const { return text_.substr(text_.find(' ') + 1); }
std::string Postcode::sector() const { return text_.substr(0, text_.size() - 2); }

std::string Postcode::area() const {
  std::string a;
  for (char c : text_) {
    if (!IsAlpha(c)) break;
    a.push_back(c);
  }
  return a;
}

Nation NationOfArea(std::string_view area) {
  static constexpr std::array<std::string_view, 13> kScotland = {
      "AB", "DD", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH"};
  static constexpr std::array<std::string_view, 3> kWales = {"CF", "LL", "SA"};
  static constexpr std::array<std::string_view, 9> kBorder = {"CH", "SY", "LD", "TD", "NP",
                                                              "HR", "GL", "DG", "CA"};
  for (auto a : kScotland)
    if (a == area) return Nation::kScotland;
  if (area == "ZE") return Nation::kScotland;
  for (auto a : kWales)
    if (a == area) return Nation::kWales;
  for (auto a : kBorder)
    if (a == area) return Nation::kBorder;
  if (area == "BT") return Nation::kNorthernIreland;
  if (area == "GY" || area == "JE" || area == "IM") return Nation::kCrownDependency;
  return Nation::kEngland;
}

}  // namespace cp::core
