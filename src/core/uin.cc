#include "core/uin.h"

#include <cstdio>

namespace cp::core {
namespace {

// The weakly totally anti-symmetric quasigroup of order 10 from Damm (2004).
constexpr int kDamm[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                               {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                               {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                               {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
                               {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

// A bijection on [0, 10^11): multiply by a unit modulo 10^11, then add.
constexpr std::int64_t kMultiplier = 7'368'787'149;  // coprime to 10
constexpr std::int64_t kOffset = 31'415'926'535;

std::int64_t MulMod(std::int64_t a, std::int64_t b, std::int64_t m) {
  return static_cast<std::int64_t>((static_cast<__int128>(a) * b) % m);
}

}  // namespace

int DammCheckDigit(std::string_view digits) {
  int interim = 0;
  for (char c : digits) interim = kDamm[interim][c - '0'];
  return interim;
}

Uin Uin::FromSequence(std::int64_t n) {
  const std::int64_t payload =
      (MulMod(n % kPayloadLimit, kMultiplier, kPayloadLimit) + kOffset) % kPayloadLimit;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%011lld", static_cast<long long>(payload));
  return Uin(payload * 10 + DammCheckDigit(buf));
}

Result<Uin> Uin::Parse(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') return Error::Invalid("uin", "A UIN contains only digits");
    digits.push_back(c);
  }
  if (digits.size() != 12) return Error::Invalid("uin", "A UIN has 12 digits");
  if (DammCheckDigit(digits) != 0) {
    return Error::Invalid("uin", "This UIN is not valid: check each digit");
  }
  return Uin(std::stoll(digits));
}

std::string Uin::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012lld", static_cast<long long>(value_));
  return buf;
}

std::string Uin::ToDisplay() const {
  const std::string s = ToString();
  return s.substr(0, 4) + " " + s.substr(4, 4) + " " + s.substr(8, 4);
}

}  // namespace cp::core
