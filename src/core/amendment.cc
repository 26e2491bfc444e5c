#include "core/amendment.h"

#include <algorithm>
#include <utility>

namespace cp::core {
namespace {

constexpr std::pair<AmendmentStatus, std::string_view> kStatuses[] = {
    {AmendmentStatus::kApplied, "applied"},
    {AmendmentStatus::kPending, "pending"},
    {AmendmentStatus::kOverridden, "overridden"},
    {AmendmentStatus::kRejected, "rejected"}};

struct ConflictName {
  AmendmentConflict conflict;
  std::string_view name;
  std::string_view title;
};
constexpr ConflictName kConflicts[] = {
    {AmendmentConflict::kNone, "none", "None"},
    {AmendmentConflict::kIdentifying, "identifying",
     "Changes who the child is (names, date of birth or gender)"},
    {AmendmentConflict::kLocalAuthority, "local_authority",
     "The new address is in another local authority"},
    {AmendmentConflict::kRecentSource, "recent_source",
     "A source supplied the current value recently"}};

}  // namespace

bool IsAmendable(Item item) {
  return std::find(std::begin(kAmendableItems), std::end(kAmendableItems), item) !=
         std::end(kAmendableItems);
}

AmendmentConflict ClassifyAmendment(const AmendmentFacts& facts, Timestamp now) {
  if (facts.changes_identity) return AmendmentConflict::kIdentifying;
  if (facts.moves_local_authority) return AmendmentConflict::kLocalAuthority;
  if (facts.source_supplied_at &&
      *facts.source_supplied_at > now - std::int64_t{kRecentSourceDays} * 86400) {
    return AmendmentConflict::kRecentSource;
  }
  return AmendmentConflict::kNone;
}

std::string_view AmendmentStatusName(AmendmentStatus s) {
  for (const auto& [value, name] : kStatuses) {
    if (value == s) return name;
  }
  return "applied";
}

std::optional<AmendmentStatus> AmendmentStatusFromName(std::string_view name) {
  for (const auto& [value, n] : kStatuses) {
    if (n == name) return value;
  }
  return std::nullopt;
}

std::string_view AmendmentConflictName(AmendmentConflict c) {
  for (const auto& k : kConflicts) {
    if (k.conflict == c) return k.name;
  }
  return "none";
}

std::optional<AmendmentConflict> AmendmentConflictFromName(std::string_view name) {
  for (const auto& k : kConflicts) {
    if (k.name == name) return k.conflict;
  }
  return std::nullopt;
}

std::string_view AmendmentConflictTitle(AmendmentConflict c) {
  for (const auto& k : kConflicts) {
    if (k.conflict == c) return k.title;
  }
  return "None";
}

}  // namespace cp::core
