#include "match/estimation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <utility>

#include "match/guard.h"
#include "match/scoring.h"

namespace cp::match {
namespace {

using LevelCounts = std::array<std::array<double, kMaxLevels>, kFieldCount>;

struct Pattern {
  ComparisonVector cv;
  double count = 0;
  bool different_people = false;  // ShowsDifferentPeople of the whole comparison
};

// Distinct comparison vectors with their counts, with `tied` fields blanked.
std::vector<Pattern> Patterns(std::span<const ComparisonVector> vectors,
                              std::span<const RuleMask> rules, RuleMask rule,
                              const std::array<bool, kFieldCount>& tied) {
  // (blanked vector, guarded) pairs, sorted so that equal ones are adjacent.
  std::vector<std::pair<ComparisonVector, bool>> selected;
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    if ((rules[i] & rule) == 0) continue;
    ComparisonVector cv = vectors[i];
    for (int f = 0; f < kFieldCount; ++f) {
      if (tied[static_cast<std::size_t>(f)]) cv.level[static_cast<std::size_t>(f)] = 0;
    }
    selected.emplace_back(cv, ShowsDifferentPeople(vectors[i]));
  }
  std::sort(selected.begin(), selected.end(), [](const auto& x, const auto& y) {
    return std::tie(x.first.level, x.second) < std::tie(y.first.level, y.second);
  });
  std::vector<Pattern> patterns;
  for (const auto& [cv, different] : selected) {
    if (!patterns.empty() && patterns.back().cv == cv &&
        patterns.back().different_people == different) {
      patterns.back().count += 1;
    } else {
      patterns.push_back({cv, 1, different});
    }
  }
  return patterns;
}

struct SessionResult {
  LevelCounts expected_match_counts{};  // per field and level, for pooling
  int iterations = 0;
  double match_share = 0;
};

SessionResult RunSession(const MatchModel& model, const std::vector<Pattern>& patterns,
                         const std::array<bool, kFieldCount>& tied,
                         const EstimationOptions& options) {
  const MatchModel defaults = MatchModel::Defaults();
  std::array<std::array<double, kMaxLevels>, kFieldCount> log_m{};
  std::array<std::array<double, kMaxLevels>, kFieldCount> log_u{};
  std::array<std::array<double, kMaxLevels>, kFieldCount> m{};
  for (int f = 0; f < kFieldCount; ++f) {
    for (int l = 1; l < LevelCount(FieldAt(f)); ++l) {
      m[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)] = model.m(FieldAt(f), l);
      log_u[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)] =
          std::log(std::max(model.u(FieldAt(f), l), 1e-12));
    }
  }
  double total = 0;
  for (const auto& p : patterns) total += p.count;
  double lambda = 0.3;
  SessionResult result;
  for (int it = 0; it < options.max_iterations; ++it) {
    for (int f = 0; f < kFieldCount; ++f) {
      for (int l = 1; l < kMaxLevels; ++l) {
        log_m[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)] =
            std::log(std::max(m[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)], 1e-12));
      }
    }
    LevelCounts counts{};
    double expected_matches = 0;
    const double prior_log_odds = std::log(lambda / (1 - lambda));
    for (const auto& p : patterns) {
      // Counted as MatchWeight counts (CountedWeights): the address fields' disagreements count
      // once (otherwise a child who moved looks like two, and m learns that matches never move),
      // and an address agreement that another implies or that the postcodes show to be chance
      // counts not at all.
      double log_odds = prior_log_odds;
      const auto counted = CountedWeights(p.cv, [&](int f, int l) {
        return log_m[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)] -
               log_u[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)];
      });
      for (double ratio : counted) log_odds += ratio;
      // Pairs the guard calls two people (siblings, twins) are never
      // matches: without this, a household, which agrees on surname and
      // every part of the address, passes for one child.
      const double posterior =
          p.different_people ? 0.0 : 1.0 / (1.0 + std::exp(-std::clamp(log_odds, -700.0, 700.0)));
      const double weight = posterior * p.count;
      expected_matches += weight;
      for (int f = 0; f < kFieldCount; ++f) {
        const int l = p.cv.level[static_cast<std::size_t>(f)];
        if (l != 0) counts[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)] += weight;
      }
    }
    lambda = std::clamp(expected_matches / total, 1e-6, 1 - 1e-6);
    double change = 0;
    for (int f = 0; f < kFieldCount; ++f) {
      if (tied[static_cast<std::size_t>(f)]) continue;
      const Field field = FieldAt(f);
      double observed = 0;
      for (int l = 1; l < LevelCount(field); ++l) {
        observed += counts[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)];
      }
      for (int l = 1; l < LevelCount(field); ++l) {
        const auto fi = static_cast<std::size_t>(f);
        const auto li = static_cast<std::size_t>(l);
        const double next = (counts[fi][li] + options.m_prior_pairs * defaults.m(field, l)) /
                            (observed + options.m_prior_pairs);
        change = std::max(change, std::abs(next - m[fi][li]));
        m[fi][li] = next;
      }
    }
    result.expected_match_counts = counts;
    result.iterations = it + 1;
    result.match_share = lambda;
    if (change < options.tolerance) break;
  }
  return result;
}

}  // namespace

void EstimateU(MatchModel& model, std::span<const ComparisonVector> random_pairs,
               const EstimationOptions& options) {
  const MatchModel defaults = MatchModel::Defaults();
  LevelCounts counts{};
  for (const auto& cv : random_pairs) {
    for (int f = 0; f < kFieldCount; ++f) {
      counts[static_cast<std::size_t>(f)][cv.level[static_cast<std::size_t>(f)]] += 1;
    }
  }
  for (int f = 0; f < kFieldCount; ++f) {
    const Field field = FieldAt(f);
    const int levels = LevelCount(field);
    std::array<double, kMaxLevels> u{};
    for (int l = 1; l < levels; ++l) {
      // Half a pseudo-count per level keeps a level never seen among the
      // random pairs from claiming infinite evidence.
      u[static_cast<std::size_t>(l)] =
          counts[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)] + 0.5 +
          options.u_prior_pairs * defaults.u(field, l);
    }
    model.SetU(field, u);
  }
}

std::vector<SessionReport> EstimateM(MatchModel& model, std::span<const ComparisonVector> vectors,
                                     std::span<const RuleMask> rules,
                                     const EstimationOptions& options) {
  const MatchModel defaults = MatchModel::Defaults();
  std::vector<SessionReport> reports;
  LevelCounts pooled{};
  std::array<bool, kFieldCount> learned{};
  for (int r = 0; r < kBlockingRuleCount; ++r) {
    const auto rule = static_cast<BlockingRule>(r);
    const auto tied = FieldsTiedToRule(rule);
    const std::vector<Pattern> patterns = Patterns(vectors, rules, RuleBit(rule), tied);
    double pairs = 0;
    for (const auto& p : patterns) pairs += p.count;
    if (pairs < static_cast<double>(options.min_session_pairs)) continue;
    const SessionResult s = RunSession(model, patterns, tied, options);
    reports.push_back({rule, static_cast<std::size_t>(pairs), s.iterations, s.match_share});
    for (int f = 0; f < kFieldCount; ++f) {
      if (tied[static_cast<std::size_t>(f)]) continue;
      for (int l = 1; l < kMaxLevels; ++l) {
        pooled[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)] +=
            s.expected_match_counts[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)];
      }
      learned[static_cast<std::size_t>(f)] = true;
    }
  }
  for (int f = 0; f < kFieldCount; ++f) {
    if (!learned[static_cast<std::size_t>(f)]) continue;
    const Field field = FieldAt(f);
    std::array<double, kMaxLevels> m{};
    for (int l = 1; l < LevelCount(field); ++l) {
      m[static_cast<std::size_t>(l)] =
          pooled[static_cast<std::size_t>(f)][static_cast<std::size_t>(l)] +
          options.m_prior_pairs * defaults.m(field, l);
    }
    model.SetM(field, m);
  }
  return reports;
}

double EstimatePrior(std::span<const float> candidate_weights, double total_pairs) {
  if (candidate_weights.empty() || total_pairs <= 0) return 1.0 / std::max(total_pairs, 2.0);
  // A histogram of weights in 1/20-bit bins keeps each iteration cheap.
  constexpr double kLow = -200;
  constexpr double kBin = 0.05;
  constexpr int kBins = 8000;
  std::vector<double> histogram(kBins, 0);
  for (float w : candidate_weights) {
    const int bin = std::clamp(static_cast<int>((w - kLow) / kBin), 0, kBins - 1);
    histogram[static_cast<std::size_t>(bin)] += 1;
  }
  // Start high and descend to the largest fixed point.
  double lambda = std::min(0.5, static_cast<double>(candidate_weights.size()) / total_pairs);
  for (int it = 0; it < 200; ++it) {
    const double prior_log2_odds = std::log2(lambda / (1 - lambda));
    double expected = 0;
    for (int b = 0; b < kBins; ++b) {
      const double n = histogram[static_cast<std::size_t>(b)];
      if (n == 0) continue;
      const double w = kLow + (b + 0.5) * kBin;
      expected += n / (1.0 + std::exp2(-(w + prior_log2_odds)));
    }
    const double next = std::clamp(expected / total_pairs, 1e-15, 0.5);
    if (std::abs(next - lambda) <= 1e-6 * lambda) {
      lambda = next;
      break;
    }
    lambda = next;
  }
  return lambda;
}

}  // namespace cp::match
