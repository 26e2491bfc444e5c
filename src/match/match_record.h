#pragma once
// A person's details in the compact, normalised form that comparison reads:
// ids of interned folded strings plus packed values. About 80 bytes, with
// no heap memory of its own, so that millions fit in an index.

#include <array>
#include <cstdint>

#include "match/person_details.h"
#include "match/text_pool.h"

namespace cp::match {

struct MatchRecord {
  // The details searches give most often come first, so that a search
  // reading them touches one cache line of the record.
  TextId forename = kNoText;     // the first forename
  TextId surname = kNoText;      // the whole surname, parts run together
  std::uint32_t birth_date = 0;  // BirthDate::packed()
  TextId postcode = kNoText;     // FoldPostcode form
  Gender gender = Gender::kUnknown;
  TextId forename_joined = kNoText;  // all forenames run together, when several
  TextId middle_name = kNoText;
  // Parts of a double-barrelled or multi-part surname, then previous or
  // known-as surnames; unused slots are kNoText.
  std::array<TextId, 3> other_surnames{};
  TextId street_number = kNoText;
  // Address lines, town, school, GP practice and carer name are held folded
  // and without spaces.
  TextId address_line1 = kNoText;
  TextId address_line2 = kNoText;
  TextId town = kNoText;
  TextId identifier = kNoText;
  TextId email = kNoText;
  TextId phone = kNoText;
  TextId school = kNoText;
  TextId gp_practice = kNoText;
  TextId school_code = kNoText;  // PersonDetails::school_code, folded
  TextId gp_practice_code = kNoText;
  TextId carer_name = kNoText;
};

// Normalises `details` and interns its strings in `pool`.
MatchRecord PrepareRecord(const PersonDetails& details, TextPool& pool);

// A record together with the pool its ids refer to.
struct RecordView {
  const MatchRecord* record;
  const TextPool* pool;
  const MatchRecord& operator*() const { return *record; }
  const MatchRecord* operator->() const { return record; }
};

// Address lines as matching compares them: folded, with the usual street
// abbreviations written out ("rd" → "road", "ave" → "avenue").
std::string FoldAddressLine(std::string_view text);

}  // namespace cp::match
