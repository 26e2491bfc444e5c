#pragma once
// Estimating the model from the data itself, without labelled pairs.
//
//  * u, the agreement rates of different people, from comparisons of
//    randomly drawn pairs (almost all of which are different people).
//  * m, the agreement rates of the same person, by expectation
//    maximisation over the candidate pairs of one blocking rule at a time,
//    with u held fixed. Within a rule's pairs, the fields tied to the rule
//    are left out (they agree by construction), so each session learns m
//    for the other fields; the sessions' expected counts are pooled. Pairs
//    the guard calls two people (guard.h) never count as matches, or a
//    household would be learnt as one person.
//  * the prior, as the fixed point of "expected matches among candidates =
//    prior × all pairs" (the candidates hold nearly every true match).
//
// The defaults of MatchModel act as priors worth a few pseudo-pairs, so a
// tiny file still gets sensible weights.

#include <span>
#include <vector>

#include "match/blocking.h"
#include "match/fields.h"
#include "match/model.h"

namespace cp::match {

struct EstimationOptions {
  double m_prior_pairs = 10;    // weight of the default m, in pseudo-matches
  double u_prior_pairs = 1000;  // weight of the default u, in pseudo-pairs
  int max_iterations = 100;
  double tolerance = 1e-5;  // largest change of any m that ends EM
  std::size_t min_session_pairs = 20;
};

// Sets u of every field from comparisons of random pairs.
void EstimateU(MatchModel& model, std::span<const ComparisonVector> random_pairs,
               const EstimationOptions& options);

struct SessionReport {
  BlockingRule rule = BlockingRule::kBirthDate;
  std::size_t pairs = 0;
  int iterations = 0;
  double match_share = 0;  // the estimated share of matches among its pairs
};

// Sets m of the fields that some session could learn; others keep theirs.
// `rules[i]` are the rules that brought pair `vectors[i]`.
std::vector<SessionReport> EstimateM(MatchModel& model, std::span<const ComparisonVector> vectors,
                                     std::span<const RuleMask> rules,
                                     const EstimationOptions& options);

// The prior match probability of two records among `total_pairs`, given
// the field weights of the candidate pairs.
double EstimatePrior(std::span<const float> candidate_weights, double total_pairs);

}  // namespace cp::match
