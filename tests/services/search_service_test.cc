#include "services/search_service.h"

#include <algorithm>
#include <cmath>

#include "services/fixture.h"
#include "store/audit_repository.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

class SearchServiceTest : public ServiceFixture {
 protected:
  SearchServiceTest() : search_(*ctx_) {}
  SearchRequest BySurnameAndDob(const core::Child& c) {
    SearchRequest r;
    r.criteria.surname = c.surname;
    r.criteria.date_of_birth = c.date_of_birth;
    r.reason = core::SearchReason::kCoordinatingServices;
    return r;
  }
  // `n` children sharing a surname and date of birth.
  core::Child AddTwins(int n) {
    core::Child c;
    for (int i = 0; i < n; ++i) {
      c = cp::testing::SampleChild(100 + i);
      AddChild(c);
    }
    return c;
  }
  SearchService search_;
};

TEST_F(SearchServiceTest, NeedsAReasonFromTheList) {  // AUD-2
  core::Child c = AddTwins(1);
  SearchRequest r = BySurnameAndDob(c);
  r.reason.reset();
  auto no_reason = search_.Search(Practitioner(), r);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  r.reason = core::SearchReason::kOther;
  auto other_without_text = search_.Search(Practitioner(), r);
  ASSERT_FALSE(other_without_text);
  EXPECT_EQ(other_without_text.error().field, "reason_text");
}

// AUD-1, AUD-2: the audit entry holds criteria, reason and number of results.
TEST_F(SearchServiceTest, AuditsCriteriaReasonAndResultCount) {
  core::Child c = AddTwins(2);
  auto out = search_.Search(Practitioner(), BySurnameAndDob(c));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->hits.size(), 2u);
  auto conn = tdb_.Conn();
  auto rows = store::AuditRepository(*conn).After(0, 1000);
  ASSERT_TRUE(rows);
  const auto& last = rows->back();
  EXPECT_EQ(last.action, "search");
  EXPECT_NE(last.details.find("\"surname\":\"Okafor-Smith\""), std::string::npos) << last.details;
  EXPECT_NE(last.details.find("\"reason\":\"coordinating_services\""), std::string::npos);
  EXPECT_NE(last.details.find("\"matches\":2"), std::string::npos);
}

// SRCH-3: more than 10 matches → no results, ask for more details; 35 for
// holders of the shielding right.
TEST_F(SearchServiceTest, WithholdsResultsBeyondTheLimit) {
  core::Child c = AddTwins(11);
  auto ordinary = search_.Search(Practitioner(), BySurnameAndDob(c));
  ASSERT_TRUE(ordinary);
  EXPECT_TRUE(ordinary->too_many);
  EXPECT_TRUE(ordinary->hits.empty());
  EXPECT_EQ(ordinary->limit, 10);
  auto shielder = search_.Search(Practitioner({core::Right::kShield}), BySurnameAndDob(c));
  ASSERT_TRUE(shielder);
  EXPECT_FALSE(shielder->too_many);
  EXPECT_EQ(shielder->hits.size(), 11u);
  EXPECT_EQ(shielder->limit, 35);
}

// SRCH-3: what counts as a match is the same evidence in every register
// of a million records or more: the probability it gives falls as the
// register grows (more namesakes), but the record still counts towards the
// limit, so a search that fits many children asks for more details rather
// than finding none.
TEST(MatchThreshold, IsTheSameEvidenceBeyondAMillionRecords) {
  EXPECT_EQ(MatchProbabilityIn(2'000), kMatchProbability);
  EXPECT_EQ(MatchProbabilityIn(kMatchRegister), kMatchProbability);
  const double national = MatchProbabilityIn(11'000'000);
  EXPECT_LT(national, kMatchProbability);
  auto log_odds = [](double p) { return std::log2(p / (1 - p)); };
  // Eleven times the register: the same likelihood ratio, odds 1/11 as long.
  EXPECT_NEAR(log_odds(kMatchProbability) - log_odds(national),
              std::log2((11'000'000.0 - 1) / (kMatchRegister - 1)), 1e-9);
}

// SRCH-3, SRCH-2: beyond a million records, the hits behind the best (a
// child searched for with day and month swapped, behind namesakes born on
// the date given) match too when all the hits fit within the limit; when
// they do not, only those near the best count, and more of those than the
// limit is "too many".
TEST(MatchThreshold, HitsBehindTheBestMatchOnlyWhenAllFitTheLimit) {
  auto hits = [](int near, int behind) {
    std::vector<match::SearchHit> out;
    for (int i = 0; i < near + behind; ++i) {
      out.push_back({static_cast<std::uint64_t>(i + 1), 30.0 - i, 0, false, i < near});
    }
    return out;
  };
  auto fit = hits(3, 7);
  KeepMatches(fit, 10);
  EXPECT_EQ(fit.size(), 10U);  // all shown, the swapped date among them
  auto crowded = hits(4, 7);
  KeepMatches(crowded, 10);
  ASSERT_EQ(crowded.size(), 4U);  // only those near the best
  EXPECT_TRUE(
      std::all_of(crowded.begin(), crowded.end(), [](const auto& h) { return h.near_best; }));
  auto too_many = hits(11, 3);
  KeepMatches(too_many, 10);
  EXPECT_GT(too_many.size(), 10U);
  auto shielder = hits(11, 3);
  KeepMatches(shielder, 35);
  EXPECT_EQ(shielder.size(), 14U);
}

TEST_F(SearchServiceTest, NeverReturnsArchivedRecords) {  // SRCH-4
  core::Child c = cp::testing::SampleChild(300);
  c.archive_state = core::ArchiveState::kSoft;
  AddChild(c);
  auto out = search_.Search(Practitioner(), BySurnameAndDob(c));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->matches, 0);
}

TEST_F(SearchServiceTest, ShowsAShieldedRecordMinimally) {  // SRCH-5
  core::Child c = cp::testing::SampleChild(400);
  c.shielded = true;
  AddChild(c);
  auto out = search_.Search(Practitioner(), BySurnameAndDob(c));
  ASSERT_TRUE(out);
  ASSERT_EQ(out->hits.size(), 1u);
  const SearchHit& h = out->hits[0];
  EXPECT_TRUE(h.minimal);
  EXPECT_EQ(h.surname, c.surname);
  EXPECT_EQ(h.uin, c.uin);
  EXPECT_TRUE(h.postcode.empty());
  EXPECT_TRUE(h.town.empty());
  EXPECT_TRUE(h.la_name.empty());
}

TEST_F(SearchServiceTest, FindsByUin) {  // SRCH-1
  core::Child c = AddTwins(1);
  SearchRequest r;
  r.criteria.uin = c.uin.ToDisplay();
  r.reason = core::SearchReason::kReferral;
  auto out = search_.Search(Practitioner(), r);
  ASSERT_TRUE(out);
  ASSERT_EQ(out->hits.size(), 1u);
  EXPECT_EQ(out->hits[0].uin, c.uin);
}

TEST_F(SearchServiceTest, RefusesUsersWithoutTheSearchRight) {
  Actor admin;
  admin.user_id = 2;
  admin.role = core::Role::kUserAdministrator;
  admin.rights = core::RoleRights(core::Role::kUserAdministrator);
  auto out = search_.Search(admin, BySurnameAndDob(cp::testing::SampleChild()));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace cp::services
