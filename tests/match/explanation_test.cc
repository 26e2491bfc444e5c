// Every decision explains itself: field → level → weight.

#include "match/explanation.h"

#include <gtest/gtest.h>

#include <map>

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

// FEED-6: what the data administrator reads adds up to the decision. An
// address part the engine leaves out (scoring.h) is shown, marked as not
// counted, and the counted weights sum to the total.
TEST(Explanation, FEED6_SaysWhichAddressPartsDoNotCount) {
  TextPool pool(&Nicknames());
  PersonDetails x = Person("Arthur", "Morris", "2009-05-22", "IG4 8XR");
  x.address_line1 = "57 Hampton Crescent";
  x.town = "Barking and Dagenham";
  PersonDetails y = Person("Arthur", "Morris", "2009-05-22", "IG4 4BF");
  y.address_line1 = "57 Green Road";
  y.town = "Barking and Dagenham";
  const MatchRecord a = PrepareRecord(x, pool);
  const MatchRecord b = PrepareRecord(y, pool);
  const MatchModel model = MatchModel::Defaults();
  const Explanation e = Explain(model, {&a, &pool}, {&b, &pool}, TfAdjustments{});
  double counted = 0;
  std::map<Field, const FieldEvidence*> by_field;
  for (const auto& f : e.fields) {
    by_field[f.field] = &f;
    if (f.counted) counted += f.weight;
  }
  ASSERT_TRUE(by_field.count(Field::kTown) && by_field.count(Field::kStreetNumber));
  EXPECT_FALSE(by_field[Field::kTown]->counted);          // the district says it
  EXPECT_FALSE(by_field[Field::kStreetNumber]->counted);  // on another street
  EXPECT_TRUE(by_field[Field::kPostcode]->counted);
  EXPECT_TRUE(by_field[Field::kAddressLine1]->counted);
  EXPECT_GT(by_field[Field::kTown]->weight, 0);
  EXPECT_NEAR(e.field_weight, counted, 1e-5);
  EXPECT_NE(RenderExplanation(e).find("(not counted)"), std::string::npos);
}

TEST(Explanation, ModelDescribesEveryLevel) {
  const std::string table = MatchModel::Defaults().Describe();
  EXPECT_NE(table.find("birth_date"), std::string::npos);
  EXPECT_NE(table.find("partial_year_month"), std::string::npos);
  EXPECT_NE(table.find("prior match probability"), std::string::npos);
}

}  // namespace
}  // namespace cp::match
