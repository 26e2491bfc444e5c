// The protection workflows over the API (AUTH-5): shielding (SHD-1 … SHD-9),
// the emergency override (BG-1 … BG-3) and brokering (SENS-4, BRK-1). Each
// route makes the same service call as its web page (shielding_pages.cc,
// break_glass_pages.cc, brokering_pages.cc), so the rights, refusals and
// audit entries are the services' own; this file reads JSON and writes it.
// Ids in paths are numeric record, request, review or investigation ids —
// never personal data. Bad input is refused naming its field before any
// service is called, and the services change nothing on refused input.

#include <algorithm>
#include <boost/json.hpp>

#include "core/uin.h"
#include "web/site/api.h"
#include "web/site/api_json.h"

namespace cp::web {
namespace {

namespace json = boost::json;
using api::Fail;
using api::IsoTime;
using api::Json;
using services::SessionInfo;

// Who a listing is shown to: the requester sees their own request, the
// management team the whole of it (as the web pages show them).
enum class Viewer { kRequester, kTeam };

// The id in "/api/v1<prefix><id><suffix>" for `method`; nullopt otherwise.
std::optional<std::int64_t> RouteId(const Request& r, const char* method, const std::string& prefix,
                                    const std::string& suffix) {
  if (r.method != method) return std::nullopt;
  return PathId(r.path, "/api/v1" + prefix, suffix);
}

bool Is(const Request& r, const char* method, const char* path) {
  return r.method == method && r.path == std::string("/api/v1") + path;
}

std::string UinText(std::int64_t stored) { return core::Uin::FromStored(stored).ToString(); }

// A query parameter (never personal data: numbers and dates only).
std::string Query(const Request& r, const char* key) {
  auto it = r.query.find(key);
  return it == r.query.end() ? std::string() : it->second;
}

// SHD-1: the grounds by name, each once. Absent means none given (the
// service then asks for one); anything but a list of known names is refused.
Result<std::vector<core::ShieldGround>> Grounds(const json::object& body) {
  std::vector<core::ShieldGround> out;
  auto it = body.find("grounds");
  if (it == body.end() || it->value().is_null()) return out;
  const Error bad = Error::Invalid(
      "grounds",
      "Give grounds as a list of risk_to_child, risk_to_adult, serious_crime, adoption_link");
  if (!it->value().is_array()) return bad;
  for (const json::value& v : it->value().as_array()) {
    if (!v.is_string()) return bad;
    auto g = core::ShieldGroundFromName(std::string_view(v.as_string()));
    if (!g) return bad;
    if (std::find(out.begin(), out.end(), *g) == out.end()) out.push_back(*g);
  }
  return out;
}

json::array GroundNames(const std::vector<core::ShieldGround>& grounds) {
  json::array out;
  for (core::ShieldGround g : grounds) out.emplace_back(core::ShieldGroundName(g));
  return out;
}

json::object ShieldRequestJson(const store::ShieldRequestRow& q, Viewer viewer) {
  json::object o{{"id", q.id},
                 {"record_id", q.child_id},
                 {"uin", UinText(q.uin)},
                 {"status", core::ShieldRequestStatusName(q.status)},
                 {"grounds", GroundNames(q.grounds)},
                 {"relationship", q.relationship},
                 {"urgent", q.urgent},
                 {"created_at", IsoTime(q.created_at)}};
  if (viewer == Viewer::kRequester) return o;  // as the record page shows a user
  o["requester_kind"] = core::ShieldRequesterKindName(q.requester_kind);
  o["origin"] = core::ShieldOriginName(q.origin);
  if (q.origin_child_id) o["origin_record_id"] = *q.origin_child_id;
  if (q.requester_user_id) o["requester_user_id"] = *q.requester_user_id;
  if (!q.source_code.empty()) o["source_code"] = q.source_code;
  if (q.requester_kind == core::ShieldRequesterKind::kNonUser) {
    o["requester_name"] = q.requester_name;
    o["requester_contact"] = q.requester_contact;
    o["service_contact"] = q.service_contact;
  }
  o["comments"] = q.comments;
  if (q.decided_at) o["decided_at"] = IsoTime(*q.decided_at);
  if (q.withdrawn_at) o["withdrawn_at"] = IsoTime(*q.withdrawn_at);
  return o;
}

json::array ShieldRequestsJson(const std::vector<store::ShieldRequestRow>& rows,
                               const services::Actor& actor) {
  json::array out;
  for (const auto& q : rows) {
    const bool team = services::IsManagementTeam(actor, q.la_code);
    out.push_back(ShieldRequestJson(q, team ? Viewer::kTeam : Viewer::kRequester));
  }
  return out;
}

json::object LogJson(const store::ShieldingLogRow& l) {
  json::object o{{"id", l.id},
                 {"record_id", l.child_id},
                 {"uin", UinText(l.uin)},
                 {"action", core::ShieldingLogActionName(l.action)},
                 {"category", GroundNames(core::SplitShieldGrounds(l.category))},
                 {"action_on", l.action_on.ToIso()},
                 {"requester_contact", l.requester_contact},
                 {"relationship", l.relationship},
                 {"confirmation_sent_on", nullptr},
                 {"comments", l.comments}};
  if (l.confirmation_sent_on) o["confirmation_sent_on"] = l.confirmation_sent_on->ToIso();
  return o;
}

json::object InvestigationJson(const services::Investigation& i) {
  json::object o{{"id", i.id},
                 {"record_id", i.child_id},
                 {"local_authority", i.la_code},
                 {"user_id", i.user_id},
                 {"user_display_name", i.user_display_name},
                 {"occurred_at", IsoTime(i.occurred_at)},
                 {"reason", i.reason},
                 {"due_on", i.due_on.ToIso()},
                 {"overdue", i.overdue}};
  if (i.mediator_id) o["mediator_id"] = *i.mediator_id;
  return o;
}

json::object BrokeringJson(const services::BrokeringRequest& q, Viewer viewer) {
  json::object o{{"id", q.id},
                 {"record_id", q.child_id},
                 {"kind", store::BrokeringKindName(q.kind)},
                 {"status", store::BrokeringStatusName(q.status)},
                 {"created_at", IsoTime(q.created_at)},
                 {"requester_contact", q.requester_contact},
                 {"reason", q.reason}};
  if (q.involvement_id) o["involvement_id"] = *q.involvement_id;
  if (q.feedback_sent_on) o["feedback_sent_on"] = q.feedback_sent_on->ToIso();
  const bool declined = q.disclosed && !*q.disclosed;
  if (viewer == Viewer::kRequester) {
    // BRK-1, S 8: a refusal's reasons; never to whom it was passed (G 3.48).
    if (declined) o["decision_reasons"] = q.decision_reasons;
    return o;
  }
  o["local_authority"] = q.la_code;
  o["requester_user_id"] = q.requester_user_id;
  o["requester_display_name"] = q.requester_display_name;
  if (q.mediator_id) o["mediator_id"] = *q.mediator_id;
  o["passed_on_to"] = q.passed_on_to;
  if (q.passed_on_at) o["passed_on_at"] = IsoTime(*q.passed_on_at);
  if (q.decided_at) o["decided_at"] = IsoTime(*q.decided_at);
  if (q.disclosed) o["disclosed"] = *q.disclosed;
  o["decision_reasons"] = q.decision_reasons;
  return o;
}

// The answer to a step: its error, or 200 with `done`.
Response Answer(const Status& s, json::object done) {
  if (!s) return Fail(s.error());
  return Json(200, done);
}

}  // namespace

std::optional<Response> Api::RouteProtection(const Request& r, const json::object& body,
                                             const SessionInfo& s) {
  if (auto answer = RouteShielding(r, body, s)) return answer;
  if (auto answer = RouteBreakGlass(r, body, s)) return answer;
  return RouteBrokering(r, body, s);
}

std::optional<Response> Api::RouteShielding(const Request& r, const json::object& body,
                                            const SessionInfo& s) {
  const services::Actor& actor = s.actor;
  // SHD-3: a user's notification, or an urgent mark that shields at once.
  if (auto id = RouteId(r, "POST", "/records/", "/shield-requests")) {
    services::ShieldRequestInput in;
    auto grounds = Grounds(body);
    if (!grounds) return Fail(grounds.error());
    auto relationship = api::Text(body, "relationship");
    if (!relationship) return Fail(relationship.error());
    auto comments = api::Text(body, "comments");
    if (!comments) return Fail(comments.error());
    auto urgent = api::Flag(body, "urgent");
    if (!urgent) return Fail(urgent.error());
    in.grounds = *grounds;
    in.relationship = *relationship;
    in.comments = *comments;
    in.urgent = *urgent;
    auto out = shielding_.Request(actor, *id, in);
    if (!out) return Fail(out.error());
    // Records shielded with it (SHD-6, SHD-7) are the team's to know.
    return Json(201, json::object{{"request_id", out->request_id},
                                  {"record_id", *id},
                                  {"status", core::ShieldRequestStatusName(out->status)},
                                  {"shielded", out->shielded}});
  }
  // The requests on a record: the user's own, or all of them for the team.
  if (auto id = RouteId(r, "GET", "/records/", "/shield-requests")) {
    auto rows = shielding_.RequestsFor(actor, *id);
    if (!rows) return Fail(rows.error());
    return Json(200, json::object{{"requests", ShieldRequestsJson(*rows, actor)}});
  }
  // S 4: the team records a request from someone who is not a user.
  if (auto id = RouteId(r, "POST", "/records/", "/non-user-shield-requests")) {
    services::NonUserRequestInput in;
    for (auto [key, into] :
         {std::pair{"requester_name", &in.requester_name},
          std::pair{"requester_contact", &in.requester_contact},
          std::pair{"relationship", &in.relationship},
          std::pair{"service_contact", &in.service_contact}, std::pair{"comments", &in.comments}}) {
      auto text = api::Text(body, key);
      if (!text) return Fail(text.error());
      *into = *text;
    }
    auto grounds = Grounds(body);
    if (!grounds) return Fail(grounds.error());
    in.grounds = *grounds;
    auto out = shielding_.RecordForNonUser(actor, *id, in);
    if (!out) return Fail(out.error());
    json::array also;
    for (core::ChildId other : out->also_shielded) also.push_back(other);
    return Json(201, json::object{{"request_id", out->request_id},
                                  {"record_id", *id},
                                  {"status", core::ShieldRequestStatusName(out->status)},
                                  {"shielded", out->shielded},
                                  {"also_shielded_record_ids", also}});
  }
  // SHD-4: a user withdraws their own request (the team, those it recorded).
  if (auto rid = RouteId(r, "POST", "/shield-requests/", "/withdrawal")) {
    auto child = shielding_.Withdraw(actor, *rid);
    if (!child) return Fail(child.error());
    return Json(
        200, json::object{
                 {"request_id", *rid},
                 {"record_id", *child},
                 {"status", core::ShieldRequestStatusName(core::ShieldRequestStatus::kWithdrawn)}});
  }
  if (Is(r, "GET", "/shield-requests/pending")) {
    auto rows = shielding_.PendingRequests(actor);
    if (!rows) return Fail(rows.error());
    return Json(200, json::object{{"requests", ShieldRequestsJson(*rows, actor)}});
  }
  if (auto rid = RouteId(r, "POST", "/shield-requests/", "/decision")) {
    auto decision = api::Choice(body, "decision", {"apply", "reject"});
    if (!decision) return Fail(decision.error());
    auto comments = api::Text(body, "comments");
    if (!comments) return Fail(comments.error());
    const bool apply = *decision == "apply";
    return Answer(
        shielding_.Decide(actor, *rid, apply, *comments),
        {{"request_id", *rid},
         {"status", core::ShieldRequestStatusName(apply ? core::ShieldRequestStatus::kActive
                                                        : core::ShieldRequestStatus::kRejected)}});
  }
  // SHD-9: requests users submitted in a period (default: the last 90 days).
  if (Is(r, "GET", "/shield-requests/report")) {
    const Date today = ctx_.clock.Today();
    Date from = today.AddDays(-90);
    Date to = today;
    for (auto [key, into] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
      const std::string text = Query(r, key);
      if (text.empty()) continue;
      auto day = Date::ParseIso(text);
      if (!day) return Fail(Error::Invalid(key, "Give the date as YYYY-MM-DD"));
      *into = *day;
    }
    auto rows = shielding_.UserRequestsReport(actor, from, to);
    if (!rows) return Fail(rows.error());
    return Json(200, json::object{{"from", from.ToIso()},
                                  {"to", to.ToIso()},
                                  {"requests", ShieldRequestsJson(*rows, actor)}});
  }
  // SHD-5: open reviews due within `within_days` (default 14, as on the web).
  if (Is(r, "GET", "/shield-reviews/due")) {
    auto within = api::DaysQuery(r, "within_days", 14);
    if (!within) return Fail(within.error());
    auto due = shielding_.ReviewsDue(actor, *within);
    if (!due) return Fail(due.error());
    json::array reviews;
    for (const auto& item : *due) {
      reviews.push_back(json::object{{"id", item.review.id},
                                     {"record_id", item.review.child_id},
                                     {"uin", UinText(item.review.uin)},
                                     {"kind", item.review.kind},
                                     {"due_on", item.review.due_on.ToIso()},
                                     {"overdue", item.overdue}});
    }
    return Json(200, json::object{{"reviews", reviews}});
  }
  if (auto vid = RouteId(r, "POST", "/shield-reviews/", "/decision")) {
    auto decision = api::Text(body, "decision");
    if (!decision) return Fail(decision.error());
    auto parsed = core::ShieldReviewDecisionFromName(*decision);
    if (!parsed) return Fail(Error::Invalid("decision", "Give decision: maintain"));
    auto note = api::Text(body, "note");
    if (!note) return Fail(note.error());
    return Answer(shielding_.DecideReview(actor, *vid, *parsed, *note),
                  {{"review_id", *vid}, {"decision", *decision}});
  }
  // SHD-8: the shielding log, the management team only (the service decides).
  if (Is(r, "GET", "/shielding-log")) {
    auto log = shielding_.Log(actor);
    if (!log) return Fail(log.error());
    json::array entries;
    for (const auto& l : *log) entries.push_back(LogJson(l));
    return Json(200, json::object{{"entries", entries}});
  }
  // SHD-8, AUD-5: one record's entries, the read in the record's history.
  if (auto id = RouteId(r, "GET", "/records/", "/shielding-log")) {
    auto log = shielding_.LogFor(actor, *id);
    if (!log) return Fail(log.error());
    json::array entries;
    for (const auto& l : *log) entries.push_back(LogJson(l));
    return Json(200, json::object{{"record_id", *id}, {"entries", entries}});
  }
  // SHD-4: only the record's LA ContactPoint manager, only when no request remains.
  if (auto id = RouteId(r, "POST", "/records/", "/unshielding")) {
    auto note = api::Text(body, "note");
    if (!note) return Fail(note.error());
    return Answer(shielding_.Unshield(actor, *id, *note),
                  {{"record_id", *id}, {"shielded", false}});
  }
  return std::nullopt;
}

std::optional<Response> Api::RouteBreakGlass(const Request& r, const json::object& body,
                                             const SessionInfo& s) {
  // BG-2: a stated reason, the password and a fresh code; the full record
  // for this answer only.
  if (auto id = RouteId(r, "POST", "/records/", "/break-glass")) {
    services::BreakGlassRequest request;
    for (auto [key, into] :
         {std::pair{"password", &request.password}, std::pair{"code", &request.code},
          std::pair{"reason", &request.reason}}) {
      auto text = api::Text(body, key);
      if (!text) return Fail(text.error());
      *into = *text;
    }
    auto view = break_glass_.Override(s, *id, request);
    if (!view) {
      Error e = view.error();
      // A wrong factor refuses the override; the session itself stays.
      if (e.code == ErrorCode::kUnauthenticated) e.field = "password";
      return Fail(e);
    }
    json::object record = api::RecordJson(*view);
    record["break_glass"] = true;
    return Json(200, record);
  }
  // BG-3: the team's queue of investigations, and their resolution.
  if (Is(r, "GET", "/investigations")) {
    auto queue = break_glass_.Queue(s.actor);
    if (!queue) return Fail(queue.error());
    json::array items;
    for (const auto& i : *queue) items.push_back(InvestigationJson(i));
    return Json(200, json::object{{"investigations", items}});
  }
  if (auto iid = RouteId(r, "POST", "/investigations/", "/resolution")) {
    auto resolution = api::Choice(body, "resolution", {"legitimate", "referred_misuse"});
    if (!resolution) return Fail(resolution.error());
    auto note = api::Text(body, "note");
    if (!note) return Fail(note.error());
    const auto chosen = *resolution == "legitimate" ? services::Resolution::kLegitimate
                                                    : services::Resolution::kReferredMisuse;
    return Answer(break_glass_.Resolve(s.actor, *iid, chosen, *note),
                  {{"investigation_id", *iid}, {"resolution", *resolution}});
  }
  return std::nullopt;
}

std::optional<Response> Api::RouteBrokering(const Request& r, const json::object& body,
                                            const SessionInfo& s) {
  const services::Actor& actor = s.actor;
  // SENS-4, BRK-1: a user asks the record's LA team to broker.
  if (auto id = RouteId(r, "POST", "/records/", "/brokering-requests")) {
    auto kind_name =
        api::Choice(body, "kind", {"sensitive_service_contact", "shielded_record_information"});
    if (!kind_name) return Fail(kind_name.error());
    services::BrokeringAsk ask;
    ask.kind = *store::BrokeringKindFromName(*kind_name);
    auto involvement = api::Id(body, "involvement_id");
    if (!involvement) return Fail(involvement.error());
    ask.involvement_id = *involvement;
    for (auto [key, into] : {std::pair{"requester_contact", &ask.requester_contact},
                             std::pair{"reason", &ask.reason}}) {
      auto text = api::Text(body, key);
      if (!text) return Fail(text.error());
      *into = *text;
    }
    auto asked = brokering_.Ask(actor, *id, ask);
    if (!asked) return Fail(asked.error());
    return Json(201, json::object{{"request_id", *asked},
                                  {"record_id", *id},
                                  {"status",
                                   store::BrokeringStatusName(store::BrokeringStatus::kReceived)}});
  }
  if (Is(r, "GET", "/brokering-requests/mine")) {
    auto mine = brokering_.Mine(actor);
    if (!mine) return Fail(mine.error());
    json::array items;
    for (const auto& q : *mine) items.push_back(BrokeringJson(q, Viewer::kRequester));
    return Json(200, json::object{{"requests", items}});
  }
  if (Is(r, "GET", "/brokering-requests/queue")) {
    auto queue = brokering_.Queue(actor);
    if (!queue) return Fail(queue.error());
    json::array items;
    for (const auto& q : *queue) items.push_back(BrokeringJson(q, Viewer::kTeam));
    return Json(200, json::object{{"requests", items}});
  }
  auto done = [](std::int64_t id, store::BrokeringStatus status) {
    return json::object{{"request_id", id}, {"status", store::BrokeringStatusName(status)}};
  };
  if (auto rid = RouteId(r, "POST", "/brokering-requests/", "/pass-on")) {
    auto to_whom = api::Text(body, "to_whom");
    if (!to_whom) return Fail(to_whom.error());
    return Answer(brokering_.PassOn(actor, *rid, *to_whom),
                  done(*rid, store::BrokeringStatus::kPassedOn));
  }
  if (auto rid = RouteId(r, "POST", "/brokering-requests/", "/decision")) {
    auto decision = api::Choice(body, "decision", {"disclosed", "declined"});
    if (!decision) return Fail(decision.error());
    auto reasons = api::Text(body, "reasons");
    if (!reasons) return Fail(reasons.error());
    const bool disclosed = *decision == "disclosed";
    return Answer(brokering_.RecordDecision(actor, *rid, disclosed, *reasons),
                  done(*rid, disclosed ? store::BrokeringStatus::kDisclosed
                                       : store::BrokeringStatus::kDeclined));
  }
  if (auto rid = RouteId(r, "POST", "/brokering-requests/", "/feedback")) {
    return Answer(brokering_.RecordFeedback(actor, *rid),
                  done(*rid, store::BrokeringStatus::kClosed));
  }
  return std::nullopt;
}

}  // namespace cp::web
