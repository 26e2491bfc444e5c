#pragma once
// Users' amendments to a child record (UPD-1, UPD-2; G 3.23–3.25): which
// items a user may amend, and when an amendment conflicts with the record
// in a way the system cannot resolve — the rules, pure. Services apply
// them; the store records them; docs/feeds.md explains them to
// administrators.
//
//   applied                      resolved by the system: takes effect at once
//   pending ─override─▶ overridden   a data administrator's verification (G 3.25)
//           ─reject───▶ rejected     with the administrator's reason

#include <optional>
#include <string_view>

#include "core/items.h"
#include "platform/date.h"

namespace cp::core {

enum class AmendmentStatus { kApplied, kPending, kOverridden, kRejected };

// Why an amendment waits for a data administrator; kNone when it does not.
enum class AmendmentConflict {
  kNone,
  // It changes who the child is: forenames, surname, date of birth, or a
  // gender already known. Matching, search and the sibling guard rest on
  // these; a wrong change makes the record another child's.
  kIdentifying,
  // The new address places the child in another local authority: the
  // record would leave its LA's compartment (REC-12, G 4.53).
  kLocalAuthority,
  // A source supplied the item's current value within kRecentSourceDays:
  // the best view holds the most reliable source's word, and that source
  // has only just said otherwise.
  kRecentSource,
};

inline constexpr int kRecentSourceDays = 30;

// The items a user may amend, in the form's order.
inline constexpr Item kAmendableItems[] = {
    Item::kNames,         Item::kDateOfBirth,        Item::kGender,    Item::kAddress,
    Item::kParentsCarers, Item::kEducationalSetting, Item::kGpPractice};

bool IsAmendable(Item item);

// What decides whether one amended item conflicts.
struct AmendmentFacts {
  bool changes_identity = false;  // forenames, surname, date of birth, a known gender
  bool moves_local_authority = false;
  // When a source (not a user's amendment) supplied the value the
  // amendment replaces; empty when none did.
  std::optional<Timestamp> source_supplied_at;
};

// The first reason, in the order of the enum, that the amendment cannot be
// resolved by the system at `now`.
AmendmentConflict ClassifyAmendment(const AmendmentFacts& facts, Timestamp now);

// Stored names: "applied", "pending", "overridden", "rejected"; "none",
// "identifying", "local_authority", "recent_source".
std::string_view AmendmentStatusName(AmendmentStatus s);
std::optional<AmendmentStatus> AmendmentStatusFromName(std::string_view name);
std::string_view AmendmentConflictName(AmendmentConflict c);
std::optional<AmendmentConflict> AmendmentConflictFromName(std::string_view name);
// For people: "Changes who the child is", …
std::string_view AmendmentConflictTitle(AmendmentConflict c);

}  // namespace cp::core
