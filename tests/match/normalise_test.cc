// Normalisation of names and addresses before comparison (SRCH-2: the same
// name written with accents, apostrophes, titles, hyphens or in another
// order compares as the same name).

#include "match/normalise.h"

#include <gtest/gtest.h>

#include "match/match_record.h"

namespace cp::match {
namespace {

TEST(FoldText, StripsMarksCaseAndPunctuation) {
  EXPECT_EQ(FoldText("Zoë"), "zoe");
  EXPECT_EQ(FoldText("ZOË"), "zoe");
  EXPECT_EQ(FoldText("  Renée   Dupré "), "renee dupre");
  EXPECT_EQ(FoldText("O'Brien"), "obrien");
  EXPECT_EQ(FoldText("O’Brien"), "obrien");  // typographic apostrophe
  EXPECT_EQ(FoldText("Smith-Jones"), "smith jones");
  EXPECT_EQ(FoldText("St. Mary's"), "st marys");
  EXPECT_EQ(FoldText("Straße"), "strasse");
  EXPECT_EQ(FoldText("Søren Łukasz"), "soren lukasz");
  EXPECT_EQ(FoldText("ﬁnn"), "finn");  // compatibility ligature
  EXPECT_EQ(FoldText(""), "");
  EXPECT_EQ(FoldText("---"), "");
}

TEST(FoldText, InvalidUtf8DropsForeignBytes) {
  EXPECT_EQ(FoldText(std::string("Ann\xff\xfe"
                                 "a")),
            "anna");
}

TEST(NameTokens, RemovesTitlesAndSuffixes) {
  EXPECT_EQ(NameTokens("Mr John Smith"), (std::vector<std::string>{"john", "smith"}));
  EXPECT_EQ(NameTokens("Master Alfie"), (std::vector<std::string>{"alfie"}));
  EXPECT_EQ(NameTokens("Dr. Amelia Jones Jr"), (std::vector<std::string>{"amelia", "jones"}));
  EXPECT_EQ(NameTokens("Miss"), (std::vector<std::string>{"miss"}));  // never empty a name
}

// SRCH-2: a double-barrelled surname matches either part.
TEST(FoldSurname, KeepsWholeAndParts) {
  const SurnameForms hyphen = FoldSurname("Smith-Jones");
  EXPECT_EQ(hyphen.whole, "smithjones");
  EXPECT_EQ(hyphen.parts, (std::vector<std::string>{"smith", "jones"}));
  const SurnameForms particle = FoldSurname("van der Berg");
  EXPECT_EQ(particle.whole, "vanderberg");
  EXPECT_EQ(particle.parts, (std::vector<std::string>{"berg"}));
  const SurnameForms single = FoldSurname("O'Neill");
  EXPECT_EQ(single.whole, "oneill");
  EXPECT_TRUE(single.parts.empty());
}

TEST(ParseFullName, ReadsTheUsualOrders) {
  const PersonName comma = ParseFullName("Smith, John Paul");
  EXPECT_EQ(comma.surname.whole, "smith");
  EXPECT_EQ(comma.forenames, (std::vector<std::string>{"john", "paul"}));

  const PersonName capitals = ParseFullName("SMITH John");
  EXPECT_EQ(capitals.surname.whole, "smith");
  EXPECT_EQ(capitals.forenames, (std::vector<std::string>{"john"}));

  const PersonName natural = ParseFullName("Mrs Mary Ann de la Cruz");
  EXPECT_EQ(natural.surname.whole, "delacruz");
  EXPECT_EQ(natural.forenames, (std::vector<std::string>{"mary", "ann"}));

  const PersonName all_capitals = ParseFullName("JOHN SMITH");
  EXPECT_EQ(all_capitals.surname.whole, "smith");
  EXPECT_EQ(all_capitals.forenames, (std::vector<std::string>{"john"}));
}

TEST(FoldAddressLine, WritesOutAbbreviations) {
  EXPECT_EQ(FoldAddressLine("12 Acacia Ave."), "12 acacia avenue");
  EXPECT_EQ(FoldAddressLine("Flat 3, Mill Rd"), "flat 3 mill road");
}

TEST(PrepareRecord, SplitsForenamesAndStreetNumber) {
  TextPool pool;
  PersonDetails d;
  d.full_name = "Jones, Mary Ann";
  d.address_line1 = "12 Acacia Avenue";
  d.other_surnames = {"Brown"};
  const MatchRecord r = PrepareRecord(d, pool);
  EXPECT_EQ(pool.Text(r.forename), "mary");
  EXPECT_EQ(pool.Text(r.middle_name), "ann");
  EXPECT_EQ(pool.Text(r.forename_joined), "maryann");
  EXPECT_EQ(pool.Text(r.surname), "jones");
  EXPECT_EQ(pool.Text(r.other_surnames[0]), "brown");
  EXPECT_EQ(pool.Text(r.street_number), "12");
  EXPECT_EQ(pool.Text(r.address_line1), "acaciaavenue");  // free text is held without spaces
}

}  // namespace
}  // namespace cp::match
