#pragma once
// Sensitive services and consent (SENS-1 … SENS-3, SENS-5, REC-5; G 3.3–3.8,
// G 3.30–3.33, G C2, G C17, flowchart B10).
//
// A sensitive service's involvement is recorded only with informed, explicit
// consent — from the child when of sufficient understanding, otherwise from
// a parent/carer; oral or written; with the date given and the date it must
// be renewed — or, rarely, without consent where there is reasonable cause
// to suspect significant harm, with that justification recorded (G 3.8).
// Users then see only that "a sensitive service is involved"; the management
// team alone sees who (policy::SeesSensitiveServices) and brokers contact.
//
// When consent is withdrawn the service tells the management team, who move
// the involvement to the archive at once (G 3.7, G 3.33): from that commit no
// view, search or export reads it.
//
// Every action and every refusal is audited; audit details hold ids and
// outcomes only, never the free text.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "services/actor.h"
#include "services/context.h"
#include "store/child_repository.h"

namespace cp::services {

// What a sensitive service (or the team on its behalf) records.
struct SensitiveInvolvementInput {
  // "sexual_health", "camhs", "substance_misuse" (G C17), or another service
  // a voluntary organisation treats as sensitive (SENS-1).
  std::string service_type;
  std::string organisation;
  std::string team;
  std::string practitioner;
  std::string phone;
  std::string email;
  std::optional<Date> start_date;
  // Exactly one basis: consent, or a public-interest justification.
  std::optional<core::Consent> consent;
  std::string public_interest;
};

using ConsentRenewal = store::ChildRepository::ConsentRenewal;

class SensitiveInvolvementService {
 public:
  explicit SensitiveInvolvementService(ServiceContext& ctx) : ctx_(ctx) {}

  // Records the involvement on live record `child`; returns its id. Who: a
  // user with the update right (the sensitive service's practitioner adding
  // their own details, G 3.31) or the record's LA management team.
  // PermissionDenied (audited) otherwise; NotFound for an unknown or archived
  // record; InvalidArgument naming the field for a missing basis, both bases,
  // a consent dated in the future or renewed before it was given, missing
  // contact, or text over the limits. A refusal changes nothing.
  // Audited as "involvement.sensitive.record" with the basis.
  Result<std::int64_t> Record(const Actor& actor, core::ChildId child,
                              const SensitiveInvolvementInput& input);

  // SENS-3: consent to involvement `involvement_id` on `child` has been
  // withdrawn: the involvement moves to the archive now. The record's LA
  // management team only (PermissionDenied, audited, otherwise); NotFound
  // when the record has no such live sensitive involvement.
  // Audited as "involvement.consent_withdrawn".
  Status WithdrawConsent(const Actor& actor, core::ChildId child, std::int64_t involvement_id);

  // Consents in the actor's LA due for renewal within `within_days` (or
  // overdue), soonest first: what the team chases (G 3.7). Management team
  // only.
  Result<std::vector<ConsentRenewal>> RenewalsDue(const Actor& actor, int within_days);

 private:
  ServiceContext& ctx_;
};

inline constexpr std::size_t kMaxPublicInterestChars = 2000;

}  // namespace cp::services
