#include "match/search_query.h"

#include <algorithm>

#include "match/birth_date.h"
#include "match/compare.h"
#include "match/scoring.h"

namespace cp::match {

TextId MatchRecord::*FieldMember(Field f) {
  switch (f) {
    case Field::kForename:
      return &MatchRecord::forename;
    case Field::kMiddleName:
      return &MatchRecord::middle_name;
    case Field::kSurname:
      return &MatchRecord::surname;
    case Field::kPostcode:
      return &MatchRecord::postcode;
    case Field::kStreetNumber:
      return &MatchRecord::street_number;
    case Field::kAddressLine1:
      return &MatchRecord::address_line1;
    case Field::kAddressLine2:
      return &MatchRecord::address_line2;
    case Field::kTown:
      return &MatchRecord::town;
    case Field::kIdentifier:
      return &MatchRecord::identifier;
    case Field::kEmail:
      return &MatchRecord::email;
    case Field::kPhone:
      return &MatchRecord::phone;
    case Field::kSchool:
      return &MatchRecord::school;
    case Field::kGpPractice:
      return &MatchRecord::gp_practice;
    case Field::kCarerName:
      return &MatchRecord::carer_name;
    case Field::kBirthDate:
    case Field::kGender:
      return nullptr;
  }
  return nullptr;
}

SearchQuery::SearchQuery(const PersonDetails& details, const NicknameTable* nicknames,
                         const TextPool& index_pool, const TermFrequencies& frequencies,
                         const MatchModel& model, RuleMask rules, std::size_t variants)
    : pool_(std::make_unique<TextPool>(&index_pool, nicknames)),
      model_(&model),
      frequencies_(&frequencies),
      index_pool_(&index_pool) {
  record_ = PrepareRecord(details, *pool_);
  AppendBlockingKeys(view(), rules, &keys_);
  // SRCH-2: "Alfie" also looks where "Alfred" and "Alf" are filed.
  if (nicknames != nullptr && record_.forename != kNoText) {
    const auto related = nicknames->RelatedNames(pool_->Text(record_.forename));
    // Only the narrow forename rules: a forename and a birth year alone make
    // blocks too large to search under every variant.
    const RuleMask forename_rules =
        RuleBit(BlockingRule::kForenameBirthDay) | RuleBit(BlockingRule::kNames);
    for (std::size_t i = 0; i < related.size() && i < variants; ++i) {
      MatchRecord variant = record_;
      variant.forename = pool_->Intern(related[i], TextKind::kName);
      AppendBlockingKeys({&variant, pool_.get()}, rules & forename_rules, &keys_);
    }
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  }
  for (int i = 0; i < kFieldCount; ++i) {
    const Field f = FieldAt(i);
    Given g{f, FieldMember(f), kNoText, model.weight(f, 1), model.weight(f, LevelCount(f) - 1)};
    for (int l = 2; l < LevelCount(f); ++l) {
      g.best_partial_weight = std::max(g.best_partial_weight, model.weight(f, l));
    }
    if (f == Field::kBirthDate) {
      if (record_.birth_date == 0) continue;
      g.exact_weight +=
          static_cast<float>(frequencies.Adjustment(f, record_.birth_date, model.u(f, 1)));
    } else if (f == Field::kGender) {
      if (record_.gender == Gender::kUnknown) continue;
    } else {
      if (f == Field::kSchool || f == Field::kGpPractice) {
        g.code_member =
            f == Field::kSchool ? &MatchRecord::school_code : &MatchRecord::gp_practice_code;
        const TextId code = record_.*g.code_member;
        g.has_code = code != kNoText;
        if (g.has_code) g.code_index_id = index_pool.Find(pool_->Text(code));
      }
      const TextId own = record_.*g.member;
      if (own == kNoText && !g.has_code) continue;
      if (own != kNoText) g.index_id = index_pool.Find(pool_->Text(own));
      if (HasTermFrequency(f) && g.index_id != kNoText) {
        g.exact_weight += static_cast<float>(frequencies.Adjustment(f, g.index_id, model.u(f, 1)));
      }
      g.exact_weight = std::max(g.exact_weight, g.best_partial_weight);
    }
    given_.push_back(g);
  }
  forename_ = NameOf(record_.forename, index_pool);
  forename_or_joined_ = NameOf(
      record_.forename_joined != kNoText ? record_.forename_joined : record_.forename, index_pool);
  middle_ = NameOf(record_.middle_name, index_pool);
  surname_ = NameOf(record_.surname, index_pool);
  for (TextId s : {record_.surname, record_.other_surnames[0], record_.other_surnames[1],
                   record_.other_surnames[2]}) {
    if (s == kNoText) continue;
    if (const TextId id = index_pool.Find(pool_->Text(s)); id != kNoText)
      surname_ids_.push_back(id);
  }
}

SearchQuery::Name SearchQuery::NameOf(TextId own, const TextPool& index_pool) const {
  Name n;
  if (own == kNoText) return n;
  n.text = pool_->Text(own);
  n.entry = &pool_->Entry(own);
  n.index_id = index_pool.Find(n.text);
  return n;
}

bool SearchQuery::MaybeClose(const Name& name, TextId theirs) const {
  if (!name.given() || theirs == kNoText) return false;
  if (theirs == name.index_id) return true;
  const TextEntry& e = index_pool_->Entry(theirs);
  return JaroUpperBound(name.text, name.entry->letters, index_pool_->Text(theirs), e.letters) >
         kNoSimilarityBelowJaro;
}

// The forename levels of CompareForename that the record could reach.
double SearchQuery::ForenameBound(const Given& g, const MatchRecord& r) const {
  if (r.forename == kNoText) return 0;
  if (r.forename == forename_.index_id) return g.exact_weight;
  const Field f = Field::kForename;
  auto w = [this, f](ForenameLevel l) { return model_->weight(f, static_cast<int>(l)); };
  double best = w(ForenameLevel::kDisagree);
  const TextEntry& theirs = index_pool_->Entry(r.forename);
  const TextId their_joined = r.forename_joined != kNoText ? r.forename_joined : r.forename;
  const bool spelling =
      (forename_or_joined_.index_id != kNoText && (forename_or_joined_.index_id == their_joined ||
                                                   forename_or_joined_.index_id == r.forename)) ||
      forename_.index_id == their_joined || SoundAlike(*forename_.entry, theirs) ||
      SortedIntersect(pool_->Roots(record_.forename), index_pool_->Roots(r.forename)) ||
      JaroUpperBound(forename_.text, forename_.entry->letters, index_pool_->Text(r.forename),
                     theirs.letters) > kNoSimilarityBelowJaro;
  if (spelling) {
    best = std::max({best, static_cast<double>(w(ForenameLevel::kClose)),
                     static_cast<double>(w(ForenameLevel::kNickname)),
                     static_cast<double>(w(ForenameLevel::kPhonetic))});
  }
  if ((forename_.text.size() == 1 || theirs.length == 1) &&
      forename_.text[0] == index_pool_->Text(r.forename)[0]) {
    best = std::max(best, static_cast<double>(w(ForenameLevel::kInitial)));
  }
  if (MaybeClose(forename_, r.middle_name) ||
      (middle_.given() && MaybeClose(middle_, r.forename)) ||
      MaybeClose(forename_or_joined_, r.surname) ||
      (surname_.given() && MaybeClose(surname_, their_joined))) {
    best = std::max(best, static_cast<double>(w(ForenameLevel::kOtherName)));
  }
  return best;
}

// The surname levels of CompareSurname that the record could reach.
double SearchQuery::SurnameBound(const Given& g, const MatchRecord& r) const {
  if (r.surname == kNoText) return 0;
  if (r.surname == surname_.index_id) return g.exact_weight;
  const Field f = Field::kSurname;
  auto w = [this, f](SurnameLevel l) { return model_->weight(f, static_cast<int>(l)); };
  double best = w(SurnameLevel::kDisagree);
  const TextEntry& theirs = index_pool_->Entry(r.surname);
  if (SoundAlike(*surname_.entry, theirs) ||
      JaroUpperBound(surname_.text, surname_.entry->letters, index_pool_->Text(r.surname),
                     theirs.letters) > kNoSimilarityBelowJaro) {
    best = std::max({best, static_cast<double>(w(SurnameLevel::kClose)),
                     static_cast<double>(w(SurnameLevel::kPhonetic))});
  }
  for (TextId mine : surname_ids_) {
    for (TextId other :
         {r.surname, r.other_surnames[0], r.other_surnames[1], r.other_surnames[2]}) {
      if (other != kNoText && other == mine) {
        best = std::max(best, static_cast<double>(w(SurnameLevel::kSharedPart)));
      }
    }
  }
  const TextId their_joined = r.forename_joined != kNoText ? r.forename_joined : r.forename;
  if (MaybeClose(forename_or_joined_, r.surname) && MaybeClose(surname_, their_joined)) {
    best = std::max(best, static_cast<double>(w(SurnameLevel::kOtherName)));
  }
  return best;
}

double SearchQuery::CheapBound(const Given& g, const MatchRecord& r) const {
  if (g.has_code && r.*g.code_member != kNoText) {
    return r.*g.code_member == g.code_index_id ? g.exact_weight
                                               : model_->weight(g.field, LevelCount(g.field) - 1);
  }
  const TextId theirs = r.*g.member;
  if (theirs == kNoText) return 0;
  return theirs == g.index_id ? g.exact_weight : g.best_partial_weight;
}

double SearchQuery::FieldWeight(Field f, int level, const MatchRecord& r) const {
  if (level == 0) return 0;
  // As SearchIndex::AdjustmentsFor: the adjustment on exact agreement only.
  return RawFieldWeight(*model_, f, level,
                        level == 1 ? frequencies_->AdjustmentFor(*model_, f, r) : 0.0F);
}

double SearchQuery::AddressCorrection(const MatchRecord& r) const {
  ComparisonVector cv;
  double cheap = 0;
  const RecordView theirs{&r, index_pool_};
  for (const Given& g : given_) {
    if (!IsAddressField(g.field) || r.*g.member == kNoText) continue;
    cheap += CheapBound(g, r);
    cv.level[static_cast<std::size_t>(Index(g.field))] =
        static_cast<std::uint8_t>(CompareField(g.field, view(), theirs));
  }
  const auto counted = CountedWeights(
      cv, [this, &r](int i, int level) { return FieldWeight(FieldAt(i), level, r); });
  double exact = 0;
  for (double w : counted) exact += w;
  return exact - cheap;
}

double SearchQuery::UpperBound(const MatchRecord& r, double threshold) const {
  // First from the record alone (names agree exactly or at best partly),
  // which touches no interned string; only a record that passes that has
  // its strings looked at.
  double bound = 0;
  bool names_given = false;
  bool address_given = false;
  for (const Given& g : given_) {
    switch (g.field) {
      case Field::kBirthDate: {
        if (r.birth_date == 0) break;
        const auto level = CompareBirthDates(BirthDate::FromPacked(record_.birth_date),
                                             BirthDate::FromPacked(r.birth_date));
        bound += level == BirthDateLevel::kExact ? g.exact_weight
                                                 : model_->weight(g.field, static_cast<int>(level));
        break;
      }
      case Field::kGender:
        if (r.gender == Gender::kUnknown) break;
        bound += model_->weight(g.field, r.gender == record_.gender ? 1 : 2);
        break;
      default: {
        bound += CheapBound(g, r);
        const TextId theirs = r.*g.member;
        if (theirs == kNoText || theirs == g.index_id) break;
        if (g.field == Field::kForename || g.field == Field::kSurname) names_given = true;
        if (IsAddressField(g.field)) address_given = true;
      }
    }
  }
  if (bound < threshold) return bound;
  if (names_given) {
    for (const Given& g : given_) {
      if (g.field == Field::kForename && r.forename != kNoText && r.forename != g.index_id) {
        bound += ForenameBound(g, r) - g.best_partial_weight;
      } else if (g.field == Field::kSurname && r.surname != kNoText && r.surname != g.index_id) {
        bound += SurnameBound(g, r) - g.best_partial_weight;
      }
    }
    if (bound < threshold) return bound;
  }
  // The finer looks give each field exactly what the full comparison would,
  // summed in another order: a hair of rounding is allowed for.
  constexpr double kRounding = 1e-6;
  if (address_given) {
    bound += AddressCorrection(r) + kRounding;
    if (bound < threshold) return bound;
  }
  const RecordView theirs{&r, index_pool_};
  for (const Given& g : given_) {
    if (g.field != Field::kCarerName && g.field != Field::kGpPractice &&
        g.field != Field::kSchool) {
      continue;
    }
    if (g.has_code && r.*g.code_member != kNoText) continue;  // the cheap bound compared codes
    if (r.*g.member == kNoText || r.*g.member == g.index_id) continue;
    bound += FieldWeight(g.field, CompareField(g.field, view(), theirs), r) -
             g.best_partial_weight + kRounding;
    if (bound < threshold) return bound;
  }
  return bound;
}

}  // namespace cp::match
