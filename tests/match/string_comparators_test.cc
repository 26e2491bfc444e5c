// Reference values of the string comparators (issue 4) and their use for
// SRCH-2: spelling variants and phonetic similarity.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "match/damerau_levenshtein.h"
#include "match/double_metaphone.h"
#include "match/jaro_winkler.h"
#include "match/soundex.h"

namespace cp::match {
namespace {

TEST(JaroWinkler, ReferenceValues) {
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA"), 0.9611, 5e-5);
  EXPECT_NEAR(JaroWinkler("DWAYNE", "DUANE"), 0.8400, 5e-5);
  EXPECT_NEAR(JaroWinkler("DIXON", "DICKSONX"), 0.8133, 5e-5);
  EXPECT_NEAR(Jaro("MARTHA", "MARHTA"), 0.9444, 5e-5);
}

TEST(JaroWinkler, EdgeCases) {
  EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", ""), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("oliver", "oliver"), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("ab", "ba"), JaroWinkler("ba", "ab"));
  // Strings longer than 64 bytes take the slow path and agree with it.
  const std::string long_a(80, 'a');
  std::string long_b = long_a;
  long_b[40] = 'b';
  EXPECT_GT(JaroWinkler(long_a, long_b), 0.98);
}

// SRCH-2: a spelling slip is one edit.
TEST(DamerauLevenshtein, CountsEditsUpToTheBound) {
  EXPECT_EQ(DamerauLevenshtein("smith", "smith", 2), 0);
  EXPECT_EQ(DamerauLevenshtein("smith", "smyth", 2), 1);
  EXPECT_EQ(DamerauLevenshtein("smith", "msith", 2), 1);  // adjacent swap
  EXPECT_EQ(DamerauLevenshtein("smith", "smiths", 2), 1);
  EXPECT_EQ(DamerauLevenshtein("smith", "smit", 2), 1);
  EXPECT_EQ(DamerauLevenshtein("kitten", "sitting", 3), 3);
  EXPECT_EQ(DamerauLevenshtein("kitten", "sitting", 1), 2);  // over the bound: bound + 1
  EXPECT_EQ(DamerauLevenshtein("a", "abcdef", 2), 3);
  EXPECT_EQ(DamerauLevenshtein("", "abc", 5), 3);
  EXPECT_EQ(DamerauLevenshtein("ca", "abc", 3), 3);  // optimal string alignment
}

// The full optimal-string-alignment table, as a reference for the banded one.
int ReferenceDistance(const std::string& a, const std::string& b) {
  const std::size_t la = a.size();
  const std::size_t lb = b.size();
  std::vector<std::vector<int>> d(la + 1, std::vector<int>(lb + 1));
  for (std::size_t i = 0; i <= la; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= lb; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= la; ++i) {
    for (std::size_t j = 1; j <= lb; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[la][lb];
}

TEST(DamerauLevenshtein, AgreesWithTheFullTableOnRandomStrings) {
  std::mt19937 rng(42);
  auto random_string = [&rng] {
    std::string s(rng() % 9, 'a');
    for (char& c : s) c = static_cast<char>('a' + rng() % 4);
    return s;
  };
  for (int i = 0; i < 3000; ++i) {
    const std::string a = random_string();
    const std::string b = random_string();
    const int bound = static_cast<int>(rng() % 4);
    const int expected = std::min(ReferenceDistance(a, b), bound + 1);
    ASSERT_EQ(DamerauLevenshtein(a, b, bound), expected) << a << " / " << b << " bound " << bound;
  }
  // Strings one or two random edits apart (a substitution, insertion,
  // deletion or swap of neighbours at a random place), which a bound of
  // one must tell apart: random strings are seldom within one edit.
  auto edit = [&rng](std::string s) {
    const std::size_t at = s.empty() ? 0 : rng() % s.size();
    const char c = static_cast<char>('a' + rng() % 4);
    switch (rng() % 4) {
      case 0:
        if (!s.empty()) s[at] = c;
        break;
      case 1:
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c);
        break;
      case 2:
        if (!s.empty()) s.erase(at, 1);
        break;
      default:
        if (at + 1 < s.size()) std::swap(s[at], s[at + 1]);
    }
    return s;
  };
  for (int i = 0; i < 3000; ++i) {
    const std::string a = random_string();
    std::string b = edit(a);
    if (i % 3 == 0) b = edit(b);
    const int expected = std::min(ReferenceDistance(a, b), 2);
    ASSERT_EQ(DamerauLevenshtein(a, b, 1), expected) << a << " / " << b;
  }
}

TEST(JaroWinkler, FastPathAgreesWithDefinitionOnRandomStrings) {
  // Jaro computed directly from its definition, for comparison.
  auto reference = [](const std::string& a, const std::string& b) {
    if (a.empty() && b.empty()) return 1.0;
    if (a.empty() || b.empty()) return 0.0;
    const std::size_t longer = std::max(a.size(), b.size());
    const std::size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
    std::vector<bool> fa(a.size()), fb(b.size());
    std::size_t m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::size_t lo = i > window ? i - window : 0;
      const std::size_t hi = std::min(b.size(), i + window + 1);
      for (std::size_t j = lo; j < hi; ++j) {
        if (!fb[j] && a[i] == b[j]) {
          fa[i] = fb[j] = true;
          ++m;
          break;
        }
      }
    }
    if (m == 0) return 0.0;
    std::size_t t = 0;
    for (std::size_t i = 0, k = 0; i < a.size(); ++i) {
      if (!fa[i]) continue;
      while (!fb[k]) ++k;
      if (a[i] != b[k]) ++t;
      ++k;
    }
    const double md = static_cast<double>(m);
    const double half = static_cast<double>(t / 2);
    return (md / static_cast<double>(a.size()) + md / static_cast<double>(b.size()) +
            (md - half) / md) /
           3.0;
  };
  std::mt19937 rng(7);
  // Short strings of few letters (many partners in each window), then
  // strings up to the fast path's 64 bytes, whose windows reach 31 places.
  struct Strings {
    unsigned longest;
    unsigned letters;
  };
  for (const Strings kind : {Strings{12, 5}, Strings{64, 12}}) {
    auto random_string = [&rng, kind] {
      std::string s(1 + rng() % kind.longest, 'a');
      for (char& c : s) c = static_cast<char>('a' + rng() % kind.letters);
      return s;
    };
    for (int i = 0; i < 3000; ++i) {
      const std::string a = random_string();
      const std::string b = random_string();
      ASSERT_NEAR(Jaro(a, b), reference(a, b), 1e-12) << a << " / " << b;
    }
  }
}

TEST(Soundex, ReferenceValues) {
  EXPECT_EQ(Soundex("Robert"), "R163");
  EXPECT_EQ(Soundex("Rupert"), "R163");
  EXPECT_EQ(Soundex("Tymczak"), "T522");
  EXPECT_EQ(Soundex("Pfister"), "P236");
  EXPECT_EQ(Soundex("Ashcraft"), "A261");
  EXPECT_EQ(Soundex("Lee"), "L000");
  EXPECT_EQ(Soundex("123"), "");
}

struct MetaphoneCase {
  const char* word;
  const char* primary;
  const char* alternate;
};

TEST(DoubleMetaphone, ReferenceValues) {
  const MetaphoneCase cases[] = {
      {"Smith", "SM0", "XMT"},     {"Schmidt", "XMT", "SMT"},
      {"Knight", "NT", "NT"},      {"Catherine", "K0RN", "KTRN"},
      {"Thomas", "TMS", "TMS"},    {"Xavier", "SF", "SFR"},
      {"Jose", "HS", "HS"},        {"Michael", "MKL", "MXL"},
      {"Philips", "FLPS", "FLPS"}, {"Gnome", "NM", "NM"},
      {"Wright", "RT", "RT"},      {"Dumb", "TM", "TM"},
      {"Caesar", "SSR", "SSR"},    {"Edge", "AJ", "AJ"},
      {"Laugh", "LF", "LF"},       {"Hugh", "H", "H"},
      {"Czerny", "SRN", "XRN"},    {"Zhao", "J", "J"},
  };
  for (const auto& c : cases) {
    const MetaphoneCodes codes = DoubleMetaphone(c.word);
    EXPECT_EQ(codes.primary, c.primary) << c.word;
    EXPECT_EQ(codes.alternate, c.alternate) << c.word;
  }
}

// SRCH-2: names that sound alike share a code.
TEST(DoubleMetaphone, SoundAlikeNamesShareACode) {
  const auto smith = DoubleMetaphone("smith");
  const auto schmidt = DoubleMetaphone("schmidt");
  EXPECT_EQ(smith.alternate, schmidt.primary);
  EXPECT_EQ(DoubleMetaphone("catherine").primary, DoubleMetaphone("kathryn").primary);
  EXPECT_EQ(DoubleMetaphone("stephen").primary, DoubleMetaphone("steven").primary);
  EXPECT_EQ(DoubleMetaphone("").primary, "");
}

}  // namespace
}  // namespace cp::match
