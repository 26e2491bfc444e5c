#pragma once
// The vocabulary of shielding (SHD-1 … SHD-11, S 3–S 15): the grounds a
// shield may rest on, who asked for it, where a request stands, and the five
// actions of the shielding log. Names are the stored and displayed forms.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp::core {

// SHD-1, G 4.63, S 3.
enum class ShieldGround {
  kRiskToChild,   // increased risk of significant harm to the child
  kRiskToAdult,   // risk of significant harm to an adult
  kSeriousCrime,  // prejudice to preventing or detecting serious crime
  kAdoptionLink,  // a link between pre- and post-adoption identities
};
inline constexpr ShieldGround kAllShieldGrounds[] = {
    ShieldGround::kRiskToChild, ShieldGround::kRiskToAdult, ShieldGround::kSeriousCrime,
    ShieldGround::kAdoptionLink};

// SHD-3: where a request came from.
enum class ShieldRequesterKind {
  kUser,     // a ContactPoint user's notification or urgent mark
  kSource,   // a source system's shielding flag
  kNonUser,  // recorded by the management team for someone who is not a user
  kSystem,   // shielded in the first instance (co-resident, potential duplicate)
};

// Why the request exists: asked for, or implied by another shielded record.
enum class ShieldOrigin { kRequest, kCoResident, kPotentialDuplicate };

enum class ShieldRequestStatus { kPending, kActive, kRejected, kWithdrawn };

// SHD-8, S 15: the action taken, one of five.
enum class ShieldingLogAction {
  kApplied,                 // shield applied, as requested
  kAppliedToPossibleMatch,  // applied: a possible (not definite) match
  kNewRecordShielded,       // new child record created and shielded
  kAdditionalRequest,       // an additional request, not yet applied
  kRejected,                // request rejected (criteria not met)
};

// A review's outcome (SHD-5).
enum class ShieldReviewDecision { kMaintain, kUnshielded };

std::string_view ShieldGroundName(ShieldGround g);
std::string_view ShieldGroundTitle(ShieldGround g);
std::optional<ShieldGround> ShieldGroundFromName(std::string_view name);
// Grounds as stored: names joined by commas, in declaration order.
std::string JoinShieldGrounds(const std::vector<ShieldGround>& grounds);
std::vector<ShieldGround> SplitShieldGrounds(std::string_view joined);

std::string_view ShieldRequesterKindName(ShieldRequesterKind k);
std::optional<ShieldRequesterKind> ShieldRequesterKindFromName(std::string_view name);
std::string_view ShieldOriginName(ShieldOrigin o);
std::optional<ShieldOrigin> ShieldOriginFromName(std::string_view name);
std::string_view ShieldRequestStatusName(ShieldRequestStatus s);
std::optional<ShieldRequestStatus> ShieldRequestStatusFromName(std::string_view name);
std::string_view ShieldingLogActionName(ShieldingLogAction a);
std::string_view ShieldingLogActionTitle(ShieldingLogAction a);
std::optional<ShieldingLogAction> ShieldingLogActionFromName(std::string_view name);
std::string_view ShieldReviewDecisionName(ShieldReviewDecision d);
std::optional<ShieldReviewDecision> ShieldReviewDecisionFromName(std::string_view name);

}  // namespace cp::core
