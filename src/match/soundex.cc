#include "match/soundex.h"

namespace cp::match {
namespace {

// '0' for vowels (which separate), ' ' for H and W (which do not), else the
// digit of the letter's sound class.
char SoundClass(char upper) {
  switch (upper) {
    case 'B':
    case 'F':
    case 'P':
    case 'V':
      return '1';
    case 'C':
    case 'G':
    case 'J':
    case 'K':
    case 'Q':
    case 'S':
    case 'X':
    case 'Z':
      return '2';
    case 'D':
    case 'T':
      return '3';
    case 'L':
      return '4';
    case 'M':
    case 'N':
      return '5';
    case 'R':
      return '6';
    case 'H':
    case 'W':
      return ' ';
    default:
      return '0';
  }
}

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
bool IsLetter(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

std::string Soundex(std::string_view word) {
  std::string code;
  char previous = 0;
  for (char raw : word) {
    const char c = Upper(raw);
    if (!IsLetter(c)) continue;
    const char cls = SoundClass(c);
    if (code.empty()) {
      code.push_back(c);
      previous = cls;
      continue;
    }
    if (cls == ' ') continue;  // H, W: the previous code carries over
    if (cls != '0' && cls != previous) {
      code.push_back(cls);
      if (code.size() == 4) break;
    }
    previous = cls;
  }
  if (code.empty()) return code;
  code.resize(4, '0');
  return code;
}

}  // namespace cp::match
