#pragma once
// Who is looking, and why: the input to every visibility decision.

#include <string>

#include "core/rights.h"

namespace cp::policy {

// What the record is being shown for. Every output names its purpose, so a
// new output cannot skip the decision.
enum class Purpose {
  kRecordView,    // the record page or API record
  kSearchResult,  // a row of search results
  kReport,        // a report or list
  kExport,        // a download (CSV, subject access report)
};

struct Viewer {
  core::Role role = core::Role::kPractitioner;
  core::Rights rights;
  std::string la_code;
  // BG-2: the emergency override is active for this one access only.
  bool break_glass = false;
};

}  // namespace cp::policy
