#include "match/blocking.h"

#include <algorithm>

#include "match/birth_date.h"
#include "match/postcode.h"

namespace cp::match {
namespace {

class KeyHash {
 public:
  explicit KeyHash(BlockingRule rule) : rule_(rule) { Mix(static_cast<std::uint64_t>(rule)); }
  KeyHash& Mix(std::uint64_t v) {
    h_ ^= v + 0x9E3779B97F4A7C15ULL + (h_ << 6) + (h_ >> 2);
    h_ *= 0xFF51AFD7ED558CCDULL;
    h_ ^= h_ >> 33;
    return *this;
  }
  KeyHash& Mix(std::string_view s) {
    std::uint64_t f = 1469598103934665603ULL;
    for (unsigned char c : s) {
      f ^= c;
      f *= 1099511628211ULL;
    }
    return Mix(f ^ s.size());
  }
  BlockingKey Key() const {
    return (static_cast<std::uint64_t>(rule_) << 56) | (h_ & 0x00FFFFFFFFFFFFFFULL);
  }

 private:
  BlockingRule rule_;
  std::uint64_t h_ = 0;
};

std::uint32_t Metaphone(RecordView r, TextId id) {
  return id == kNoText ? 0 : r.pool->Entry(id).metaphone_primary;
}

}  // namespace

std::string_view BlockingRuleName(BlockingRule rule) {
  switch (rule) {
    case BlockingRule::kIdentifier:
      return "identifier";
    case BlockingRule::kContact:
      return "contact";
    case BlockingRule::kBirthDate:
      return "birth_date";
    case BlockingRule::kSurnameBirthYear:
      return "surname_birth_year";
    case BlockingRule::kForenameBirthDay:
      return "forename_birth_day";
    case BlockingRule::kForenameBirthYear:
      return "forename_birth_year";
    case BlockingRule::kNames:
      return "names";
    case BlockingRule::kPostcode:
      return "postcode";
    case BlockingRule::kSurnameDistrict:
      return "surname_district";
  }
  return "unknown";
}

std::array<bool, kFieldCount> FieldsTiedToRule(BlockingRule rule) {
  std::array<bool, kFieldCount> tied{};
  auto tie = [&tied](std::initializer_list<Field> fields) {
    for (Field f : fields) tied[static_cast<std::size_t>(Index(f))] = true;
  };
  const auto geography = {Field::kPostcode, Field::kStreetNumber, Field::kAddressLine1,
                          Field::kAddressLine2, Field::kTown};
  switch (rule) {
    case BlockingRule::kIdentifier:
      tie({Field::kIdentifier});
      break;
    case BlockingRule::kContact:
      tie({Field::kEmail, Field::kPhone});
      break;
    case BlockingRule::kBirthDate:
      tie({Field::kBirthDate});
      break;
    case BlockingRule::kSurnameBirthYear:
      tie({Field::kSurname, Field::kBirthDate});
      break;
    case BlockingRule::kForenameBirthDay:
    case BlockingRule::kForenameBirthYear:
      tie({Field::kForename, Field::kBirthDate, Field::kGender});
      break;
    case BlockingRule::kNames:
      tie({Field::kForename, Field::kSurname, Field::kGender, Field::kMiddleName});
      break;
    case BlockingRule::kPostcode:
      tie(geography);
      break;
    case BlockingRule::kSurnameDistrict:
      tie(geography);
      tie({Field::kSurname});
      break;
  }
  return tied;
}

void AppendBlockingKeys(RecordView r, RuleMask rules, std::vector<BlockingKey>* out) {
  const std::size_t start = out->size();
  const BirthDate dob = BirthDate::FromPacked(r->birth_date);
  std::array<TextId, 4> surnames{r->surname, r->other_surnames[0], r->other_surnames[1],
                                 r->other_surnames[2]};
  auto on = [rules](BlockingRule rule) { return (rules & RuleBit(rule)) != 0; };

  if (on(BlockingRule::kIdentifier) && r->identifier != kNoText) {
    out->push_back(KeyHash(BlockingRule::kIdentifier).Mix(r.pool->Text(r->identifier)).Key());
  }
  if (on(BlockingRule::kContact)) {
    for (TextId contact : {r->email, r->phone}) {
      if (contact == kNoText) continue;
      out->push_back(KeyHash(BlockingRule::kContact).Mix(r.pool->Text(contact)).Key());
    }
  }
  if (on(BlockingRule::kBirthDate) && dob.full()) {
    out->push_back(KeyHash(BlockingRule::kBirthDate).Mix(dob.packed()).Key());
  }
  const std::uint32_t forename_code = Metaphone(r, r->forename);
  for (TextId s : surnames) {
    const std::uint32_t code = Metaphone(r, s);
    if (code == 0) continue;
    if (on(BlockingRule::kSurnameBirthYear) && dob.known()) {
      out->push_back(KeyHash(BlockingRule::kSurnameBirthYear).Mix(code).Mix(dob.year()).Key());
    }
    if (on(BlockingRule::kNames) && forename_code != 0) {
      // Either order, so that forename and surname written the wrong way
      // round meet.
      out->push_back(KeyHash(BlockingRule::kNames)
                         .Mix(std::min(code, forename_code))
                         .Mix(std::max(code, forename_code))
                         .Key());
    }
  }
  if (on(BlockingRule::kForenameBirthDay) && forename_code != 0 && dob.full()) {
    out->push_back(KeyHash(BlockingRule::kForenameBirthDay)
                       .Mix(forename_code)
                       .Mix(static_cast<std::uint64_t>(dob.month() * 100 + dob.day()))
                       .Key());
  }
  if (on(BlockingRule::kForenameBirthYear) && forename_code != 0 && dob.known()) {
    out->push_back(
        KeyHash(BlockingRule::kForenameBirthYear).Mix(forename_code).Mix(dob.year()).Key());
  }
  if (r->postcode != kNoText) {
    const std::string_view postcode = r.pool->Text(r->postcode);
    if (on(BlockingRule::kPostcode)) {
      out->push_back(KeyHash(BlockingRule::kPostcode).Mix(postcode).Key());
    }
    if (on(BlockingRule::kSurnameDistrict)) {
      const std::string_view district = PostcodeDistrict(postcode);
      for (TextId s : surnames) {
        if (s == kNoText) continue;
        const std::string_view text = r.pool->Text(s);
        out->push_back(
            KeyHash(BlockingRule::kSurnameDistrict).Mix(text.substr(0, 3)).Mix(district).Key());
      }
    }
  }
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(start), out->end());
  out->erase(std::unique(out->begin() + static_cast<std::ptrdiff_t>(start), out->end()),
             out->end());
}

}  // namespace cp::match
