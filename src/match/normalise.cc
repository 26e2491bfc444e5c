#include "match/normalise.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace cp::match {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsApostrophe(utf8proc_int32_t cp) {
  return cp == '\'' || cp == '`' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

// Appends `c` or a space separator, collapsing runs of separators.
class Builder {
 public:
  void Letter(std::string_view s) {
    if (pending_space_ && !out_.empty()) out_.push_back(' ');
    pending_space_ = false;
    out_.append(s);
  }
  void Separator() { pending_space_ = true; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  bool pending_space_ = false;
};

std::string FoldAscii(std::string_view text) {
  Builder b;
  for (unsigned char c : text) {
    if (IsAsciiAlnum(c)) {
      const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      b.Letter(std::string_view(&lower, 1));
    } else if (c != '\'' && c != '`') {
      b.Separator();
    }
  }
  return b.Take();
}

// Letters that NFKD leaves alone but that English records usually write
// with plain Latin letters.
std::string_view Transliterate(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x00DF:
      return "ss";  // ß
    case 0x00F8:
      return "o";  // ø
    case 0x00E6:
      return "ae";  // æ
    case 0x0153:
      return "oe";  // œ
    case 0x0142:
      return "l";  // ł
    case 0x0111:
      return "d";  // đ
    case 0x00F0:
      return "d";  // ð
    case 0x00FE:
      return "th";  // þ
    case 0x0131:
      return "i";  // dotless i
    case 0x0127:
      return "h";  // ħ
    default:
      return {};
  }
}

bool IsLetterOrDigit(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
      return true;
    default:
      return false;
  }
}

std::string FoldUnicode(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto options =
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                     UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (n < 0) {
    std::string ascii;
    for (unsigned char c : text) {
      if (c < 0x80) ascii.push_back(static_cast<char>(c));
    }
    return FoldAscii(ascii);
  }
  Builder b;
  const utf8proc_uint8_t* p = mapped;
  utf8proc_ssize_t left = n;
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const auto len = utf8proc_iterate(p, left, &cp);
    if (len <= 0) break;
    if (cp < 0x80) {
      const auto c = static_cast<unsigned char>(cp);
      if (IsAsciiAlnum(c)) {
        const char ch = static_cast<char>(c);
        b.Letter(std::string_view(&ch, 1));
      } else if (!IsApostrophe(cp)) {
        b.Separator();
      }
    } else if (auto t = Transliterate(cp); !t.empty()) {
      b.Letter(t);
    } else if (IsApostrophe(cp)) {
      // Dropped, as in O'Brien.
    } else if (IsLetterOrDigit(cp)) {
      b.Letter(std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(len)));
    } else {
      b.Separator();
    }
    p += len;
    left -= len;
  }
  std::free(mapped);
  return b.Take();
}

std::vector<std::string> SplitSpaces(const std::string& folded) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) out.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsTitle(std::string_view t) {
  static constexpr std::array<std::string_view, 14> kTitles = {
      "mr",   "mrs", "miss", "ms",   "mx",   "dr",   "master",
      "prof", "rev", "sir",  "dame", "lady", "lord", "mstr"};
  return std::find(kTitles.begin(), kTitles.end(), t) != kTitles.end();
}

bool IsSuffix(std::string_view t) {
  static constexpr std::array<std::string_view, 7> kSuffixes = {"jr",  "jnr", "junior", "sr",
                                                                "snr", "ii",  "iii"};
  return std::find(kSuffixes.begin(), kSuffixes.end(), t) != kSuffixes.end();
}

std::vector<std::string> StripTitles(std::vector<std::string> tokens) {
  // Titles lead, suffixes trail; a lone token is kept even if it looks like
  // one ("Miss" could be a mis-keyed surname field, never an empty name).
  std::size_t begin = 0;
  while (begin + 1 < tokens.size() && IsTitle(tokens[begin])) ++begin;
  std::size_t end = tokens.size();
  while (end > begin + 1 && IsSuffix(tokens[end - 1])) --end;
  return {tokens.begin() + static_cast<std::ptrdiff_t>(begin),
          tokens.begin() + static_cast<std::ptrdiff_t>(end)};
}

bool IsAllUpper(std::string_view raw) {
  bool letter = false;
  for (unsigned char c : raw) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

bool HasLower(std::string_view raw) {
  return std::any_of(raw.begin(), raw.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

std::string FoldText(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  return ascii ? FoldAscii(text) : FoldUnicode(text);
}

std::vector<std::string> FoldTokens(std::string_view text) { return SplitSpaces(FoldText(text)); }

std::vector<std::string> NameTokens(std::string_view text) { return StripTitles(FoldTokens(text)); }

bool IsSurnameParticle(std::string_view token) {
  static constexpr std::array<std::string_view, 16> kParticles = {
      "van", "von", "de",  "der", "den", "la", "le",  "du",
      "da",  "di",  "del", "st",  "al",  "el", "bin", "ap"};
  return std::find(kParticles.begin(), kParticles.end(), token) != kParticles.end();
}

SurnameForms FoldSurname(std::string_view text) {
  SurnameForms forms;
  const std::vector<std::string> tokens = FoldTokens(text);
  for (const auto& t : tokens) forms.whole += t;
  if (tokens.size() > 1) {
    for (const auto& t : tokens) {
      if (t.size() > 1 && !IsSurnameParticle(t)) forms.parts.push_back(t);
    }
  }
  return forms;
}

PersonName ParseFullName(std::string_view full_name) {
  PersonName name;
  if (const auto comma = full_name.find(','); comma != std::string_view::npos) {
    name.surname = FoldSurname(full_name.substr(0, comma));
    name.forenames = NameTokens(full_name.substr(comma + 1));
    return name;
  }
  // Raw words, so that a surname written in capitals can be recognised.
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < full_name.size()) {
    std::size_t end = full_name.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = full_name.size();
    if (end > start) words.push_back(full_name.substr(start, end - start));
    start = end + 1;
  }
  std::size_t first = 0;
  while (first + 1 < words.size() && IsTitle(FoldText(words[first]))) ++first;
  if (words.size() - first >= 2 && IsAllUpper(words[first]) &&
      std::any_of(words.begin() + static_cast<std::ptrdiff_t>(first) + 1, words.end(),
                  [](std::string_view w) { return HasLower(w); })) {
    name.surname = FoldSurname(words[first]);
    std::string rest;
    for (std::size_t i = first + 1; i < words.size(); ++i) (rest += words[i]) += ' ';
    name.forenames = NameTokens(rest);
    return name;
  }
  std::vector<std::string> tokens = NameTokens(full_name);
  if (tokens.empty()) return name;
  if (tokens.size() == 1) {
    name.surname.whole = tokens[0];
    return name;
  }
  // The surname is the last token together with any particles before it.
  std::size_t surname_begin = tokens.size() - 1;
  while (surname_begin > 1 && IsSurnameParticle(tokens[surname_begin - 1])) --surname_begin;
  std::string surname;
  for (std::size_t i = surname_begin; i < tokens.size(); ++i) (surname += tokens[i]) += ' ';
  name.surname = FoldSurname(surname);
  name.forenames.assign(tokens.begin(),
                        tokens.begin() + static_cast<std::ptrdiff_t>(surname_begin));
  return name;
}

}  // namespace cp::match
