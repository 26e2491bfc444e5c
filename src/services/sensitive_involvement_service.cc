#include "services/sensitive_involvement_service.h"

#include <algorithm>

#include "core/sensitive_services.h"
#include "services/input_text.h"
#include "services/shielding_service.h"

namespace cp::services {
namespace {

constexpr std::size_t kMaxField = 200;
constexpr int kMaxRenewalsListed = 500;

// The involvement as it will be stored, or the first problem with the input.
Result<core::Involvement> Build(const SensitiveInvolvementInput& in, Date today, Timestamp now) {
  core::Involvement inv;
  inv.category = core::ServiceCategory::kSensitive;
  inv.service_type = TrimmedText(in.service_type);
  inv.organisation = TrimmedText(in.organisation);
  inv.team = TrimmedText(in.team);
  inv.practitioner = TrimmedText(in.practitioner);
  inv.contact.phone = TrimmedText(in.phone);
  inv.contact.email = TrimmedText(in.email);
  inv.start_date = in.start_date;
  inv.consent = in.consent;
  inv.public_interest = TrimmedText(in.public_interest);
  inv.source = {0, now};  // a manual entry (REC-8)

  if (inv.service_type.empty()) return Error::Invalid("service_type", "Choose the type of service");
  const std::pair<const char*, const std::string*> fields[] = {{"service_type", &inv.service_type},
                                                               {"organisation", &inv.organisation},
                                                               {"team", &inv.team},
                                                               {"practitioner", &inv.practitioner},
                                                               {"phone", &inv.contact.phone},
                                                               {"email", &inv.contact.email}};
  for (const auto& [name, value] : fields) {
    if (CharCount(*value) > kMaxField) {
      return Error::Invalid(name, "This must be 200 characters or fewer");
    }
  }
  if (inv.organisation.empty()) {
    return Error::Invalid("organisation", "Enter the organisation providing the service");
  }
  if (inv.contact.phone.empty() && inv.contact.email.empty()) {
    return Error::Invalid("phone", "Enter a phone number or email address for the service");
  }
  if (inv.start_date && *inv.start_date > today) {
    return Error::Invalid("start_date", "The service cannot start in the future");
  }
  if (inv.consent && !inv.public_interest.empty()) {
    return Error::Invalid("basis", "Record either consent or a public interest, not both");
  }
  if (CharCount(inv.public_interest) > kMaxPublicInterestChars) {
    return Error::Invalid("public_interest", "The justification must be 2,000 characters or fewer");
  }
  if (Status basis = core::CheckSensitiveBasis(inv, today, "involvement"); !basis) {
    Error e = basis.error();
    // The form's own field names, not the record's.
    if (e.field == "involvement.consent") e.field = "basis";
    if (e.field == "involvement.consent_date") e.field = "consent_date";
    if (e.field == "involvement.consent_renewal") e.field = "consent_renewal";
    return e;
  }
  return inv;
}

}  // namespace

Result<std::int64_t> SensitiveInvolvementService::Record(const Actor& actor, core::ChildId child_id,
                                                         const SensitiveInvolvementInput& input) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  auto loaded = store::ChildRepository(*conn).GetCore(child_id);
  if (!loaded || loaded->archive_state != core::ArchiveState::kLive) {
    if (!loaded && loaded.error().code != ErrorCode::kNotFound) return loaded.error();
    CP_TRY(ctx_.audit.Append(actor, {"involvement.sensitive.record", "not_found", {}, "{}"}));
    return Error::NotFound("There is no such record");
  }
  const bool team = IsManagementTeam(actor, loaded->la_code);
  if (!actor.user_id || !(actor.Has(core::Right::kUpdate) || team)) {
    CP_TRY(ctx_.audit.Append(actor, {"involvement.sensitive.record", "denied", {child_id}, "{}"}));
    return Error::Denied("You cannot record a service's involvement on this record");
  }
  const Timestamp now = ctx_.clock.Now();
  CP_ASSIGN(core::Involvement inv, Build(input, ctx_.clock.Today(), now));

  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_ASSIGN(std::int64_t id, store::ChildRepository(*conn).AddInvolvement(child_id, inv, now));
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, actor,
      {"involvement.sensitive.record",
       "ok",
       {child_id},
       AuditDetails(
           {{"involvement_id", id},
            {"basis", boost::json::string(inv.consent ? "consent" : "public_interest")},
            {"service_type",
             boost::json::string(core::IsSensitiveServiceType(inv.service_type) ? inv.service_type
                                                                                : "other")}})}));
  CP_TRY(tx.Commit());
  return id;
}

Status SensitiveInvolvementService::WithdrawConsent(const Actor& actor, core::ChildId child_id,
                                                    std::int64_t involvement_id) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::ChildRepository children(*conn);
  auto loaded = children.Get(child_id);
  if (!loaded) {
    if (loaded.error().code != ErrorCode::kNotFound) return loaded.error();
    CP_TRY(ctx_.audit.Append(actor, {"involvement.consent_withdrawn", "not_found", {}, "{}"}));
    return Error::NotFound("There is no such record");
  }
  if (!IsManagementTeam(actor, loaded->la_code)) {
    CP_TRY(ctx_.audit.Append(actor, {"involvement.consent_withdrawn", "denied", {child_id}, "{}"}));
    return Error::Denied("Only the record's LA management team can act on withdrawn consent");
  }
  const auto& involvements = loaded->involvements;
  const bool found = std::any_of(involvements.begin(), involvements.end(), [&](const auto& inv) {
    return inv.id == involvement_id && inv.category == core::ServiceCategory::kSensitive;
  });
  if (!found) return Error::NotFound("This record has no such sensitive service involvement");

  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_TRY(
      children.ArchiveInvolvement(child_id, involvement_id, "consent_withdrawn", ctx_.clock.Now()));
  CP_TRY(ctx_.audit.AppendInTransaction(*conn, actor,
                                        {"involvement.consent_withdrawn",
                                         "ok",
                                         {child_id},
                                         AuditDetails({{"involvement_id", involvement_id}})}));
  return tx.Commit();
}

Result<std::vector<ConsentRenewal>> SensitiveInvolvementService::RenewalsDue(const Actor& actor,
                                                                             int within_days) {
  if (!IsManagementTeam(actor, actor.la_code)) {
    CP_TRY(ctx_.audit.Append(actor, {"involvement.consent_renewals", "denied", {}, "{}"}));
    return Error::Denied("Only the LA management team sees consents due for renewal");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  const Date by = ctx_.clock.Today().AddDays(std::clamp(within_days, 0, 366));
  CP_ASSIGN(auto rows, store::ChildRepository(*conn).ConsentRenewalsDue(actor.la_code, by,
                                                                        kMaxRenewalsListed));
  std::vector<std::int64_t> children;
  for (const auto& r : rows) children.push_back(r.child_id);
  CP_TRY(ctx_.audit.Append(actor,
                           {"involvement.consent_renewals", "ok", children,
                            AuditDetails({{"count", static_cast<std::int64_t>(rows.size())}})}));
  return rows;
}

}  // namespace cp::services
