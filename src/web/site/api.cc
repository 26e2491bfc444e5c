#include "web/site/api.h"

#include <boost/json.hpp>

#include "core/search_reason.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

namespace json = boost::json;

Response Json(int status, const json::value& v) {
  return Response{status, "application/json", {}, json::serialize(v), false};
}

Response Fail(const Error& e) {
  json::object err{{"code", ErrorCodeName(e.code)}, {"message", e.message}};
  if (!e.field.empty()) err["field"] = e.field;
  return Json(HttpStatus(e.code), json::object{{"error", err}});
}

std::string Str(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return {};
  return std::string(it->value().as_string());
}

json::object ContactJson(const core::ContactDetails& c) {
  return {{"phone", c.phone}, {"email", c.email}, {"address", c.address}};
}

json::object RecordJson(const policy::ProjectedRecord& p) {
  const core::Child& c = p.child;
  json::object o{{"id", c.id},
                 {"uin", c.uin.ToString()},
                 {"forenames", c.forenames},
                 {"surname", c.surname},
                 {"known_as_surname", c.known_as_surname},
                 {"gender", std::string(core::GenderName(c.gender))},
                 {"date_of_birth", c.date_of_birth.ToIso()},
                 {"shielded_view", p.minimal}};
  if (p.minimal) return o;  // SHD-2: nothing else leaves
  o["address"] = json::object{{"line1", c.address.line1},
                              {"line2", c.address.line2},
                              {"line3", c.address.line3},
                              {"town", c.address.town},
                              {"postcode", c.address.postcode}};
  if (c.date_of_death) o["date_of_death"] = c.date_of_death->ToIso();
  o["local_authority"] = c.la_code;
  json::array parents;
  for (const auto& pc : c.parents_carers) {
    parents.push_back(json::object{{"forenames", pc.forenames},
                                   {"surname", pc.surname},
                                   {"relationship", pc.relationship},
                                   {"contact", ContactJson(pc.contact)}});
  }
  o["parents_carers"] = parents;
  o["educational_setting"] = std::string(core::EducationSettingName(c.education_setting));
  auto service = [](const std::optional<core::UniversalService>& s) -> json::value {
    if (!s) return nullptr;
    return json::object{{"organisation", s->organisation},
                        {"practitioner", s->practitioner},
                        {"contact", ContactJson(s->contact)}};
  };
  o["school"] = service(c.school);
  o["gp_practice"] = service(c.gp_practice);
  o["midwife"] = service(c.midwife);
  o["health_visitor"] = service(c.health_visitor);
  o["school_nurse"] = service(c.school_nurse);
  json::array involvements;
  for (const auto& inv : c.involvements) {
    if (inv.category == core::ServiceCategory::kSensitive && inv.organisation.empty()) {
      involvements.push_back(
          json::object{{"category", "sensitive"},
                       {"description", "An unspecified sensitive service is involved"}});
      continue;
    }
    json::object i{{"category", std::string(core::ServiceCategoryName(inv.category))},
                   {"service", inv.service_type},
                   {"organisation", inv.organisation},
                   {"team", inv.team},
                   {"practitioner", inv.practitioner},
                   {"contact", ContactJson(inv.contact)}};
    if (inv.start_date) i["start_date"] = inv.start_date->ToIso();
    if (inv.ceased_date) i["ceased_date"] = inv.ceased_date->ToIso();
    involvements.push_back(i);
  }
  o["involvements"] = involvements;
  auto key = [](const std::optional<core::KeyContact>& k) -> json::value {
    if (!k) return nullptr;
    return json::object{{"practitioner", k->practitioner},
                        {"organisation", k->organisation},
                        {"contact", ContactJson(k->contact)}};
  };
  o["caf_holder"] = key(c.caf_holder);
  o["lead_professional"] = key(c.lead_professional);
  return o;
}

}  // namespace

Api::Api(services::ServiceContext& ctx, const services::Credentials& credentials,
         const services::ChildIndex* index, services::SessionPolicy sessions)
    : clients_(ctx), sessions_(ctx, credentials, sessions), search_(ctx, index), records_(ctx) {}

Response Api::Handle(const Request& request) {
  try {
    return Route(request);
  } catch (const std::exception&) {
    return Fail(Error::Invalid("body", "The request body is not valid JSON"));
  }
}

Response Api::Route(const Request& r) {
  // AUTH-5: only accredited systems connect at all.
  if (Status s = clients_.Verify(r.Header("x-client-credential")); !s) return Fail(s.error());
  json::object body;
  if (r.method == "POST") {
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    if (ec || !v.is_object()) return Fail(Error::Invalid("body", "Send a JSON object"));
    body = v.as_object();
  }
  if (r.path == "/api/v1/sessions" && r.method == "POST") {
    auto s = sessions_.SignIn(
        {Str(body, "username"), Str(body, "password"), Str(body, "code"), services::Route::kApi});
    if (!s) return Fail(s.error());
    return Json(201, json::object{{"session", s->session_id}});
  }
  const std::string auth = r.Header("authorization");
  const std::string token = auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : "";
  auto session = sessions_.Resolve(token);
  if (!session) return Fail(session.error());
  if (r.path == "/api/v1/sessions" && r.method == "DELETE") {
    if (Status s = sessions_.SignOut(*session); !s) return Fail(s.error());
    return Response{204, "application/json", {}, "", false};
  }
  if (r.path == "/api/v1/searches" && r.method == "POST") {
    services::SearchRequest req;
    req.reason = core::SearchReasonFromName(Str(body, "reason"));
    req.reason_text = Str(body, "reason_text");
    auto& c = req.criteria;
    c.uin = Str(body, "uin");
    c.forenames = Str(body, "forenames");
    c.surname = Str(body, "surname");
    c.postcode = Str(body, "postcode");
    c.school = Str(body, "school");
    c.gp_practice = Str(body, "gp_practice");
    c.parent_carer_name = Str(body, "parent_carer_name");
    if (const std::string dob = Str(body, "date_of_birth"); !dob.empty()) {
      c.date_of_birth = Date::ParseIso(dob);
      if (!c.date_of_birth)
        return Fail(Error::Invalid("date_of_birth", "Give the date as YYYY-MM-DD"));
    }
    if (const std::string g = Str(body, "gender"); !g.empty()) c.gender = core::GenderFromName(g);
    auto out = search_.Search(session->actor, req);
    if (!out) return Fail(out.error());
    json::array results;
    for (const auto& h : out->hits) {
      json::object o{{"id", h.id},
                     {"uin", h.uin.ToString()},
                     {"forenames", h.forenames},
                     {"surname", h.surname},
                     {"gender", std::string(core::GenderName(h.gender))},
                     {"date_of_birth", h.date_of_birth.ToIso()},
                     {"shielded_view", h.minimal},
                     {"score", h.score}};
      if (!h.minimal) {
        o["town"] = h.town;
        o["postcode"] = h.postcode;
      }
      results.push_back(o);
    }
    return Json(200, json::object{{"matches", out->matches},
                                  {"limit", out->limit},
                                  {"too_many", out->too_many},
                                  {"results", results}});
  }
  if (r.path.rfind("/api/v1/records/", 0) == 0 && r.method == "GET") {
    core::ChildId id = 0;
    const std::string text = r.path.substr(16);
    for (char ch : text) {
      if (ch < '0' || ch > '9' || id > 1'000'000'000'000LL)
        return Fail(Error::NotFound("No such record"));
      id = id * 10 + (ch - '0');
    }
    auto view = records_.View(session->actor, id);
    if (!view) return Fail(view.error());
    return Json(200, RecordJson(*view));
  }
  return Fail(Error::NotFound("No such API route"));
}

}  // namespace cp::web
