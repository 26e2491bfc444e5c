#include "core/shielding.h"

#include <algorithm>
#include <utility>

namespace cp::core {
namespace {

template <class E, std::size_t N>
std::optional<E> FromName(const std::pair<E, std::string_view> (&table)[N], std::string_view name) {
  for (const auto& [value, n] : table) {
    if (n == name) return value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view NameOf(const std::pair<E, std::string_view> (&table)[N], E value) {
  for (const auto& [v, n] : table) {
    if (v == value) return n;
  }
  return "unknown";
}

constexpr std::pair<ShieldGround, std::string_view> kGrounds[] = {
    {ShieldGround::kRiskToChild, "risk_to_child"},
    {ShieldGround::kRiskToAdult, "risk_to_adult"},
    {ShieldGround::kSeriousCrime, "serious_crime"},
    {ShieldGround::kAdoptionLink, "adoption_link"}};
constexpr std::pair<ShieldGround, std::string_view> kGroundTitles[] = {
    {ShieldGround::kRiskToChild, "Increased risk of significant harm to the child"},
    {ShieldGround::kRiskToAdult, "Risk of significant harm to an adult"},
    {ShieldGround::kSeriousCrime, "Prejudice to the prevention or detection of serious crime"},
    {ShieldGround::kAdoptionLink, "A link between pre- and post-adoption identities"}};
constexpr std::pair<ShieldRequesterKind, std::string_view> kKinds[] = {
    {ShieldRequesterKind::kUser, "user"},
    {ShieldRequesterKind::kSource, "source"},
    {ShieldRequesterKind::kNonUser, "non_user"},
    {ShieldRequesterKind::kSystem, "system"}};
constexpr std::pair<ShieldOrigin, std::string_view> kOrigins[] = {
    {ShieldOrigin::kRequest, "request"},
    {ShieldOrigin::kCoResident, "co_resident"},
    {ShieldOrigin::kPotentialDuplicate, "potential_duplicate"}};
constexpr std::pair<ShieldRequestStatus, std::string_view> kStatuses[] = {
    {ShieldRequestStatus::kPending, "pending"},
    {ShieldRequestStatus::kActive, "active"},
    {ShieldRequestStatus::kRejected, "rejected"},
    {ShieldRequestStatus::kWithdrawn, "withdrawn"}};
constexpr std::pair<ShieldingLogAction, std::string_view> kActions[] = {
    {ShieldingLogAction::kApplied, "applied"},
    {ShieldingLogAction::kAppliedToPossibleMatch, "applied_to_possible_match"},
    {ShieldingLogAction::kNewRecordShielded, "new_record_shielded"},
    {ShieldingLogAction::kAdditionalRequest, "additional_request"},
    {ShieldingLogAction::kRejected, "rejected"}};
constexpr std::pair<ShieldingLogAction, std::string_view> kActionTitles[] = {
    {ShieldingLogAction::kApplied, "Shield applied, as requested"},
    {ShieldingLogAction::kAppliedToPossibleMatch,
     "Shield applied: a possible (not definite) match to the child"},
    {ShieldingLogAction::kNewRecordShielded, "New child record created and shielded"},
    {ShieldingLogAction::kAdditionalRequest, "Additional request received, not yet applied"},
    {ShieldingLogAction::kRejected, "Request rejected: does not meet the criteria"}};
constexpr std::pair<ShieldReviewDecision, std::string_view> kDecisions[] = {
    {ShieldReviewDecision::kMaintain, "maintain"},
    {ShieldReviewDecision::kUnshielded, "unshielded"}};

}  // namespace

std::string_view ShieldGroundName(ShieldGround g) { return NameOf(kGrounds, g); }
std::string_view ShieldGroundTitle(ShieldGround g) { return NameOf(kGroundTitles, g); }
std::optional<ShieldGround> ShieldGroundFromName(std::string_view n) {
  return FromName(kGrounds, n);
}

std::string JoinShieldGrounds(const std::vector<ShieldGround>& grounds) {
  std::string out;
  for (ShieldGround g : kAllShieldGrounds) {
    if (std::find(grounds.begin(), grounds.end(), g) == grounds.end()) continue;
    if (!out.empty()) out += ',';
    out += ShieldGroundName(g);
  }
  return out;
}

std::vector<ShieldGround> SplitShieldGrounds(std::string_view joined) {
  std::vector<ShieldGround> out;
  while (!joined.empty()) {
    const std::size_t comma = joined.find(',');
    if (auto g = ShieldGroundFromName(joined.substr(0, comma))) out.push_back(*g);
    if (comma == std::string_view::npos) break;
    joined.remove_prefix(comma + 1);
  }
  return out;
}

std::string_view ShieldRequesterKindName(ShieldRequesterKind k) { return NameOf(kKinds, k); }
std::optional<ShieldRequesterKind> ShieldRequesterKindFromName(std::string_view n) {
  return FromName(kKinds, n);
}
std::string_view ShieldOriginName(ShieldOrigin o) { return NameOf(kOrigins, o); }
std::optional<ShieldOrigin> ShieldOriginFromName(std::string_view n) {
  return FromName(kOrigins, n);
}
std::string_view ShieldRequestStatusName(ShieldRequestStatus s) { return NameOf(kStatuses, s); }
std::optional<ShieldRequestStatus> ShieldRequestStatusFromName(std::string_view n) {
  return FromName(kStatuses, n);
}
std::string_view ShieldingLogActionName(ShieldingLogAction a) { return NameOf(kActions, a); }
std::string_view ShieldingLogActionTitle(ShieldingLogAction a) { return NameOf(kActionTitles, a); }
std::optional<ShieldingLogAction> ShieldingLogActionFromName(std::string_view n) {
  return FromName(kActions, n);
}
std::string_view ShieldReviewDecisionName(ShieldReviewDecision d) { return NameOf(kDecisions, d); }
std::optional<ShieldReviewDecision> ShieldReviewDecisionFromName(std::string_view n) {
  return FromName(kDecisions, n);
}

}  // namespace cp::core
