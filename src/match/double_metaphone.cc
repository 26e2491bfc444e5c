#include "match/double_metaphone.h"

#include <initializer_list>

namespace cp::match {
namespace {

// One encoding run over an upper-cased word padded with spaces, so that
// look-ahead past the end reads ' ' as the original algorithm expects.
class Encoder {
 public:
  explicit Encoder(std::string_view word) {
    for (char c : word) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if ((c >= 'A' && c <= 'Z') || c == ' ') text_.push_back(c);
    }
    length_ = static_cast<int>(text_.size());
    last_ = length_ - 1;
    text_ += "     ";
  }

  MetaphoneCodes Run();

 private:
  char At(int i) const {
    if (i < 0) return '\0';
    if (i >= static_cast<int>(text_.size())) return ' ';
    return text_[static_cast<std::size_t>(i)];
  }
  bool StringAt(int start, int len, std::initializer_list<std::string_view> options) const {
    if (start < 0) return false;
    if (start + len > static_cast<int>(text_.size())) return false;
    const std::string_view here(text_.data() + start, static_cast<std::size_t>(len));
    for (auto o : options) {
      if (here == o) return true;
    }
    return false;
  }
  bool IsVowel(int i) const {
    if (i < 0 || i >= length_) return false;
    const char c = text_[static_cast<std::size_t>(i)];
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
  }
  bool SlavoGermanic() const {
    return text_.find('W') != std::string::npos || text_.find('K') != std::string::npos ||
           text_.find("CZ") != std::string::npos || text_.find("WITZ") != std::string::npos;
  }
  bool Germanic() const { return StringAt(0, 4, {"VAN ", "VON "}) || StringAt(0, 3, {"SCH"}); }
  void Add(std::string_view main) {
    primary_ += main;
    secondary_ += main;
  }
  // An alternate of " " marks that the alternate code omits the sound.
  void Add(std::string_view main, std::string_view alt) {
    primary_ += main;
    if (!alt.empty()) {
      if (alt[0] != ' ') secondary_ += alt;
    } else if (!main.empty() && main[0] != ' ') {
      secondary_ += main;
    }
  }

  int C(int current);
  int D(int current);
  int G(int current);
  int J(int current);
  int L(int current);
  int S(int current);
  int T(int current);
  int W(int current);

  std::string text_;
  int length_ = 0;
  int last_ = -1;
  std::string primary_;
  std::string secondary_;
};

int Encoder::C(int current) {
  // Various Germanic.
  if (current > 1 && !IsVowel(current - 2) && StringAt(current - 1, 3, {"ACH"}) &&
      At(current + 2) != 'I' &&
      (At(current + 2) != 'E' || StringAt(current - 2, 6, {"BACHER", "MACHER"}))) {
    Add("K");
    return current + 2;
  }
  if (current == 0 && StringAt(current, 6, {"CAESAR"})) {
    Add("S");
    return current + 2;
  }
  if (StringAt(current, 4, {"CHIA"})) {  // Italian 'chianti'
    Add("K");
    return current + 2;
  }
  if (StringAt(current, 2, {"CH"})) {
    if (current > 0 && StringAt(current, 4, {"CHAE"})) {  // 'michael'
      Add("K", "X");
      return current + 2;
    }
    // Greek roots: 'chemistry', 'chorus'.
    if (current == 0 &&
        (StringAt(current + 1, 5, {"HARAC", "HARIS"}) ||
         StringAt(current + 1, 3, {"HOR", "HYM", "HIA", "HEM"})) &&
        !StringAt(0, 5, {"CHORE"})) {
      Add("K");
      return current + 2;
    }
    // Germanic, Greek, or otherwise 'ch' for the 'kh' sound.
    if (Germanic() || StringAt(current - 2, 6, {"ORCHES", "ARCHIT", "ORCHID"}) ||
        StringAt(current + 2, 1, {"T", "S"}) ||
        ((StringAt(current - 1, 1, {"A", "O", "U", "E"}) || current == 0) &&
         StringAt(current + 2, 1, {"L", "R", "N", "M", "B", "H", "F", "V", "W", " "}))) {
      Add("K");
    } else if (current > 0) {
      if (StringAt(0, 2, {"MC"})) {
        Add("K");  // 'McHugh'
      } else {
        Add("X", "K");
      }
    } else {
      Add("X");
    }
    return current + 2;
  }
  if (StringAt(current, 2, {"CZ"}) && !StringAt(current - 2, 4, {"WICZ"})) {  // 'czerny'
    Add("S", "X");
    return current + 2;
  }
  if (StringAt(current + 1, 3, {"CIA"})) {  // 'focaccia'
    Add("X");
    return current + 3;
  }
  // Double 'C', but not as in 'McClellan'.
  if (StringAt(current, 2, {"CC"}) && !(current == 1 && At(0) == 'M')) {
    // 'bellocchio' but not 'bacchus'.
    if (StringAt(current + 2, 1, {"I", "E", "H"}) && !StringAt(current + 2, 2, {"HU"})) {
      if ((current == 1 && At(current - 1) == 'A') ||
          StringAt(current - 1, 5, {"UCCEE", "UCCES"})) {
        Add("KS");  // 'accident', 'accede', 'succeed'
      } else {
        Add("X");  // 'bacci', 'bertucci'
      }
      return current + 3;
    }
    Add("K");  // Pierce's rule
    return current + 2;
  }
  if (StringAt(current, 2, {"CK", "CG", "CQ"})) {
    Add("K");
    return current + 2;
  }
  if (StringAt(current, 2, {"CI", "CE", "CY"})) {
    if (StringAt(current, 3, {"CIO", "CIE", "CIA"})) {
      Add("S", "X");  // Italian against English
    } else {
      Add("S");
    }
    return current + 2;
  }
  Add("K");
  if (StringAt(current + 1, 2, {" C", " Q", " G"})) return current + 3;  // 'mac caffrey'
  if (StringAt(current + 1, 1, {"C", "K", "Q"}) && !StringAt(current + 1, 2, {"CE", "CI"})) {
    return current + 2;
  }
  return current + 1;
}

int Encoder::D(int current) {
  if (StringAt(current, 2, {"DG"})) {
    if (StringAt(current + 2, 1, {"I", "E", "Y"})) {
      Add("J");  // 'edge'
      return current + 3;
    }
    Add("TK");  // 'edgar'
    return current + 2;
  }
  Add("T");
  return StringAt(current, 2, {"DT", "DD"}) ? current + 2 : current + 1;
}

int Encoder::G(int current) {
  if (At(current + 1) == 'H') {
    if (current > 0 && !IsVowel(current - 1)) {
      Add("K");
      return current + 2;
    }
    if (current == 0) {  // 'ghislane', 'ghiradelli'
      Add(At(current + 2) == 'I' ? "J" : "K");
      return current + 2;
    }
    // Parker's rule, with refinements: 'hugh', 'bough', 'broughton'.
    if ((current > 1 && StringAt(current - 2, 1, {"B", "H", "D"})) ||
        (current > 2 && StringAt(current - 3, 1, {"B", "H", "D"})) ||
        (current > 3 && StringAt(current - 4, 1, {"B", "H"}))) {
      return current + 2;
    }
    // 'laugh', 'McLaughlin', 'cough', 'gough', 'rough', 'tough'.
    if (current > 2 && At(current - 1) == 'U' &&
        StringAt(current - 3, 1, {"C", "G", "L", "R", "T"})) {
      Add("F");
    } else if (current > 0 && At(current - 1) != 'I') {
      Add("K");
    }
    return current + 2;
  }
  if (At(current + 1) == 'N') {
    if (current == 1 && IsVowel(0) && !SlavoGermanic()) {
      Add("KN", "N");
    } else if (!StringAt(current + 2, 2, {"EY"}) && At(current + 1) != 'Y' && !SlavoGermanic()) {
      Add("N", "KN");  // not 'cagney'
    } else {
      Add("KN");
    }
    return current + 2;
  }
  if (StringAt(current + 1, 2, {"LI"}) && !SlavoGermanic()) {  // 'tagliaro'
    Add("KL", "L");
    return current + 2;
  }
  // -ges-, -gep-, -gel-, -gie- at the beginning.
  if (current == 0 && (At(current + 1) == 'Y' || StringAt(current + 1, 2,
                                                          {"ES", "EP", "EB", "EL", "EY", "IB", "IL",
                                                           "IN", "IE", "EI", "ER"}))) {
    Add("K", "J");
    return current + 2;
  }
  // -ger-, -gy-.
  if ((StringAt(current + 1, 2, {"ER"}) || At(current + 1) == 'Y') &&
      !StringAt(0, 6, {"DANGER", "RANGER", "MANGER"}) && !StringAt(current - 1, 1, {"E", "I"}) &&
      !StringAt(current - 1, 3, {"RGY", "OGY"})) {
    Add("K", "J");
    return current + 2;
  }
  // Italian, e.g. 'biaggi'.
  if (StringAt(current + 1, 1, {"E", "I", "Y"}) || StringAt(current - 1, 4, {"AGGI", "OGGI"})) {
    if (Germanic() || StringAt(current + 1, 2, {"ET"})) {
      Add("K");
    } else if (StringAt(current + 1, 4, {"IER "})) {
      Add("J");  // always soft in a French ending
    } else {
      Add("J", "K");
    }
    return current + 2;
  }
  Add("K");
  return At(current + 1) == 'G' ? current + 2 : current + 1;
}

int Encoder::J(int current) {
  // Obvious Spanish: 'jose', 'san jacinto'.
  if (StringAt(current, 4, {"JOSE"}) || StringAt(0, 4, {"SAN "})) {
    if ((current == 0 && At(current + 4) == ' ') || StringAt(0, 4, {"SAN "})) {
      Add("H");
    } else {
      Add("J", "H");
    }
    return current + 1;
  }
  if (current == 0 && !StringAt(current, 4, {"JOSE"})) {
    Add("J", "A");  // Yankelovich / Jankelowicz
  } else if (IsVowel(current - 1) && !SlavoGermanic() &&
             (At(current + 1) == 'A' || At(current + 1) == 'O')) {
    Add("J", "H");  // Spanish 'bajador'
  } else if (current == last_) {
    Add("J", " ");
  } else if (!StringAt(current + 1, 1, {"L", "T", "K", "S", "N", "M", "B", "Z"}) &&
             !StringAt(current - 1, 1, {"S", "K", "L"})) {
    Add("J");
  }
  return At(current + 1) == 'J' ? current + 2 : current + 1;
}

int Encoder::L(int current) {
  if (At(current + 1) == 'L') {
    // Spanish: 'cabrillo', 'gallegos'.
    if ((current == length_ - 3 && StringAt(current - 1, 4, {"ILLO", "ILLA", "ALLE"})) ||
        ((StringAt(last_ - 1, 2, {"AS", "OS"}) || StringAt(last_, 1, {"A", "O"})) &&
         StringAt(current - 1, 4, {"ALLE"}))) {
      Add("L", " ");
      return current + 2;
    }
    Add("L");
    return current + 2;
  }
  Add("L");
  return current + 1;
}

int Encoder::S(int current) {
  if (StringAt(current - 1, 3, {"ISL", "YSL"})) return current + 1;  // 'island', 'carlisle'
  if (current == 0 && StringAt(current, 5, {"SUGAR"})) {
    Add("X", "S");
    return current + 1;
  }
  if (StringAt(current, 2, {"SH"})) {
    if (StringAt(current + 1, 4, {"HEIM", "HOEK", "HOLM", "HOLZ"})) {
      Add("S");  // Germanic
    } else {
      Add("X");
    }
    return current + 2;
  }
  // Italian and Armenian.
  if (StringAt(current, 3, {"SIO", "SIA"}) || StringAt(current, 4, {"SIAN"})) {
    if (!SlavoGermanic()) {
      Add("S", "X");
    } else {
      Add("S");
    }
    return current + 3;
  }
  // German and anglicisations: 'smith' matches 'schmidt', 'snider' matches
  // 'schneider'; also -sz- in Slavic languages.
  if ((current == 0 && StringAt(current + 1, 1, {"M", "N", "L", "W"})) ||
      StringAt(current + 1, 1, {"Z"})) {
    Add("S", "X");
    return StringAt(current + 1, 1, {"Z"}) ? current + 2 : current + 1;
  }
  if (StringAt(current, 2, {"SC"})) {
    if (At(current + 2) == 'H') {  // Schlesinger's rule
      // Dutch origin: 'school', 'schooner'.
      if (StringAt(current + 3, 2, {"OO", "ER", "EN", "UY", "ED", "EM"})) {
        if (StringAt(current + 3, 2, {"ER", "EN"})) {
          Add("X", "SK");  // 'schermerhorn', 'schenker'
        } else {
          Add("SK");
        }
        return current + 3;
      }
      if (current == 0 && !IsVowel(3) && At(3) != 'W') {
        Add("X", "S");
      } else {
        Add("X");
      }
      return current + 3;
    }
    if (StringAt(current + 2, 1, {"I", "E", "Y"})) {
      Add("S");
      return current + 3;
    }
    Add("SK");
    return current + 3;
  }
  // French: 'resnais', 'artois'.
  if (current == last_ && StringAt(current - 2, 2, {"AI", "OI"})) {
    Add("", "S");
  } else {
    Add("S");
  }
  return StringAt(current + 1, 1, {"S", "Z"}) ? current + 2 : current + 1;
}

int Encoder::T(int current) {
  if (StringAt(current, 4, {"TION"})) {
    Add("X");
    return current + 3;
  }
  if (StringAt(current, 3, {"TIA", "TCH"})) {
    Add("X");
    return current + 3;
  }
  if (StringAt(current, 2, {"TH"}) || StringAt(current, 3, {"TTH"})) {
    // 'thomas', 'thames', or Germanic.
    if (StringAt(current + 2, 2, {"OM", "AM"}) || Germanic()) {
      Add("T");
    } else {
      Add("0", "T");
    }
    return current + 2;
  }
  Add("T");
  return StringAt(current + 1, 1, {"T", "D"}) ? current + 2 : current + 1;
}

int Encoder::W(int current) {
  if (StringAt(current, 2, {"WR"})) {  // also in the middle of a word
    Add("R");
    return current + 2;
  }
  if (current == 0 && (IsVowel(current + 1) || StringAt(current, 2, {"WH"}))) {
    if (IsVowel(current + 1)) {
      Add("A", "F");  // Wasserman should match Vasserman
    } else {
      Add("A");  // Uomo should match Womo
    }
  }
  // Arnow should match Arnoff.
  if ((current == last_ && IsVowel(current - 1)) ||
      StringAt(current - 1, 5, {"EWSKI", "EWSKY", "OWSKI", "OWSKY"}) || StringAt(0, 3, {"SCH"})) {
    Add("", "F");
    return current + 1;
  }
  if (StringAt(current, 4, {"WICZ", "WITZ"})) {  // Polish 'filipowicz'
    Add("TS", "FX");
    return current + 4;
  }
  return current + 1;
}

MetaphoneCodes Encoder::Run() {
  if (length_ < 1) return {};
  int current = 0;
  // Silent first letters.
  if (StringAt(0, 2, {"GN", "KN", "PN", "WR", "PS"})) current += 1;
  // An initial 'X' is pronounced 'Z', as in 'Xavier'; 'Z' maps to 'S'.
  if (At(0) == 'X') {
    Add("S");
    current += 1;
  }
  while ((primary_.size() < 4 || secondary_.size() < 4) && current < length_) {
    switch (At(current)) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        if (current == 0) Add("A");  // every initial vowel maps to 'A'
        current += 1;
        break;
      case 'B':
        Add("P");  // "-mb" as in "dumb" was skipped at the M
        current += At(current + 1) == 'B' ? 2 : 1;
        break;
      case 'C':
        current = C(current);
        break;
      case 'D':
        current = D(current);
        break;
      case 'F':
        current += At(current + 1) == 'F' ? 2 : 1;
        Add("F");
        break;
      case 'G':
        current = G(current);
        break;
      case 'H':
        // Kept only when first or between vowels; this also skips 'HH'.
        if ((current == 0 || IsVowel(current - 1)) && IsVowel(current + 1)) {
          Add("H");
          current += 2;
        } else {
          current += 1;
        }
        break;
      case 'J':
        current = J(current);
        break;
      case 'K':
        current += At(current + 1) == 'K' ? 2 : 1;
        Add("K");
        break;
      case 'L':
        current = L(current);
        break;
      case 'M':
        if ((StringAt(current - 1, 3, {"UMB"}) &&
             (current + 1 == last_ || StringAt(current + 2, 2, {"ER"}))) ||
            At(current + 1) == 'M') {
          current += 2;  // 'dumb', 'thumb'
        } else {
          current += 1;
        }
        Add("M");
        break;
      case 'N':
        current += At(current + 1) == 'N' ? 2 : 1;
        Add("N");
        break;
      case 'P':
        if (At(current + 1) == 'H') {
          Add("F");
          current += 2;
          break;
        }
        // Also 'campbell', 'raspberry'.
        current += StringAt(current + 1, 1, {"P", "B"}) ? 2 : 1;
        Add("P");
        break;
      case 'Q':
        current += At(current + 1) == 'Q' ? 2 : 1;
        Add("K");
        break;
      case 'R':
        // French, e.g. 'rogier', but not 'hochmeier'.
        if (current == last_ && !SlavoGermanic() && StringAt(current - 2, 2, {"IE"}) &&
            !StringAt(current - 4, 2, {"ME", "MA"})) {
          Add("", "R");
        } else {
          Add("R");
        }
        current += At(current + 1) == 'R' ? 2 : 1;
        break;
      case 'S':
        current = S(current);
        break;
      case 'T':
        current = T(current);
        break;
      case 'V':
        current += At(current + 1) == 'V' ? 2 : 1;
        Add("F");
        break;
      case 'W':
        current = W(current);
        break;
      case 'X':
        // French, e.g. 'breaux'.
        if (!(current == last_ && (StringAt(current - 3, 3, {"IAU", "EAU"}) ||
                                   StringAt(current - 2, 2, {"AU", "OU"})))) {
          Add("KS");
        }
        current += StringAt(current + 1, 1, {"C", "X"}) ? 2 : 1;
        break;
      case 'Z':
        if (At(current + 1) == 'H') {  // Chinese pinyin, e.g. 'zhao'
          Add("J");
          current += 2;
          break;
        }
        if (StringAt(current + 1, 2, {"ZO", "ZI", "ZA"}) ||
            (SlavoGermanic() && current > 0 && At(current - 1) != 'T')) {
          Add("S", "TS");
        } else {
          Add("S");
        }
        current += At(current + 1) == 'Z' ? 2 : 1;
        break;
      default:
        current += 1;
    }
  }
  if (primary_.size() > 4) primary_.resize(4);
  if (secondary_.size() > 4) secondary_.resize(4);
  return {primary_, secondary_};
}

}  // namespace

MetaphoneCodes DoubleMetaphone(std::string_view word) { return Encoder(word).Run(); }

}  // namespace cp::match
