#pragma once
// Why two records were (or were not) judged the same person: for every
// field both records have, the agreement level and the bits of evidence it
// contributed, then the prior and the resulting probability.
//
// Explanations quote the compared values, so they hold personal data: they
// are for the people entitled to see both records (a data administrator
// checking a linkage, a practitioner looking at a search result), never
// for logs.

#include <string>
#include <vector>

#include "match/fields.h"
#include "match/match_record.h"
#include "match/model.h"
#include "match/term_frequencies.h"

namespace cp::match {

struct FieldEvidence {
  Field field = Field::kForename;
  int level = 0;
  double weight = 0;         // including tf_adjustment
  double tf_adjustment = 0;  // the part due to how common the value is
  // False when the weight is left out of field_weight (scoring.h): an
  // address agreement that another implies or that the postcodes show to be
  // chance, or an address disagreement weaker than another.
  bool counted = true;
  std::string left;  // the compared values, normalised
  std::string right;
};

struct Explanation {
  std::vector<FieldEvidence> fields;  // fields without evidence are left out
  double field_weight = 0;            // sum of the fields' weights
  double prior_weight = 0;
  double probability = 0;
};

// Explains the comparison of `a` with `b`; `tf` as for MatchWeight.
Explanation Explain(const MatchModel& model, RecordView a, RecordView b, const TfAdjustments& tf);

// One line per field, then the totals:
//   surname      exact              +9.12 (tf -1.20)  smith | smith
std::string RenderExplanation(const Explanation& e);

}  // namespace cp::match
