// Brokering pages (SENS-4, BRK-1, F B11): a user asks the management team to
// broker contact with a sensitive service, or more information about a
// shielded record, and follows the request's status; the LA ContactPoint
// manager records passing it on, the service's decision and the feedback.

#include "web/site/app.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::list;
using store::BrokeringKind;
using store::BrokeringStatus;

std::optional<std::int64_t> Digits(const std::string& text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t id = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

// "/brokering/12/pass-on" → (12, "pass-on").
std::optional<std::pair<std::int64_t, std::string>> Step(const std::string& path) {
  const std::string prefix = "/brokering/";
  if (path.rfind(prefix, 0) != 0) return std::nullopt;
  const std::size_t slash = path.find('/', prefix.size());
  if (slash == std::string::npos) return std::nullopt;
  auto id = Digits(path.substr(prefix.size(), slash - prefix.size()));
  if (!id) return std::nullopt;
  return std::make_pair(*id, path.substr(slash + 1));
}

std::string KindText(BrokeringKind k) {
  return k == BrokeringKind::kSensitiveServiceContact ? "Contact with a sensitive service"
                                                      : "More information about a shielded record";
}

std::string StatusText(BrokeringStatus s) {
  switch (s) {
    case BrokeringStatus::kReceived:
      return "Received";
    case BrokeringStatus::kPassedOn:
      return "Passed on";
    case BrokeringStatus::kDisclosed:
      return "They will share";
    case BrokeringStatus::kDeclined:
      return "Declined";
    case BrokeringStatus::kClosed:
      return "Closed";
  }
  return "";
}

}  // namespace

std::optional<Response> App::RouteBrokering(const Request& r, const services::SessionInfo& s) {
  if (auto id = PathId(r.path, "/records/", "/broker")) {
    if (r.method == "POST") return BrokerAsk(r, s, *id);
    return BrokerAskPage(s, *id, r, {}, false);
  }
  if (r.method == "GET" && r.path == "/brokering") return BrokeringPage(s, "", "");
  if (auto step = Step(r.path); step && r.method == "POST") {
    Status done = Error::NotFound("No such step");
    if (step->second == "pass-on") {
      done = brokering_.PassOn(s.actor, step->first, r.Form("to_whom"));
    } else if (step->second == "decision") {
      done = brokering_.RecordDecision(s.actor, step->first, r.Form("decision") == "disclosed",
                                       r.Form("reasons"));
    } else if (step->second == "feedback") {
      done = brokering_.RecordFeedback(s.actor, step->first);
    }
    if (!done) return BrokeringPage(s, "", done.error().message);
    return BrokeringPage(s, "Recorded", "");
  }
  return std::nullopt;
}

Response App::BrokerAskPage(const services::SessionInfo& s, core::ChildId id, const Request& r,
                            const std::vector<Error>& errors, bool from_form) {
  auto view = records_.View(s.actor, id);
  if (!view) return ErrorPage(404, "Record not found", "There is no such record.", &s);
  const std::string kind_name = from_form               ? r.Form("kind")
                                : r.query.count("kind") ? r.query.at("kind")
                                                        : "sensitive_service_contact";
  const auto kind = store::BrokeringKindFromName(kind_name);
  if (!kind) return ErrorPage(404, "Page not found", "There is no such request.", &s);
  PageData d;
  d.set("id", std::to_string(id));
  d.set("uin", view->child.uin.ToDisplay());
  d.set("csrf_token", s.csrf_token);
  d.set("kind", std::string(store::BrokeringKindName(*kind)));
  d.set("heading", *kind == BrokeringKind::kSensitiveServiceContact
                       ? "Ask for contact with the sensitive service"
                       : "Ask for more information about this record");
  const std::string involvement = from_form                      ? r.Form("involvement_id")
                                  : r.query.count("involvement") ? r.query.at("involvement")
                                                                 : "";
  if (Digits(involvement)) d.set("involvement_id", involvement);
  if (from_form) {
    d.set("requester_contact", r.Form("requester_contact"));
    d.set("reason", r.Form("reason"));
  }
  list errs;
  for (const Error& e : errors) {
    PageData item;
    item.set("field", e.field == "reason" ? "reason" : "requester_contact");
    item.set("message", e.message);
    errs.push_back(item);
    if (e.field == "reason") {
      d.set("reason_error", e.message);
    } else {
      d.set("contact_error", e.message);
    }
  }
  d.set("errors", errs);
  d.set("has_errors", !errors.empty());
  return Render("broker_request", d, "Ask the management team", &s, errors.empty() ? 200 : 422);
}

Response App::BrokerAsk(const Request& r, const services::SessionInfo& s, core::ChildId id) {
  services::BrokeringAsk ask;
  const auto kind = store::BrokeringKindFromName(r.Form("kind"));
  if (!kind) return ErrorPage(400, "Request refused", "Choose what to ask for.", &s);
  ask.kind = *kind;
  ask.involvement_id = Digits(r.Form("involvement_id"));
  ask.requester_contact = r.Form("requester_contact");
  ask.reason = r.Form("reason");
  auto asked = brokering_.Ask(s.actor, id, ask);
  if (!asked) {
    if (asked.error().code == ErrorCode::kInvalidArgument) {
      return BrokerAskPage(s, id, r, {asked.error()}, true);
    }
    return ErrorPage(HttpStatus(asked.error().code), "The request was not sent",
                     asked.error().message, &s);
  }
  return BrokeringPage(s, "Your request has been sent to the ContactPoint management team", "");
}

Response App::BrokeringPage(const services::SessionInfo& s, const std::string& notice,
                            const std::string& error) {
  PageData d;
  d.set("csrf_token", s.csrf_token);
  if (!notice.empty()) d.set("notice", notice);
  if (!error.empty()) d.set("error", error);
  if (s.actor.role == core::Role::kLaManager) {
    auto queue = brokering_.Queue(s.actor);
    if (queue) {
      d.set("team", true);
      list items;
      for (const auto& q : *queue) {
        PageData item;
        item.set("request_id", std::to_string(q.id));
        item.set("child_id", std::to_string(q.child_id));
        item.set("kind", KindText(q.kind));
        item.set("status", StatusText(q.status));
        item.set("created_on", Date::FromTimestamp(q.created_at).ToIso());
        item.set("contact", q.requester_display_name + ", " + q.requester_contact);
        item.set("reason", q.reason);
        if (!q.passed_on_to.empty()) item.set("passed_on_to", q.passed_on_to);
        if (q.status == BrokeringStatus::kReceived) item.set("received", true);
        if (q.status == BrokeringStatus::kPassedOn) item.set("passed_on", true);
        if (q.status == BrokeringStatus::kDisclosed || q.status == BrokeringStatus::kDeclined) {
          item.set("decided", true);
        }
        items.push_back(item);
      }
      d.set("queue", items);
    }
  }
  auto mine = brokering_.Mine(s.actor);
  list rows;
  if (mine) {
    for (const auto& q : *mine) {
      PageData row;
      row.set("child_id", std::to_string(q.child_id));
      row.set("kind", KindText(q.kind));
      row.set("status", StatusText(q.status));
      row.set("created_on", Date::FromTimestamp(q.created_at).ToIso());
      row.set("decision_reasons", q.decision_reasons);
      rows.push_back(row);
    }
  }
  d.set("has_mine", !rows.empty());
  d.set("mine", rows);
  return Render("brokering", d, "Brokering requests", &s, error.empty() ? 200 : 422);
}

}  // namespace cp::web
