#pragma once
// Why a user searches (AUD-2, G 3.13, G 3.16): chosen from this list, with
// optional free text ("other" requires it). Recorded in the audit trail.

#include <optional>
#include <string_view>

namespace cp::core {

enum class SearchReason {
  kSafeguardingConcern,
  kCoordinatingServices,
  kNewInvolvement,
  kReferral,
  kCommonAssessment,
  kUpdatingRecord,
  kChildMissingEducation,
  kOther,
};

inline constexpr SearchReason kAllSearchReasons[] = {
    SearchReason::kSafeguardingConcern,   SearchReason::kCoordinatingServices,
    SearchReason::kNewInvolvement,        SearchReason::kReferral,
    SearchReason::kCommonAssessment,      SearchReason::kUpdatingRecord,
    SearchReason::kChildMissingEducation, SearchReason::kOther};

std::string_view SearchReasonName(SearchReason r);   // "safeguarding_concern"
std::string_view SearchReasonTitle(SearchReason r);  // shown in the list
std::optional<SearchReason> SearchReasonFromName(std::string_view name);

}  // namespace cp::core
