// The repository suite: runs unchanged on SQLite and on PostgreSQL (ctest
// runs this binary once per engine), so SQL that diverges fails on one.

#include "store/child_repository.h"

#include <gtest/gtest.h>

#include <functional>

#include "store/match_rows.h"
#include "store/reference_repository.h"
#include "support/sample_child.h"
#include "support/test_db.h"

namespace cp::store {
namespace {

using cp::testing::SampleChild;
using cp::testing::TestDatabase;

class ChildRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = tdb_.Conn();
    ASSERT_TRUE(ReferenceRepository(*conn).SeedLocalAuthorities());
  }
  Result<core::ChildId> InsertInTx(core::Child& child) {
    auto conn = tdb_.Conn();
    Transaction tx(*conn, TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(auto id, ChildRepository(*conn).Insert(child));
    CP_TRY(tx.Commit());
    return id;
  }
  TestDatabase tdb_;
};

// REC-1 … REC-10: every item of the record survives storage unchanged.
TEST_F(ChildRepositoryTest, RoundTripsEveryItemOfTheRecord) {
  core::Child child = SampleChild(1);
  auto id = InsertInTx(child);
  ASSERT_TRUE(id) << id.error().message;
  auto conn = tdb_.Conn();
  auto loaded = ChildRepository(*conn).Get(*id);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->uin, child.uin);
  EXPECT_EQ(loaded->forenames, child.forenames);
  EXPECT_EQ(loaded->surname, child.surname);
  EXPECT_EQ(loaded->known_as_surname, child.known_as_surname);
  EXPECT_EQ(loaded->other_names, child.other_names);
  EXPECT_EQ(loaded->address, child.address);
  EXPECT_EQ(loaded->gender, child.gender);
  EXPECT_EQ(loaded->date_of_birth, child.date_of_birth);
  EXPECT_EQ(loaded->parents_carers, child.parents_carers);  // REC-2
  EXPECT_EQ(loaded->education_setting, child.education_setting);
  EXPECT_EQ(loaded->school, child.school);  // REC-3
  EXPECT_EQ(loaded->gp_practice, child.gp_practice);
  EXPECT_EQ(loaded->school_nurse, child.school_nurse);
  EXPECT_FALSE(loaded->midwife.has_value());
  ASSERT_EQ(loaded->involvements.size(), 2u);  // REC-4
  EXPECT_EQ(loaded->involvements[1].ceased_date, child.involvements[1].ceased_date);
  EXPECT_EQ(loaded->involvements[1].retention_end, child.involvements[1].retention_end);
  EXPECT_EQ(loaded->involvements[0].source, child.involvements[0].source);  // REC-8
  EXPECT_EQ(loaded->caf_holder, child.caf_holder);                          // REC-6
  EXPECT_EQ(loaded->lead_professional, child.lead_professional);            // REC-7
  EXPECT_EQ(loaded->disputes, child.disputes);                              // REC-10
  EXPECT_EQ(loaded->provenance, child.provenance);                          // REC-8
  EXPECT_EQ(loaded->la_code, "E08000035");                                  // REC-12
}

// FEED-3: the search index reads, at start-up, what an import files from a
// record in memory: the same details, the school's and GP practice's codes
// among them (matching compares organisations by code).
TEST_F(ChildRepositoryTest, FEED3_TheIndexReadsWhatTheRecordSays) {
  core::Child child = SampleChild(1);
  auto id = InsertInTx(child);
  ASSERT_TRUE(id) << id.error().message;
  child.id = *id;
  auto conn = tdb_.Conn();
  auto read = ReadMatchRow(*conn, *id);
  ASSERT_TRUE(read && *read) << (read ? "not found" : read.error().message);
  const MatchRow& stored = **read;
  const MatchRow held = MatchRowOf(child);
  EXPECT_EQ(stored.forenames, held.forenames);
  EXPECT_EQ(stored.surname, held.surname);
  EXPECT_EQ(stored.other_surnames, held.other_surnames);
  EXPECT_EQ(stored.date_of_birth, held.date_of_birth);
  EXPECT_EQ(stored.postcode, held.postcode);
  EXPECT_EQ(stored.address_line1, held.address_line1);
  EXPECT_EQ(stored.town, held.town);
  EXPECT_EQ(stored.school, held.school);
  EXPECT_EQ(stored.gp_practice, held.gp_practice);
  EXPECT_EQ(stored.carer_name, held.carer_name);
  EXPECT_EQ(stored.school_code, "107912");
  EXPECT_EQ(stored.gp_practice_code, "B86010");
  EXPECT_EQ(held.school_code, "107912");
  EXPECT_EQ(held.gp_practice_code, "B86010");
}

// SENS-2: the consent (who, when, how, renewal) and a public-interest
// justification are stored with the involvement and read back unchanged.
TEST_F(ChildRepositoryTest, RoundTripsTheBasisOfASensitiveInvolvement) {
  core::Child child = SampleChild(3);
  child.involvements.push_back(cp::testing::SensitiveInvolvement("camhs", "Leeds CAMHS"));
  core::Involvement harm = cp::testing::SensitiveInvolvement("substance_misuse", "Forward Leeds");
  harm.consent.reset();
  harm.public_interest = "Reasonable cause to suspect significant harm";
  child.involvements.push_back(harm);
  auto id = InsertInTx(child);
  ASSERT_TRUE(id) << id.error().message;
  auto conn = tdb_.Conn();
  auto loaded = ChildRepository(*conn).Get(*id);
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->involvements.size(), 4u);
  EXPECT_EQ(loaded->involvements[2].consent, child.involvements[2].consent);
  EXPECT_TRUE(loaded->involvements[2].public_interest.empty());
  EXPECT_FALSE(loaded->involvements[3].consent.has_value());
  EXPECT_EQ(loaded->involvements[3].public_interest, harm.public_interest);
}

// SENS-2: the store itself refuses a sensitive involvement with neither
// basis, on insert and when added later, whichever path wrote it; the
// transaction leaves nothing behind.
TEST_F(ChildRepositoryTest, StoreRefusesASensitiveInvolvementWithoutBasis) {
  core::Child child = SampleChild(4);
  core::Involvement bare = cp::testing::SensitiveInvolvement("sexual_health", "Clinic");
  bare.consent.reset();
  child.involvements.push_back(bare);
  EXPECT_FALSE(InsertInTx(child));
  auto conn = tdb_.Conn();
  EXPECT_EQ(*ChildRepository(*conn).Count(), 0);

  core::Child plain = SampleChild(5);
  auto id = InsertInTx(plain);
  ASSERT_TRUE(id);
  EXPECT_FALSE(ChildRepository(*conn).AddInvolvement(*id, bare, 1800));
  auto loaded = ChildRepository(*conn).Get(*id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->involvements.size(), 2u);
}

// SENS-3, ARC-8: an archived involvement leaves the record at once, stays
// stored, and moves the record's version on so an older copy cannot write
// it back.
TEST_F(ChildRepositoryTest, ArchivedInvolvementLeavesTheRecord) {
  core::Child child = SampleChild(6);
  child.involvements.push_back(cp::testing::SensitiveInvolvement("camhs", "Leeds CAMHS"));
  auto id = InsertInTx(child);
  ASSERT_TRUE(id);
  auto conn = tdb_.Conn();
  ChildRepository repo(*conn);
  auto before = repo.Get(*id);
  ASSERT_TRUE(before);
  const std::int64_t sensitive = before->involvements[2].id;
  const std::int64_t version = *repo.Version(*id);
  ASSERT_TRUE(repo.ArchiveInvolvement(*id, sensitive, "consent_withdrawn", 1900));
  auto after = repo.Get(*id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->involvements.size(), 2u);
  for (const auto& inv : after->involvements) EXPECT_NE(inv.id, sensitive);
  EXPECT_EQ(*repo.Version(*id), version + 1);
  EXPECT_FALSE(repo.Replace(*before, version));  // the stale copy is a Conflict
  EXPECT_EQ(repo.ArchiveInvolvement(*id, sensitive, "consent_withdrawn", 1901).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(repo.ArchiveInvolvement(*id + 1, before->involvements[0].id, "x", 1901).error().code,
            ErrorCode::kNotFound);
}

// SENS-2: consents due for renewal in an LA, soonest first.
TEST_F(ChildRepositoryTest, ListsConsentsDueForRenewal) {
  core::Child child = SampleChild(7);
  child.involvements.push_back(cp::testing::SensitiveInvolvement("camhs", "Leeds CAMHS"));
  auto id = InsertInTx(child);
  ASSERT_TRUE(id);
  auto conn = tdb_.Conn();
  ChildRepository repo(*conn);
  const Date due = child.involvements[2].consent->renewal_due;
  auto none = repo.ConsentRenewalsDue("E08000035", due.AddDays(-1), 10);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto rows = repo.ConsentRenewalsDue("E08000035", due, 10);
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].child_id, *id);
  EXPECT_EQ((*rows)[0].renewal_due, due);
  auto elsewhere = repo.ConsentRenewalsDue("E08000032", due, 10);
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
}

TEST_F(ChildRepositoryTest, RecordsDeathAndRegistrarConfirmation) {  // REC-1
  core::Child child = SampleChild(2);
  child.date_of_death = *Date::ParseIso("2026-10-01");
  child.death_confirmed_by_registrar = true;
  auto id = InsertInTx(child);
  ASSERT_TRUE(id);
  auto conn = tdb_.Conn();
  auto loaded = ChildRepository(*conn).Get(*id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->date_of_death, child.date_of_death);
  EXPECT_TRUE(loaded->death_confirmed_by_registrar);
}

TEST_F(ChildRepositoryTest, DuplicateUinIsAConflictOnEitherEngine) {
  core::Child a = SampleChild(3);
  core::Child b = SampleChild(3);
  ASSERT_TRUE(InsertInTx(a));
  auto second = InsertInTx(b);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict) << second.error().message;
}

TEST_F(ChildRepositoryTest, FailedTransactionLeavesNothingBehind) {
  auto conn = tdb_.Conn();
  {
    Transaction tx(*conn, TxMode::kWrite);
    ASSERT_TRUE(tx.Begin());
    core::Child a = SampleChild(4);
    ASSERT_TRUE(ChildRepository(*conn).Insert(a));
    core::Child clash = SampleChild(4);  // same UIN: fails mid-transaction
    auto failed = ChildRepository(*conn).Insert(clash);
    ASSERT_FALSE(failed);
    // tx goes out of scope without Commit: everything is rolled back.
  }
  auto count = ChildRepository(*conn).Count();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0);
  auto names = conn->Prepare("SELECT COUNT(*) FROM parent_carer");
  ASSERT_TRUE(names);
  ASSERT_TRUE((*names)->Step());
  EXPECT_EQ((*names)->Int(0), 0);
}

TEST_F(ChildRepositoryTest, FindsBySurnameAndDobIgnoringCase) {
  core::Child child = SampleChild(5);
  ASSERT_TRUE(InsertInTx(child));
  auto conn = tdb_.Conn();
  auto ids = ChildRepository(*conn).FindBySurnameAndDob("OKAFOR-SMITH", child.date_of_birth, 11);
  ASSERT_TRUE(ids);
  ASSERT_EQ(ids->size(), 1u);
  EXPECT_EQ(ids->front(), child.id);
  auto none = ChildRepository(*conn).FindBySurnameAndDob("Okafor", child.date_of_birth, 11);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(ChildRepositoryTest, FindsByUin) {
  core::Child child = SampleChild(6);
  ASSERT_TRUE(InsertInTx(child));
  auto conn = tdb_.Conn();
  auto found = ChildRepository(*conn).FindIdByUin(child.uin);
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, child.id);
  auto missing = ChildRepository(*conn).FindIdByUin(core::Uin::FromSequence(999999));
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(ChildRepositoryTest, ReplaceUpdatesTheBestViewAndRefusesAStaleVersion) {
  core::Child child = SampleChild(7);
  ASSERT_TRUE(InsertInTx(child));
  auto conn = tdb_.Conn();
  ChildRepository repo(*conn);
  child.address.postcode = "LS1 4AP";
  child.parents_carers.pop_back();
  child.involvements.clear();
  {
    Transaction tx(*conn, TxMode::kWrite);
    ASSERT_TRUE(tx.Begin());
    auto s = repo.Replace(child, 1);
    ASSERT_TRUE(s) << s.error().message;
    ASSERT_TRUE(tx.Commit());
  }
  auto loaded = repo.Get(child.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->address.postcode, "LS1 4AP");
  EXPECT_EQ(loaded->parents_carers.size(), 1u);
  EXPECT_TRUE(loaded->involvements.empty());
  EXPECT_EQ(*repo.Version(child.id), 2);
  auto stale = repo.Replace(child, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
}

// FEED-4: a rebuilt best view writes only what changed; what it writes,
// including a value cleared to none, reads back, and the version moves on.
TEST_F(ChildRepositoryTest, ReplaceChangedWritesWhatDiffersFromTheStoredRecord) {
  core::Child child = SampleChild(8);
  child.date_of_death = *Date::ParseIso("2026-10-01");
  ASSERT_TRUE(InsertInTx(child));
  auto conn = tdb_.Conn();
  ChildRepository repo(*conn);
  auto stored = repo.Get(child.id);
  ASSERT_TRUE(stored);
  core::Child best = *stored;
  best.surname = "Okafor-Reid";
  best.date_of_death.reset();
  best.address.postcode = "LS1 4AP";
  best.updated_at = stored->updated_at + 60;
  {
    Transaction tx(*conn, TxMode::kWrite);
    ASSERT_TRUE(tx.Begin());
    auto s = repo.ReplaceChanged(best, 1, *stored);
    ASSERT_TRUE(s) << s.error().message;
    ASSERT_TRUE(tx.Commit());
  }
  auto loaded = repo.Get(child.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->surname, "Okafor-Reid");
  EXPECT_FALSE(loaded->date_of_death.has_value());
  EXPECT_EQ(loaded->address.postcode, "LS1 4AP");
  EXPECT_EQ(loaded->forenames, stored->forenames);
  EXPECT_EQ(loaded->updated_at, best.updated_at);
  EXPECT_EQ(*repo.Version(child.id), 2);
  // The surname's search column moved with it.
  auto found = repo.FindBySurnameAndDob("OKAFOR-REID", child.date_of_birth, 5);
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, std::vector<core::ChildId>{child.id});
  auto stale = repo.ReplaceChanged(best, 1, *stored);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
}

// FEED-4, REC-2, REC-3: a rebuilt best view rewrites parents and carers from
// the first that changed and universal services kind by kind. What reads
// back is the new record whichever way its lists changed, and the carers
// before the first that changed keep their rows.
TEST_F(ChildRepositoryTest, ReplaceChangedRewritesOnlyTheCarersAndServicesThatChanged) {
  core::Child child = SampleChild(9);
  ASSERT_TRUE(InsertInTx(child));
  auto conn = tdb_.Conn();
  ChildRepository repo(*conn);
  auto row_ids = [&](const std::string& sql) {
    std::vector<std::int64_t> ids;
    auto st = conn->Prepare(sql);
    EXPECT_TRUE(st);
    if (!st) return ids;
    Bind(*st, child.id);
    for (auto row = (*st)->Step(); row && *row; row = (*st)->Step()) ids.push_back((*st)->Int(0));
    return ids;
  };
  auto carer_rows = [&] {
    return row_ids("SELECT id FROM parent_carer WHERE child_id = $1 ORDER BY position");
  };
  // Each step rebuilds from the record as stored and checks what reads back.
  std::int64_t version = 1;
  auto rebuild = [&](const std::function<void(core::Child&)>& change) -> core::Child {
    auto stored = repo.Get(child.id);
    EXPECT_TRUE(stored);
    core::Child best = *stored;
    change(best);
    Transaction tx(*conn, TxMode::kWrite);
    EXPECT_TRUE(tx.Begin());
    auto s = repo.ReplaceChanged(best, version++, *stored);
    EXPECT_TRUE(s) << s.error().message;
    EXPECT_TRUE(tx.Commit());
    auto loaded = repo.Get(child.id);
    EXPECT_TRUE(loaded);
    EXPECT_EQ(loaded->parents_carers, best.parents_carers);
    EXPECT_EQ(loaded->school, best.school);
    EXPECT_EQ(loaded->gp_practice, best.gp_practice);
    EXPECT_EQ(loaded->midwife, best.midwife);
    EXPECT_EQ(loaded->health_visitor, best.health_visitor);
    EXPECT_EQ(loaded->school_nurse, best.school_nurse);
    return *loaded;
  };
  const auto carers_before = carer_rows();
  ASSERT_EQ(carers_before.size(), 2u);

  // A source adds a carer and a health visitor, changes the GP and drops
  // the school nurse.
  rebuild([](core::Child& c) {
    c.parents_carers.push_back(
        {"Joy", "Okafor", "grandmother", false, {"0113 496 0009", "", ""}, {}, {7, 2100}});
    c.health_visitor = core::UniversalService{
        "Leeds Health Visiting", "", "Kim Ode", {"0113 496 0010", "", ""}, {7, 2100}};
    c.gp_practice->organisation = "Burley Park Medical Centre";
    c.school_nurse.reset();
  });
  auto carers = carer_rows();
  ASSERT_EQ(carers.size(), 3u);
  EXPECT_EQ(carers[0], carers_before[0]);
  EXPECT_EQ(carers[1], carers_before[1]);

  // The first carer changes: the list is written again from there.
  rebuild([](core::Child& c) { c.parents_carers[0].contact.phone = "0113 496 0011"; });
  EXPECT_EQ(carer_rows().size(), 3u);

  // The middle carer goes and the school changes.
  const auto after = rebuild([](core::Child& c) {
    c.parents_carers.erase(c.parents_carers.begin() + 1);
    c.school->organisation = "Quarry Mount Primary School";
  });
  ASSERT_EQ(after.parents_carers.size(), 2u);
  EXPECT_EQ(after.parents_carers[1].forenames, "Joy");
  EXPECT_EQ(carer_rows().size(), 2u);

  // Every carer and service goes.
  rebuild([](core::Child& c) {
    c.parents_carers.clear();
    c.school.reset();
    c.gp_practice.reset();
    c.health_visitor.reset();
  });
  EXPECT_TRUE(carer_rows().empty());
  EXPECT_EQ(*repo.Version(child.id), version);
}

TEST_F(ChildRepositoryTest, UnknownRecordIsNotFound) {
  auto conn = tdb_.Conn();
  auto r = ChildRepository(*conn).Get(424242);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST(Provenance, EncodesAndDecodes) {  // REC-8
  std::map<core::Item, core::SourceStamp> p = {{core::Item::kNames, {3, 1700000000}},
                                               {core::Item::kGpPractice, {12, 1700000500}}};
  EXPECT_EQ(DecodeProvenance(EncodeProvenance(p)), p);
  EXPECT_TRUE(DecodeProvenance("").empty());
  EXPECT_TRUE(DecodeProvenance("garbage;;x=").empty());
}

}  // namespace
}  // namespace cp::store
