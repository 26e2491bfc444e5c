// SRCH-2 and SHD-2 through the search service with the matching engine.

#include <gtest/gtest.h>

#include "services/child_index.h"
#include "services/fixture.h"
#include "services/search_service.h"
#include "store/child_repository.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

class FuzzySearchTest : public ServiceFixture {
 protected:
  void SetUp() override {
    // A handful of distinct children; the sought one is "Oliver James Whitfield".
    const char* names[][2] = {{"Oliver James", "Whitfield"}, {"Amelia", "Okafor"},
                              {"Harry", "Brennan"},          {"Isla", "Whitfield"},
                              {"Noah", "Kowalski"},          {"Freya", "Ahmed"}};
    for (int i = 0; i < 6; ++i) {
      core::Child c = cp::testing::SampleChild(500 + i);
      c.forenames = names[i][0];
      c.surname = names[i][1];
      c.known_as_surname.clear();
      c.other_names.clear();
      c.date_of_birth = Date::ParseIso("2014-03-09")->AddDays(i * 40);
      c.address.postcode = i == 0 ? "LS6 3AB" : "M14 5RT";
      if (i == 0) c.other_names = {{core::OtherNameKind::kPrevious, "", "Barnes"}};
      if (i == 3) c.shielded = true;
      ids_.push_back(AddChild(c));
    }
    auto idx = ChildIndex::Build(tdb_.db());
    ASSERT_TRUE(idx) << idx.error().message;
    index_ = std::move(*idx);
    search_ = std::make_unique<SearchService>(*ctx_, index_.get());
  }
  std::vector<core::ChildId> Find(SearchCriteria c) {
    SearchRequest r{std::move(c), core::SearchReason::kCoordinatingServices, ""};
    auto out = search_->Search(Practitioner(), r);
    EXPECT_TRUE(out) << (out ? "" : out.error().message);
    std::vector<core::ChildId> ids;
    if (out) {
      for (const auto& h : out->hits) ids.push_back(h.id);
    }
    return ids;
  }
  std::vector<core::ChildId> ids_;
  std::unique_ptr<ChildIndex> index_;
  std::unique_ptr<SearchService> search_;
};

// The index follows a committed change (ChildIndex::Refresh after the
// commit): the new details are found at once; an archived record leaves the index (SRCH-4).
TEST_F(FuzzySearchTest, TheIndexFollowsARecordChangeAndAnArchive) {
  SearchCriteria by_new;
  by_new.forenames = "Zofia";
  by_new.surname = "Castellano";
  by_new.date_of_birth = Date::ParseIso("2010-07-21");
  EXPECT_TRUE(Find(by_new).empty());
  auto conn = tdb_.Conn();
  store::ChildRepository repo(*conn);
  auto child = repo.Get(ids_[2]);
  ASSERT_TRUE(child);
  child->forenames = "Zofia";  // say, corrected from a birth certificate
  child->surname = "Castellano";
  child->date_of_birth = *Date::ParseIso("2010-07-21");
  ASSERT_TRUE(repo.Replace(*child, *repo.Version(ids_[2])));
  ASSERT_TRUE(index_->Refresh(*conn, ids_[2]));
  EXPECT_EQ(Find(by_new), std::vector<core::ChildId>{ids_[2]});
  auto refreshed = repo.Get(ids_[2]);
  ASSERT_TRUE(refreshed);
  refreshed->archive_state = core::ArchiveState::kSoft;
  ASSERT_TRUE(repo.Replace(*refreshed, *repo.Version(ids_[2])));
  ASSERT_TRUE(index_->Refresh(*conn, ids_[2]));
  EXPECT_TRUE(Find(by_new).empty());
}

TEST_F(FuzzySearchTest, FindsDespiteAMisspeltSurname) {  // SRCH-2
  SearchCriteria c;
  c.forenames = "Oliver";
  c.surname = "Whitfeild";
  c.date_of_birth = Date::ParseIso("2014-03-09");
  const auto found = Find(c);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), ids_[0]);
}

TEST_F(FuzzySearchTest, FindsByANicknameAndASwappedDate) {  // SRCH-2
  SearchCriteria c;
  c.forenames = "Ollie";
  c.surname = "Whitfield";
  c.date_of_birth = Date::ParseIso("2014-09-03");  // day and month swapped
  const auto found = Find(c);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), ids_[0]);
}

TEST_F(FuzzySearchTest, FindsByAPreviousSurname) {  // SRCH-2
  SearchCriteria c;
  c.forenames = "Oliver";
  c.surname = "Barnes";
  c.date_of_birth = Date::ParseIso("2014-03-09");
  const auto found = Find(c);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), ids_[0]);
}

// SHD-2: a practitioner cannot find a shielded record by its postcode; the
// answer is the same as if there were no such record.
TEST_F(FuzzySearchTest, ShieldedRecordIsNotFoundByAHiddenItem) {
  SearchCriteria by_postcode;
  by_postcode.surname = "Whitfield";
  by_postcode.postcode = "M14 5RT";
  const auto found = Find(by_postcode);
  EXPECT_EQ(std::count(found.begin(), found.end(), ids_[3]), 0);
  // The same kind of search finds a record that is not shielded.
  SearchCriteria unshielded = by_postcode;
  unshielded.surname = "Kowalski";
  const auto control = Find(unshielded);
  EXPECT_EQ(std::count(control.begin(), control.end(), ids_[4]), 1);
  // By what the shielded record shows (names and date of birth) it is found.
  SearchCriteria by_names;
  by_names.forenames = "Isla";
  by_names.surname = "Whitfield";
  by_names.date_of_birth = Date::ParseIso("2014-03-09")->AddDays(120);
  const auto shown = Find(by_names);
  EXPECT_EQ(std::count(shown.begin(), shown.end(), ids_[3]), 1);
}

}  // namespace
}  // namespace cp::services
