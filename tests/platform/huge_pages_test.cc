#include "platform/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>

namespace cp {
namespace {

// A large array is aligned to a huge page, so the kernel can back it with
// huge pages from its first byte; its contents survive growth like any
// vector's.
TEST(HugePageAllocator, AlignsLargeArraysToAHugePageAndKeepsTheirContents) {
  HugePageVector<std::uint32_t> slots(100);
  std::iota(slots.begin(), slots.end(), 0U);
  slots.resize(kHugePageBytes);  // 8 MiB of slots: well past a huge page
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(slots.data()) % kHugePageBytes, 0U);
  for (std::uint32_t i = 0; i < 100; ++i) ASSERT_EQ(slots[i], i);
  EXPECT_EQ(slots.back(), 0U);
  slots.shrink_to_fit();
  slots.resize(10);
  slots.shrink_to_fit();  // back to an ordinary allocation
  EXPECT_EQ(slots[9], 9U);
}

}  // namespace
}  // namespace cp
