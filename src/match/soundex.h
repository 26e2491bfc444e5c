#pragma once
// American Soundex (the US National Archives rules): the first letter, then
// three digits for the consonant sounds that follow, with H and W not
// separating equal codes and vowels separating them.

#include <string>
#include <string_view>

namespace cp::match {

// "Robert" → "R163", "Ashcraft" → "A261". Non-letters are ignored; a word
// without letters has the empty code.
std::string Soundex(std::string_view word);

}  // namespace cp::match
