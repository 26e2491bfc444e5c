// Fellegi-Sunter weights with term-frequency adjustment.

#include "match/scoring.h"

#include <gtest/gtest.h>

#include <cmath>

#include "match/compare.h"
#include "people.h"

namespace cp::match {
namespace {

using testing_support::Date;
using testing_support::Numbered;
using testing_support::Person;

TEST(MatchModel, WeightIsLog2OfMOverU) {
  const MatchModel model = MatchModel::Defaults();
  for (int i = 0; i < kFieldCount; ++i) {
    const Field f = FieldAt(i);
    EXPECT_EQ(model.weight(f, 0), 0.0f) << FieldName(f);
    EXPECT_NEAR(model.weight(f, 1), std::log2(model.m(f, 1) / model.u(f, 1)), 1e-4) << FieldName(f);
    EXPECT_LT(model.weight(f, LevelCount(f) - 1), 0.0f) << FieldName(f);
    double m_sum = 0;
    double u_sum = 0;
    for (int l = 1; l < LevelCount(f); ++l) {
      m_sum += model.m(f, l);
      u_sum += model.u(f, l);
      // A partial agreement never weighs less than disagreement.
      EXPECT_GE(model.weight(f, l), model.weight(f, LevelCount(f) - 1)) << FieldName(f) << l;
    }
    EXPECT_NEAR(m_sum, 1.0, 1e-9) << FieldName(f);
    EXPECT_NEAR(u_sum, 1.0, 1e-9) << FieldName(f);
  }
}

TEST(MatchModel, ProbabilityFollowsPriorAndWeight) {
  MatchModel model = MatchModel::Defaults();
  model.set_prior(0.5);
  EXPECT_NEAR(model.Probability(0), 0.5, 1e-12);
  EXPECT_NEAR(model.Probability(1), 2.0 / 3.0, 1e-12);
  model.set_prior(1.0 / 1025);
  EXPECT_NEAR(model.prior_weight(), -10, 1e-9);
  EXPECT_NEAR(model.Probability(10), 0.5, 1e-12);
  EXPECT_NEAR(model.Probability(model.WeightForProbability(0.9)), 0.9, 1e-9);
}

// A common surname is weaker evidence than a rare one.
TEST(TermFrequencies, CommonValuesWeighLess) {
  TextPool pool;
  TermFrequencies tf;
  std::vector<MatchRecord> records;
  for (int i = 0; i < 200; ++i) {
    records.push_back(PrepareRecord(Person("Ann", "Smith", "2010-01-01"), pool));
  }
  records.push_back(PrepareRecord(Person("Ann", "Oyelaran", "2010-01-02"), pool));
  records.push_back(PrepareRecord(Person("Ann", "Oyelaran", "2010-01-03"), pool));
  for (int i = 0; i < 800; ++i) {
    records.push_back(
        PrepareRecord(Person("Bo", Numbered("Name", i), Date(2011, 2, 10 + i % 18).c_str()), pool));
  }
  for (const auto& r : records) tf.Add(r);
  const MatchModel model = MatchModel::Defaults();
  const double common =
      tf.Adjustment(Field::kSurname, records[0].surname, model.u(Field::kSurname, 1));
  const double rare =
      tf.Adjustment(Field::kSurname, records[200].surname, model.u(Field::kSurname, 1));
  EXPECT_LT(common, 0);
  EXPECT_GT(rare, 0);

  const ComparisonVector smiths = CompareRecords({&records[0], &pool}, {&records[1], &pool});
  const ComparisonVector rares = CompareRecords({&records[200], &pool}, {&records[201], &pool});
  ASSERT_EQ(smiths[Field::kSurname], 1);
  ASSERT_EQ(rares[Field::kSurname], 1);
  TfAdjustments only_surname{};
  only_surname[static_cast<std::size_t>(Index(Field::kSurname))] =
      tf.AdjustmentsFor(model, records[0])[static_cast<std::size_t>(Index(Field::kSurname))];
  TfAdjustments only_rare{};
  only_rare[static_cast<std::size_t>(Index(Field::kSurname))] =
      tf.AdjustmentsFor(model, records[200])[static_cast<std::size_t>(Index(Field::kSurname))];
  ComparisonVector surname_only{};
  surname_only[Field::kSurname] = 1;
  EXPECT_LT(MatchWeight(model, surname_only, only_surname),
            MatchWeight(model, surname_only, only_rare));

  // Adjustments are bounded, and removal undoes addition.
  EXPECT_LE(std::abs(common), kMaxTfBits);
  const std::uint32_t before = tf.Count(Field::kSurname, records[0].surname);
  tf.Remove(records[0]);
  EXPECT_EQ(tf.Count(Field::kSurname, records[0].surname), before - 1);
  EXPECT_EQ(tf.Adjustment(Field::kIdentifier, records[0].identifier, 0.01), 0.0);
}

TEST(MatchWeight, SumsLevelWeightsAndExactAdjustments) {
  const MatchModel model = MatchModel::Defaults();
  ComparisonVector cv{};
  cv[Field::kForename] = static_cast<std::uint8_t>(ForenameLevel::kNickname);
  cv[Field::kSurname] = static_cast<std::uint8_t>(SurnameLevel::kExact);
  cv[Field::kBirthDate] = static_cast<std::uint8_t>(BirthDateLevel::kDayMonthSwapped);
  TfAdjustments tf{};
  tf[static_cast<std::size_t>(Index(Field::kSurname))] = -1.5f;
  tf[static_cast<std::size_t>(Index(Field::kForename))] = 3.0f;  // not exact: not applied
  const double expected = model.weight(Field::kForename, 3) + model.weight(Field::kSurname, 1) -
                          1.5 + model.weight(Field::kBirthDate, 4);
  EXPECT_NEAR(MatchWeight(model, cv, tf), expected, 1e-5);
}

// FEED-3: an address is one piece of evidence, not five. Two children of
// the same name born the same day, in one postcode district but different
// streets, are not made more alike by living in the same town (the district
// says so already) or by a house number that happens to agree.
TEST(MatchWeight, FEED3_AnAddressAgreementImpliedByAnotherCountsOnce) {
  const MatchModel model = MatchModel::Defaults();
  const TfAdjustments tf{};
  ComparisonVector cv{};
  cv[Field::kForename] = static_cast<std::uint8_t>(ForenameLevel::kExact);
  cv[Field::kSurname] = static_cast<std::uint8_t>(SurnameLevel::kExact);
  cv[Field::kBirthDate] = static_cast<std::uint8_t>(BirthDateLevel::kExact);
  cv[Field::kPostcode] = static_cast<std::uint8_t>(PostcodeLevel::kDistrict);
  cv[Field::kStreetNumber] = static_cast<std::uint8_t>(StreetNumberLevel::kExact);
  cv[Field::kAddressLine1] = static_cast<std::uint8_t>(AddressLevel::kDisagree);
  cv[Field::kTown] = static_cast<std::uint8_t>(TextLevel::kExact);
  const double names_and_date = model.weight(Field::kForename, 1) +
                                model.weight(Field::kSurname, 1) +
                                model.weight(Field::kBirthDate, 1);
  // The district counts; the town it implies and the number on another
  // street do not; the street's disagreement does.
  EXPECT_NEAR(MatchWeight(model, cv, tf),
              names_and_date + model.weight(Field::kPostcode, cv[Field::kPostcode]) +
                  model.weight(Field::kAddressLine1, cv[Field::kAddressLine1]),
              1e-5);

  // The same street: now the house number is evidence.
  cv[Field::kAddressLine1] = static_cast<std::uint8_t>(AddressLevel::kExact);
  EXPECT_NEAR(MatchWeight(model, cv, tf),
              names_and_date + model.weight(Field::kPostcode, cv[Field::kPostcode]) +
                  model.weight(Field::kStreetNumber, 1) + model.weight(Field::kAddressLine1, 1),
              1e-5);
}

// FEED-3: "Lime Crescent" in Northumberland and in Essex is chance. Where
// the postcodes place two children in different districts, an agreeing
// street or number weighs nothing; where they share only the area letters,
// the town is the finer evidence and the area's agreement adds nothing.
TEST(MatchWeight, FEED3_AStreetElsewhereIsChance) {
  const MatchModel model = MatchModel::Defaults();
  const TfAdjustments tf{};
  ComparisonVector cv{};
  cv[Field::kPostcode] = static_cast<std::uint8_t>(PostcodeLevel::kDisagree);
  cv[Field::kStreetNumber] = static_cast<std::uint8_t>(StreetNumberLevel::kExact);
  cv[Field::kAddressLine1] = static_cast<std::uint8_t>(AddressLevel::kExact);
  cv[Field::kTown] = static_cast<std::uint8_t>(TextLevel::kDisagree);
  const double against = std::min(model.weight(Field::kPostcode, cv[Field::kPostcode]),
                                  model.weight(Field::kTown, cv[Field::kTown]));
  EXPECT_NEAR(MatchWeight(model, cv, tf), against, 1e-5);
  const auto counted = CountedAgreements(cv);
  EXPECT_FALSE(counted[static_cast<std::size_t>(Index(Field::kAddressLine1))]);
  EXPECT_FALSE(counted[static_cast<std::size_t>(Index(Field::kStreetNumber))]);

  // Without postcodes, the towns place the children.
  cv[Field::kPostcode] = 0;
  EXPECT_NEAR(MatchWeight(model, cv, tf), model.weight(Field::kTown, cv[Field::kTown]), 1e-5);
  // Same town, no postcodes: the street is evidence again.
  cv[Field::kTown] = static_cast<std::uint8_t>(TextLevel::kExact);
  EXPECT_NEAR(MatchWeight(model, cv, tf),
              model.weight(Field::kTown, 1) + model.weight(Field::kStreetNumber, 1) +
                  model.weight(Field::kAddressLine1, 1),
              1e-5);

  // Same area letters, same town, different street: the town counts once.
  cv = ComparisonVector{};
  cv[Field::kPostcode] = static_cast<std::uint8_t>(PostcodeLevel::kArea);
  cv[Field::kTown] = static_cast<std::uint8_t>(TextLevel::kExact);
  ASSERT_GT(model.weight(Field::kPostcode, cv[Field::kPostcode]), 0.0f);
  EXPECT_NEAR(MatchWeight(model, cv, tf), model.weight(Field::kTown, 1), 1e-5);
}

}  // namespace
}  // namespace cp::match
