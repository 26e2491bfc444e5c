#pragma once
// A ContactPoint user account (ACC-1 … ACC-12) and the conditions of access
// that must be recorded before it exists (ACC-3, G 2.7, G 4.29–4.33).

#include <cstdint>
#include <optional>
#include <string>

#include "core/rights.h"
#include "platform/date.h"
#include "platform/result.h"

namespace cp::core {

using UserId = std::int64_t;

enum class AccountStatus { kActive, kSuspended, kClosed };

// G 4.36: why an account is suspended (ACC-6), plus the lost token or known
// password of G 2.6 (ACC-5).
enum class SuspensionReason {
  kExtendedLeave,
  kSuspectedMisuse,
  kInvestigation,
  kNotFollowingGuidance,
  kProlongedInactivity,
  kSuspendedByEmployer,
  kCrbExpired,
  kTokenLostOrPasswordKnown,
};

// How the enhanced CRB disclosure was evidenced (G 4.33).
enum class CrbEvidence { kDisclosureSeen, kEmployerConfirmation };

// The five conditions of G 2.7, as recorded by the user account
// administrator.
struct AccessConditions {
  std::string need_for_access;                 // why the work needs access
  std::optional<Date> accredited_training_on;  // accredited ContactPoint training
  std::optional<Date> other_training_on;       // any other LA training
  std::optional<Date> crb_issued_on;           // enhanced CRB disclosure issue date
  CrbEvidence crb_evidence = CrbEvidence::kDisclosureSeen;
  std::string vbs_number;  // Vetting and Barring Scheme membership
};

// ACC-3: Ok when every condition is met on `today`; otherwise the first
// unmet condition, naming its field. `vbs_required` is the switch of G 2.7.
Status CheckAccessConditions(const AccessConditions& c, Date today, bool vbs_required);

// ACC-8: a disclosure is valid for less than 3 years from issue.
bool CrbExpired(Date issued_on, Date today);

struct UserAccount {
  UserId id = 0;
  std::string username;
  std::string display_name;
  std::string email;
  Role role = Role::kPractitioner;
  Rights extra_rights;  // granted to this person (ACC-1)
  std::optional<std::int64_t> organisation_id;
  std::string la_code;  // the LA (or partner) that administers the account
  AccountStatus status = AccountStatus::kActive;
  std::string status_reason;
  Timestamp status_changed_at = 0;
  std::string password_hash;  // Argon2id, peppered
  Timestamp password_set_at = 0;
  std::string totp_secret_sealed;      // encrypted at rest
  std::int64_t totp_last_step = 0;     // last accepted TOTP step: replay protection
  std::string token_state = "issued";  // issued, revoked (ACC-5, ACC-7)
  AccessConditions conditions;
  std::string staff_manager_name;  // told of suspensions (ACC-1, ACC-6)
  std::string staff_manager_email;
  bool demo = false;  // created by the demo set-up
  Timestamp created_at = 0;
  std::optional<UserId> created_by;
  std::optional<Timestamp> last_sign_in_at;

  Rights rights() const { return RoleRights(role).With(extra_rights); }
};

std::string_view AccountStatusName(AccountStatus s);
std::optional<AccountStatus> AccountStatusFromName(std::string_view name);
std::string_view SuspensionReasonName(SuspensionReason r);
std::string_view SuspensionReasonTitle(SuspensionReason r);
std::optional<SuspensionReason> SuspensionReasonFromName(std::string_view name);
std::string_view CrbEvidenceName(CrbEvidence e);
std::optional<CrbEvidence> CrbEvidenceFromName(std::string_view name);

}  // namespace cp::core
