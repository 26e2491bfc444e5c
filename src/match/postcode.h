#pragma once
// Postcode agreement for matching. UK postcodes are compared by their
// hierarchy: unit (SW1A 1AA), sector (SW1A 1), district (SW1A), area (SW).
// Codes of any other shape (the Australian postcodes of the FEBRL data,
// foreign codes) are compared as strings.

#include <cstdint>
#include <string>
#include <string_view>

namespace cp::match {

// Upper-cased with every character but letters and digits removed:
// " sw1a 1aa" → "SW1A1AA". Empty when nothing is left.
std::string FoldPostcode(std::string_view text);

// True when a folded postcode has the UK shape: an outward code of a
// letter, an optional letter, a digit and an optional letter or digit,
// then an inward code of a digit and two letters.
bool IsUkPostcode(std::string_view folded);

// The district (outward code) of a folded UK postcode ("SW1A"); for other
// shapes, everything but the last character.
std::string_view PostcodeDistrict(std::string_view folded);

enum class PostcodeLevel : std::uint8_t {
  kMissing = 0,
  kExact = 1,
  kSector = 2,    // same sector, different unit
  kTypo = 3,      // one character inserted, deleted, changed or swapped
  kDistrict = 4,  // same district
  kArea = 5,      // same area letters
  kDisagree = 6,
};

// Compares two folded postcodes (see FoldPostcode).
PostcodeLevel ComparePostcodes(std::string_view a, std::string_view b);

}  // namespace cp::match
