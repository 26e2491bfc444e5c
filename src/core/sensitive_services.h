#pragma once
// Sensitive services (SENS-1, G C17) and the basis on which their
// involvement is held (SENS-2, G 3.3–3.8, G C2, flowchart B10).

#include <optional>
#include <string_view>

#include "core/child.h"
#include "platform/result.h"

namespace cp::core {

// G C17: sexual health, mental health (CAMHS tiers 2–4) and substance
// misuse. These service types are sensitive whoever supplies them.
inline constexpr std::string_view kSensitiveServiceTypes[] = {"sexual_health", "camhs",
                                                              "substance_misuse"};

bool IsSensitiveServiceType(std::string_view service_type);

// The category an involvement is held under: sensitive for a sensitive
// service type whatever the supplier declared (so a mislabelled CAMHS
// involvement is never shown to users), otherwise as declared — a
// voluntary-organisation source may flag any service it supplies as
// sensitive (SENS-1).
ServiceCategory HeldCategory(std::string_view service_type, ServiceCategory declared);

// SENS-2: the first problem with the basis for holding `inv`, naming the
// field under `prefix` ("involvements[2]"), or Ok. A sensitive involvement
// needs a consent given on or before `today` and to be renewed after it was
// given, or a public-interest justification; any other involvement carries
// neither.
Status CheckSensitiveBasis(const Involvement& inv, Date today, std::string_view prefix);

// Months after which consent must be renewed when the supplier gives no
// date: consent is not open-ended (G 3.7).
inline constexpr int kDefaultConsentRenewalMonths = 12;

}  // namespace cp::core
