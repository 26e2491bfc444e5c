// Sensitive services and consent over the API (SENS-2, SENS-3; AUTH-5): a
// sensitive service's involvement recorded with its consent or
// public-interest basis, the team's action when consent is withdrawn, and
// the team's list of consents due for renewal. Each route makes the same
// SensitiveInvolvementService call as its web page (sensitive_pages.cc), so
// the rights, refusals and audit entries are the service's own. Ids in paths
// are numeric record and involvement ids — never personal data. A field of
// the wrong shape is refused naming it before the service is called.

#include <boost/json.hpp>

#include "web/site/api.h"
#include "web/site/api_json.h"

namespace cp::web {
namespace {

namespace json = boost::json;
using api::Fail;
using api::Json;

constexpr const char* kPrefix = "/api/v1/records/";
constexpr const char* kWithdrawal = "/consent-withdrawal";

// `e`, its field named inside the request's "consent" object.
Error InConsent(Error e) {
  e.field = "consent." + e.field;
  return e;
}

// SENS-2: who gave consent, when, how, and when it must be renewed — each
// required once consent is given at all. Absent or null: no consent.
Result<std::optional<core::Consent>> ReadConsent(const json::object& body) {
  auto it = body.find("consent");
  if (it == body.end() || it->value().is_null()) return std::optional<core::Consent>();
  if (!it->value().is_object()) {
    return Error::Invalid("consent",
                          "Give consent as an object: given_by, given_on, method, renewal_due");
  }
  const json::object& c = it->value().as_object();
  auto by = api::Choice(c, "given_by", {"child", "parent_carer"});
  if (!by) return InConsent(by.error());
  auto given = api::Day(c, "given_on");
  if (!given) return InConsent(given.error());
  if (!*given) return Error::Invalid("consent.given_on", "Give the day consent was given");
  auto method = api::Choice(c, "method", {"oral", "written"});
  if (!method) return InConsent(method.error());
  auto renewal = api::Day(c, "renewal_due");
  if (!renewal) return InConsent(renewal.error());
  if (!*renewal) return Error::Invalid("consent.renewal_due", "Give the day consent is renewed");
  return std::optional<core::Consent>(core::Consent{
      *core::ConsentGiverFromName(*by), **given, *core::ConsentMethodFromName(*method), **renewal});
}

Result<services::SensitiveInvolvementInput> ReadInvolvement(const json::object& body) {
  services::SensitiveInvolvementInput in;
  // G C17, and a voluntary organisation's own sensitive service (SENS-1): the
  // web form's choices.
  CP_ASSIGN(in.service_type,
            api::Choice(body, "service_type",
                        {"sexual_health", "camhs", "substance_misuse", "voluntary_sensitive"}));
  for (auto [key, into] :
       {std::pair{"organisation", &in.organisation}, std::pair{"team", &in.team},
        std::pair{"practitioner", &in.practitioner}, std::pair{"phone", &in.phone},
        std::pair{"email", &in.email}, std::pair{"public_interest", &in.public_interest}}) {
    CP_ASSIGN(*into, api::Text(body, key));
  }
  CP_ASSIGN(in.start_date, api::Day(body, "start_date"));
  CP_ASSIGN(in.consent, ReadConsent(body));
  return in;
}

// The service names its fields as the web form does; here they are named as
// the request names them.
Error AsRequestField(Error e) {
  if (e.field == "basis") e.field = "consent";  // neither basis, or both
  if (e.field == "consent_date") e.field = "consent.given_on";
  if (e.field == "consent_renewal") e.field = "consent.renewal_due";
  return e;
}

// The record and involvement ids in
// "/api/v1/records/{id}/sensitive-involvements/{inv}/consent-withdrawal".
std::optional<std::pair<core::ChildId, std::int64_t>> WithdrawalIds(const std::string& path) {
  const std::string suffix = kWithdrawal;
  if (path.size() <= suffix.size() ||
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return std::nullopt;
  }
  const std::string head = path.substr(0, path.size() - suffix.size());
  const std::size_t slash = head.rfind('/');
  if (slash == std::string::npos) return std::nullopt;
  auto child = PathId(head.substr(0, slash), kPrefix, "/sensitive-involvements");
  auto involvement = PathId(head.substr(slash), "/", "");
  if (!child || !involvement) return std::nullopt;
  return std::pair{*child, *involvement};
}

}  // namespace

std::optional<Response> Api::RouteSensitive(const Request& r, const json::object& body,
                                            const services::SessionInfo& s) {
  const services::Actor& actor = s.actor;
  // SENS-2: an involvement held only with consent or a public interest.
  if (auto id = PathId(r.path, kPrefix, "/sensitive-involvements"); id && r.method == "POST") {
    auto input = ReadInvolvement(body);
    if (!input) return Fail(input.error());
    auto recorded = sensitive_.Record(actor, *id, *input);
    if (!recorded) return Fail(AsRequestField(recorded.error()));
    return Json(201, json::object{{"id", *recorded}, {"record_id", *id}});
  }
  // SENS-3: consent withdrawn; the involvement moves to the archive now.
  if (r.method == "POST") {
    if (auto ids = WithdrawalIds(r.path)) {
      if (Status done = sensitive_.WithdrawConsent(actor, ids->first, ids->second); !done) {
        return Fail(done.error());
      }
      return Response{204, "application/json", {}, "", false};
    }
  }
  // G 3.7: consents due for renewal (default: within 30 days, as on the web).
  if (r.method == "GET" && r.path == "/api/v1/consent-renewals") {
    auto within = api::DaysQuery(r, "within_days", 30);
    if (!within) return Fail(within.error());
    auto due = sensitive_.RenewalsDue(actor, *within);
    if (!due) return Fail(due.error());
    const Date today = ctx_.clock.Today();
    json::array renewals;
    for (const auto& c : *due) {
      renewals.push_back(json::object{{"record_id", c.child_id},
                                      {"involvement_id", c.involvement_id},
                                      {"service_type", c.service_type},
                                      {"renewal_due", c.renewal_due.ToIso()},
                                      {"overdue", c.renewal_due < today}});
    }
    return Json(200, json::object{{"within_days", *within}, {"renewals", renewals}});
  }
  return std::nullopt;
}

}  // namespace cp::web
