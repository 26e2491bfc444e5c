#pragma once
// Double Metaphone (Lawrence Philips, 2000): a primary and an alternate
// phonetic code of up to four characters for a word, so that names that
// sound alike in English, and in the languages English names come from,
// share a code ("Smith" SM0/XMT and "Schmidt" XMT/SMT share XMT).

#include <string>
#include <string_view>

namespace cp::match {

struct MetaphoneCodes {
  std::string primary;
  std::string alternate;  // equal to primary when the word has no alternative
};

// Codes for one word; letters other than A-Z (after folding) are skipped.
// '0' stands for "th", 'X' for "sh"/"ch", 'J' for the soft "j" sound.
MetaphoneCodes DoubleMetaphone(std::string_view word);

}  // namespace cp::match
