#include "match/model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>

namespace cp::match {
namespace {

constexpr double kFloor = 1e-9;

std::array<double, kMaxLevels> List(std::initializer_list<double> values) {
  std::array<double, kMaxLevels> out{};
  std::size_t i = 1;
  for (double v : values) out[i++] = v;
  return out;
}

}  // namespace

MatchModel MatchModel::Defaults() {
  MatchModel model;
  auto set = [&model](Field f, std::initializer_list<double> m, std::initializer_list<double> u) {
    model.SetM(f, List(m));
    model.SetU(f, List(u));
  };
  // Levels in the order of fields.h.
  set(Field::kForename, {0.86, 0.05, 0.02, 0.02, 0.005, 0.015, 0.03},
      {0.005, 0.002, 0.001, 0.01, 0.002, 0.001, 0.979});
  set(Field::kMiddleName, {0.85, 0.05, 0.05, 0.05}, {0.01, 0.005, 0.03, 0.955});
  set(Field::kSurname, {0.86, 0.05, 0.02, 0.02, 0.01, 0.04},
      {0.002, 0.001, 0.005, 0.0005, 0.0002, 0.9913});
  // Partial levels arise only when a record gives part of a date, so both
  // their m and u carry that rarity; their ratio is what weighs.
  set(Field::kBirthDate, {0.88, 0.004, 0.002, 0.01, 0.04, 0.015, 0.01, 0.019, 0.02},
      {0.0002, 0.00002, 0.0001, 0.00002, 0.004, 0.004, 0.05, 0.1, 0.8417});
  set(Field::kGender, {0.98, 0.02}, {0.5, 0.5});
  set(Field::kPostcode, {0.80, 0.03, 0.03, 0.04, 0.03, 0.07},
      {0.0001, 0.0005, 0.0005, 0.003, 0.02, 0.9759});
  set(Field::kStreetNumber, {0.85, 0.15}, {0.02, 0.98});
  set(Field::kAddressLine1, {0.75, 0.10, 0.03, 0.02, 0.10}, {0.001, 0.0005, 0.01, 0.0002, 0.9883});
  set(Field::kAddressLine2, {0.75, 0.10, 0.03, 0.02, 0.10}, {0.001, 0.0005, 0.01, 0.0002, 0.9883});
  set(Field::kTown, {0.80, 0.05, 0.15}, {0.01, 0.002, 0.988});
  set(Field::kIdentifier, {0.95, 0.03, 0.02}, {0.00001, 0.0001, 0.99989});
  set(Field::kEmail, {0.80, 0.05, 0.15}, {0.0001, 0.0005, 0.9994});
  set(Field::kPhone, {0.85, 0.03, 0.12}, {0.0001, 0.0005, 0.9994});
  set(Field::kSchool, {0.80, 0.05, 0.15}, {0.01, 0.005, 0.985});
  set(Field::kGpPractice, {0.80, 0.05, 0.15}, {0.01, 0.005, 0.985});
  // A carer's forename alone: about one mother in a hundred shares another's.
  set(Field::kCarerName, {0.20, 0.60, 0.05, 0.15}, {0.001, 0.01, 0.002, 0.987});
  return model;
}

void MatchModel::SetM(Field f, const std::array<double, kMaxLevels>& m) {
  auto& dst = p_[Index(f)].m;
  double sum = 0;
  for (int l = 1; l < LevelCount(f); ++l) sum += std::max(m[static_cast<std::size_t>(l)], 0.0);
  dst.fill(0);
  for (int l = 1; l < LevelCount(f); ++l) {
    const auto i = static_cast<std::size_t>(l);
    dst[i] = sum > 0 ? std::max(m[i], 0.0) / sum : 1.0 / (LevelCount(f) - 1);
  }
  Recompute(f);
}

void MatchModel::SetU(Field f, const std::array<double, kMaxLevels>& u) {
  auto& dst = p_[Index(f)].u;
  double sum = 0;
  for (int l = 1; l < LevelCount(f); ++l) sum += std::max(u[static_cast<std::size_t>(l)], 0.0);
  dst.fill(0);
  for (int l = 1; l < LevelCount(f); ++l) {
    const auto i = static_cast<std::size_t>(l);
    dst[i] = sum > 0 ? std::max(u[i], 0.0) / sum : 1.0 / (LevelCount(f) - 1);
  }
  Recompute(f);
}

void MatchModel::Recompute(Field f) {
  auto& w = w_[Index(f)];
  const auto& p = p_[Index(f)];
  w.fill(0);
  const int levels = LevelCount(f);
  for (int l = 1; l < levels; ++l) {
    const auto i = static_cast<std::size_t>(l);
    w[i] = static_cast<float>(std::log2(std::max(p.m[i], kFloor) / std::max(p.u[i], kFloor)));
  }
  // A partial agreement never counts against a match more than outright
  // disagreement does (rare levels are estimated from few pairs).
  const auto disagree = static_cast<std::size_t>(levels - 1);
  for (int l = 2; l < levels - 1; ++l) {
    w[static_cast<std::size_t>(l)] = std::max(w[static_cast<std::size_t>(l)], w[disagree]);
  }
}

void MatchModel::set_prior(double p) { prior_ = std::clamp(p, 1e-15, 0.5); }

double MatchModel::prior_weight() const { return std::log2(prior_ / (1.0 - prior_)); }

double MatchModel::Probability(double field_weight) const {
  const double total = field_weight + prior_weight();
  return 1.0 / (1.0 + std::exp2(-total));
}

double MatchModel::WeightForProbability(double probability) const {
  const double p = std::clamp(probability, 1e-300, 1.0 - 1e-16);
  return std::log2(p / (1.0 - p)) - prior_weight();
}

std::string MatchModel::Describe() const {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "prior match probability %.3g (%.2f bits)\n", prior_,
                prior_weight());
  out += line;
  std::snprintf(line, sizeof line, "%-14s %-19s %10s %10s %8s\n", "field", "level", "m", "u",
                "weight");
  out += line;
  for (int f = 0; f < kFieldCount; ++f) {
    const Field field = FieldAt(f);
    for (int l = 1; l < LevelCount(field); ++l) {
      std::snprintf(line, sizeof line, "%-14s %-19s %10.3g %10.3g %+8.2f\n",
                    std::string(FieldName(field)).c_str(), std::string(LevelName(field, l)).c_str(),
                    m(field, l), u(field, l), weight(field, l));
      out += line;
    }
  }
  return out;
}

}  // namespace cp::match
