// Record linkage end to end: deduplicating one file and linking two, on
// synthetic children and on the FEBRL benchmark files (G 4.51: data
// matching is done automatically as far as possible).

#include "match/linker.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "match/record_file.h"
#include "people.h"

namespace cp::match {
namespace {

using testing_support::Nicknames;
using testing_support::Numbered;
using testing_support::Person;

struct Scores {
  double precision = 0;
  double recall = 0;
  double f1() const { return 2 * precision * recall / (precision + recall); }
};

// Pairwise precision and recall of `cluster_of` against `truth`.
Scores Score(const std::vector<std::uint32_t>& cluster_of, const std::vector<int>& truth) {
  std::size_t tp = 0;
  std::size_t predicted = 0;
  std::size_t actual = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    for (std::size_t j = i + 1; j < truth.size(); ++j) {
      const bool same_cluster = cluster_of[i] == cluster_of[j];
      const bool same_person = truth[i] == truth[j];
      tp += same_cluster && same_person;
      predicted += same_cluster;
      actual += same_person;
    }
  }
  return {predicted ? static_cast<double>(tp) / static_cast<double>(predicted) : 1.0,
          actual ? static_cast<double>(tp) / static_cast<double>(actual) : 1.0};
}

LinkOptions FastOptions() {
  LinkOptions o;
  o.random_pairs = 60000;
  return o;
}

// Synthetic source records of children: each child once or several times,
// with the slips SRCH-2 names, and pairs of twins that must stay apart.
TEST(Linkage, DeduplicatesChildrenWithoutJoiningTwins) {
  std::mt19937_64 rng(11);
  const std::vector<std::string> forenames = {"Oliver", "Amelia", "Harry",  "Isla",    "Jack",
                                              "Ava",    "George", "Mia",    "Noah",    "Ivy",
                                              "Leo",    "Freya",  "Arthur", "Lily",    "Muhammad",
                                              "Grace",  "Oscar",  "Evie",   "Charlie", "Sophia"};
  const std::vector<std::string> surnames = {"Smith",  "Jones",   "Taylor", "Brown",  "Williams",
                                             "Wilson", "Johnson", "Davies", "Patel",  "Khan",
                                             "Wright", "Walker",  "Evans",  "Thomas", "Roberts",
                                             "Okafor", "Nowak",   "Hughes", "Green",  "Hall"};
  std::vector<PersonDetails> records;
  std::vector<int> truth;
  for (int child = 0; child < 400; ++child) {
    PersonDetails base =
        Person(forenames[rng() % forenames.size()], surnames[rng() % surnames.size()], nullptr);
    base.birth_date =
        *BirthDate::FromParts(2006 + static_cast<int>(rng() % 18), 1 + static_cast<int>(rng() % 12),
                              1 + static_cast<int>(rng() % 28));
    base.postcode = Numbered("N", 1 + rng() % 20);
    base.postcode.append(Numbered(" ", rng() % 10)).append("AB");
    base.address_line1 = std::to_string(1 + rng() % 90) + " High Street";
    const int copies = 1 + static_cast<int>(rng() % 3);
    for (int c = 0; c < copies; ++c) {
      PersonDetails d = base;
      switch (rng() % 5) {
        case 0:
          if (d.forenames == "Oliver") d.forenames = "Ollie";
          if (d.forenames == "Harry") d.forenames = "Henry";
          break;
        case 1:
          std::swap(d.surname[1], d.surname[2]);
          break;
        case 2:
          if (d.birth_date.day() <= 12) {
            d.birth_date = *BirthDate::FromParts(d.birth_date.year(), d.birth_date.day(),
                                                 d.birth_date.month());
          }
          break;
        case 3:
          d.postcode.clear();
          break;
        default:
          break;
      }
      records.push_back(d);
      truth.push_back(child);
    }
    if (child % 20 == 0) {  // a twin: same everything but the forename
      PersonDetails twin = base;
      twin.forenames = base.forenames == "Sophia" ? "Grace" : "Sophia";
      records.push_back(twin);
      truth.push_back(10000 + child);
    }
  }
  auto run = Linkage::Dedupe(records, &Nicknames(), FastOptions());
  ASSERT_TRUE(run);
  const Scores s = Score(run->cluster_of(), truth);
  for (const auto& m : run->matches()) {
    if (truth[m.a] != truth[m.b]) {
      ADD_FAILURE() << "joined two children:\n" << RenderExplanation(run->ExplainPair(m.a, m.b));
    }
  }
  EXPECT_EQ(s.precision, 1.0);  // no two children joined, twins included
  EXPECT_GT(s.recall, 0.95);
  EXPECT_EQ(run->stats().records, records.size());
  EXPECT_LT(run->stats().candidate_pairs, records.size() * records.size() / 10);
  EXPECT_GT(run->stats().pairs_guarded, 0U);
  EXPECT_FALSE(run->sessions().empty());
}

// The entity of a FEBRL id: N in rec-N-org and rec-N-dup-K.
std::vector<int> FebrlEntities(const std::vector<std::string>& ids) {
  std::vector<int> out;
  for (const auto& id : ids) {
    EXPECT_EQ(id.rfind("rec-", 0), 0U) << id;
    out.push_back(std::stoi(id.substr(4)));
  }
  return out;
}

const char* kFebrlMap =
    "first_name=given_name,surname=surname,street_number=street_number,address_1=address_1,"
    "address_2=address_2,town=suburb,postcode=postcode,dob=date_of_birth,identifier=soc_sec_id";

TEST(Linkage, Febrl1DeduplicationIsAccurate) {
  auto file = ReadRecordFile(std::string(CP_SHARED_DATA_DIR) + "/linkage/febrl_dataset1.csv",
                             "rec_id", kFebrlMap);
  ASSERT_TRUE(file);
  ASSERT_EQ(file->records.size(), 1000U);
  auto run = Linkage::Dedupe(file->records, &Nicknames(), FastOptions());
  ASSERT_TRUE(run);
  const Scores s = Score(run->cluster_of(), FebrlEntities(file->ids));
  EXPECT_GT(s.f1(), 0.98) << "precision " << s.precision << " recall " << s.recall;
}

TEST(Linkage, Febrl4LinksTwoFilesOneToOne) {
  const std::string dir = std::string(CP_SHARED_DATA_DIR) + "/linkage/";
  auto a = ReadRecordFile(dir + "febrl_dataset4a.csv", "rec_id", kFebrlMap);
  auto b = ReadRecordFile(dir + "febrl_dataset4b.csv", "rec_id", kFebrlMap);
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  LinkOptions options = FastOptions();
  options.keep_candidates = true;
  auto run = Linkage::Link(a->records, b->records, &Nicknames(), options);
  ASSERT_TRUE(run);
  std::vector<std::string> ids = a->ids;
  ids.insert(ids.end(), b->ids.begin(), b->ids.end());
  const auto truth = FebrlEntities(ids);
  const Scores s = Score(run->cluster_of(), truth);
  EXPECT_GT(s.f1(), 0.98) << "precision " << s.precision << " recall " << s.recall;
  // Each record has at most one partner, always in the other file.
  std::map<std::uint32_t, int> size;
  for (auto c : run->cluster_of()) ++size[c];
  for (const auto& [c, n] : size) EXPECT_LE(n, 2);
  for (const auto& m : run->matches()) {
    EXPECT_LT(m.a, a->records.size());
    EXPECT_GE(m.b, a->records.size());
  }
  // Blocking keeps nearly every true pair.
  std::size_t kept = 0;
  for (const auto& c : run->candidates()) kept += truth[c.a] == truth[c.b];
  EXPECT_GE(static_cast<double>(kept) / 5000.0, 0.995);
  // Every match explains itself.
  const auto& first = run->matches().front();
  const Explanation e = run->ExplainPair(first.a, first.b);
  EXPECT_NEAR(e.probability, first.probability, 1e-6);
  EXPECT_FALSE(e.fields.empty());
}

TEST(Linkage, CopesWithEmptyAndTinyInputs) {
  auto none = Linkage::Dedupe({}, &Nicknames(), FastOptions());
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->cluster_of().empty());
  auto one = Linkage::Dedupe({Person("Ann", "Lee", "2012-01-01")}, &Nicknames(), FastOptions());
  ASSERT_TRUE(one);
  EXPECT_EQ(one->stats().clusters, 1U);
  auto two = Linkage::Dedupe({Person("Ann", "Lee", "2012-01-01", "N1 9GU"),
                              Person("Annie", "Lee", "2012-01-01", "N1 9GU")},
                             &Nicknames(), FastOptions());
  ASSERT_TRUE(two);
  EXPECT_EQ(two->stats().clusters, 1U);
  // The default model alone, without estimation, reaches the same answer.
  LinkOptions defaults_only = FastOptions();
  defaults_only.estimate = false;
  auto fixed = Linkage::Dedupe(
      {Person("Ann", "Lee", "2012-01-01", "N1 9GU"), Person("Annie", "Lee", "2012-01-01", "N1 9GU"),
       Person("Zainab", "Begum", "2009-11-30", "M1 1AE")},
      &Nicknames(), defaults_only);
  ASSERT_TRUE(fixed);
  EXPECT_EQ(fixed->stats().clusters, 2U);
  EXPECT_TRUE(fixed->sessions().empty());
}

}  // namespace
}  // namespace cp::match
