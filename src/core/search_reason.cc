#include "core/search_reason.h"

namespace cp::core {
namespace {

struct Row {
  SearchReason reason;
  std::string_view name;
  std::string_view title;
};

constexpr Row kRows[] = {
    {SearchReason::kSafeguardingConcern, "safeguarding_concern",
     "A concern about the child's safety or welfare"},
    {SearchReason::kCoordinatingServices, "coordinating_services",
     "Finding out who else is working with the child"},
    {SearchReason::kNewInvolvement, "new_involvement", "I am starting to work with the child"},
    {SearchReason::kReferral, "referral", "Making or receiving a referral"},
    {SearchReason::kCommonAssessment, "common_assessment",
     "Starting or reviewing a Common Assessment (CAF)"},
    {SearchReason::kUpdatingRecord, "updating_record", "Updating the child's details"},
    {SearchReason::kChildMissingEducation, "child_missing_education",
     "A child who may be missing education"},
    {SearchReason::kOther, "other", "Another reason (give details)"},
};

}  // namespace

std::string_view SearchReasonName(SearchReason r) {
  for (const auto& row : kRows) {
    if (row.reason == r) return row.name;
  }
  return "other";
}

std::string_view SearchReasonTitle(SearchReason r) {
  for (const auto& row : kRows) {
    if (row.reason == r) return row.title;
  }
  return "";
}

std::optional<SearchReason> SearchReasonFromName(std::string_view name) {
  for (const auto& row : kRows) {
    if (row.name == name) return row.reason;
  }
  return std::nullopt;
}

}  // namespace cp::core
