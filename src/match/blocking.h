#pragma once
// Blocking: the keys under which a record is filed, so that only records
// sharing a key are ever compared. A batch linkage pairs the records of each
// key's block; a search index keeps, for each key, the records filed under
// it (search_index.h). Both use these functions, so a record a search can
// find is exactly one a linkage would have compared.
//
// Each rule tolerates different errors; a true pair is lost only when every
// rule misses it:
//   identifier            the same national identifier
//   contact               the same e-mail address or telephone number
//   birth_date            the same full date of birth
//   surname_birth_year    a surname (any of them) sounding alike, same year
//   forename_birth_day    forename sounding alike, same day and month
//                         (survives a changed surname and a wrong year)
//   forename_birth_year   forename sounding alike, same year (survives a
//                         changed or missing surname and a wrong day)
//   names                 forename and a surname sounding alike, in either
//                         order (survives a wrong date of birth)
//   postcode              the same postcode
//   surname_district      the same first three letters of a surname in the
//                         same postcode district

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "match/fields.h"
#include "match/match_record.h"

namespace cp::match {

enum class BlockingRule : std::uint8_t {
  kIdentifier,
  kContact,
  kBirthDate,
  kSurnameBirthYear,
  kForenameBirthDay,
  kForenameBirthYear,
  kNames,
  kPostcode,
  kSurnameDistrict,
};
inline constexpr int kBlockingRuleCount = 9;

std::string_view BlockingRuleName(BlockingRule rule);

// The fields whose agreement a rule makes likely between records of
// different people that share its key (the rule's own fields, and fields
// that go with them, such as the rest of an address within one postcode).
// Estimation leaves them out when it learns from that rule's pairs.
std::array<bool, kFieldCount> FieldsTiedToRule(BlockingRule rule);

// A key: the rule in the top 8 bits, a hash of the rule's values below.
using BlockingKey = std::uint64_t;
inline BlockingRule RuleOfKey(BlockingKey key) { return static_cast<BlockingRule>(key >> 56); }

// A set of rules as bits (bit i for rule i).
using RuleMask = std::uint16_t;
inline constexpr RuleMask kAllRules = (1U << kBlockingRuleCount) - 1;
inline constexpr RuleMask RuleBit(BlockingRule rule) {
  return static_cast<RuleMask>(1U << static_cast<int>(rule));
}

// Appends the keys of `r` for the rules in `rules`, without duplicates. A
// record with several surnames gets a key for each under the surname rules;
// a rule whose values the record lacks gives no key.
void AppendBlockingKeys(RecordView r, RuleMask rules, std::vector<BlockingKey>* out);

}  // namespace cp::match
