#pragma once
// The unique identifying number (UIN) of a child record (REC-1).
//
// Twelve decimal digits: eleven payload digits and a Damm check digit. The
// Damm quasigroup detects every single mistyped digit and every swap of two
// neighbouring digits, so a UIN read over the telephone either validates or
// is wrong. Shown grouped as "1234 5678 9012"; parsing ignores spaces and
// hyphens. Payloads are a scrambled sequence, so UINs reveal neither the
// order of creation nor how many records exist.

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace cp::core {

class Uin {
 public:
  static constexpr std::int64_t kPayloadLimit = 100'000'000'000;  // 10^11

  // The UIN for the n-th record issued (0 ≤ n < 10^11). Distinct n give
  // distinct UINs.
  static Uin FromSequence(std::int64_t n);
  // Parses typed input; the error names the field "uin" and says why.
  static Result<Uin> Parse(std::string_view text);
  // From the stored 12-digit integer; the caller vouches it was valid.
  static Uin FromStored(std::int64_t value) { return Uin(value); }

  std::int64_t value() const { return value_; }  // 12 digits as an integer
  std::string ToString() const;                  // "123456789012"
  std::string ToDisplay() const;                 // "1234 5678 9012"

  friend bool operator==(const Uin&, const Uin&) = default;

 private:
  explicit Uin(std::int64_t v) : value_(v) {}
  std::int64_t value_ = 0;
};

// Damm check digit of a string of decimal digits.
int DammCheckDigit(std::string_view digits);

}  // namespace cp::core
