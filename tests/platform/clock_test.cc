#include "platform/clock.h"

#include <gtest/gtest.h>

namespace cp {
namespace {

// DESIGN invariant 3: rules read time from a Clock; a FakeClock can run years
// in an instant.
TEST(FakeClock, AdvancesOnlyWhenTold) {
  FakeClock clock(Date::ParseIso("2026-01-01")->StartTimestamp());
  EXPECT_EQ(clock.Today().ToIso(), "2026-01-01");
  clock.Advance(6LL * 366 * 86400);
  EXPECT_EQ(clock.Today().year(), 2032);
  Timestamp before = clock.Now();
  EXPECT_EQ(clock.Now(), before);
}

}  // namespace
}  // namespace cp
