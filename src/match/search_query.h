#pragma once
// A search query prepared against one index: the query's record in a pool
// of its own (a search never changes the index), the keys to look up, and
// what lets a search skip most records without comparing names: for every
// field, the weight of exact agreement with the query's value (with its
// term frequency in the index) and the most any partial agreement can
// weigh. From those, an upper bound on a record's weight costs a few
// integer comparisons; a record whose bound cannot reach the results is
// not compared in full.

#include <memory>
#include <vector>

#include "match/blocking.h"
#include "match/fields.h"
#include "match/match_record.h"
#include "match/model.h"
#include "match/nicknames.h"
#include "match/person_details.h"
#include "match/term_frequencies.h"
#include "match/text_pool.h"

namespace cp::match {

class SearchQuery {
 public:
  // Prepares `details` for a search of the index whose strings are
  // `index_pool` and counts `frequencies`. `variants` (at most that many
  // nicknames of the forename) widen the keys; `rules` are the index's.
  SearchQuery(const PersonDetails& details, const NicknameTable* nicknames,
              const TextPool& index_pool, const TermFrequencies& frequencies,
              const MatchModel& model, RuleMask rules, std::size_t variants);

  RecordView view() const { return {&record_, pool_.get()}; }
  const std::vector<BlockingKey>& keys() const { return keys_; }

  // At least the weight CompareRecords and MatchWeight would give `r` (a
  // record of the index). Once a cheap bound falls below `threshold` it is
  // returned without the finer looks: first at the names, then at where the
  // child lives and who looks after them (the address fields together,
  // then carer, GP practice and school), each of which reads the record's
  // strings and replaces the most that field could weigh by what it weighs.
  double UpperBound(const MatchRecord& r, double threshold) const;

 private:
  std::unique_ptr<TextPool> pool_;
  MatchRecord record_;
  std::vector<BlockingKey> keys_;
  // One field the query gives, with what the bound needs of it.
  struct Given {
    Field field;
    TextId MatchRecord::*member;  // the field's text; null for birth date and gender
    TextId index_id;              // the value's id in the index pool; kNoText if absent there
    float exact_weight;
    float best_partial_weight;
    // School and GP practice: the query's code, when it gives one
    // (CompareOrganisation compares codes where both records have one).
    TextId MatchRecord::*code_member = nullptr;
    bool has_code = false;
    TextId code_index_id = kNoText;  // kNoText also when absent from the index pool
  };
  // A name of the query as the bound reads it.
  struct Name {
    TextId index_id = kNoText;  // its id in the index pool, kNoText if absent there
    std::string_view text;
    const TextEntry* entry = nullptr;
    bool given() const { return entry != nullptr; }
  };
  Name NameOf(TextId own, const TextPool& index_pool) const;
  // True when `name` and the index record's `theirs` could be equal or
  // close (EqualOrClose in compare.cc).
  bool MaybeClose(const Name& name, TextId theirs) const;
  double ForenameBound(const Given& g, const MatchRecord& r) const;
  double SurnameBound(const Given& g, const MatchRecord& r) const;
  // What the cheap bound counts for a text field: exact agreement's weight
  // when `r` holds the query's value, else the best partial level's (the
  // code's agreement or disagreement for a school or GP practice with codes).
  double CheapBound(const Given& g, const MatchRecord& r) const;
  // The weight MatchWeight gives field `f` of `r` at `level` (with the
  // term-frequency adjustment of `r`'s value on exact agreement).
  double FieldWeight(Field f, int level, const MatchRecord& r) const;
  // What `r`'s address fields weigh together against the query's (as
  // CountedWeights counts them), less what the cheap bound counted for them.
  double AddressCorrection(const MatchRecord& r) const;

  std::vector<Given> given_;
  const MatchModel* model_;
  const TermFrequencies* frequencies_;
  const TextPool* index_pool_;
  Name forename_;
  Name forename_or_joined_;
  Name middle_;
  Name surname_;
  std::vector<TextId> surname_ids_;  // index ids of all the query's surnames
};

// The member of MatchRecord holding a text field's value (null for the
// birth date and gender, which are not text).
TextId MatchRecord::*FieldMember(Field f);

}  // namespace cp::match
