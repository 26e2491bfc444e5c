// Sensitive services and consent (SENS-1 … SENS-3, REC-5; G 3.3–3.8,
// G 3.30–3.33, flowchart B10): the form on which a sensitive service's
// practitioner (or the management team) records the involvement with its
// consent or public-interest justification; the team's action when consent
// is withdrawn; the team's list of consents due for renewal.

#include "core/sensitive_services.h"
#include "web/site/app.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::list;

struct ServiceTypeOption {
  const char* value;
  const char* title;
};
// G C17, and a voluntary organisation's own sensitive service (SENS-1).
constexpr ServiceTypeOption kServiceTypes[] = {
    {"sexual_health", "Sexual health"},
    {"camhs", "Mental health (CAMHS tiers 2 to 4)"},
    {"substance_misuse", "Substance misuse"},
    {"voluntary_sensitive", "Another service a voluntary organisation treats as sensitive"}};

struct DateField {
  const char* name;
  const char* label;
  const char* hint;
};
constexpr DateField kStartDate = {"start_date", "When the service started",
                                  "For example, 27 3 2026. Leave blank if not known."};
constexpr DateField kConsentDate = {"consent_date", "When consent was given",
                                    "For example, 27 3 2026."};
constexpr DateField kRenewalDate = {"consent_renewal", "When consent must be renewed",
                                    "Consent is not open-ended. For example, 27 3 2027."};

// A GOV.UK date input's three fields: nullopt when all are blank, an error
// naming the field when not a real date.
Result<std::optional<Date>> FormDate(const Request& r, const DateField& f) {
  const std::string base = f.name;
  const std::string d = r.Form(base + "_day"), m = r.Form(base + "_month"),
                    y = r.Form(base + "_year");
  if (d.empty() && m.empty() && y.empty()) return std::optional<Date>();
  auto number = [](const std::string& s) -> int {
    if (s.empty() || s.size() > 4) return -1;
    int n = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  const int dd = number(d), mm = number(m), yy = number(y);
  std::optional<Date> date;
  if (dd > 0 && mm > 0 && yy >= 1900) date = Date::FromYmd(yy, mm, dd);
  if (!date) return Error::Invalid(base, std::string(f.label) + " must be a real date");
  return date;
}

PageData DateItem(const Request* r, const DateField& f,
                  const std::map<std::string, std::string>& e) {
  PageData item;
  item.set("name", f.name);
  item.set("label", f.label);
  item.set("hint", f.hint);
  if (r != nullptr) {
    const std::string base = f.name;
    item.set("day", r->Form(base + "_day"));
    item.set("month", r->Form(base + "_month"));
    item.set("year", r->Form(base + "_year"));
  }
  if (auto it = e.find(f.name); it != e.end()) item.set("error", it->second);
  return item;
}

// What the form asks for, as the service takes it; errors in the form's own
// terms (a date that is not a date) come back before the service is asked.
Result<services::SensitiveInvolvementInput> ReadForm(const Request& r) {
  services::SensitiveInvolvementInput in;
  in.service_type = r.Form("service_type");
  bool known = false;
  for (const auto& t : kServiceTypes) known = known || in.service_type == t.value;
  if (!known) return Error::Invalid("service_type", "Choose the type of service");
  in.organisation = r.Form("organisation");
  in.team = r.Form("team");
  in.practitioner = r.Form("practitioner");
  in.phone = r.Form("phone");
  in.email = r.Form("email");
  CP_ASSIGN(in.start_date, FormDate(r, kStartDate));
  const std::string basis = r.Form("basis");
  if (basis == "consent") {
    const auto by = core::ConsentGiverFromName(r.Form("consent_given_by"));
    if (!by) return Error::Invalid("consent_given_by", "Say who gave consent");
    const auto method = core::ConsentMethodFromName(r.Form("consent_method"));
    if (!method) return Error::Invalid("consent_method", "Say how consent was given");
    CP_ASSIGN(auto given, FormDate(r, kConsentDate));
    if (!given) return Error::Invalid("consent_date", "Enter when consent was given");
    CP_ASSIGN(auto renewal, FormDate(r, kRenewalDate));
    if (!renewal) return Error::Invalid("consent_renewal", "Enter when consent must be renewed");
    in.consent = core::Consent{*by, *given, *method, *renewal};
  } else if (basis == "public_interest") {
    in.public_interest = r.Form("public_interest");
    if (in.public_interest.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Error::Invalid("public_interest", "Enter why recording without consent is justified");
    }
  } else {
    return Error::Invalid("basis", "Choose consent or an overriding public interest");
  }
  return in;
}

}  // namespace

std::optional<Response> App::RouteSensitive(const Request& r, const services::SessionInfo& s) {
  if (auto id = PathId(r.path, "/records/", "/sensitive-services/new"); id && r.method == "GET") {
    return SensitiveInvolvementPage(s, *id, nullptr, {});
  }
  if (auto id = PathId(r.path, "/records/", "/sensitive-services"); id && r.method == "POST") {
    auto input = ReadForm(r);
    if (!input) return SensitiveInvolvementPage(s, *id, &r, {input.error()});
    auto recorded = sensitive_.Record(s.actor, *id, *input);
    if (!recorded) {
      if (recorded.error().code == ErrorCode::kInvalidArgument) {
        return SensitiveInvolvementPage(s, *id, &r, {recorded.error()});
      }
      return ErrorPage(HttpStatus(recorded.error().code), "The involvement was not recorded",
                       recorded.error().message, &s);
    }
    return Response::Redirect("/records/" + std::to_string(*id) + "?recorded=sensitive");
  }
  // "/records/12/sensitive-services/34/consent-withdrawn"
  if (r.method == "POST" && r.path.size() > 18 &&
      r.path.compare(r.path.size() - 18, 18, "/consent-withdrawn") == 0) {
    const std::string head = r.path.substr(0, r.path.size() - 18);
    const std::size_t slash = head.rfind('/');
    auto child = PathId(head.substr(0, slash), "/records/", "/sensitive-services");
    auto involvement = PathId(head.substr(slash), "/", "");
    if (!child || !involvement) return std::nullopt;
    Status done = sensitive_.WithdrawConsent(s.actor, *child, *involvement);
    if (!done) {
      return ErrorPage(HttpStatus(done.error().code), "The involvement was not archived",
                       done.error().message, &s);
    }
    return Response::Redirect("/records/" + std::to_string(*child) + "?archived=sensitive");
  }
  if (r.path == "/consent-renewals" && r.method == "GET") return ConsentRenewalsPage(s);
  return std::nullopt;
}

Response App::SensitiveInvolvementPage(const services::SessionInfo& s, core::ChildId id,
                                       const Request* r, const std::vector<Error>& errors) {
  auto view = records_.View(s.actor, id);
  if (!view) {
    return ErrorPage(HttpStatus(view.error().code), "Record not found", view.error().message, &s);
  }
  std::map<std::string, std::string> e;
  list errs;
  for (const Error& err : errors) {
    e[err.field] = err.message;
    PageData item;
    item.set("field", err.field);
    item.set("message", err.message);
    errs.push_back(item);
  }
  PageData d;
  d.set("id", std::to_string(id));
  d.set("uin", view->child.uin.ToDisplay());
  d.set("csrf_token", s.csrf_token);
  d.set("errors", errs);
  d.set("has_errors", !errors.empty());
  const std::string chosen = r != nullptr ? r->Form("service_type") : "";
  list types;
  for (const auto& t : kServiceTypes) {
    PageData item;
    item.set("value", t.value);
    item.set("title", t.title);
    if (chosen == t.value) item.set("selected", true);
    types.push_back(item);
  }
  d.set("service_types", types);
  if (auto it = e.find("service_type"); it != e.end()) d.set("service_type_error", it->second);
  struct Text {
    const char* name;
    const char* label;
    const char* hint;
    const char* autocomplete;
  };
  const Text texts[] = {
      {"organisation", "Organisation", "", "organization"},
      {"team", "Team (optional)", "", ""},
      {"practitioner", "Practitioner (optional)", "", "name"},
      {"phone", "Telephone", "A phone number or an email address is needed.", "tel"},
      {"email", "Email address", "", "email"}};
  list fields;
  for (const Text& t : texts) {
    PageData item;
    item.set("name", t.name);
    item.set("label", t.label);
    if (*t.hint != '\0') item.set("hint", t.hint);
    if (*t.autocomplete != '\0') item.set("autocomplete", t.autocomplete);
    if (r != nullptr) item.set("value", r->Form(t.name));
    if (auto it = e.find(t.name); it != e.end()) item.set("error", it->second);
    fields.push_back(item);
  }
  d.set("text_fields", fields);
  d.set("start_dates", list{DateItem(r, kStartDate, e)});
  d.set("consent_dates", list{DateItem(r, kConsentDate, e), DateItem(r, kRenewalDate, e)});
  const std::string basis = r != nullptr ? r->Form("basis") : "";
  if (basis == "consent") d.set("basis_consent", true);
  if (basis == "public_interest") d.set("basis_public_interest", true);
  const std::string by = r != nullptr ? r->Form("consent_given_by") : "";
  if (by == "child") d.set("given_by_child", true);
  if (by == "parent_carer") d.set("given_by_parent_carer", true);
  const std::string method = r != nullptr ? r->Form("consent_method") : "";
  if (method == "written") d.set("method_written", true);
  if (method == "oral") d.set("method_oral", true);
  if (r != nullptr) d.set("public_interest", r->Form("public_interest"));
  for (const auto& [field, key] : {std::pair{"basis", "basis_error"},
                                   {"consent_given_by", "given_by_error"},
                                   {"consent_method", "method_error"},
                                   {"public_interest", "public_interest_error"}}) {
    if (auto it = e.find(field); it != e.end()) d.set(key, it->second);
  }
  return Render("sensitive_involvement", d, "Record a sensitive service's involvement", &s,
                errors.empty() ? 200 : 422);
}

Response App::ConsentRenewalsPage(const services::SessionInfo& s) {
  auto due = sensitive_.RenewalsDue(s.actor, 30);
  if (!due) {
    return ErrorPage(HttpStatus(due.error().code), "Not available", due.error().message, &s);
  }
  const Date today = ctx_.clock.Today();
  list rows;
  for (const auto& c : *due) {
    PageData row;
    row.set("child_id", std::to_string(c.child_id));
    row.set("service", c.service_type);
    row.set("renewal_due", c.renewal_due.ToIso());
    if (c.renewal_due < today) row.set("overdue", true);
    rows.push_back(row);
  }
  PageData d;
  d.set("has_rows", !rows.empty());
  d.set("rows", rows);
  return Render("consent_renewals", d, "Consents due for renewal", &s);
}

}  // namespace cp::web
