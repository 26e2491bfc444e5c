#include "web/site/api_json.h"

#include <algorithm>
#include <cstdio>

#include "web/site/status_map.h"

namespace cp::web::api {

namespace json = boost::json;

namespace {

json::object ContactJson(const core::ContactDetails& c) {
  return {{"phone", c.phone}, {"email", c.email}, {"address", c.address}};
}

}  // namespace

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
      // REC-5; the id names it in a brokering request (SENS-4), as on the web.
      involvements.push_back(
          json::object{{"id", inv.id},
                       {"category", "sensitive"},
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

Result<std::string> Text(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::string();
  if (!it->value().is_string()) return Error::Invalid(key, std::string("Give ") + key + " as text");
  return std::string(it->value().as_string());
}

Result<bool> Flag(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return false;
  if (!it->value().is_bool()) {
    return Error::Invalid(key, std::string("Give ") + key + " as true or false");
  }
  return it->value().as_bool();
}

Result<std::optional<std::int64_t>> Id(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::optional<std::int64_t>();
  const json::value& v = it->value();
  if (v.is_int64() && v.as_int64() > 0) return std::optional<std::int64_t>(v.as_int64());
  return Error::Invalid(key, std::string("Give ") + key + " as a positive whole number");
}

Result<std::optional<Date>> Day(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::optional<Date>();
  std::optional<Date> day;
  if (it->value().is_string()) day = Date::ParseIso(std::string(it->value().as_string()));
  if (!day) return Error::Invalid(key, std::string("Give ") + key + " as a date, YYYY-MM-DD");
  return day;
}

Result<std::string> Choice(const json::object& o, const char* key,
                           std::initializer_list<const char*> choices) {
  auto text = Text(o, key);
  if (!text) return text.error();
  std::string names;
  for (const char* c : choices) {
    if (*text == c) return *text;
    names += (names.empty() ? "" : " or ") + std::string(c);
  }
  return Error::Invalid(key, std::string("Give ") + key + ": " + names);
}

Result<int> DaysQuery(const Request& r, const char* key, int fallback) {
  constexpr int kMaxDays = 366;
  auto it = r.query.find(key);
  if (it == r.query.end() || it->second.empty()) return fallback;
  int days = 0;
  for (char c : it->second) {
    if (c < '0' || c > '9' || days > kMaxDays) {
      days = -1;
      break;
    }
    days = days * 10 + (c - '0');
  }
  if (days < 0 || days > kMaxDays) {
    return Error::Invalid(key, std::string("Give ") + key + " as a number from 0 to 366");
  }
  return days;
}

Result<std::int64_t> AfterQuery(const Request& r, const char* key) {
  auto it = r.query.find(key);
  if (it == r.query.end() || it->second.empty()) return 0;
  const std::string& v = it->second;
  const bool digits = v.size() <= 18 &&
                      std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return Error::Invalid(key, std::string("Give ") + key + " as a whole number");
  return std::stoll(v);
}

std::string IsoTime(Timestamp t) {
  const Date day = Date::FromTimestamp(t);
  const Timestamp seconds = t - day.StartTimestamp();
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return day.ToIso() + clock;
}

}  // namespace cp::web::api
