#include "web/site/api.h"

#include <boost/json.hpp>

#include "core/search_reason.h"
#include "web/site/api_json.h"

namespace cp::web {
namespace {

namespace json = boost::json;
using api::Fail;
using api::Json;
using api::RecordJson;
using api::Str;

// LA-1, NEW-3: where rows place children, for uploads; null when the
// reference data cannot be read (uploads are then Unavailable).
std::unique_ptr<services::LaLocator> LoadPlaces() {
  auto places = services::LaLocator::Load(CP_DEFAULT_DATA_DIR);
  if (!places) return nullptr;
  return std::make_unique<services::LaLocator>(std::move(*places));
}

}  // namespace

Api::Api(services::ServiceContext& ctx, const services::Credentials& credentials,
         services::ChildIndex* index, services::SessionPolicy sessions)
    : ctx_(ctx),
      clients_(ctx),
      sessions_(ctx, credentials, sessions),
      search_(ctx, index),
      records_(ctx),
      shielding_(ctx, index),
      break_glass_(ctx, sessions_),
      brokering_(ctx),
      sensitive_(ctx),
      places_(index != nullptr ? LoadPlaces() : nullptr),
      amendments_(ctx, index, places_.get()),
      importer_(places_ != nullptr
                    ? std::make_unique<services::ImportService>(ctx, *index, *places_, shielding_)
                    : nullptr),
      uploads_(ctx, importer_.get()),
      feedback_(ctx) {}

Response Api::Handle(const Request& request) {
  try {
    return Route(request);
  } catch (const std::exception&) {
    return Fail(Error::Invalid("body", "The request body is not valid JSON"));
  }
}

Response Api::Route(const Request& r) {
  if (auto upload = RouteUploads(r)) return std::move(*upload);  // FEED-2: the source's own key
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
  if (auto answer = RouteProtection(r, body, *session)) return std::move(*answer);
  if (auto answer = RouteSensitive(r, body, *session)) return std::move(*answer);
  if (auto answer = RouteAmendments(r, body, *session)) return std::move(*answer);
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
