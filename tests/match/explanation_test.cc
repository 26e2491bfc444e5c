// Every decision explains itself: field → level → weight.

#include "match/explanation.h"

#include <gtest/gtest.h>

#include "match/compare.h"
#include "match/scoring.h"
#include "people.h"

namespace cp::match {
namespace {

using testing_support::Nicknames;
using testing_support::Person;

TEST(Explanation, ListsEachFieldWithLevelAndWeight) {
  TextPool pool(&Nicknames());
  const MatchRecord a = PrepareRecord(Person("Alfie", "Smith", "2015-03-04", "N1 9GU"), pool);
  const MatchRecord b = PrepareRecord(Person("Alfred", "Smith", "2015-04-03", "N1 9GU"), pool);
  MatchModel model = MatchModel::Defaults();
  model.set_prior(1e-6);
  TfAdjustments tf{};
  tf[static_cast<std::size_t>(Index(Field::kSurname))] = -2.0f;
  const Explanation e = Explain(model, {&a, &pool}, {&b, &pool}, tf);

  ASSERT_EQ(e.fields.size(), 4U);  // only fields both records give
  EXPECT_EQ(e.fields[0].field, Field::kForename);
  EXPECT_EQ(LevelName(e.fields[0].field, e.fields[0].level), "nickname");
  EXPECT_EQ(e.fields[0].left, "alfie");
  EXPECT_EQ(e.fields[0].right, "alfred");
  EXPECT_EQ(LevelName(e.fields[1].field, e.fields[1].level), "exact");
  EXPECT_DOUBLE_EQ(e.fields[1].tf_adjustment, -2.0);
  EXPECT_NEAR(e.fields[1].weight, model.weight(Field::kSurname, 1) - 2.0, 1e-6);
  EXPECT_EQ(LevelName(e.fields[2].field, e.fields[2].level), "day_month_swapped");
  EXPECT_EQ(e.fields[2].left, "2015-03-04");

  double sum = 0;
  for (const auto& f : e.fields) sum += f.weight;
  EXPECT_NEAR(e.field_weight, sum, 1e-5);
  EXPECT_NEAR(e.field_weight, MatchWeight(model, CompareRecords({&a, &pool}, {&b, &pool}), tf),
              1e-9);
  EXPECT_NEAR(e.prior_weight, model.prior_weight(), 1e-12);
  EXPECT_NEAR(e.probability, model.Probability(e.field_weight), 1e-12);

  const std::string text = RenderExplanation(e);
  EXPECT_NE(text.find("forename"), std::string::npos);
  EXPECT_NE(text.find("nickname"), std::string::npos);
  EXPECT_NE(text.find("day_month_swapped"), std::string::npos);
  EXPECT_NE(text.find("(tf -2.00)"), std::string::npos);
  EXPECT_NE(text.find("match probability"), std::string::npos);
}

TEST(Explanation, ModelDescribesEveryLevel) {
  const std::string table = MatchModel::Defaults().Describe();
  EXPECT_NE(table.find("birth_date"), std::string::npos);
  EXPECT_NE(table.find("partial_year_month"), std::string::npos);
  EXPECT_NE(table.find("prior match probability"), std::string::npos);
}

}  // namespace
}  // namespace cp::match
