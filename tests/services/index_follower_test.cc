// A running service's search index follows the records another process
// writes to the same database (services::IndexFollower): a record imported
// from the command line is found by search within a poll, a record it
// changes is found by its new details, and one it archives leaves the
// index (SRCH-1, SRCH-4).

#include "services/index_follower.h"

#include <gtest/gtest.h>

#include "services/fixture.h"
#include "store/child_repository.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

class IndexFollowerTest : public ServiceFixture {
 protected:
  void SetUp() override {
    auto idx = ChildIndex::Build(tdb_.db());
    ASSERT_TRUE(idx) << idx.error().message;
    index_ = std::move(*idx);
  }

  // What another process does: writes a record, stamped with the time now,
  // without telling this process's index.
  core::ChildId WriteElsewhere(core::Child child) {
    child.created_at = child.updated_at = tdb_.clock().Now();
    return AddChild(std::move(child));
  }
  void ChangeElsewhere(core::ChildId id, const std::function<void(core::Child&)>& change) {
    auto conn = tdb_.Conn();
    store::ChildRepository repo(*conn);
    auto child = repo.Get(id);
    ASSERT_TRUE(child);
    change(*child);
    child->updated_at = tdb_.clock().Now();
    ASSERT_TRUE(repo.Replace(*child, *repo.Version(id)));
  }
  std::vector<core::ChildId> Find(const std::string& forenames, const std::string& surname,
                                  const char* dob) {
    match::PersonDetails q;
    q.forenames = forenames;
    q.surname = surname;
    q.birth_date = match::BirthDate::Parse(dob).value_or(match::BirthDate());
    auto hits = index_->Search(q, 10);
    EXPECT_TRUE(hits);
    std::vector<core::ChildId> ids;
    for (const auto& h : *hits) ids.push_back(static_cast<core::ChildId>(h.id));
    return ids;
  }

  std::unique_ptr<ChildIndex> index_;
};

TEST_F(IndexFollowerTest, FilesWhatAnotherProcessWroteAndOnlyOnce_SRCH1) {
  IndexFollower follower(tdb_.db(), *index_, tdb_.clock());
  core::Child c = cp::testing::SampleChild(700);
  c.forenames = "Zofia";
  c.surname = "Castellano";
  c.date_of_birth = *Date::ParseIso("2015-07-21");
  const core::ChildId id = WriteElsewhere(c);
  EXPECT_TRUE(Find("Zofia", "Castellano", "2015-07-21").empty());  // not yet told

  auto polled = follower.Poll();
  ASSERT_TRUE(polled) << polled.error().message;
  EXPECT_EQ(*polled, 1u);
  EXPECT_EQ(Find("Zofia", "Castellano", "2015-07-21"), std::vector<core::ChildId>{id});
  polled = follower.Poll();  // nothing new: nothing filed again
  ASSERT_TRUE(polled);
  EXPECT_EQ(*polled, 0u);

  tdb_.clock().Advance(5);
  ChangeElsewhere(id, [](core::Child& child) { child.surname = "Ferreira"; });
  polled = follower.Poll();
  ASSERT_TRUE(polled);
  EXPECT_EQ(*polled, 1u);
  EXPECT_EQ(Find("Zofia", "Ferreira", "2015-07-21"), std::vector<core::ChildId>{id});
}

TEST_F(IndexFollowerTest, RemovesARecordAnotherProcessArchived_SRCH4) {
  IndexFollower follower(tdb_.db(), *index_, tdb_.clock());
  core::Child c = cp::testing::SampleChild(701);
  c.forenames = "Ottilie";
  c.surname = "Brackenbury";
  c.date_of_birth = *Date::ParseIso("2013-02-11");
  const core::ChildId id = WriteElsewhere(c);
  ASSERT_TRUE(follower.Poll());
  ASSERT_EQ(Find("Ottilie", "Brackenbury", "2013-02-11"), std::vector<core::ChildId>{id});

  tdb_.clock().Advance(30);
  ChangeElsewhere(id, [](core::Child& child) { child.archive_state = core::ArchiveState::kSoft; });
  ASSERT_TRUE(follower.Poll());
  EXPECT_TRUE(Find("Ottilie", "Brackenbury", "2013-02-11").empty());
}

// A write older than the window is taken to be in the index already (it was
// built, or polled, since): the follower looks back no further.
TEST_F(IndexFollowerTest, LooksBackOnlyOverItsWindow) {
  core::Child c = cp::testing::SampleChild(702);
  c.forenames = "Perpetua";
  c.surname = "Vanstone";
  c.date_of_birth = *Date::ParseIso("2012-09-30");
  WriteElsewhere(c);
  tdb_.clock().Advance(IndexFollower::kDefaultWindow + 1);
  IndexFollower follower(tdb_.db(), *index_, tdb_.clock());
  auto polled = follower.Poll();
  ASSERT_TRUE(polled);
  EXPECT_EQ(*polled, 0u);
}

}  // namespace
}  // namespace cp::services
