#include "core/user_account.h"

#include <utility>

namespace cp::core {
namespace {

constexpr std::pair<AccountStatus, std::string_view> kStatuses[] = {
    {AccountStatus::kActive, "active"},
    {AccountStatus::kSuspended, "suspended"},
    {AccountStatus::kClosed, "closed"}};

struct ReasonRow {
  SuspensionReason reason;
  std::string_view name;
  std::string_view title;
};
constexpr ReasonRow kReasons[] = {
    {SuspensionReason::kExtendedLeave, "extended_leave", "Extended leave"},
    {SuspensionReason::kSuspectedMisuse, "suspected_misuse", "Suspected misuse"},
    {SuspensionReason::kInvestigation, "investigation", "Investigation into usage"},
    {SuspensionReason::kNotFollowingGuidance, "not_following_guidance",
     "Not following the guidance"},
    {SuspensionReason::kProlongedInactivity, "prolonged_inactivity", "Prolonged inactivity"},
    {SuspensionReason::kSuspendedByEmployer, "suspended_by_employer", "Suspended by employer"},
    {SuspensionReason::kCrbExpired, "crb_expired",
     "Enhanced CRB disclosure older than 3 years without renewal"},
    {SuspensionReason::kTokenLostOrPasswordKnown, "token_lost_or_password_known",
     "Security token lost or password known to others"},
};

}  // namespace

bool CrbExpired(Date issued_on, Date today) { return issued_on.AddYears(3) <= today; }

Status CheckAccessConditions(const AccessConditions& c, Date today, bool vbs_required) {
  if (c.need_for_access.empty()) {
    return Error::Invalid("need_for_access", "Record why the applicant's work needs access");
  }
  if (!c.accredited_training_on || *c.accredited_training_on > today) {
    return Error::Invalid("accredited_training_on",
                          "The applicant must have completed accredited ContactPoint training");
  }
  if (!c.other_training_on || *c.other_training_on > today) {
    return Error::Invalid("other_training_on",
                          "The applicant must have completed the local authority's other training");
  }
  if (!c.crb_issued_on || *c.crb_issued_on > today) {
    return Error::Invalid("crb_issued_on",
                          "Record the issue date of the applicant's enhanced CRB disclosure");
  }
  if (CrbExpired(*c.crb_issued_on, today)) {
    return Error::Invalid(
        "crb_issued_on", "The enhanced CRB disclosure must have been issued less than 3 years ago");
  }
  if (vbs_required && c.vbs_number.empty()) {
    return Error::Invalid("vbs_number",
                          "The applicant must be a member of the Vetting and Barring Scheme");
  }
  return Ok();
}

std::string_view AccountStatusName(AccountStatus s) {
  for (const auto& [v, n] : kStatuses) {
    if (v == s) return n;
  }
  return "closed";
}

std::optional<AccountStatus> AccountStatusFromName(std::string_view name) {
  for (const auto& [v, n] : kStatuses) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::string_view SuspensionReasonName(SuspensionReason r) {
  for (const auto& row : kReasons) {
    if (row.reason == r) return row.name;
  }
  return "investigation";
}

std::string_view SuspensionReasonTitle(SuspensionReason r) {
  for (const auto& row : kReasons) {
    if (row.reason == r) return row.title;
  }
  return "";
}

std::optional<SuspensionReason> SuspensionReasonFromName(std::string_view name) {
  for (const auto& row : kReasons) {
    if (row.name == name) return row.reason;
  }
  return std::nullopt;
}

std::string_view CrbEvidenceName(CrbEvidence e) {
  return e == CrbEvidence::kDisclosureSeen ? "disclosure_seen" : "employer_confirmation";
}

std::optional<CrbEvidence> CrbEvidenceFromName(std::string_view name) {
  if (name == "disclosure_seen") return CrbEvidence::kDisclosureSeen;
  if (name == "employer_confirmation") return CrbEvidence::kEmployerConfirmation;
  return std::nullopt;
}

}  // namespace cp::core
