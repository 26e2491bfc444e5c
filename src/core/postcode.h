#pragma once
// UK postcodes: validation against the Royal Mail format and the parts that
// matching and local-authority assignment use.

#include <string>
#include <string_view>

#include "platform/result.h"

namespace cp::core {

class Postcode {
 public:
  // Accepts any case and spacing ("sw1a1aa", "SW1A 1AA"); the error names
  // the field "postcode".
  static Result<Postcode> Parse(std::string_view text);

  const std::string& text() const { return text_; }  // "SW1A 1AA"
  std::string outward() const;                       // "SW1A" (the district)
  std::string inward() const;                        // "1AA"
  std::string area() const;                          // "SW"
  std::string sector() const;                        // "SW1A 1"

  friend bool operator==(const Postcode&, const Postcode&) = default;

 private:
  explicit Postcode(std::string t) : text_(std::move(t)) {}
  std::string text_;
};

// Where a postcode area lies, as far as the area letters alone tell.
enum class Nation { kEngland, kScotland, kWales, kNorthernIreland, kCrownDependency, kBorder };

// kBorder: areas that straddle England and Wales or Scotland (CH, SY, LD, TD,
// NP, HR, GL, DG, CA); the district then decides, which LA data resolves.
Nation NationOfArea(std::string_view area);

}  // namespace cp::core
