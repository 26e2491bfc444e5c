// The in-memory search index (SRCH-1, SRCH-2): ranked results from any
// combination of details, tolerant of nicknames, misspellings, swapped and
// partial dates of birth and changed surnames.

#include "match/search_index.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <thread>

#include "match/compare.h"
#include "match/scoring.h"
#include "match/search_query.h"
#include "people.h"

namespace cp::match {
namespace {

using testing_support::Date;
using testing_support::Nicknames;
using testing_support::Numbered;
using testing_support::Person;

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.Upsert(1, Person("Alfred", "Smith", "2015-03-04", "N1 9GU", Gender::kMale));
    index_.Upsert(2, Person("Isabella", "Okafor", "2012-11-20", "LS6 2QT", Gender::kFemale));
    index_.Upsert(3, Person("Oliver", "Smith", "2015-03-04", "N1 9GU", Gender::kMale));
    PersonDetails changed = Person("Amelia", "Brown", "2010-06-07", "B1 1AA", Gender::kFemale);
    changed.other_surnames = {"Nowak"};
    index_.Upsert(4, changed);
    // Background population, so that the prior is realistic.
    std::mt19937_64 rng(5);
    for (std::uint64_t id = 100; id < 2100; ++id) {
      index_.Upsert(id,
                    Person(Numbered("Name", rng() % 500), Numbered("Surname", rng() % 900),
                           Date(2010 + static_cast<int>(rng() % 9), 1 + static_cast<int>(rng() % 9),
                                10 + static_cast<int>(rng() % 9))
                               .c_str()));
    }
  }

  std::uint64_t Top(const PersonDetails& query) {
    auto hits = index_.Search(query, 10);
    EXPECT_TRUE(hits);
    if (!hits || hits->empty()) return 0;
    return hits->front().id;
  }

  SearchIndex index_{&Nicknames(), MatchModel::Defaults()};
};

// SRCH-1: names and date of birth; results ranked by score.
TEST_F(SearchIndexTest, FindsAndRanksByScore) {
  auto hits = index_.Search(Person("Alfred", "Smith", "2015-03-04"), 10);
  ASSERT_TRUE(hits);
  ASSERT_GE(hits->size(), 2U);
  EXPECT_EQ((*hits)[0].id, 1U);
  EXPECT_EQ((*hits)[1].id, 3U);  // same surname, birthday and postcode: a brother
  EXPECT_GT((*hits)[0].weight, (*hits)[1].weight);
  EXPECT_GT((*hits)[0].probability, 0.99);
  for (std::size_t i = 1; i < hits->size(); ++i) {
    EXPECT_GE((*hits)[i - 1].weight, (*hits)[i].weight);
  }
}

// SRCH-2: nickname, misspelling, phonetic spelling, swapped date.
TEST_F(SearchIndexTest, ToleratesTheErrorsPeopleMake) {
  EXPECT_EQ(Top(Person("Alfie", "Smith", "2015-03-04")), 1U);         // nickname
  EXPECT_EQ(Top(Person("Izzy", "Okafor", "2012-11-20")), 2U);         // diminutive
  EXPECT_EQ(Top(Person("Isabella", "Okafro", "2012-11-20")), 2U);     // misspelt
  EXPECT_EQ(Top(Person("Alfred", "Smyth", "2015-04-03")), 1U);        // phonetic, swapped date
  EXPECT_EQ(Top(Person("Isabella", "Okafor", "2012-11")), 2U);        // partial date
  EXPECT_EQ(Top(Person("Amelia", "Nowak", "2010-06-07")), 4U);        // previous surname
  EXPECT_EQ(Top(Person("Amelia", "Nowak-Brown", "2010-06-07")), 4U);  // double-barrelled
}

// SRCH-1: any combination of details that gives a key.
TEST_F(SearchIndexTest, SearchesOnPartialDetails) {
  EXPECT_EQ(Top(Person("", "Okafor", "2012-11-20")), 2U);
  PersonDetails postcode_only;
  postcode_only.postcode = "LS6 2QT";
  EXPECT_EQ(Top(postcode_only), 2U);
  EXPECT_EQ(Top(Person("Isabella", "Okafor", "")), 2U);
  auto nothing = index_.Search(Person("", "Okafor", ""), 10);
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(SearchIndexTest, UpsertReplacesAndRemoveForgets) {
  const std::size_t before = index_.size();
  const PersonDetails old_details = Person("Isabella", "Okafor", "2012-11-20");
  auto weight_of_2 = [this](const PersonDetails& q) {
    auto hits = index_.Search(q, 10);
    EXPECT_TRUE(hits);
    for (const auto& h : *hits) {
      if (h.id == 2) return h.weight;
    }
    return -1000.0;
  };
  const double before_change = weight_of_2(old_details);
  index_.Upsert(2, Person("Isabella", "Mensah", "2012-11-20", "LS6 2QT"));
  EXPECT_EQ(index_.size(), before);
  EXPECT_EQ(Top(Person("Isabella", "Mensah", "2012-11-20")), 2U);
  // The old surname no longer agrees: weaker evidence (SRCH-2 still finds
  // the child by forename and date of birth).
  EXPECT_LT(weight_of_2(old_details), before_change - 5);
  EXPECT_TRUE(index_.Remove(2));
  EXPECT_FALSE(index_.Remove(2));
  EXPECT_EQ(index_.size(), before - 1);
  auto gone = index_.Search(Person("Isabella", "Mensah", "2012-11-20"), 10);
  ASSERT_TRUE(gone);
  for (const auto& h : *gone) EXPECT_NE(h.id, 2U);
  index_.Upsert(2, Person("Isabella", "Okafor", "2012-11-20", "LS6 2QT"));  // slot reused
  EXPECT_EQ(Top(Person("Isabella", "Okafor", "2012-11-20")), 2U);
}

// SRCH-1, FEED-3: a record changed again and again is found exactly as if
// it had been filed once as it now stands: a change that keeps some of its
// keys (a GP practice added) or moves all of them (a new surname and
// postcode) leaves nothing behind under the keys it no longer has.
TEST(SearchIndexRefile, ARefiledRecordIsFoundAsIfFiledOnce) {
  SearchIndex changed(&Nicknames(), MatchModel::Defaults());
  SearchIndex once(&Nicknames(), MatchModel::Defaults());
  std::mt19937_64 rng(11);
  std::vector<PersonDetails> now;
  for (std::uint64_t id = 0; id < 300; ++id) {
    now.push_back(
        Person(Numbered("Name", rng() % 40), Numbered("Surname", rng() % 60),
               Date(2012, 1 + static_cast<int>(rng() % 3), 1 + static_cast<int>(rng() % 5)).c_str(),
               "N1 9GU"));
    changed.Upsert(id, now.back());
  }
  for (int round = 0; round < 600; ++round) {
    const std::size_t i = rng() % now.size();
    PersonDetails& p = now[i];
    switch (rng() % 3) {
      case 0:  // every key kept
        p.gp_practice = Numbered("Practice", rng() % 5);
        break;
      case 1:  // some keys kept
        p.surname = Numbered("Surname", rng() % 60);
        p.postcode = rng() % 2 ? "LS6 2QT" : "N1 9GU";
        break;
      default:
        p.forenames = Numbered("Name", rng() % 40);
        break;
    }
    changed.Upsert(i, p);
  }
  for (std::size_t i = 0; i < now.size(); ++i) once.Upsert(i, now[i]);
  EXPECT_EQ(changed.postings(), once.postings()) << "every key filed once, none left behind";
  for (std::size_t i = 0; i < now.size(); i += 3) {
    SearchStats changed_stats;
    SearchStats once_stats;
    auto a = changed.Search(now[i], 20, &changed_stats);
    auto b = once.Search(now[i], 20, &once_stats);
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    // A slot left under a key it no longer has would be one more candidate.
    EXPECT_EQ(changed_stats.candidates, once_stats.candidates) << "search " << i;
    ASSERT_EQ(a->size(), b->size()) << "search " << i;
    for (std::size_t h = 0; h < a->size(); ++h) {
      EXPECT_EQ((*a)[h].id, (*b)[h].id);
      EXPECT_DOUBLE_EQ((*a)[h].weight, (*b)[h].weight);
    }
    EXPECT_FALSE(a->empty());
  }
}

TEST_F(SearchIndexTest, LimitsAndExplains) {
  auto one = index_.Search(Person("Alfred", "Smith", "2015-03-04"), 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1U);
  auto e = index_.Explain(Person("Alfie", "Smith", "2015-03-04"), 1);
  ASSERT_TRUE(e);
  ASSERT_FALSE(e->fields.empty());
  EXPECT_EQ(e->fields[0].field, Field::kForename);
  EXPECT_EQ(LevelName(Field::kForename, e->fields[0].level), "nickname");
  auto top = index_.Search(Person("Alfie", "Smith", "2015-03-04"), 1);
  ASSERT_TRUE(top);
  EXPECT_NEAR(e->field_weight, top->front().weight, 1e-6);
  EXPECT_FALSE(index_.Explain(Person("Alfie", "Smith", "2015-03-04"), 999999));
  EXPECT_GT(index_.MemoryBytes(), 0U);
}

// FEED-3: a row is weighed against its candidates as the explanation a
// data administrator reads would weigh it, against a filed record or
// against details given in its place; the guard's verdict comes with it,
// and with every search hit.
TEST_F(SearchIndexTest, FEED3_WeighsAsItExplains) {
  const PersonDetails query = Person("Alfie", "Smith", "2015-03-04", "N1 9GU", Gender::kMale);
  const PersonDetails moved = Person("Alfred", "Smith", "2015-03-04", "LS6 2QT", Gender::kMale);
  const std::vector<std::uint64_t> ids = {1, 3, 999999, 1};
  const std::vector<const PersonDetails*> details = {nullptr, nullptr, nullptr, &moved};
  const auto weighed = index_.Weigh(query, ids, details);
  ASSERT_EQ(weighed.size(), 4U);
  for (std::size_t i : {0U, 1U}) {
    auto why = index_.Explain(query, ids[i]);
    ASSERT_TRUE(why);
    ASSERT_TRUE(weighed[i]);
    EXPECT_DOUBLE_EQ(weighed[i]->field_weight, why->field_weight);
  }
  EXPECT_FALSE(weighed[0]->different_people);  // Alfie is Alfred
  EXPECT_TRUE(weighed[1]->different_people);   // Oliver, the same day: a brother
  EXPECT_FALSE(weighed[2]) << "no such record";
  ASSERT_TRUE(weighed[3]);
  EXPECT_DOUBLE_EQ(weighed[3]->field_weight, index_.ExplainAgainst(query, moved).field_weight);
  EXPECT_LT(weighed[3]->field_weight, weighed[0]->field_weight) << "the given details count";

  auto hits = index_.Search(query, 10);
  ASSERT_TRUE(hits);
  bool saw_brother = false;
  for (const SearchHit& h : *hits) {
    EXPECT_EQ(h.different_people, h.id == 3U);
    saw_brother = saw_brother || h.id == 3U;
  }
  EXPECT_TRUE(saw_brother);
}

// FEED-3: record linkage compares only records found under keys of at
// least two different rules of the row; a practitioner's search compares
// every record any key finds.
TEST_F(SearchIndexTest, DemandsLimitWhatIsCompared) {
  const PersonDetails query = Person("Alfred", "Smith", "2015-03-04", "N1 9GU");
  auto found = index_.Search(query, 10);
  auto demanded = index_.Search(query, 10, nullptr, {.min_rules = 2});
  ASSERT_TRUE(found);
  ASSERT_TRUE(demanded);
  ASSERT_FALSE(demanded->empty());
  EXPECT_EQ(demanded->front().id, 1U);
  // Another child at the same postcode shares one rule only: found, but
  // not compared when two are demanded.
  PersonDetails stranger = Person("Zebedee", "Quillfeather", "2011-01-01", "LS6 2QT");
  SearchStats all, linkage;
  auto any = index_.Search(stranger, 10, &all);
  auto two_rules = index_.Search(stranger, 10, &linkage, {.min_rules = 2});
  ASSERT_TRUE(any);
  ASSERT_TRUE(two_rules);
  // The largest block only marks what the others found: a record under it
  // alone is never even a candidate.
  EXPECT_LT(linkage.candidates, all.candidates);
  EXPECT_GE(all.compared, 1U);
  EXPECT_EQ(linkage.compared, 0U);
  EXPECT_TRUE(two_rules->empty());
  // Every record found qualifies when one rule will do; none found for the
  // stranger is under two of its rules.
  EXPECT_EQ(all.qualified, all.candidates);
  EXPECT_EQ(linkage.qualified, 0U);
  // Alfred's own record is under his date of birth, his names and his
  // postcode: it qualifies however many rules up to those are demanded.
  SearchStats three_rules, too_many_rules;
  auto three = index_.Search(query, 10, &three_rules, {.min_rules = 3});
  auto ten = index_.Search(query, 10, &too_many_rules, {.min_rules = kBlockingRuleCount + 1});
  ASSERT_TRUE(three);
  ASSERT_TRUE(ten);
  ASSERT_FALSE(three->empty());
  EXPECT_EQ(three->front().id, 1U);
  EXPECT_GE(three_rules.qualified, 1U);
  EXPECT_TRUE(ten->empty());
  EXPECT_EQ(too_many_rules.qualified, 0U);
  // A floor on the weight: a brother's evidence falls short of his.
  auto strong = index_.Search(query, 10, nullptr, {.min_weight = (*found)[0].weight - 0.001});
  ASSERT_TRUE(strong);
  ASSERT_EQ(strong->size(), 1U);
  EXPECT_EQ(strong->front().id, 1U);
}

// SRCH-3: a hit near the best needs only the evidence that would do in a
// register of options.floor_register records. In a larger register each of
// many namesakes is unlikely to be the child sought, yet each fits what was
// asked as well as the best and is returned, to count towards the result
// limit; a hit far behind the best is not.
TEST_F(SearchIndexTest, TheFloorStopsRisingWithTheRegisterNearTheBest) {
  SearchOptions rising;
  rising.min_probability = 0.99;
  SearchOptions capped = rising;
  capped.floor_register = 10;
  SearchIndex whole(&Nicknames(), MatchModel::Defaults(), rising);
  SearchIndex held(&Nicknames(), MatchModel::Defaults(), capped);
  std::mt19937_64 rng(5);
  for (SearchIndex* index : {&whole, &held}) {
    index->Upsert(2, Person("Isabella", "Okafor", "2012-11-20", "LS6 2QT", Gender::kFemale));
    index->Upsert(3, Person("Chidi", "Okafor", "2012-05-01", "M14 5RB", Gender::kMale));
    index->Upsert(4, Person("Isabella", "Okafor", "2012-03-09", "M14 5RB", Gender::kFemale));
    for (std::uint64_t id = 100; id < 2100; ++id) {
      index->Upsert(id,
                    Person(Numbered("Name", rng() % 500), Numbered("Surname", rng() % 900),
                           Date(2010 + static_cast<int>(rng() % 9), 1 + static_cast<int>(rng() % 9),
                                10 + static_cast<int>(rng() % 9))
                               .c_str()));
    }
  }
  // A surname and a year: some evidence, far from certainty among 2,001.
  const PersonDetails query = Person("", "Okafor", "2012");
  auto in_whole = whole.Search(query, 10);
  auto in_held = held.Search(query, 10);
  ASSERT_TRUE(in_whole);
  ASSERT_TRUE(in_held);
  EXPECT_TRUE(in_whole->empty());
  ASSERT_EQ(in_held->size(), 3U);  // the three Okafors born in 2012, alike
  EXPECT_NEAR((*in_held)[0].weight, (*in_held)[1].weight, 1.0);
  // Their probability is still that in the whole register.
  EXPECT_LT(in_held->front().probability, 0.99);
  // Isabella in full: her namesake born in March, far behind her, is not
  // returned, though in a register of floor_register records she would be.
  auto isabella =
      held.Search(Person("Isabella", "Okafor", "2012-11-20", "LS6 2QT", Gender::kFemale), 10);
  ASSERT_TRUE(isabella);
  ASSERT_EQ(isabella->size(), 1U);
  EXPECT_EQ(isabella->front().id, 2U);
  EXPECT_TRUE(isabella->front().near_best);
  // Asked for, she is returned after the best, marked as behind it.
  SearchDemands behind;
  behind.keep_behind_best = true;
  auto with_behind = held.Search(
      Person("Isabella", "Okafor", "2012-11-20", "LS6 2QT", Gender::kFemale), 10, nullptr, behind);
  ASSERT_TRUE(with_behind);
  ASSERT_EQ(with_behind->size(), 2U);
  EXPECT_EQ((*with_behind)[0].id, 2U);
  EXPECT_TRUE((*with_behind)[0].near_best);
  EXPECT_EQ((*with_behind)[1].id, 4U);
  EXPECT_FALSE((*with_behind)[1].near_best);
  // A register judged at its own size has no lower floor near the best,
  // so nothing behind the best to return.
  auto in_whole_behind = whole.Search(
      Person("Isabella", "Okafor", "2012-11-20", "LS6 2QT", Gender::kFemale), 10, nullptr, behind);
  ASSERT_TRUE(in_whole_behind);
  ASSERT_EQ(in_whole_behind->size(), 1U);
  // A register no larger than floor_register is judged at its own size.
  SearchIndex small(&Nicknames(), MatchModel::Defaults(), capped);
  small.Upsert(2, Person("Isabella", "Okafor", "2012-11-20", "LS6 2QT", Gender::kFemale));
  auto in_small = small.Search(query, 10);
  ASSERT_TRUE(in_small);
  ASSERT_EQ(in_small->size(), 1U);
  EXPECT_GE(in_small->front().probability, 0.99);
}

TEST_F(SearchIndexTest, ConcurrentSearchesAndUpdates) {
  std::thread writer([this] {
    for (std::uint64_t id = 5000; id < 5200; ++id) {
      index_.Upsert(id, Person("Writer", "Thread", "2013-01-01"));
      if (id % 2 == 0) index_.Remove(id);
    }
  });
  for (int i = 0; i < 200; ++i) EXPECT_EQ(Top(Person("Alfred", "Smith", "2015-03-04")), 1U);
  writer.join();
  EXPECT_EQ(index_.size(), 2004U + 100U);
}

// The bound a search prunes with never undercounts the real weight.
TEST(SearchQuery, UpperBoundIsNeverBelowTheWeight) {
  std::mt19937_64 rng(9);
  const std::vector<std::string> forenames = {"oliver", "olly",     "olivia", "amelia",
                                              "millie", "mary ann", "ann",    "j",
                                              "jack",   "john",     "smith"};
  const std::vector<std::string> surnames = {"smith", "smyth",  "schmidt", "smith-jones",
                                             "jones", "oliver", "king",    ""};
  const std::vector<std::string> dates = {
      "2015-03-04", "2015-04-03", "2015-03-05", "2015", "2015-03", "2011-01-01", ""};
  auto random_person = [&] {
    // The same unit, sector, district or area, or another area; or none.
    const std::vector<std::string> postcodes = {"N1 9GU",  "N1 9GB",  "N1 8AA", "N7 6PA",
                                                "NW1 2DB", "LS6 2QT", ""};
    PersonDetails d =
        Person(forenames[rng() % forenames.size()], surnames[rng() % surnames.size()],
               dates[rng() % dates.size()].c_str(), postcodes[rng() % postcodes.size()].c_str(),
               static_cast<Gender>(rng() % 3));
    if (rng() % 3 == 0) d.other_surnames = {surnames[rng() % surnames.size()]};
    if (rng() % 3 == 0) d.middle_names = forenames[rng() % forenames.size()];
    // Organisations by name, by code or both (compared by code where both
    // sides give one), and address parts that count only in some company.
    const std::vector<std::string> schools = {"", "Abbey School", "Abbey Scool", "Hill School"};
    const std::vector<std::string> codes = {"", "100001", "100002"};
    d.school = schools[rng() % schools.size()];
    d.school_code = codes[rng() % codes.size()];
    d.gp_practice = schools[rng() % schools.size()];
    d.gp_practice_code = codes[rng() % codes.size()];
    const std::vector<std::string> streets = {"", "12 Church Road", "12 Church Rd", "7 Mill Lane"};
    const std::vector<std::string> towns = {"", "Leeds", "York"};
    const std::vector<std::string> flats = {"", "Flat 2", "Church Road"};
    const std::vector<std::string> carers = {"", "Sarah Smith", "Sara Smith", "David Jones"};
    d.address_line1 = streets[rng() % streets.size()];
    d.address_line2 = flats[rng() % flats.size()];
    d.town = towns[rng() % towns.size()];
    d.carer_name = carers[rng() % carers.size()];
    return d;
  };
  TextPool pool(&Nicknames());
  TermFrequencies frequencies;
  std::vector<MatchRecord> records;
  for (int i = 0; i < 300; ++i) {
    records.push_back(PrepareRecord(random_person(), pool));
    frequencies.Add(records.back());
  }
  const MatchModel model = MatchModel::Defaults();
  for (int q = 0; q < 100; ++q) {
    const SearchQuery query(random_person(), &Nicknames(), pool, frequencies, model, kAllRules, 8);
    for (const MatchRecord& r : records) {
      const ComparisonVector cv = CompareRecords(query.view(), {&r, &pool});
      const double weight = MatchWeight(model, cv, frequencies.AdjustmentsFor(model, r));
      ASSERT_GE(query.UpperBound(r, -1e9) + 1e-4, weight);
    }
  }
}

// SRCH-1, FEED-4: a search and a row's linkage find the same records with
// the finer bound. A namesake born the same day who lives elsewhere, with
// another carer and GP practice, is a common candidate in a register of
// millions. The bound looks at where each lives and who looks after them
// before the search compares the two in full: what it then gives is what
// the comparison weighs, far below what the record alone promised.
TEST(SearchQuery, UpperBoundWeighsWhereAChildLivesBeforeAFullComparison) {
  TextPool pool(&Nicknames());
  TermFrequencies frequencies;
  PersonDetails elsewhere = Person("Oliver", "Smith", "2015-03-04", "LS6 2QT", Gender::kMale);
  elsewhere.address_line1 = "7 Mill Lane";
  elsewhere.town = "Leeds";
  elsewhere.carer_name = "David Jones";
  elsewhere.gp_practice = "Hill Surgery";
  const MatchRecord r = PrepareRecord(elsewhere, pool);
  frequencies.Add(r);
  for (int i = 0; i < 50; ++i) {
    frequencies.Add(PrepareRecord(
        Person(Numbered("Name", i), Numbered("Surname", i), "2012-01-01", "B1 1AA"), pool));
  }
  PersonDetails sought = Person("Oliver", "Smith", "2015-03-04", "N1 9GU", Gender::kMale);
  sought.address_line1 = "12 Church Road";
  sought.town = "London";
  sought.carer_name = "Sarah Smith";
  sought.gp_practice = "Abbey Practice";
  const MatchModel model = MatchModel::Defaults();
  const SearchQuery query(sought, &Nicknames(), pool, frequencies, model, kAllRules, 8);
  const double weight = MatchWeight(model, CompareRecords(query.view(), {&r, &pool}),
                                    frequencies.AdjustmentsFor(model, r));
  const double cheap = query.UpperBound(r, std::numeric_limits<double>::infinity());
  const double refined = query.UpperBound(r, -1e9);
  EXPECT_NEAR(refined, weight, 1e-3);
  EXPECT_GT(cheap, weight + 10);  // the partial agreements the record alone allowed
  // A search needing more than the weight skips the record on its bound.
  EXPECT_LT(query.UpperBound(r, weight + 1), weight + 1);
}

}  // namespace
}  // namespace cp::match
