#include "core/sensitive_services.h"

#include <algorithm>
#include <string>

namespace cp::core {
namespace {

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

bool IsSensitiveServiceType(std::string_view service_type) {
  return std::find(std::begin(kSensitiveServiceTypes), std::end(kSensitiveServiceTypes),
                   service_type) != std::end(kSensitiveServiceTypes);
}

ServiceCategory HeldCategory(std::string_view service_type, ServiceCategory declared) {
  return IsSensitiveServiceType(service_type) ? ServiceCategory::kSensitive : declared;
}

Status CheckSensitiveBasis(const Involvement& inv, Date today, std::string_view prefix) {
  const std::string f(prefix);
  const bool has_public_interest = !Blank(inv.public_interest);
  if (inv.category != ServiceCategory::kSensitive) {
    if (inv.consent || has_public_interest) {
      return Error::Invalid(f + ".consent",
                            "Consent is recorded only for a sensitive service's involvement");
    }
    return Ok();
  }
  if (!inv.consent && !has_public_interest) {
    return Error::Invalid(f + ".consent",
                          "A sensitive service can be recorded only with informed, explicit "
                          "consent or an overriding public interest");
  }
  if (inv.consent) {
    const Consent& c = *inv.consent;
    if (c.given_on > today) {
      return Error::Invalid(f + ".consent_date", "Consent cannot be given in the future");
    }
    if (c.renewal_due <= c.given_on) {
      return Error::Invalid(f + ".consent_renewal",
                            "The renewal date must be after consent was given");
    }
  }
  return Ok();
}

}  // namespace cp::core
