// Field-by-field comparison of prepared records (SRCH-2: spelling variants,
// nicknames, phonetic similarity, transposed dates, changed surnames).

#include "match/compare.h"

#include <gtest/gtest.h>

#include "match/birth_date.h"
#include "match/model.h"
#include "match/postcode.h"
#include "people.h"

namespace cp::match {
namespace {

using testing_support::Nicknames;
using testing_support::Person;

class CompareTest : public ::testing::Test {
 protected:
  int Level(Field f, const PersonDetails& a, const PersonDetails& b) {
    records_.push_back(PrepareRecord(a, pool_));
    const MatchRecord ra = records_.back();
    const MatchRecord rb = PrepareRecord(b, pool_);
    return CompareField(f, {&ra, &pool_}, {&rb, &pool_});
  }
  static int L(auto level) { return static_cast<int>(level); }

  TextPool pool_{&Nicknames()};
  std::vector<MatchRecord> records_;
};

TEST_F(CompareTest, ForenameLevels) {
  const auto f = Field::kForename;
  EXPECT_EQ(Level(f, Person("Oliver", "", ""), Person("OLIVER", "", "")), L(ForenameLevel::kExact));
  EXPECT_EQ(Level(f, Person("Oliver", "", ""), Person("Olvier", "", "")), L(ForenameLevel::kClose));
  // SRCH-2: nicknames and diminutives.
  EXPECT_EQ(Level(f, Person("Alfie", "", ""), Person("Alfred", "", "")),
            L(ForenameLevel::kNickname));
  EXPECT_EQ(Level(f, Person("Izzy", "", ""), Person("Isabella", "", "")),
            L(ForenameLevel::kNickname));
  // SRCH-2: phonetic similarity.
  EXPECT_EQ(Level(f, Person("Stephen", "", ""), Person("Steven", "", "")),
            L(ForenameLevel::kPhonetic));
  EXPECT_EQ(Level(f, Person("J", "", ""), Person("Jack", "", "")), L(ForenameLevel::kInitial));
  EXPECT_EQ(Level(f, Person("Mary Ann", "", ""), Person("Ann", "", "")),
            L(ForenameLevel::kOtherName));  // known by the middle name
  EXPECT_EQ(Level(f, Person("Elki", "", ""), Person("Elk I", "", "")), L(ForenameLevel::kClose));
  // Slips in short names: letters swapped or one left out, never changed.
  EXPECT_EQ(Level(f, Person("Leo", "", ""), Person("Elo", "", "")), L(ForenameLevel::kClose));
  EXPECT_EQ(Level(f, Person("Eva", "", ""), Person("Ea", "", "")), L(ForenameLevel::kClose));
  EXPECT_EQ(Level(f, Person("Tom", "", ""), Person("Tim", "", "")), L(ForenameLevel::kDisagree));
  // Short names that share a phonetic code but not their vowels are two
  // names (sisters Ava and Eva).
  EXPECT_EQ(Level(f, Person("Ava", "", ""), Person("Eva", "", "")), L(ForenameLevel::kDisagree));
  EXPECT_EQ(Level(f, Person("Oliver", "", ""), Person("Zainab", "", "")),
            L(ForenameLevel::kDisagree));
  EXPECT_EQ(Level(f, Person("", "", ""), Person("Zainab", "", "")), L(ForenameLevel::kMissing));
}

TEST_F(CompareTest, SurnameLevels) {
  const auto f = Field::kSurname;
  EXPECT_EQ(Level(f, Person("", "Smith", ""), Person("", "smith", "")), L(SurnameLevel::kExact));
  EXPECT_EQ(Level(f, Person("", "Smith", ""), Person("", "Smiht", "")), L(SurnameLevel::kClose));
  EXPECT_EQ(Level(f, Person("", "Smith", ""), Person("", "Schmidt", "")),
            L(SurnameLevel::kPhonetic));
  // SRCH-2: a changed surname shares a part of a double-barrelled one.
  EXPECT_EQ(Level(f, Person("", "Smith-Jones", ""), Person("", "Jones", "")),
            L(SurnameLevel::kSharedPart));
  EXPECT_EQ(Level(f, Person("", "Oyelaran", ""), Person("", "Smith", "")),
            L(SurnameLevel::kDisagree));
}

// SRCH-2: a changed surname is found through the previous one.
TEST_F(CompareTest, PreviousSurnameCountsAsShared) {
  PersonDetails now = Person("Amelia", "Brown", "2014-05-06");
  now.other_surnames = {"Okafor"};
  EXPECT_EQ(Level(Field::kSurname, now, Person("Amelia", "Okafor", "2014-05-06")),
            L(SurnameLevel::kSharedPart));
}

TEST_F(CompareTest, NamesWrittenTheWrongWayRound) {
  const PersonDetails a = Person("Mason", "Madeline", "");
  const PersonDetails b = Person("Madeline", "Masno", "");
  EXPECT_EQ(Level(Field::kForename, a, b), L(ForenameLevel::kOtherName));
  EXPECT_EQ(Level(Field::kSurname, a, b), L(SurnameLevel::kOtherName));
  // One shared name across the fields counts once, not twice.
  const PersonDetails c = Person("King", "Olivia", "");
  const PersonDetails d = Person("Alfie", "King", "");
  EXPECT_EQ(Level(Field::kForename, c, d), L(ForenameLevel::kOtherName));
  EXPECT_EQ(Level(Field::kSurname, c, d), L(SurnameLevel::kDisagree));
}

TEST_F(CompareTest, DatesGendersAndPostcodes) {
  EXPECT_EQ(Level(Field::kBirthDate, Person("", "", "2012-03-04"), Person("", "", "2012-04-03")),
            L(BirthDateLevel::kDayMonthSwapped));
  EXPECT_EQ(Level(Field::kGender, Person("", "", "", "", Gender::kMale),
                  Person("", "", "", "", Gender::kFemale)),
            L(GenderLevel::kDisagree));
  EXPECT_EQ(Level(Field::kGender, Person("", "", "", "", Gender::kMale), Person("", "", "")),
            L(GenderLevel::kMissing));
  EXPECT_EQ(Level(Field::kPostcode, Person("", "", "", "N1 9GU"), Person("", "", "", "N1 9GB")),
            L(PostcodeLevel::kSector));
}

TEST_F(CompareTest, AddressLines) {
  PersonDetails a;
  a.address_line1 = "Manor House";
  a.address_line2 = "Kelgoola";
  PersonDetails b;
  b.address_line1 = "manorhouse";  // a slipped space is no difference at all
  EXPECT_EQ(Level(Field::kAddressLine1, a, b), L(AddressLevel::kExact));
  b.address_line1 = "Manor Huose";
  EXPECT_EQ(Level(Field::kAddressLine1, a, b), L(AddressLevel::kClose));
  PersonDetails swapped;
  swapped.address_line1 = "Kelgoola";
  swapped.address_line2 = "Manor House";
  EXPECT_EQ(Level(Field::kAddressLine1, a, swapped), L(AddressLevel::kOtherLine));
  b.address_line1 = "Pinkerton Circuit";
  EXPECT_EQ(Level(Field::kAddressLine1, a, b), L(AddressLevel::kDisagree));
}

TEST_F(CompareTest, IdentifiersToleratesOneSlip) {
  PersonDetails a;
  a.identifier = "943 476 5919";
  PersonDetails b;
  b.identifier = "9434765919";
  EXPECT_EQ(Level(Field::kIdentifier, a, b), L(TextLevel::kExact));
  b.identifier = "9434765918";
  EXPECT_EQ(Level(Field::kIdentifier, a, b), L(TextLevel::kClose));
  b.identifier = "4010232137";
  EXPECT_EQ(Level(Field::kIdentifier, a, b), L(TextLevel::kDisagree));
}

// FEED-3: "Abbey Surgery" is the name of practices in many towns; its code
// names one. Where both records give a code, the codes decide; otherwise
// the names are compared (a practitioner searching by name).
TEST_F(CompareTest, FEED3_OrganisationsCompareByCodeWhereBothHaveOne) {
  PersonDetails a;
  a.gp_practice = "Abbey Surgery";
  a.gp_practice_code = "N02743";
  PersonDetails b;
  b.gp_practice = "Abbey Surgery";
  b.gp_practice_code = "C02940";
  EXPECT_EQ(Level(Field::kGpPractice, a, b), L(TextLevel::kDisagree));
  b.gp_practice = "The Abbey Surgery";
  b.gp_practice_code = "n02743";
  EXPECT_EQ(Level(Field::kGpPractice, a, b), L(TextLevel::kExact));
  b.gp_practice = "Abbey Surgery";
  b.gp_practice_code.clear();
  EXPECT_EQ(Level(Field::kGpPractice, a, b), L(TextLevel::kExact));

  a.school = "Victoria Primary School";
  a.school_code = "104010";
  b.school = "Victoria Primary School";
  b.school_code = "103446";
  EXPECT_EQ(Level(Field::kSchool, a, b), L(TextLevel::kDisagree));
  b.school_code = "104010";
  EXPECT_EQ(Level(Field::kSchool, a, b), L(TextLevel::kExact));
}

// FEED-3: two children called Leo Hughes whose mothers are both "Nadia
// Hughes" share, beyond the surname already counted, a mother's forename:
// that is its own level, weighed less than a full name that says more.
TEST_F(CompareTest, FEED3_ACarerWithTheChildsSurnameAddsOnlyTheForename) {
  PersonDetails a = Person("Leo", "Hughes", "2019-07-26");
  a.carer_name = "Nadia Hughes";
  PersonDetails b = Person("Leo", "Hughes", "2019-07-26");
  b.carer_name = "NADIA HUGHES";
  EXPECT_EQ(Level(Field::kCarerName, a, b), L(CarerLevel::kExactFamilySurname));
  a.carer_name = b.carer_name = "Nadia Okafor";
  EXPECT_EQ(Level(Field::kCarerName, a, b), L(CarerLevel::kExact));
  // The children's surnames differ: the carer's whole name is evidence.
  a.carer_name = b.carer_name = "Nadia Hughes";
  b.surname = "Okafor";
  EXPECT_EQ(Level(Field::kCarerName, a, b), L(CarerLevel::kExact));
  b.carer_name = "Nadia Hughs";
  EXPECT_EQ(Level(Field::kCarerName, a, b), L(CarerLevel::kClose));
  b.carer_name = "Asif Evans";
  EXPECT_EQ(Level(Field::kCarerName, a, b), L(CarerLevel::kDisagree));

  const MatchModel model = MatchModel::Defaults();
  EXPECT_LT(model.weight(Field::kCarerName, L(CarerLevel::kExactFamilySurname)),
            model.weight(Field::kCarerName, L(CarerLevel::kExact)));
  EXPECT_GT(model.weight(Field::kCarerName, L(CarerLevel::kExactFamilySurname)), 0);
}

TEST_F(CompareTest, RecordsFromDifferentPoolsCompareByText) {
  TextPool other(&Nicknames());
  const MatchRecord a = PrepareRecord(Person("Alfie", "Smith", "2015-01-02"), pool_);
  const MatchRecord b = PrepareRecord(Person("Alfred", "Smith", "2015-01-02"), other);
  const ComparisonVector cv = CompareRecords({&a, &pool_}, {&b, &other});
  EXPECT_EQ(cv[Field::kForename], L(ForenameLevel::kNickname));
  EXPECT_EQ(cv[Field::kSurname], L(SurnameLevel::kExact));
  EXPECT_EQ(cv[Field::kBirthDate], L(BirthDateLevel::kExact));
  EXPECT_EQ(cv[Field::kSchool], 0);
}

TEST_F(CompareTest, OverlayPoolSharesIdsWithItsBase) {
  const MatchRecord indexed = PrepareRecord(Person("Alfie", "Smith", "2015-01-02"), pool_);
  TextPool overlay(&pool_, &Nicknames());
  const MatchRecord query = PrepareRecord(Person("Alfie", "Smyth", "2015-01-02"), overlay);
  EXPECT_EQ(query.forename, indexed.forename);  // the base's id
  EXPECT_NE(overlay.Owner(query.surname), &pool_);
  EXPECT_EQ(overlay.Text(query.surname), "smyth");
  const ComparisonVector cv = CompareRecords({&query, &overlay}, {&indexed, &pool_});
  EXPECT_EQ(cv[Field::kForename], L(ForenameLevel::kExact));
  EXPECT_EQ(cv[Field::kSurname], L(SurnameLevel::kClose));
}

}  // namespace
}  // namespace cp::match
