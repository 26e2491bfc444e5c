#include "match/linker.h"

#include <algorithm>
#include <random>

#include "match/blocking.h"
#include "match/compare.h"
#include "match/guard.h"
#include "match/parallel.h"
#include "match/scoring.h"

namespace cp::match {
namespace {

double Seconds(const Clock* clock, std::int64_t since_micros) {
  return clock == nullptr ? 0.0 : static_cast<double>(clock->NowMicros() - since_micros) / 1e6;
}

std::int64_t Micros(const Clock* clock) { return clock == nullptr ? 0 : clock->NowMicros(); }

// Pairs drawn uniformly from all pairs of the linkage (or all of them when
// there are fewer than `wanted`).
std::vector<std::pair<std::uint32_t, std::uint32_t>> RandomPairs(std::size_t n, std::size_t split,
                                                                 std::size_t wanted,
                                                                 std::uint64_t seed) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  const bool two_files = split < n;
  const double total = two_files ? static_cast<double>(split) * static_cast<double>(n - split)
                                 : static_cast<double>(n) * static_cast<double>(n - 1) / 2;
  if (total <= static_cast<double>(wanted)) {
    for (std::uint32_t a = 0; a < (two_files ? split : n); ++a) {
      for (std::uint32_t b = two_files ? static_cast<std::uint32_t>(split) : a + 1; b < n; ++b) {
        pairs.emplace_back(a, b);
      }
    }
    return pairs;
  }
  std::mt19937_64 rng(seed);
  if (two_files) {
    std::uniform_int_distribution<std::uint32_t> pick_a(0, static_cast<std::uint32_t>(split - 1));
    std::uniform_int_distribution<std::uint32_t> pick_b(static_cast<std::uint32_t>(split),
                                                        static_cast<std::uint32_t>(n - 1));
    for (std::size_t i = 0; i < wanted; ++i) pairs.emplace_back(pick_a(rng), pick_b(rng));
    return pairs;
  }
  std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(n - 1));
  while (pairs.size() < wanted) {
    const std::uint32_t a = pick(rng);
    const std::uint32_t b = pick(rng);
    if (a != b) pairs.emplace_back(std::min(a, b), std::max(a, b));
  }
  return pairs;
}

}  // namespace

Result<Linkage> Linkage::Dedupe(const std::vector<PersonDetails>& records,
                                const NicknameTable* nicknames, const LinkOptions& options) {
  if (records.size() >= UINT32_MAX) return Error::Invalid("input", "too many records");
  Linkage linkage;
  linkage.pool_ = std::make_unique<TextPool>(nicknames);
  linkage.Run(records, nullptr, options);
  return linkage;
}

Result<Linkage> Linkage::Link(const std::vector<PersonDetails>& first,
                              const std::vector<PersonDetails>& second,
                              const NicknameTable* nicknames, const LinkOptions& options) {
  if (first.size() + second.size() >= UINT32_MAX)
    return Error::Invalid("input", "too many records");
  Linkage linkage;
  linkage.pool_ = std::make_unique<TextPool>(nicknames);
  linkage.Run(first, &second, options);
  return linkage;
}

void Linkage::Run(const std::vector<PersonDetails>& first, const std::vector<PersonDetails>* second,
                  const LinkOptions& options) {
  const Clock* clock = options.clock;
  const std::int64_t start = Micros(clock);
  for (const auto& d : first) records_.push_back(PrepareRecord(d, *pool_));
  if (second != nullptr) {
    for (const auto& d : *second) records_.push_back(PrepareRecord(d, *pool_));
  }
  for (const auto& r : records_) frequencies_.Add(r);
  const std::size_t n = records_.size();
  const std::size_t split = first.size() < n ? first.size() : n;
  stats_.records = n;
  stats_.first_file_records = split;

  // Blocking.
  std::vector<std::vector<BlockingKey>> keys(n);
  for (std::size_t i = 0; i < n; ++i) {
    AppendBlockingKeys(View(static_cast<std::uint32_t>(i)), kAllRules, &keys[i]);
  }
  CandidateStats candidate_stats;
  std::vector<CandidatePair> candidates =
      GenerateCandidates(keys, second != nullptr ? split : n, options.candidates, &candidate_stats);
  keys.clear();
  keys.shrink_to_fit();
  stats_.candidate_pairs = candidates.size();
  stats_.blocks_skipped = candidate_stats.blocks_skipped;

  // Comparison of every candidate pair.
  const std::int64_t compare_start = Micros(clock);
  std::vector<ComparisonVector> vectors(candidates.size());
  ParallelFor(candidates.size(), options.threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      vectors[i] = CompareRecords(View(candidates[i].a), View(candidates[i].b));
    }
  });
  double scoring_seconds = Seconds(clock, compare_start);

  // Estimation.
  const bool two_files = second != nullptr;
  const double total_pairs = two_files ? static_cast<double>(split) * static_cast<double>(n - split)
                                       : static_cast<double>(n) * static_cast<double>(n - 1) / 2;
  if (options.estimate && n >= 2 && total_pairs > 0) {
    const auto random = RandomPairs(n, two_files ? split : n, options.random_pairs, options.seed);
    std::vector<ComparisonVector> random_vectors(random.size());
    ParallelFor(random.size(), options.threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        random_vectors[i] = CompareRecords(View(random[i].first), View(random[i].second));
      }
    });
    EstimateU(model_, random_vectors, options.estimation);
    std::vector<RuleMask> rules(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) rules[i] = candidates[i].rules;
    sessions_ = EstimateM(model_, vectors, rules, options.estimation);
  }

  // Weighing.
  std::vector<TfAdjustments> tf(n);
  for (std::size_t i = 0; i < n; ++i) tf[i] = frequencies_.AdjustmentsFor(model_, records_[i]);
  const std::int64_t weigh_start = Micros(clock);
  std::vector<float> weights(candidates.size());
  ParallelFor(candidates.size(), options.threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      weights[i] = static_cast<float>(MatchWeight(model_, vectors[i], tf[candidates[i].a]));
    }
  });
  scoring_seconds += Seconds(clock, weigh_start);
  if (options.estimate) {
    model_.set_prior(EstimatePrior(weights, total_pairs));
  } else if (total_pairs > 0) {
    // Without estimation, expect about one match per record.
    model_.set_prior(static_cast<double>(n) / total_pairs);
  }

  // Decision.
  std::vector<ScoredPair> over;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (model_.Probability(weights[i]) < options.match_probability) continue;
    ++stats_.pairs_over_threshold;
    if (ShowsDifferentPeople(vectors[i])) {
      ++stats_.pairs_guarded;
      continue;
    }
    over.push_back({candidates[i].a, candidates[i].b, weights[i]});
  }
  if (two_files) {
    clusters_ = AssignOneToOne(n, std::move(over));
  } else {
    clusters_ = ClusterPairs(n, std::move(over), [this](std::uint32_t x, std::uint32_t y) {
      return ShowsDifferentPeople(CompareRecords(View(x), View(y)));
    });
  }
  for (const ScoredPair& p : clusters_.accepted) {
    matches_.push_back({p.a, p.b, p.weight, model_.Probability(p.weight)});
  }
  if (options.keep_candidates) candidates_ = std::move(candidates);

  stats_.matched_pairs = matches_.size();
  stats_.merges_refused = clusters_.merges_refused;
  stats_.clusters = clusters_.count;
  stats_.prior = model_.prior();
  stats_.seconds_scoring = scoring_seconds;
  stats_.pairs_per_second =
      scoring_seconds > 0 ? static_cast<double>(stats_.candidate_pairs) / scoring_seconds : 0;
  stats_.seconds_total = Seconds(clock, start);
}

Explanation Linkage::ExplainPair(std::uint32_t x, std::uint32_t y) const {
  return Explain(model_, View(x), View(y), frequencies_.AdjustmentsFor(model_, records_[x]));
}

}  // namespace cp::match
