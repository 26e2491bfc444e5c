#include "generate/population.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/child_validation.h"
#include "core/local_authority.h"
#include "generate/extracts.h"

namespace cp::generate {
namespace {

const Date kToday = *Date::ParseIso("2026-11-24");

std::vector<core::Child> Generate(std::int64_t n, std::uint64_t seed) {
  PopulationOptions o;
  o.children = n;
  o.seed = seed;
  o.today = kToday;
  auto g = PopulationGenerator::Create(o);
  EXPECT_TRUE(g) << (g ? "" : g.error().message);
  std::vector<core::Child> all;
  while ((*g)->NextBatch(all, 5000)) {
  }
  return all;
}

TEST(Population, IsDeterministicBySeed) {
  const auto a = Generate(2000, 42);
  const auto b = Generate(2000, 42);
  const auto c = Generate(2000, 43);
  ASSERT_EQ(a.size(), 2000u);
  ASSERT_EQ(b.size(), 2000u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].forenames, b[i].forenames);
    EXPECT_EQ(a[i].address, b[i].address);
    EXPECT_EQ(a[i].date_of_birth, b[i].date_of_birth);
  }
  int same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i].forenames == c[i].forenames;
  EXPECT_LT(same, 400);
}

// REC-1 … REC-7, REC-12: every generated record is valid and belongs to an LA.
TEST(Population, EveryRecordIsValid) {
  const auto all = Generate(20000, 7);
  std::set<std::int64_t> uins;
  for (const auto& c : all) {
    const auto errors = core::ValidateChild(c, kToday);
    for (const auto& e : errors)
      ADD_FAILURE() << c.uin.ToString() << " " << e.field << ": " << e.message;
    if (!errors.empty()) break;
    EXPECT_NE(core::FindLocalAuthority(c.la_code), nullptr);
    uins.insert(c.uin.value());
  }
  EXPECT_EQ(uins.size(), all.size());
}

// The shares the issue sets: targeted ≈10%, sensitive ≈1%, CAF ≈3%, lead
// professional ≈2%, ages 0-18.
TEST(Population, HasRealisticShares) {
  const auto all = Generate(20000, 11);
  int targeted = 0, sensitive = 0, caf = 0, lead = 0, looked_after = 0, two_parents = 0;
  std::vector<int> by_age(19, 0);
  for (const auto& c : all) {
    bool t = false, s = false;
    for (const auto& inv : c.involvements) {
      t |= inv.category == core::ServiceCategory::kTargeted;
      s |= inv.category == core::ServiceCategory::kSensitive;
    }
    targeted += t;
    sensitive += s;
    caf += c.caf_holder.has_value();
    lead += c.lead_professional.has_value();
    looked_after += c.looked_after;
    two_parents += c.parents_carers.size() == 2;
    const int age = c.date_of_birth.YearsOfAgeOn(kToday);
    ASSERT_GE(age, 0);
    ASSERT_LE(age, 18);
    ++by_age[age];
  }
  const double n = static_cast<double>(all.size());
  EXPECT_NEAR(targeted / n, 0.09, 0.03);
  EXPECT_NEAR(sensitive / n, 0.01, 0.005);
  EXPECT_NEAR(caf / n, 0.03, 0.01);
  EXPECT_NEAR(lead / n, 0.02, 0.008);
  EXPECT_NEAR(looked_after / n, 0.007, 0.004);
  EXPECT_GT(two_parents / n, 0.4);
  for (int age = 0; age < 18; ++age) EXPECT_GT(by_age[age], n / 19 / 2.5) << "age " << age;
}

// Surnames as diverse as England's: Smith, the most common, is borne by
// about 1.3% of people and the 300 most common by under half, so a search
// by surname and date of birth finds few namesakes (reference_data.cc).
TEST(Population, HasEnglandsDiversityOfSurnames) {
  const auto all = Generate(20000, 13);
  std::map<std::string, int> bearers;
  for (const auto& c : all) ++bearers[c.surname];
  std::vector<int> counts;
  for (const auto& [surname, n] : bearers) counts.push_back(n);
  std::sort(counts.rbegin(), counts.rend());
  const double n = static_cast<double>(all.size());
  EXPECT_GT(counts[0] / n, 0.008);
  EXPECT_LT(counts[0] / n, 0.022);
  int top300 = 0;
  for (std::size_t i = 0; i < 300 && i < counts.size(); ++i) top300 += counts[i];
  EXPECT_LT(top300 / n, 0.6);
  EXPECT_GT(counts.size(), 3000u);  // siblings share theirs
}

TEST(Extracts, EveryRowMapsToAChildAndCarriesNoise) {
  const std::string dir = ::testing::TempDir() + "/cp_extracts";
  std::filesystem::remove_all(dir);
  PopulationOptions o;
  o.children = 3000;
  o.seed = 5;
  o.today = kToday;
  auto summary = WriteExtracts(o, dir);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->children, 3000);
  EXPECT_GT(summary->rows, 3000);
  std::ifstream truth(dir + "/ground_truth.csv");
  std::string line;
  std::getline(truth, line);
  EXPECT_EQ(line, "source,source_record_id,child_id,uin");
  std::int64_t rows = 0;
  std::set<std::string> ids;
  while (std::getline(truth, line)) {
    ++rows;
    const auto second = line.find(',', line.find(',') + 1);
    ids.insert(line.substr(0, second));
    const std::int64_t child = std::stoll(line.substr(second + 1));
    EXPECT_GE(child, 0);
    EXPECT_LT(child, 3000);
  }
  EXPECT_EQ(rows, summary->rows);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(rows));  // source record ids are unique
  // Every extract uses the feed header.
  std::ifstream school(dir + "/school_census.csv");
  std::getline(school, line);
  EXPECT_EQ(line.rfind("source_record_id,forenames,surname", 0), 0u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cp::generate
