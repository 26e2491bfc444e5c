#include "core/text_fold.h"

#include <gtest/gtest.h>

namespace cp::core {
namespace {

TEST(FoldForSearch, FoldsCaseAndSpacesForExactComparison) {
  EXPECT_EQ(FoldForSearch("  O'BRIEN   Smith "), "o'brien smith");
  EXPECT_EQ(FoldForSearch("ZOË"), FoldForSearch("zoë"));
  EXPECT_EQ(FoldForSearch("Straße"), "strasse");
  EXPECT_EQ(FoldForSearch("\xff\xfe"
                          "Ab"),
            "ab");  // invalid UTF-8 never crashes
}

}  // namespace
}  // namespace cp::core
