#pragma once
// The Fellegi-Sunter model: for every field and agreement level, m (how
// often records of the same person agree at that level) and u (how often
// records of different people do). A level's weight is log2(m / u) bits of
// evidence; a comparison's weight is the sum over its fields, and with the
// prior probability that two records match it gives the probability that
// they do.
//
// Thread safety: const methods may be called concurrently.

#include <array>
#include <string>

#include "match/fields.h"

namespace cp::match {

class MatchModel {
 public:
  // Defaults that suit records of children in England when there is no
  // data to estimate from; also the priors of estimation (see em.h).
  static MatchModel Defaults();

  double m(Field f, int level) const { return p_[Index(f)].m[static_cast<std::size_t>(level)]; }
  double u(Field f, int level) const { return p_[Index(f)].u[static_cast<std::size_t>(level)]; }
  // Level 0 weighs nothing; otherwise log2(m / u), with both floored so
  // that no weight is infinite, and a partial agreement weighing at least
  // as much as the field's disagreement.
  float weight(Field f, int level) const { return w_[Index(f)][static_cast<std::size_t>(level)]; }

  // Replace the probabilities of one field's levels 1..n-1 (each list is
  // normalised to sum to 1; level 0 is ignored) and recompute its weights.
  void SetM(Field f, const std::array<double, kMaxLevels>& m);
  void SetU(Field f, const std::array<double, kMaxLevels>& u);

  // The probability that two records drawn at random from the population
  // being matched are the same person.
  double prior() const { return prior_; }
  void set_prior(double p);
  // log2 of the prior odds: the weight a comparison starts from.
  double prior_weight() const;

  // The probability of a match for a comparison of total field weight `w`.
  double Probability(double field_weight) const;
  // The field weight at which Probability reaches `probability`.
  double WeightForProbability(double probability) const;

  // A table of m, u and weight for every field and level.
  std::string Describe() const;

 private:
  struct Levels {
    std::array<double, kMaxLevels> m{};
    std::array<double, kMaxLevels> u{};
  };
  void Recompute(Field f);

  std::array<Levels, kFieldCount> p_{};
  std::array<std::array<float, kMaxLevels>, kFieldCount> w_{};
  double prior_ = 1e-6;
};

}  // namespace cp::match
