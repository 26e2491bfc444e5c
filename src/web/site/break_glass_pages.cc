// Break-glass pages (BG-1 … BG-3): the override form — a reason, the
// password and a fresh code — whose answer is the full record for that
// access only, and the management team's queue of investigations.

#include "web/site/app.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::list;

}  // namespace

std::optional<Response> App::RouteBreakGlass(const Request& r, const services::SessionInfo& s) {
  if (auto id = PathId(r.path, "/records/", "/break-glass")) {
    if (r.method != "POST") return BreakGlassPage(s, *id, "", {}, 200);
    auto view =
        break_glass_.Override(s, *id, {r.Form("password"), r.Form("code"), r.Form("reason")});
    if (!view) {
      const Error& e = view.error();
      if (e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kUnauthenticated) {
        // A wrong factor keeps the session: it is a refusal, not a sign-out.
        Error shown = e;
        if (e.code == ErrorCode::kUnauthenticated) shown.field = "password";
        return BreakGlassPage(s, *id, r.Form("reason"), {shown}, 422);
      }
      return ErrorPage(HttpStatus(e.code), "The override was refused", e.message, &s);
    }
    return RecordPage(s, *id, *view, "", "", 200, /*break_glass=*/true);
  }
  if (r.method == "GET" && r.path == "/investigations") return InvestigationsPage(s, "", "");
  if (auto id = PathId(r.path, "/investigations/", "/resolve"); id && r.method == "POST") {
    const auto resolution = r.Form("resolution") == "referred_misuse"
                                ? services::Resolution::kReferredMisuse
                                : services::Resolution::kLegitimate;
    Status done = break_glass_.Resolve(s.actor, *id, resolution, r.Form("note"));
    if (!done) return InvestigationsPage(s, "", done.error().message);
    return InvestigationsPage(s, "The investigation is resolved", "");
  }
  return std::nullopt;
}

Response App::BreakGlassPage(const services::SessionInfo& s, core::ChildId id,
                             const std::string& reason, const std::vector<Error>& errors,
                             int status) {
  if (!s.actor.Has(core::Right::kBreakGlass)) {
    return ErrorPage(403, "You cannot use the emergency override",
                     "Only named holders of the break-glass right can override a shield.", &s);
  }
  auto view = records_.View(s.actor, id);  // the ordinary, audited view: UIN and names
  if (!view) return ErrorPage(404, "Record not found", "There is no such record.", &s);
  PageData d;
  d.set("id", std::to_string(id));
  d.set("uin", view->child.uin.ToDisplay());
  d.set("csrf_token", s.csrf_token);
  d.set("reason", reason);
  list errs;
  for (const Error& e : errors) {
    PageData item;
    item.set("field", e.field.empty() ? "password" : e.field);
    item.set("message", e.message);
    errs.push_back(item);
    if (e.field == "reason") d.set("reason_error", e.message);
    if (e.field == "password") d.set("auth_error", e.message);
  }
  d.set("errors", errs);
  d.set("has_errors", !errors.empty());
  return Render("break_glass", d, "Emergency override", &s, status);
}

Response App::InvestigationsPage(const services::SessionInfo& s, const std::string& notice,
                                 const std::string& error) {
  auto queue = break_glass_.Queue(s.actor);
  if (!queue) {
    return ErrorPage(HttpStatus(queue.error().code), "You cannot see this page",
                     queue.error().message, &s);
  }
  PageData d;
  d.set("csrf_token", s.csrf_token);
  if (!notice.empty()) d.set("notice", notice);
  if (!error.empty()) d.set("error", error);
  list items;
  for (const auto& i : *queue) {
    PageData item;
    item.set("id", std::to_string(i.id));
    item.set("child_id", std::to_string(i.child_id));
    item.set("who", i.user_display_name);
    item.set("when", Date::FromTimestamp(i.occurred_at).ToIso());
    item.set("reason", i.reason);
    item.set("due_on", i.due_on.ToIso());
    if (i.overdue) item.set("overdue", true);
    items.push_back(item);
  }
  d.set("items", items);
  return Render("investigations", d, "Break-glass investigations", &s, error.empty() ? 200 : 422);
}

}  // namespace cp::web
