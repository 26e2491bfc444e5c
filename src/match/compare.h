#pragma once
// Field-by-field comparison of two prepared records: the agreement level of
// every field (see fields.h). Comparison reads only the records and their
// pools; it allocates nothing, so millions of pairs a second can be compared.

#include "match/fields.h"
#include "match/match_record.h"

namespace cp::match {

// The thresholds that separate the levels of the string comparisons.
inline constexpr double kCloseJaroWinkler = 0.94;
inline constexpr double kPhoneticJaroWinkler = 0.88;
inline constexpr double kSimilarAddressJaroWinkler = 0.80;

// Compares `a` with `b`. The records may come from different pools (a
// search query against an index); comparison is symmetric.
ComparisonVector CompareRecords(RecordView a, RecordView b);

// The level of one field only (used by explanations and tests).
int CompareField(Field f, RecordView a, RecordView b);

// True when two interned names share a Double Metaphone code (primary or
// alternate, either way round).
bool SoundAlike(const TextEntry& a, const TextEntry& b);

// Below this Jaro similarity no string level above "disagree" can be
// reached: Jaro-Winkler equals Jaro up to 0.7, every Jaro-Winkler threshold
// is at least 0.8, and one edit in four or more letters keeps Jaro above 0.83.
inline constexpr double kNoSimilarityBelowJaro = 0.7;

}  // namespace cp::match
