#pragma once
// Record linkage in one call: deduplicate one file, or link two. What a
// data administrator runs to check a source extract before it is connected
// (G 4.51, G 4.52), and what the duplicate queue is built from.
//
//   Linkage run = Linkage::Dedupe(records, &nicknames, options);
//   for (std::size_t i = 0; i < records.size(); ++i) use(run.cluster_of()[i]);
//
// Steps: prepare records (normalise, intern, phonetic codes); block; compare
// every candidate pair (in parallel); estimate u from random pairs and m by
// EM over the candidates, then the prior; weigh every pair; keep pairs whose
// match probability reaches the threshold and that show no sign of being
// two people (guard.h); group them (clustering.h). One configuration serves
// every data set: nothing is tuned by hand per file.

#include <cstdint>
#include <memory>
#include <vector>

#include "match/candidates.h"
#include "match/clustering.h"
#include "match/estimation.h"
#include "match/explanation.h"
#include "match/match_record.h"
#include "match/model.h"
#include "match/nicknames.h"
#include "match/person_details.h"
#include "match/term_frequencies.h"
#include "platform/clock.h"
#include "platform/result.h"

namespace cp::match {

struct LinkOptions {
  // Pairs whose match probability reaches this are matches.
  double match_probability = 0.5;
  CandidateOptions candidates;
  EstimationOptions estimation;
  // false: MatchModel::Defaults() throughout, with a prior of one match
  // per record.
  bool estimate = true;
  std::size_t random_pairs = 400000;  // drawn to estimate u
  std::uint64_t seed = 1;
  unsigned threads = 2;
  bool keep_candidates = false;  // keep the candidate list for candidates()
  const Clock* clock = nullptr;  // when set, phases are timed
};

struct LinkStats {
  std::size_t records = 0;
  std::size_t first_file_records = 0;  // equal to records when deduplicating
  std::size_t candidate_pairs = 0;
  std::size_t blocks_skipped = 0;
  std::size_t pairs_over_threshold = 0;
  std::size_t pairs_guarded = 0;  // over the threshold but two people (guard.h)
  std::size_t matched_pairs = 0;  // pairs that joined clusters
  std::size_t merges_refused = 0;
  std::size_t clusters = 0;
  double prior = 0;
  double seconds_total = 0;
  double seconds_scoring = 0;   // comparing and weighing the candidate pairs
  double pairs_per_second = 0;  // candidate pairs compared and weighed per second
};

struct MatchedPair {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  double weight = 0;  // field weights, bits
  double probability = 0;
};

class Linkage {
 public:
  // Finds the records of one file that are the same person.
  [[nodiscard]] static Result<Linkage> Dedupe(const std::vector<PersonDetails>& records,
                                              const NicknameTable* nicknames,
                                              const LinkOptions& options);
  // Finds for each record of `first` its counterpart in `second`, if any.
  // Records are numbered first's, then second's.
  [[nodiscard]] static Result<Linkage> Link(const std::vector<PersonDetails>& first,
                                            const std::vector<PersonDetails>& second,
                                            const NicknameTable* nicknames,
                                            const LinkOptions& options);

  // Per record, its cluster number (0-based, in order of first record).
  const std::vector<std::uint32_t>& cluster_of() const { return clusters_.cluster_of; }
  // The pairs that joined clusters, strongest first.
  const std::vector<MatchedPair>& matches() const { return matches_; }
  // Every candidate pair, when options.keep_candidates was set.
  const std::vector<CandidatePair>& candidates() const { return candidates_; }
  const LinkStats& stats() const { return stats_; }
  const MatchModel& model() const { return model_; }
  const std::vector<SessionReport>& sessions() const { return sessions_; }

  // Why records x and y were or were not judged the same person.
  Explanation ExplainPair(std::uint32_t x, std::uint32_t y) const;

 private:
  Linkage() = default;
  void Run(const std::vector<PersonDetails>& first, const std::vector<PersonDetails>* second,
           const LinkOptions& options);
  RecordView View(std::uint32_t i) const { return {&records_[i], pool_.get()}; }

  std::unique_ptr<TextPool> pool_;
  std::vector<MatchRecord> records_;
  TermFrequencies frequencies_;
  MatchModel model_ = MatchModel::Defaults();
  std::vector<SessionReport> sessions_;
  std::vector<CandidatePair> candidates_;
  std::vector<MatchedPair> matches_;
  Clusters clusters_;
  LinkStats stats_;
};

}  // namespace cp::match
