#include "match/explanation.h"

#include <cstdio>

#include "match/birth_date.h"
#include "match/compare.h"
#include "match/scoring.h"

namespace cp::match {
namespace {

std::string Text(RecordView v, TextId id) { return std::string(v.pool->Text(id)); }

std::string DateText(std::uint32_t packed) {
  if (packed == 0) return {};
  const BirthDate d = BirthDate::FromPacked(packed);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return buf;
}

std::string GenderText(Gender g) {
  switch (g) {
    case Gender::kMale:
      return "male";
    case Gender::kFemale:
      return "female";
    case Gender::kUnknown:
      return "";
  }
  return "";
}

// An organisation's name, with its code when one is known.
std::string Organisation(RecordView v, TextId name, TextId code) {
  std::string out = Text(v, name);
  if (code != kNoText) out += " [" + Text(v, code) + "]";
  return out;
}

std::string Surnames(RecordView v) {
  std::string out = Text(v, v->surname);
  for (TextId other : v->other_surnames) {
    if (other == kNoText) continue;
    out.push_back('/');
    out.append(v.pool->Text(other));
  }
  return out;
}

std::string ValueOf(Field f, RecordView v) {
  switch (f) {
    case Field::kForename:
      return Text(v, v->forename_joined != kNoText ? v->forename_joined : v->forename);
    case Field::kMiddleName:
      return Text(v, v->middle_name);
    case Field::kSurname:
      return Surnames(v);
    case Field::kBirthDate:
      return DateText(v->birth_date);
    case Field::kGender:
      return GenderText(v->gender);
    case Field::kPostcode:
      return Text(v, v->postcode);
    case Field::kStreetNumber:
      return Text(v, v->street_number);
    case Field::kAddressLine1:
      return Text(v, v->address_line1);
    case Field::kAddressLine2:
      return Text(v, v->address_line2);
    case Field::kTown:
      return Text(v, v->town);
    case Field::kIdentifier:
      return Text(v, v->identifier);
    case Field::kEmail:
      return Text(v, v->email);
    case Field::kPhone:
      return Text(v, v->phone);
    case Field::kSchool:
      return Organisation(v, v->school, v->school_code);
    case Field::kGpPractice:
      return Organisation(v, v->gp_practice, v->gp_practice_code);
    case Field::kCarerName:
      return Text(v, v->carer_name);
  }
  return {};
}

}  // namespace

Explanation Explain(const MatchModel& model, RecordView a, RecordView b, const TfAdjustments& tf) {
  Explanation e;
  const ComparisonVector cv = CompareRecords(a, b);
  const auto raw = [&](int i, int level) {
    return RawFieldWeight(model, FieldAt(i), level, tf[static_cast<std::size_t>(i)]);
  };
  const auto counted = CountedWeights(cv, raw);
  e.fields.reserve(kFieldCount);
  for (int i = 0; i < kFieldCount; ++i) {
    const Field f = FieldAt(i);
    const int level = cv[f];
    if (level == 0) continue;
    const auto s = static_cast<std::size_t>(i);
    FieldEvidence ev;
    ev.field = f;
    ev.level = level;
    ev.tf_adjustment = level == 1 ? tf[s] : 0.0;
    ev.weight = raw(i, level);
    ev.counted = counted[s] == ev.weight;
    ev.left = ValueOf(f, a);
    ev.right = ValueOf(f, b);
    e.fields.push_back(std::move(ev));
  }
  e.field_weight = MatchWeight(model, cv, tf);
  e.prior_weight = model.prior_weight();
  e.probability = model.Probability(e.field_weight);
  return e;
}

std::string RenderExplanation(const Explanation& e) {
  std::string out;
  char line[512];
  for (const auto& f : e.fields) {
    char tf[32] = "";
    if (f.tf_adjustment != 0) std::snprintf(tf, sizeof tf, " (tf %+.2f)", f.tf_adjustment);
    std::snprintf(line, sizeof line, "  %-14s %-19s %+7.2f%-12s %s | %s%s\n",
                  std::string(FieldName(f.field)).c_str(),
                  std::string(LevelName(f.field, f.level)).c_str(), f.weight, tf, f.left.c_str(),
                  f.right.c_str(), f.counted ? "" : "  (not counted)");
    out += line;
  }
  std::snprintf(line, sizeof line,
                "  fields %+.2f, prior %+.2f, total %+.2f bits: match probability %.6f\n",
                e.field_weight, e.prior_weight, e.field_weight + e.prior_weight, e.probability);
  out += line;
  return out;
}

}  // namespace cp::match
