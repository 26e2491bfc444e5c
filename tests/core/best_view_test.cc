// The order in which contributions speak for a record's best view (FEED-4,
// G 3.1, glossary C1): reliability, then recency, and among statements
// received in the same second the one stored later.

#include "core/best_view.h"

#include <gtest/gtest.h>

namespace cp::core {
namespace {

constexpr Timestamp kNow = 1'800'000'000;

Child Named(const std::string& forenames, const std::string& surname) {
  Child c;
  c.forenames = forenames;
  c.surname = surname;
  c.gender = Gender::kFemale;
  c.date_of_birth = *Date::ParseIso("2016-03-28");
  return c;
}

// Two rows of one source about one record, in two batches of an import: the
// later row's names are the best view's whether the batches fell in one
// second or in two, and whatever order the contributions are given in.
TEST(BestView, FEED4_TheLaterStatementWinsWhetherOrNotItsSecondDiffers) {
  const Child earlier = Named("Millie-Mae", "Pearce");
  const Child later = Named("Emily", "Watson");
  for (Timestamp gap : {0, 1}) {
    const Contribution first{earlier, 1, 10, kNow, 101};
    const Contribution second{later, 1, 10, kNow + gap, 102};
    for (const auto& given :
         {std::vector<Contribution>{first, second}, std::vector<Contribution>{second, first}}) {
      const Child best = BestView(Child{}, given);
      EXPECT_EQ(best.forenames, "Emily") << "gap " << gap;
      EXPECT_EQ(best.surname, "Watson") << "gap " << gap;
    }
  }
}

// Reliability comes before recency: a less reliable source's later row does
// not replace a more reliable source's names.
TEST(BestView, FEED4_AMoreReliableSourceOutranksALaterOne) {
  const Contribution census{Named("Millie-Mae", "Pearce"), 1, 10, kNow, 101};
  const Contribution gp{Named("Millie", "Peearce"), 2, 20, kNow + 60, 102};
  const Child best = BestView(Child{}, {gp, census});
  EXPECT_EQ(best.forenames, "Millie-Mae");
  EXPECT_EQ(best.surname, "Pearce");
}

}  // namespace
}  // namespace cp::core
