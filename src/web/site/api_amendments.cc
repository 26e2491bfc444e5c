// Users' amendments over the API (UPD-1, UPD-2; AUTH-5): an adapted case
// management system reads what its user may amend of a record, with the
// record's version, and sends the amendment; data administrators work the
// queue of amendments in conflict. Each route makes the same
// AmendmentService call as its web page (amendment_pages.cc), so the
// rights, projection, refusals and audit entries are the service's own.
// Paths carry numeric ids only; values travel in bodies. A field of the
// wrong shape is refused naming it — to one the service lets act; anyone
// else gets the service's own (audited) refusal, whatever the body.

#include <boost/json.hpp>

#include "services/review_service.h"
#include "web/site/api.h"
#include "web/site/api_json.h"

namespace cp::web {
namespace {

namespace json = boost::json;
using api::Fail;
using api::Json;

constexpr const char* kRecords = "/api/v1/records/";
constexpr const char* kReviews = "/api/v1/amendment-reviews/";

json::object AmendmentJson(const services::AmendmentRow& a) {
  json::object o{{"id", a.id},
                 {"record_id", a.child_id},
                 {"item", std::string(core::ItemName(a.item))},
                 {"status", std::string(core::AmendmentStatusName(a.status))},
                 {"requested_at", api::IsoTime(a.requested_at)}};
  if (a.conflict != core::AmendmentConflict::kNone) {
    o["conflict"] = std::string(core::AmendmentConflictName(a.conflict));
  }
  if (a.decided_at) o["decided_at"] = api::IsoTime(*a.decided_at);
  if (!a.decision_reason.empty()) o["reason"] = a.decision_reason;
  return o;
}

json::object FieldsJson(const services::ItemFields& fields) {
  json::object o;
  for (const auto& [k, v] : fields) o[k] = v;
  return o;
}

// {"version": n, "fields": {column: text}, "verification": text}.
Result<services::AmendmentRequest> ReadAmendment(const json::object& body) {
  services::AmendmentRequest in;
  CP_ASSIGN(auto version, api::Id(body, "version"));
  if (!version) return Error::Invalid("version", "Give the record's version, as read");
  in.version = *version;
  CP_ASSIGN(in.verification, api::Text(body, "verification"));
  auto it = body.find("fields");
  if (it == body.end() || !it->value().is_object()) {
    return Error::Invalid("fields", "Give the amended fields as an object of strings");
  }
  for (const auto& [key, value] : it->value().as_object()) {
    if (!value.is_string()) {
      return Error::Invalid(std::string(key), "Give each field as a string");
    }
    in.fields[std::string(key)] = std::string(value.as_string());
  }
  return in;
}

Result<services::AmendmentDecision> ReadDecision(const json::object& body,
                                                 services::AmendmentVerdict verdict) {
  services::AmendmentDecision d;
  d.verdict = verdict;
  CP_ASSIGN(d.reason, api::Text(body, "reason"));
  CP_ASSIGN(auto version, api::Id(body, "version"));
  d.version = version.value_or(0);
  return d;
}

}  // namespace

std::optional<Response> Api::RouteAmendments(const Request& r, const json::object& body,
                                             const services::SessionInfo& s) {
  const services::Actor& actor = s.actor;
  if (auto id = PathId(r.path, kRecords, "/amendments")) {
    if (r.method == "GET") {
      auto form = amendments_.Form(actor, *id);
      if (!form) return Fail(form.error());
      auto mine = amendments_.Mine(actor, *id);
      if (!mine) return Fail(mine.error());
      json::array items, amendments;
      for (core::Item item : form->amendable) items.emplace_back(std::string(core::ItemName(item)));
      for (const auto& a : *mine) amendments.push_back(AmendmentJson(a));
      return Json(200, json::object{{"record_id", *id},
                                    {"version", form->version},
                                    {"amendable_items", items},
                                    {"values", FieldsJson(form->values)},
                                    {"amendments", amendments}});
    }
    if (r.method == "POST") {
      auto input = ReadAmendment(body);
      // Rights before shape: the service refuses (and audits) one who may
      // not amend, whatever the body holds.
      if (!input && services::MayAmend(actor)) return Fail(input.error());
      auto done = amendments_.Amend(actor, *id, input ? *input : services::AmendmentRequest{});
      if (!done) return Fail(done.error());
      json::array out;
      for (const auto& a : *done) {
        out.push_back(json::object{{"id", a.amendment_id},
                                   {"item", std::string(core::ItemName(a.item))},
                                   {"status", std::string(core::AmendmentStatusName(a.status))}});
      }
      return Json(201, json::object{{"record_id", *id}, {"amendments", out}});
    }
  }
  if (r.path == "/api/v1/amendments" && r.method == "GET") {
    auto mine = amendments_.Mine(actor, std::nullopt);
    if (!mine) return Fail(mine.error());
    json::array out;
    for (const auto& a : *mine) out.push_back(AmendmentJson(a));
    return Json(200, json::object{{"amendments", out}});
  }
  if (r.path == "/api/v1/amendment-reviews" && r.method == "GET") {
    auto queue = amendments_.Queue(actor);
    if (!queue) return Fail(queue.error());
    json::array out;
    for (const auto& a : *queue) out.push_back(AmendmentJson(a));
    return Json(200, json::object{{"amendments", out}});
  }
  if (auto id = PathId(r.path, kReviews, ""); id && r.method == "GET") {
    auto d = amendments_.Detail(actor, *id);
    if (!d) return Fail(d.error());
    json::object o = AmendmentJson(d->amendment);
    o["record_version"] = d->version;
    o["live"] = d->live;
    o["withheld"] = d->withheld;
    if (!d->withheld) {
      o["previous"] = FieldsJson(services::ItemFieldsFromJson(d->amendment.previous));
      o["proposed"] = FieldsJson(services::ItemFieldsFromJson(d->amendment.proposed));
      o["current"] = FieldsJson(d->current);
      o["verification"] = d->amendment.verification;
    }
    o["requested_by"] = d->amendment.requester_name;
    return Json(200, o);
  }
  for (const auto& [suffix, verdict] :
       {std::pair{"/override", services::AmendmentVerdict::kOverride},
        std::pair{"/reject", services::AmendmentVerdict::kReject}}) {
    auto id = PathId(r.path, kReviews, suffix);
    if (!id || r.method != "POST") continue;
    auto decision = ReadDecision(body, verdict);
    if (!decision && services::IsDataAdministration(actor)) return Fail(decision.error());
    const services::AmendmentDecision taken =
        decision ? *decision : services::AmendmentDecision{verdict, {}, 0};
    if (Status done = amendments_.Decide(actor, *id, taken); !done) return Fail(done.error());
    return Response{204, "application/json", {}, "", false};
  }
  return std::nullopt;
}

}  // namespace cp::web
