#include "match/compare.h"

#include <algorithm>
#include <array>

#include "match/birth_date.h"
#include "match/damerau_levenshtein.h"
#include "match/jaro_winkler.h"
#include "match/postcode.h"

namespace cp::match {
namespace {

// One side's value of a field: the id and the pool it belongs to.
struct Value {
  TextId id;
  const TextPool* pool;
  bool empty() const { return id == kNoText; }
  std::string_view text() const { return pool->Text(id); }
  const TextEntry& entry() const { return pool->Entry(id); }
};

Value Of(RecordView v, TextId id) { return {id, v.pool}; }

bool Equal(Value a, Value b) {
  if (a.empty() || b.empty()) return false;
  // Within one pool (or an overlay and its base) a string has one id.
  if (a.pool->Owner(a.id) == b.pool->Owner(b.id)) return a.id == b.id;
  return a.text() == b.text();
}

bool OneEdit(std::string_view a, std::string_view b, std::size_t min_length) {
  return std::min(a.size(), b.size()) >= min_length && DamerauLevenshtein(a, b, 1) <= 1;
}

// One edit between strings of four or more letters leaves Jaro-Winkler at
// 0.83 or more, so below 0.8 the edit distance need not be computed.
constexpr double kEditPossibleJaroWinkler = 0.8;

// A slip in a name of two to four letters: two neighbouring letters
// swapped ("Leo", "Elo") or one left out ("Eva", "Ea"). A changed letter
// is not a slip here: "Tom" and "Tim" are two names.
bool ShortNameSlip(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (a.size() < 2 || b.size() > 4) return false;
  if (a.size() == b.size()) {
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);
  }
  if (a.size() + 1 != b.size()) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return a.substr(i) == b.substr(i + 1);
}

// Names that sound alike: close by Jaro-Winkler, or sharing a phonetic
// code when both have five letters or more. Short names sharing a code
// differ in their vowels ("Tom" and "Tim", "Ava" and "Eva"), which makes
// them different names.
bool SoundsLike(std::string_view a, std::string_view b, double jw, const TextEntry& ea,
                const TextEntry& eb) {
  return jw >= kPhoneticJaroWinkler || (std::min(a.size(), b.size()) >= 5 && SoundAlike(ea, eb));
}

bool CloseSpelling(std::string_view a, std::string_view b, double jw) {
  return jw >= kCloseJaroWinkler || (jw >= kEditPossibleJaroWinkler && OneEdit(a, b, 4)) ||
         ShortNameSlip(a, b);
}

// Address text within the typing slips of its length: one edit from four
// characters, two from ten.
bool NearSpelling(std::string_view a, std::string_view b) {
  const std::size_t shorter = std::min(a.size(), b.size());
  if (shorter < 4) return false;
  const int bound = shorter >= 10 ? 2 : 1;
  return DamerauLevenshtein(a, b, bound) <= bound;
}

bool NicknameMatch(Value a, Value b) {
  const auto ra = a.pool->Roots(a.id);
  const auto rb = b.pool->Roots(b.id);
  return !ra.empty() && !rb.empty() && SortedIntersect(ra, rb);
}

bool EqualOrClose(Value a, Value b) {
  if (a.empty() || b.empty()) return false;
  return Equal(a, b) || OneEdit(a.text(), b.text(), 4);
}

// Forename and surname written the wrong way round in one of the records:
// both must agree crosswise, or one shared name would count twice.
bool NamesSwapped(RecordView a, RecordView b) {
  const Value fa = Of(a, a->forename_joined != kNoText ? a->forename_joined : a->forename);
  const Value fb = Of(b, b->forename_joined != kNoText ? b->forename_joined : b->forename);
  return EqualOrClose(fa, Of(b, b->surname)) && EqualOrClose(Of(a, a->surname), fb);
}

ForenameLevel CompareForename(RecordView a, RecordView b) {
  const Value fa = Of(a, a->forename);
  const Value fb = Of(b, b->forename);
  if (fa.empty() || fb.empty()) return ForenameLevel::kMissing;
  if (Equal(fa, fb)) return ForenameLevel::kExact;
  const Value ja = a->forename_joined != kNoText ? Of(a, a->forename_joined) : fa;
  const Value jb = b->forename_joined != kNoText ? Of(b, b->forename_joined) : fb;
  if (Equal(ja, jb) || Equal(ja, fb) || Equal(fa, jb)) return ForenameLevel::kClose;
  const std::string_view ta = fa.text();
  const std::string_view tb = fb.text();
  const double jw = JaroWinkler(ta, tb);
  if (CloseSpelling(ta, tb, jw)) return ForenameLevel::kClose;
  if (NicknameMatch(fa, fb)) return ForenameLevel::kNickname;
  if (SoundsLike(ta, tb, jw, fa.entry(), fb.entry())) return ForenameLevel::kPhonetic;
  if ((ta.size() == 1 || tb.size() == 1) && ta[0] == tb[0]) return ForenameLevel::kInitial;
  // A forename found in another position of the other record: a middle
  // name used as the first, or a name written in the surname's place. One
  // crosswise agreement counts here; the surname counts a swap only when
  // both names agree crosswise.
  if (EqualOrClose(fa, Of(b, b->middle_name)) || EqualOrClose(Of(a, a->middle_name), fb) ||
      EqualOrClose(ja, Of(b, b->surname)) || EqualOrClose(Of(a, a->surname), jb)) {
    return ForenameLevel::kOtherName;
  }
  return ForenameLevel::kDisagree;
}

MiddleNameLevel CompareMiddleName(RecordView a, RecordView b) {
  const Value ma = Of(a, a->middle_name);
  const Value mb = Of(b, b->middle_name);
  if (ma.empty() || mb.empty()) return MiddleNameLevel::kMissing;
  if (Equal(ma, mb)) return MiddleNameLevel::kExact;
  const std::string_view ta = ma.text();
  const std::string_view tb = mb.text();
  if (CloseSpelling(ta, tb, JaroWinkler(ta, tb)) || NicknameMatch(ma, mb)) {
    return MiddleNameLevel::kClose;
  }
  if ((ta.size() == 1 || tb.size() == 1) && ta[0] == tb[0]) return MiddleNameLevel::kInitial;
  return MiddleNameLevel::kDisagree;
}

bool SharesSurname(RecordView a, RecordView b) {
  std::array<TextId, 4> sa{a->surname, a->other_surnames[0], a->other_surnames[1],
                           a->other_surnames[2]};
  std::array<TextId, 4> sb{b->surname, b->other_surnames[0], b->other_surnames[1],
                           b->other_surnames[2]};
  for (TextId x : sa) {
    if (x == kNoText) continue;
    for (TextId y : sb) {
      if (y != kNoText && Equal(Of(a, x), Of(b, y))) return true;
    }
  }
  return false;
}

SurnameLevel CompareSurname(RecordView a, RecordView b) {
  const Value sa = Of(a, a->surname);
  const Value sb = Of(b, b->surname);
  if (sa.empty() || sb.empty()) return SurnameLevel::kMissing;
  if (Equal(sa, sb)) return SurnameLevel::kExact;
  const std::string_view ta = sa.text();
  const std::string_view tb = sb.text();
  const double jw = JaroWinkler(ta, tb);
  if (CloseSpelling(ta, tb, jw)) return SurnameLevel::kClose;
  if (SharesSurname(a, b)) return SurnameLevel::kSharedPart;
  if (SoundsLike(ta, tb, jw, sa.entry(), sb.entry())) return SurnameLevel::kPhonetic;
  if (NamesSwapped(a, b)) return SurnameLevel::kOtherName;
  return SurnameLevel::kDisagree;
}

GenderLevel CompareGender(RecordView a, RecordView b) {
  if (a->gender == Gender::kUnknown || b->gender == Gender::kUnknown) return GenderLevel::kMissing;
  return a->gender == b->gender ? GenderLevel::kAgree : GenderLevel::kDisagree;
}

// Address lines: `x` against `y`, with each record's other line for the
// swapped-lines check.
AddressLevel CompareAddressLine(Value x, Value y, Value x_other, Value y_other) {
  if (x.empty() || y.empty()) return AddressLevel::kMissing;
  if (Equal(x, y)) return AddressLevel::kExact;
  const std::string_view dx = x.text();
  const std::string_view dy = y.text();
  const double jw = JaroWinkler(dx, dy);
  if (jw >= 0.92 || (jw >= kEditPossibleJaroWinkler && NearSpelling(dx, dy))) {
    return AddressLevel::kClose;
  }
  // Lines given in the other order: a cheap test first (exact), then the
  // spelling slips, which the banded edit distance rejects quickly.
  if (Equal(x, y_other) || Equal(x_other, y)) return AddressLevel::kOtherLine;
  if ((!y_other.empty() && NearSpelling(x.text(), y_other.text())) ||
      (!x_other.empty() && NearSpelling(x_other.text(), y.text()))) {
    return AddressLevel::kOtherLine;
  }
  if (jw >= kSimilarAddressJaroWinkler) return AddressLevel::kSimilar;
  return AddressLevel::kDisagree;
}

// Towns, school and GP names, carer names (held without spaces).
TextLevel CompareText(Value a, Value b) {
  if (a.empty() || b.empty()) return TextLevel::kMissing;
  if (Equal(a, b)) return TextLevel::kExact;
  const std::string_view da = a.text();
  const std::string_view db = b.text();
  const double jw = JaroWinkler(da, db);
  if (jw >= 0.92 || (jw >= kEditPossibleJaroWinkler && OneEdit(da, db, 4))) {
    return TextLevel::kClose;
  }
  return TextLevel::kDisagree;
}

// A school or GP practice: by code when both records give one (a code
// names one organisation; a name may belong to many), else by name.
TextLevel CompareOrganisation(Value name_a, Value name_b, Value code_a, Value code_b) {
  if (!code_a.empty() && !code_b.empty()) {
    return Equal(code_a, code_b) ? TextLevel::kExact : TextLevel::kDisagree;
  }
  return CompareText(name_a, name_b);
}

// CarerLevel: the carers' names, and whether an agreement says more than
// the children's shared surname already did.
CarerLevel CompareCarers(RecordView a, RecordView b) {
  const Value x = Of(a, a->carer_name);
  const Value y = Of(b, b->carer_name);
  switch (CompareText(x, y)) {
    case TextLevel::kMissing:
      return CarerLevel::kMissing;
    case TextLevel::kClose:
      return CarerLevel::kClose;
    case TextLevel::kDisagree:
      return CarerLevel::kDisagree;
    case TextLevel::kExact:
      break;
  }
  // Carers' names are held without spaces (match_record.cc), so the
  // surname is found as the name's ending: a carer whose surname only ends
  // in the child's ("Smithson" for a child "Son") is taken for family too.
  // That errs only towards the weaker level: evidence lost, never added.
  const Value surname = Of(a, a->surname);
  const std::string_view carer = x.text();
  const bool family = !surname.empty() && Equal(surname, Of(b, b->surname)) &&
                      carer.size() > surname.text().size() && carer.ends_with(surname.text());
  return family ? CarerLevel::kExactFamilySurname : CarerLevel::kExact;
}

// Identifiers and telephone numbers: one slip of a key is close.
TextLevel CompareCode(Value a, Value b) {
  if (a.empty() || b.empty()) return TextLevel::kMissing;
  if (Equal(a, b)) return TextLevel::kExact;
  if (OneEdit(a.text(), b.text(), 4)) return TextLevel::kClose;
  return TextLevel::kDisagree;
}

TextLevel CompareEmail(Value a, Value b) {
  if (a.empty() || b.empty()) return TextLevel::kMissing;
  if (Equal(a, b)) return TextLevel::kExact;
  const std::string_view ta = a.text();
  const std::string_view tb = b.text();
  const auto at_a = ta.find('@');
  const auto at_b = tb.find('@');
  if (at_a != std::string_view::npos && at_a > 0 && ta.substr(0, at_a) == tb.substr(0, at_b)) {
    return TextLevel::kClose;
  }
  if (JaroWinkler(ta, tb) >= 0.92) return TextLevel::kClose;
  return TextLevel::kDisagree;
}

PostcodeLevel ComparePostcode(RecordView a, RecordView b) {
  if (a->postcode == kNoText || b->postcode == kNoText) return PostcodeLevel::kMissing;
  if (Equal(Of(a, a->postcode), Of(b, b->postcode))) return PostcodeLevel::kExact;
  return ComparePostcodes(a.pool->Text(a->postcode), b.pool->Text(b->postcode));
}

template <class Level>
std::uint8_t U8(Level level) {
  return static_cast<std::uint8_t>(level);
}

}  // namespace

bool SoundAlike(const TextEntry& a, const TextEntry& b) {
  if (a.metaphone_primary == 0 || b.metaphone_primary == 0) return false;
  return a.metaphone_primary == b.metaphone_primary ||
         a.metaphone_primary == b.metaphone_alternate ||
         a.metaphone_alternate == b.metaphone_primary ||
         (a.metaphone_alternate != 0 && a.metaphone_alternate == b.metaphone_alternate);
}

int CompareField(Field f, RecordView a, RecordView b) {
  switch (f) {
    case Field::kForename:
      return U8(CompareForename(a, b));
    case Field::kMiddleName:
      return U8(CompareMiddleName(a, b));
    case Field::kSurname:
      return U8(CompareSurname(a, b));
    case Field::kBirthDate:
      return U8(CompareBirthDates(BirthDate::FromPacked(a->birth_date),
                                  BirthDate::FromPacked(b->birth_date)));
    case Field::kGender:
      return U8(CompareGender(a, b));
    case Field::kPostcode:
      return U8(ComparePostcode(a, b));
    case Field::kStreetNumber: {
      const Value x = Of(a, a->street_number);
      const Value y = Of(b, b->street_number);
      if (x.empty() || y.empty()) return U8(StreetNumberLevel::kMissing);
      return U8(Equal(x, y) ? StreetNumberLevel::kExact : StreetNumberLevel::kDisagree);
    }
    case Field::kAddressLine1:
      return U8(CompareAddressLine(Of(a, a->address_line1), Of(b, b->address_line1),
                                   Of(a, a->address_line2), Of(b, b->address_line2)));
    case Field::kAddressLine2:
      return U8(CompareAddressLine(Of(a, a->address_line2), Of(b, b->address_line2),
                                   Of(a, a->address_line1), Of(b, b->address_line1)));
    case Field::kTown:
      return U8(CompareText(Of(a, a->town), Of(b, b->town)));
    case Field::kIdentifier:
      return U8(CompareCode(Of(a, a->identifier), Of(b, b->identifier)));
    case Field::kEmail:
      return U8(CompareEmail(Of(a, a->email), Of(b, b->email)));
    case Field::kPhone:
      return U8(CompareCode(Of(a, a->phone), Of(b, b->phone)));
    case Field::kSchool:
      return U8(CompareOrganisation(Of(a, a->school), Of(b, b->school), Of(a, a->school_code),
                                    Of(b, b->school_code)));
    case Field::kGpPractice:
      return U8(CompareOrganisation(Of(a, a->gp_practice), Of(b, b->gp_practice),
                                    Of(a, a->gp_practice_code), Of(b, b->gp_practice_code)));
    case Field::kCarerName:
      return U8(CompareCarers(a, b));
  }
  return 0;
}

ComparisonVector CompareRecords(RecordView a, RecordView b) {
  ComparisonVector cv;
  for (int f = 0; f < kFieldCount; ++f) {
    cv.level[static_cast<std::size_t>(f)] =
        static_cast<std::uint8_t>(CompareField(FieldAt(f), a, b));
  }
  return cv;
}

}  // namespace cp::match
