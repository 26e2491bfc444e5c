// When a user's amendment conflicts with the record (UPD-2, G 3.25): the
// rule, one row per case.

#include "core/amendment.h"

#include <gtest/gtest.h>

namespace cp::core {
namespace {

constexpr Timestamp kNow = 1'800'000'000;
constexpr Timestamp kDay = 86'400;

TEST(Amendment, UPD2_ConflictsAreClassifiedInOrder) {
  using C = AmendmentConflict;
  struct Case {
    AmendmentFacts facts;
    C expected;
  } cases[] = {
      {{false, false, std::nullopt}, C::kNone},
      {{true, false, std::nullopt}, C::kIdentifying},
      {{true, true, kNow}, C::kIdentifying},  // the first reason wins
      {{false, true, std::nullopt}, C::kLocalAuthority},
      {{false, true, kNow}, C::kLocalAuthority},
      {{false, false, kNow - kDay}, C::kRecentSource},
      {{false, false, kNow - (kRecentSourceDays - 1) * kDay}, C::kRecentSource},
      {{false, false, kNow - kRecentSourceDays * kDay}, C::kNone},  // no longer recent
      {{false, false, kNow - 400 * kDay}, C::kNone},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyAmendment(c.facts, kNow), c.expected)
        << c.facts.changes_identity << c.facts.moves_local_authority;
  }
}

TEST(Amendment, NamesRoundTrip) {
  for (auto s : {AmendmentStatus::kApplied, AmendmentStatus::kPending, AmendmentStatus::kOverridden,
                 AmendmentStatus::kRejected}) {
    EXPECT_EQ(AmendmentStatusFromName(AmendmentStatusName(s)), s);
  }
  for (auto c : {AmendmentConflict::kNone, AmendmentConflict::kIdentifying,
                 AmendmentConflict::kLocalAuthority, AmendmentConflict::kRecentSource}) {
    EXPECT_EQ(AmendmentConflictFromName(AmendmentConflictName(c)), c);
  }
  EXPECT_FALSE(AmendmentStatusFromName("approved"));
  EXPECT_TRUE(IsAmendable(Item::kAddress));
  EXPECT_FALSE(IsAmendable(Item::kUin));
  EXPECT_FALSE(IsAmendable(Item::kInvolvements));
}

}  // namespace
}  // namespace cp::core
