#include "web/site/app.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/local_authority.h"
#include "core/search_reason.h"
#include "web/site/page_text.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;

constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'";

void SecurityHeaders(Response& r) {
  r.headers.emplace_back("Content-Security-Policy", kCsp);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy",
                         "same-origin");  // no-referrer would make forms send Origin: null
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  r.headers.emplace_back("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  r.headers.emplace_back("Cache-Control", r.cacheable ? "public, max-age=86400" : "no-store");
}

std::string Cookie(const std::string& name, const std::string& value, int max_age) {
  return name + "=" + value +
         "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
}

// "2 minutes", "1 minute", "50 seconds".
std::string DurationText(std::int64_t seconds) {
  if (seconds % 60 != 0) return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
  const std::int64_t minutes = seconds / 60;
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

std::string ContentType(const std::string& path) {
  auto ends = [&](const char* ext) {
    const std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".css")) return "text/css";
  if (ends(".js") || ends(".mjs")) return "text/javascript";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".png")) return "image/png";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}

std::string ServiceLabel(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// SENS-2: how a sensitive involvement came to be recorded, for the team.
std::string BasisText(const core::Involvement& inv) {
  if (inv.consent) {
    const core::Consent& c = *inv.consent;
    return std::string("Consent given ") +
           (c.method == core::ConsentMethod::kWritten ? "in writing" : "orally") + " by " +
           (c.given_by == core::ConsentGiver::kChild ? "the child" : "a parent or carer") + " on " +
           LongDate(c.given_on) + "; to be renewed by " + LongDate(c.renewal_due);
  }
  if (!inv.public_interest.empty()) {
    return "Recorded without consent in the public interest: " + inv.public_interest;
  }
  return "Recorded before consent was held with each involvement";
}

}  // namespace

App::App(services::ServiceContext& ctx, const services::Credentials& credentials,
         services::ChildIndex* index, Templates templates, AppOptions options)
    : ctx_(ctx),
      credentials_(credentials),
      sessions_(ctx, credentials, options.sessions),
      search_(ctx, index),
      records_(ctx),
      shielding_(ctx, index),
      break_glass_(ctx, sessions_),
      brokering_(ctx),
      sensitive_(ctx),
      new_records_(ctx, index),
      api_(ctx, credentials, index, options.sessions),
      reviews_(ctx, index, shielding_),
      merges_(ctx, index, shielding_),
      amendments_(ctx, index),
      templates_(std::move(templates)),
      options_(std::move(options)) {}

Response App::Handle(const Request& request) {
  Response r = Route(request);
  SecurityHeaders(r);
  return r;
}

bool App::SameOrigin(const Request& r) const {
  const std::string origin = r.Header("origin");
  if (origin.empty()) return true;  // older clients; the CSRF token still applies
  const std::string host = r.Header("host");
  return origin == "http://" + host || origin == "https://" + host;
}

Response App::Route(const Request& r) {
  if (r.method == "GET" && r.path == "/healthz") {
    return Response{200, "application/json", {}, R"({"status":"ok"})", false};
  }
  if (r.method == "GET" && r.path.rfind("/assets/", 0) == 0) return Asset(r.path.substr(8));
  if (r.path.rfind("/api/", 0) == 0) return api_.Handle(r);  // bearer sessions, no cookies
  if (r.method == "POST" && !SameOrigin(r)) {
    return ErrorPage(403, "Request refused", "This form was sent from another site.");
  }
  if (r.path == "/sign-in") {
    if (r.method == "POST") return SignIn(r);
    return SignInPage(r, "");
  }
  if (r.path == "/signed-out") {
    // After the time-out warning's redirect: end (and audit) an expired
    // session now rather than at its next use, and drop the cookie.
    if (!r.Cookie(kSessionCookie).empty()) {
      if (auto live = sessions_.Resolve(r.Cookie(kSessionCookie), false)) {
        (void)sessions_.SignOut(*live);
      }
    }
    Response res = SignInPage(r, "");
    res.headers.emplace_back("Set-Cookie", Cookie(kSessionCookie, "", 0));
    return res;
  }
  // Everything else needs a live session (AUTH-2).
  auto session = sessions_.Resolve(r.Cookie(kSessionCookie));
  if (!session) {
    if (r.method == "GET") return Response::Redirect("/sign-in");
    return ErrorPage(401, "You are signed out", "Your session has ended. Sign in again.");
  }
  const services::SessionInfo& s = *session;
  if (auto res = RouteFeeds(r, s)) return *res;  // its multipart POST checks the CSRF token
  if (r.method == "POST" &&
      !services::Credentials::ConstantTimeEquals(r.Form("csrf_token"), s.csrf_token)) {
    return ErrorPage(403, "Request refused", "This form has expired. Go back and try again.", &s);
  }
  if (r.path == "/" && r.method == "GET") return Home(s);
  if (r.path == "/sign-out" && r.method == "POST") return SignOut(r, s);
  if (r.path == "/keep-alive" && r.method == "POST") {
    (void)sessions_.KeepAlive(s);
    // Back to the page the warning was shown on, when it is one of ours.
    const std::string back = r.Form("return_to");
    const bool local =
        back.size() > 1 && back[0] == '/' && back[1] != '/' && back.find('\\') == std::string::npos;
    return Response::Redirect(local ? back : "/");
  }
  if (r.path == "/search") {
    if (r.method == "POST") return Search(r, s);
    return SearchPage(s, nullptr, {});
  }
  if (r.path.rfind("/records/", 0) == 0 && r.method == "GET" &&
      r.path.find('/', 9) == std::string::npos) {
    const std::string notice =
        r.query.count("shield") != 0     ? "Your request has been sent"
        : r.query.count("recorded") != 0 ? "The sensitive service's involvement has been recorded"
        : r.query.count("archived") != 0
            ? "Consent was withdrawn: the involvement has been moved to the archive"
            : "";
    return Record(s, r.path.substr(9), notice, "", 200);
  }
  if (auto res = RouteShielding(r, s)) return *res;
  if (auto res = RouteBreakGlass(r, s)) return *res;
  if (auto res = RouteBrokering(r, s)) return *res;
  if (auto res = RouteSensitive(r, s)) return *res;
  if (auto res = RouteNewRecords(r, s)) return *res;
  if (auto res = RouteAmendments(r, s)) return *res;
  if (auto res = RouteReview(r, s)) return *res;
  if (r.path == "/mediation") {
    if (r.method == "POST") return Mediate(r, s);
    return MediationPage(s, "", 200);
  }
  if (r.path == "/mediation/end" && r.method == "POST") {
    (void)sessions_.EndMediation(s);
    return Response::Redirect("/");
  }
  return ErrorPage(404, "Page not found", "If you typed the web address, check it is correct.", &s);
}

Response App::Render(const std::string& page, const PageData& d, const std::string& title,
                     const services::SessionInfo* s, int status) {
  PageData layout;
  layout.set("title", title);
  if (s != nullptr) {
    layout.set("signed_in", true);
    layout.set("user_name", s->user.display_name);
    layout.set("csrf_token", s->csrf_token);
    layout.set("expires_at", std::to_string(s->expires_at));
    const std::int64_t warn = sessions_.policy().warning_seconds;
    layout.set("warn_seconds", std::to_string(warn));
    layout.set("warn_text", DurationText(warn));
  }
  Response res;
  res.status = status;
  res.body = templates_.Page(page, d, layout);
  return res;
}

Response App::ErrorPage(int status, const std::string& heading, const std::string& message,
                        const services::SessionInfo* s) {
  PageData d;
  d.set("heading", heading);
  d.set("message", message);
  return Render("error", d, heading, s, status);
}

Response App::Asset(const std::string& rel) {
  if (rel.find("..") != std::string::npos || rel.empty() || rel[0] == '/') {
    return Response{404, "text/plain", {}, "Not found", false};
  }
  std::ifstream in(options_.assets_dir + "/" + rel, std::ios::binary);
  if (!in) return Response{404, "text/plain", {}, "Not found", false};
  std::stringstream s;
  s << in.rdbuf();
  Response r{200, ContentType(rel), {}, s.str(), true};
  return r;
}

Response App::SignInPage(const Request& r, const std::string& error, int status) {
  // Login CSRF: a pre-session token in a cookie and the form.
  const std::string token = services::Credentials::NewCsrfToken();
  PageData d;
  d.set("csrf_token", token);
  if (!error.empty()) d.set("error", error);
  d.set("username", r.Form("username"));
  if (r.path == "/signed-out") {
    d.set("notice", r.query.count("timeout") != 0 ? "You were signed out because you were inactive."
                                                  : "You have signed out.");
  }
  Response res = Render("sign_in", d, "Sign in", nullptr, status);
  res.headers.emplace_back("Set-Cookie", Cookie(kSignInCookie, token, 3600));
  return res;
}

Response App::SignIn(const Request& r) {
  const std::string expected = r.Cookie(kSignInCookie);
  if (expected.empty() ||
      !services::Credentials::ConstantTimeEquals(r.Form("csrf_token"), expected)) {
    return SignInPage(r, "This page has expired. Try signing in again.", 403);
  }
  auto session = sessions_.SignIn(
      {r.Form("username"), r.Form("password"), r.Form("code"), services::Route::kWeb});
  if (!session) {
    // AUTH-3: one message whichever factor was wrong.
    return SignInPage(r, session.error().message, 401);
  }
  Response res = Response::Redirect("/");
  res.headers.emplace_back("Set-Cookie",
                           Cookie(kSessionCookie, session->session_id,
                                  static_cast<int>(sessions_.policy().absolute_seconds)));
  res.headers.emplace_back("Set-Cookie", Cookie(kSignInCookie, "", 0));
  return res;
}

Response App::SignOut(const Request&, const services::SessionInfo& s) {
  (void)sessions_.SignOut(s);
  Response res = Response::Redirect("/signed-out");
  res.headers.emplace_back("Set-Cookie", Cookie(kSessionCookie, "", 0));
  return res;
}

Response App::Home(const services::SessionInfo& s) {
  PageData d;
  d.set("display_name", s.user.display_name);
  d.set("role_title", std::string(core::RoleTitle(s.user.role)));
  d.set("idle_text", DurationText(sessions_.policy().idle_seconds));
  d.set("can_search", s.actor.Has(core::Right::kSearch));
  d.set("can_mediate", s.user.rights().Has(core::Right::kMediate));
  d.set("can_administer_users", s.actor.Has(core::Right::kAdministerUsers));
  d.set("can_administer_data", s.actor.Has(core::Right::kAdministerData));
  d.set("can_amend", s.actor.Has(core::Right::kUpdate) && s.actor.Has(core::Right::kView));
  d.set("works_amendments", services::IsDataAdministration(s.actor));
  d.set("is_management_team", s.actor.role == core::Role::kLaManager);
  d.set("can_broker_requests", s.actor.Has(core::Right::kView));
  d.set("sees_investigations",
        s.actor.role == core::Role::kLaManager || s.actor.role == core::Role::kCentralTeam);
  if (s.requestor) {
    d.set("mediating", true);
    d.set("requestor_name", s.requestor->display_name);
  }
  return Render("home", d, "Home", &s);
}

Response App::SearchPage(const services::SessionInfo& s, const Request* r,
                         const std::vector<Error>& errors) {
  PageData d;
  d.set("csrf_token", s.csrf_token);
  const std::string chosen = r != nullptr ? r->Form("reason") : "";
  list reasons;
  for (core::SearchReason reason : core::kAllSearchReasons) {
    PageData item;
    const std::string value(core::SearchReasonName(reason));
    item.set("id", "reason-" + value);
    item.set("value", value);
    item.set("title", std::string(core::SearchReasonTitle(reason)));
    if (value == chosen) item.set("checked", true);
    reasons.push_back(item);
  }
  d.set("reasons", reasons);
  if (r != nullptr) {
    for (const char* f : {"reason_text", "uin", "forenames", "surname", "dob_day", "dob_month",
                          "dob_year", "postcode"}) {
      d.set(f, r->Form(f));
    }
  }
  list errs;
  for (const Error& e : errors) {
    PageData item;
    const std::string field = e.field == "criteria" ? "surname" : e.field;
    item.set("field",
             field == "reason"
                 ? "reason-" + std::string(core::SearchReasonName(core::kAllSearchReasons[0]))
                 : field);
    item.set("message", e.message);
    errs.push_back(item);
    if (e.field == "reason") d.set("reason_error", e.message);
    if (e.field == "reason_text") d.set("reason_text_error", e.message);
    if (e.field == "uin") d.set("uin_error", e.message);
    if (e.field == "surname" || e.field == "criteria") d.set("surname_error", e.message);
    if (e.field == "date_of_birth") d.set("dob_error", e.message);
  }
  if (!errors.empty()) d.set("has_errors", true);
  d.set("errors", errs);
  return Render("search", d, "Search for a child", &s, errors.empty() ? 200 : 422);
}

Response App::Search(const Request& r, const services::SessionInfo& s) {
  services::SearchRequest req;
  req.reason = core::SearchReasonFromName(r.Form("reason"));
  req.reason_text = r.Form("reason_text");
  auto& c = req.criteria;
  c.uin = r.Form("uin");
  c.forenames = r.Form("forenames");
  c.surname = r.Form("surname");
  c.postcode = r.Form("postcode");
  const std::string d = r.Form("dob_day"), m = r.Form("dob_month"), y = r.Form("dob_year");
  std::vector<Error> errors;
  if (!d.empty() || !m.empty() || !y.empty()) {
    auto number = [](const std::string& t) -> int {
      if (t.empty() || t.size() > 4) return -1;
      for (char ch : t) {
        if (ch < '0' || ch > '9') return -1;
      }
      return std::stoi(t);
    };
    const int dd = number(d), mm = number(m), yy = number(y);
    if (dd > 0 && mm > 0 && yy > 0) {
      c.date_of_birth = Date::FromYmd(yy, mm, dd);
      if (!c.date_of_birth)
        errors.push_back(Error::Invalid("date_of_birth", "Date of birth must be a real date"));
    } else if (d.empty() && yy > 0) {
      c.birth_year = yy;
      if (mm > 0) c.birth_month = mm;
    } else {
      errors.push_back(
          Error::Invalid("date_of_birth", "Date of birth must be a real date, like 27 3 2015"));
    }
  }
  if (!errors.empty()) return SearchPage(s, &r, errors);
  auto out = search_.Search(s.actor, req);
  if (!out) {
    if (out.error().code == ErrorCode::kInvalidArgument) return SearchPage(s, &r, {out.error()});
    return ErrorPage(500, "Sorry, there is a problem with the service", "Try again later.", &s);
  }
  PageData page;
  page.set("limit", std::to_string(out->limit));
  if (out->too_many) page.set("too_many", true);
  if (!out->too_many && out->hits.empty()) page.set("none", true);
  list hits;
  for (const auto& h : out->hits) {
    PageData item;
    item.set("id", std::to_string(h.id));
    item.set("forenames", h.forenames);
    item.set("surname", h.surname);
    if (!h.known_as_surname.empty()) item.set("known_as", h.known_as_surname);
    item.set("date_of_birth", LongDate(h.date_of_birth));
    item.set("gender", GenderLabel(h.gender));
    item.set("town", h.town);
    item.set("postcode", h.postcode);
    item.set("uin", h.uin.ToDisplay());
    if (h.minimal) item.set("minimal", true);
    if (h.deceased) item.set("deceased", true);
    hits.push_back(item);
  }
  if (!out->hits.empty()) {
    page.set("has_hits", true);
    page.set("count", std::to_string(out->hits.size()));
    page.set("plural", out->hits.size() == 1 ? "" : "s");
  }
  page.set("hits", hits);
  return Render("results", page, "Search results", &s);
}

Response App::Record(const services::SessionInfo& s, const std::string& id_text,
                     const std::string& notice, const std::string& shield_error, int status) {
  core::ChildId id = 0;
  for (char ch : id_text) {
    if (ch < '0' || ch > '9' || id > 1'000'000'000'000LL) {
      return ErrorPage(404, "Page not found", "There is no such record.", &s);
    }
    id = id * 10 + (ch - '0');
  }
  auto view = records_.View(s.actor, id);
  if (!view) {
    if (view.error().code == ErrorCode::kPermissionDenied) {
      return ErrorPage(403, "You cannot view records", view.error().message, &s);
    }
    return ErrorPage(404, "Record not found", "There is no such record.", &s);
  }
  return RecordPage(s, id, *view, notice, shield_error, status, false);
}

Response App::RecordPage(const services::SessionInfo& s, core::ChildId id,
                         const policy::ProjectedRecord& projected, const std::string& notice,
                         const std::string& shield_error, int status, bool break_glass) {
  const policy::ProjectedRecord* view = &projected;
  const core::Child& c = view->child;
  PageData d;
  d.set("uin", c.uin.ToDisplay());
  d.set("forenames", c.forenames);
  d.set("surname", c.surname);
  if (!c.known_as_surname.empty()) d.set("known_as", c.known_as_surname);
  list others;
  for (const auto& n : c.other_names) {
    PageData o;
    o.set("kind", n.kind == core::OtherNameKind::kPrevious ? "Previous name" : "Other name");
    o.set("forenames", n.forenames);
    o.set("surname", n.surname);
    others.push_back(o);
  }
  d.set("other_names", others);
  d.set("date_of_birth", LongDate(c.date_of_birth));
  d.set("gender", GenderLabel(c.gender));
  if (view->minimal) d.set("minimal", true);
  if (c.date_of_death) {
    d.set("deceased", true);
    d.set("date_of_death", LongDate(*c.date_of_death));
    if (c.death_confirmed_by_registrar) d.set("death_confirmed", true);
  }
  list lines;
  for (const std::string* l : {&c.address.line1, &c.address.line2, &c.address.line3,
                               &c.address.town, &c.address.postcode}) {
    if (!l->empty()) lines.push_back(PageData(*l));
  }
  d.set("address_lines", lines);
  if (const auto* la = core::FindLocalAuthority(c.la_code)) d.set("la_name", std::string(la->name));
  list parents;
  for (const auto& p : c.parents_carers) {
    PageData item;
    item.set("forenames", p.forenames);
    item.set("surname", p.surname);
    item.set("relationship", ServiceLabel(p.relationship));
    item.set("phone", p.contact.phone);
    item.set("email", p.contact.email);
    parents.push_back(item);
  }
  d.set("has_parents", !c.parents_carers.empty());
  d.set("parents", parents);
  d.set("education_setting",
        ServiceLabel(std::string(core::EducationSettingName(c.education_setting))));
  if (c.school) {
    PageData school;
    school.set("organisation", c.school->organisation);
    school.set("phone", c.school->contact.phone);
    d.set("school", school);
  }
  list services;
  const std::pair<const char*, const std::optional<core::UniversalService>*> universal[] = {
      {"GP practice", &c.gp_practice},
      {"Midwife", &c.midwife},
      {"Health visitor", &c.health_visitor},
      {"School nurse", &c.school_nurse}};
  for (const auto& [label, svc] : universal) {
    if (!*svc) continue;
    PageData item;
    item.set("label", label);
    item.set("organisation", (*svc)->organisation);
    item.set("practitioner", (*svc)->practitioner);
    item.set("phone", (*svc)->contact.phone);
    item.set("email", (*svc)->contact.email);
    services.push_back(item);
  }
  d.set("services", services);
  list involvements;
  for (const auto& inv : c.involvements) {
    PageData item;
    if (inv.category == core::ServiceCategory::kSensitive && inv.organisation.empty()) {
      item.set("sensitive", true);                         // REC-5
      item.set("involvement_id", std::to_string(inv.id));  // for brokering (SENS-4)
    } else {
      if (inv.category == core::ServiceCategory::kSensitive) {
        // The management team's view: the basis it is held on (SENS-2),
        // and the action when consent is withdrawn (SENS-3).
        item.set("sensitive_detail", true);
        item.set("involvement_id", std::to_string(inv.id));
        item.set("basis", BasisText(inv));
      }
      item.set("service", ServiceLabel(inv.service_type));
      item.set("organisation", inv.organisation);
      item.set("team", inv.team);
      item.set("practitioner", inv.practitioner);
      item.set("phone", inv.contact.phone);
      item.set("email", inv.contact.email);
      if (inv.start_date) item.set("start_date", LongDate(*inv.start_date));
      if (inv.ceased_date) item.set("ceased_date", LongDate(*inv.ceased_date));
    }
    involvements.push_back(item);
  }
  d.set("has_involvements", !c.involvements.empty());
  if (!view->minimal && !break_glass &&
      (s.actor.Has(core::Right::kUpdate) || services::IsManagementTeam(s.actor, c.la_code))) {
    d.set("can_record_sensitive", true);  // SENS-2, G 3.31
  }
  d.set("involvements", involvements);
  if (!break_glass && s.actor.Has(core::Right::kUpdate) && s.actor.Has(core::Right::kView)) {
    d.set("can_amend", true);  // UPD-1: what the user may see of the record
  }
  auto contact = [](const core::KeyContact& k) {
    PageData item;
    if (k.sensitive_service && k.organisation.empty()) item.set("hidden", true);  // SENS-5
    item.set("practitioner", k.practitioner);
    item.set("organisation", k.organisation);
    item.set("phone", k.contact.phone);
    return item;
  };
  if (c.caf_holder) d.set("caf", contact(*c.caf_holder));
  if (c.lead_professional) d.set("lead", contact(*c.lead_professional));
  d.set("id", std::to_string(id));
  d.set("csrf_token", s.csrf_token);
  if (!notice.empty()) d.set("notice", notice);
  if (!shield_error.empty()) d.set("shield_error", shield_error);
  if (break_glass) {
    d.set("break_glass", true);  // BG-2: shown in full for this access only
  } else {
    AddShieldingPanel(d, s, id, view->minimal || c.shielded);
    if (view->minimal && s.actor.Has(core::Right::kBreakGlass)) d.set("can_break_glass", true);
  }
  return Render("record", d, c.forenames + " " + c.surname, &s, status);
}

Response App::MediationPage(const services::SessionInfo& s, const std::string& error, int status) {
  PageData d;
  d.set("csrf_token", s.csrf_token);
  if (!error.empty()) d.set("error", error);
  if (s.requestor) {
    d.set("mediating", true);
    d.set("requestor_name", s.requestor->display_name);
  }
  return Render("mediation", d, "Mediated access", &s, status);
}

// AUTH-6, F B6: the mediator enters the requestor's three factors.
Response App::Mediate(const Request& r, const services::SessionInfo& s) {
  Status started =
      sessions_.StartMediation(s, {r.Form("requestor_username"), r.Form("requestor_password"),
                                   r.Form("requestor_code"), services::Route::kWeb});
  if (!started) return MediationPage(s, started.error().message, HttpStatus(started.error().code));
  return Response::Redirect("/");
}

}  // namespace cp::web
