// Estimating the model without labels: u from random pairs, m by EM, the
// prior by its fixed point.

#include "match/estimation.h"

#include <gtest/gtest.h>

#include <random>

namespace cp::match {
namespace {

// Draws one level from probabilities over levels 1..n-1.
int Draw(std::mt19937_64& rng, const std::vector<double>& p) {
  std::discrete_distribution<int> d(p.begin(), p.end());
  return d(rng) + 1;
}

struct Truth {
  Field field;
  std::vector<double> m;
  std::vector<double> u;
};

const std::vector<Truth>& Fields() {
  static const std::vector<Truth> truth = {
      // Matches never show two people (guard.h): no plainly different
      // forename, no date of birth further apart than a slip.
      {Field::kForename,
       {0.82, 0.06, 0.05, 0.04, 0.01, 0.02, 0.0},
       {0.01, 0.005, 0.002, 0.02, 0.003, 0.002, 0.958}},
      {Field::kSurname,
       {0.85, 0.05, 0.03, 0.02, 0.01, 0.04},
       {0.004, 0.002, 0.01, 0.001, 0.001, 0.982}},
      {Field::kPostcode,
       {0.70, 0.05, 0.05, 0.05, 0.05, 0.10},
       {0.001, 0.003, 0.002, 0.02, 0.05, 0.924}},
      {Field::kBirthDate,
       {0.9, 0.02, 0.02, 0.02, 0.04, 0.0, 0.0, 0.0, 0.0},
       {0.0003, 0.0001, 0.0001, 0.0001, 0.002, 0.004, 0.05, 0.1, 0.8433}},
  };
  return truth;
}

ComparisonVector Sample(std::mt19937_64& rng, bool match) {
  ComparisonVector cv{};
  for (const Truth& t : Fields()) {
    cv[t.field] = static_cast<std::uint8_t>(Draw(rng, match ? t.m : t.u));
  }
  return cv;
}

TEST(Estimation, UComesFromRandomPairs) {
  std::mt19937_64 rng(1);
  std::vector<ComparisonVector> random;
  for (int i = 0; i < 200000; ++i) random.push_back(Sample(rng, false));
  MatchModel model = MatchModel::Defaults();
  EstimateU(model, random, {});
  EXPECT_NEAR(model.u(Field::kSurname, 1), 0.004, 0.001);
  EXPECT_NEAR(model.u(Field::kPostcode, 5), 0.05, 0.003);
  // A field no pair has keeps (about) its default.
  EXPECT_NEAR(model.u(Field::kSchool, 1), MatchModel::Defaults().u(Field::kSchool, 1), 1e-3);
}

// EM recovers m of the fields not tied to the blocking rule.
TEST(Estimation, EmConvergesToTheTrueM) {
  std::mt19937_64 rng(2);
  std::vector<ComparisonVector> random;
  for (int i = 0; i < 200000; ++i) random.push_back(Sample(rng, false));
  std::vector<ComparisonVector> candidates;
  std::vector<RuleMask> rules;
  for (int i = 0; i < 40000; ++i) {
    candidates.push_back(Sample(rng, i % 10 < 3));  // 30% matches
    rules.push_back(RuleBit(BlockingRule::kBirthDate));
  }
  MatchModel model = MatchModel::Defaults();
  EstimateU(model, random, {});
  const auto sessions = EstimateM(model, candidates, rules, {});
  ASSERT_EQ(sessions.size(), 1U);
  EXPECT_EQ(sessions[0].rule, BlockingRule::kBirthDate);
  EXPECT_NEAR(sessions[0].match_share, 0.3, 0.02);
  EXPECT_LT(sessions[0].iterations, 100);
  for (const Truth& t : Fields()) {
    if (t.field == Field::kBirthDate) continue;  // tied to the rule: not learnt here
    for (std::size_t l = 0; l < t.m.size(); ++l) {
      EXPECT_NEAR(model.m(t.field, static_cast<int>(l) + 1), t.m[l], 0.02)
          << FieldName(t.field) << " level " << l + 1;
    }
  }
  EXPECT_DOUBLE_EQ(model.m(Field::kBirthDate, 1), MatchModel::Defaults().m(Field::kBirthDate, 1));
}

TEST(Estimation, TooFewPairsKeepTheDefaults) {
  std::mt19937_64 rng(3);
  std::vector<ComparisonVector> few = {Sample(rng, true), Sample(rng, false)};
  std::vector<RuleMask> rules(2, RuleBit(BlockingRule::kPostcode));
  MatchModel model = MatchModel::Defaults();
  EXPECT_TRUE(EstimateM(model, few, rules, {}).empty());
  EXPECT_DOUBLE_EQ(model.m(Field::kForename, 1), MatchModel::Defaults().m(Field::kForename, 1));
}

TEST(Estimation, PriorIsTheShareOfMatchesAmongAllPairs) {
  std::vector<float> weights;
  for (int i = 0; i < 500; ++i) weights.push_back(45.0f);    // clear matches
  for (int i = 0; i < 5000; ++i) weights.push_back(-15.0f);  // clear non-matches
  const double total = 1e7;
  EXPECT_NEAR(EstimatePrior(weights, total), 500 / total, 5e-6);
  EXPECT_GT(EstimatePrior({}, 100), 0);
}

}  // namespace
}  // namespace cp::match
