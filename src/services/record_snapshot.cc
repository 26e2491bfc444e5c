#include "services/record_snapshot.h"

#include <boost/json.hpp>
#include <optional>

#include "store/child_repository.h"

namespace cp::services {
namespace {

namespace json = boost::json;

json::value Opt(const std::optional<Date>& d) {
  return d ? json::value(static_cast<std::int64_t>(d->days())) : json::value(nullptr);
}

json::object Stamp(const core::SourceStamp& s) {
  return {{"source_id", s.source_id}, {"supplied_at", s.supplied_at}};
}

json::object Contact(const core::ContactDetails& c) {
  return {{"phone", c.phone}, {"email", c.email}, {"address", c.address}};
}

json::object AddressJson(const core::Address& a) {
  return {{"line1", a.line1},
          {"line2", a.line2},
          {"line3", a.line3},
          {"town", a.town},
          {"postcode", a.postcode}};
}

json::value Service(const std::optional<core::UniversalService>& s) {
  if (!s) return nullptr;
  return json::object{{"organisation", s->organisation},
                      {"org_code", s->org_code},
                      {"practitioner", s->practitioner},
                      {"contact", Contact(s->contact)},
                      {"source", Stamp(s->source)}};
}

json::value Key(const std::optional<core::KeyContact>& k) {
  if (!k) return nullptr;
  return json::object{{"practitioner", k->practitioner},
                      {"organisation", k->organisation},
                      {"contact", Contact(k->contact)},
                      {"since", Opt(k->since)},
                      {"sensitive_service", k->sensitive_service},
                      {"source", Stamp(k->source)}};
}

json::object InvolvementJson(const core::Involvement& inv) {
  json::object o{{"category", core::ServiceCategoryName(inv.category)},
                 {"service_type", inv.service_type},
                 {"organisation", inv.organisation},
                 {"team", inv.team},
                 {"practitioner", inv.practitioner},
                 {"contact", Contact(inv.contact)},
                 {"start_date", Opt(inv.start_date)},
                 {"ceased_date", Opt(inv.ceased_date)},
                 {"retention_end", Opt(inv.retention_end)},
                 {"public_interest", inv.public_interest},
                 {"source", Stamp(inv.source)}};
  if (inv.consent) {
    o["consent"] = json::object{{"given_by", core::ConsentGiverName(inv.consent->given_by)},
                                {"given_on", inv.consent->given_on.days()},
                                {"method", core::ConsentMethodName(inv.consent->method)},
                                {"renewal_due", inv.consent->renewal_due.days()}};
  }
  return o;
}

// Reading: a missing or mistyped member reads as empty; the snapshot was
// written by RecordSnapshotJson.
const json::object& Obj(const json::object& o, std::string_view key) {
  static const json::object kEmpty;
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? v->get_object() : kEmpty;
}
std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}
std::int64_t Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_int64() ? v->get_int64() : 0;
}
bool Bool(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->get_bool();
}
std::optional<Date> OptDate(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_int64()) return std::nullopt;
  return Date::FromDays(static_cast<std::int32_t>(v->get_int64()));
}
const json::array& Arr(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? v->get_array() : kEmpty;
}

core::SourceStamp ReadStamp(const json::object& o) {
  return {Int(o, "source_id"), Int(o, "supplied_at")};
}
core::ContactDetails ReadContact(const json::object& o) {
  return {Str(o, "phone"), Str(o, "email"), Str(o, "address")};
}
core::Address ReadAddress(const json::object& o) {
  return {Str(o, "line1"), Str(o, "line2"), Str(o, "line3"), Str(o, "town"), Str(o, "postcode")};
}
std::optional<core::UniversalService> ReadService(const json::object& parent,
                                                  std::string_view key) {
  const json::value* v = parent.if_contains(key);
  if (v == nullptr || !v->is_object()) return std::nullopt;
  const json::object& o = v->get_object();
  return core::UniversalService{Str(o, "organisation"), Str(o, "org_code"), Str(o, "practitioner"),
                                ReadContact(Obj(o, "contact")), ReadStamp(Obj(o, "source"))};
}
std::optional<core::KeyContact> ReadKey(const json::object& parent, std::string_view key) {
  const json::value* v = parent.if_contains(key);
  if (v == nullptr || !v->is_object()) return std::nullopt;
  const json::object& o = v->get_object();
  return core::KeyContact{Str(o, "practitioner"),         Str(o, "organisation"),
                          ReadContact(Obj(o, "contact")), OptDate(o, "since"),
                          Bool(o, "sensitive_service"),   ReadStamp(Obj(o, "source"))};
}
core::Involvement ReadInvolvement(const json::object& o) {
  core::Involvement inv;
  inv.category =
      core::ServiceCategoryFromName(Str(o, "category")).value_or(core::ServiceCategory::kTargeted);
  inv.service_type = Str(o, "service_type");
  inv.organisation = Str(o, "organisation");
  inv.team = Str(o, "team");
  inv.practitioner = Str(o, "practitioner");
  inv.contact = ReadContact(Obj(o, "contact"));
  inv.start_date = OptDate(o, "start_date");
  inv.ceased_date = OptDate(o, "ceased_date");
  inv.retention_end = OptDate(o, "retention_end");
  inv.public_interest = Str(o, "public_interest");
  inv.source = ReadStamp(Obj(o, "source"));
  if (const json::value* c = o.if_contains("consent"); c != nullptr && c->is_object()) {
    const json::object& co = c->get_object();
    inv.consent = core::Consent{
        core::ConsentGiverFromName(Str(co, "given_by")).value_or(core::ConsentGiver::kParentCarer),
        Date::FromDays(static_cast<std::int32_t>(Int(co, "given_on"))),
        core::ConsentMethodFromName(Str(co, "method")).value_or(core::ConsentMethod::kWritten),
        Date::FromDays(static_cast<std::int32_t>(Int(co, "renewal_due")))};
  }
  return inv;
}

}  // namespace

std::string RecordSnapshotJson(const core::Child& c) {
  json::array other_names;
  for (const core::OtherName& n : c.other_names) {
    other_names.push_back(json::object{{"kind", core::OtherNameKindName(n.kind)},
                                       {"forenames", n.forenames},
                                       {"surname", n.surname}});
  }
  json::array parents;
  for (const core::ParentCarer& p : c.parents_carers) {
    parents.push_back(json::object{{"forenames", p.forenames},
                                   {"surname", p.surname},
                                   {"relationship", p.relationship},
                                   {"parental_responsibility", p.parental_responsibility},
                                   {"contact", Contact(p.contact)},
                                   {"address", AddressJson(p.address)},
                                   {"source", Stamp(p.source)}});
  }
  json::array involvements;
  for (const core::Involvement& inv : c.involvements) involvements.push_back(InvolvementJson(inv));
  const json::object o{{"la_code", c.la_code},
                       {"forenames", c.forenames},
                       {"surname", c.surname},
                       {"known_as_surname", c.known_as_surname},
                       {"other_names", std::move(other_names)},
                       {"address", AddressJson(c.address)},
                       {"gender", static_cast<std::int64_t>(c.gender)},
                       {"date_of_birth", c.date_of_birth.days()},
                       {"date_of_death", Opt(c.date_of_death)},
                       {"death_confirmed", c.death_confirmed_by_registrar},
                       {"parents_carers", std::move(parents)},
                       {"education_setting", core::EducationSettingName(c.education_setting)},
                       {"school", Service(c.school)},
                       {"gp_practice", Service(c.gp_practice)},
                       {"midwife", Service(c.midwife)},
                       {"health_visitor", Service(c.health_visitor)},
                       {"school_nurse", Service(c.school_nurse)},
                       {"involvements", std::move(involvements)},
                       {"caf_holder", Key(c.caf_holder)},
                       {"lead_professional", Key(c.lead_professional)},
                       {"looked_after", c.looked_after},
                       {"provenance", store::EncodeProvenance(c.provenance)}};
  return json::serialize(o);
}

Result<core::Child> RestoreSnapshot(const std::string& text, core::Child c) {
  boost::system::error_code ec;
  const json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::Internal("The kept record's earlier state is unreadable");
  const json::object& o = v.get_object();
  c.la_code = Str(o, "la_code");
  c.forenames = Str(o, "forenames");
  c.surname = Str(o, "surname");
  c.known_as_surname = Str(o, "known_as_surname");
  c.other_names.clear();
  for (const json::value& n : Arr(o, "other_names")) {
    if (!n.is_object()) continue;
    const json::object& no = n.get_object();
    c.other_names.push_back(
        {core::OtherNameKindFromName(Str(no, "kind")).value_or(core::OtherNameKind::kAlternative),
         Str(no, "forenames"), Str(no, "surname")});
  }
  c.address = ReadAddress(Obj(o, "address"));
  c.gender = static_cast<core::Gender>(Int(o, "gender"));
  c.date_of_birth = Date::FromDays(static_cast<std::int32_t>(Int(o, "date_of_birth")));
  c.date_of_death = OptDate(o, "date_of_death");
  c.death_confirmed_by_registrar = Bool(o, "death_confirmed");
  c.parents_carers.clear();
  for (const json::value& p : Arr(o, "parents_carers")) {
    if (!p.is_object()) continue;
    const json::object& po = p.get_object();
    core::ParentCarer pc;
    pc.forenames = Str(po, "forenames");
    pc.surname = Str(po, "surname");
    pc.relationship = Str(po, "relationship");
    pc.parental_responsibility = Bool(po, "parental_responsibility");
    pc.contact = ReadContact(Obj(po, "contact"));
    pc.address = ReadAddress(Obj(po, "address"));
    pc.source = ReadStamp(Obj(po, "source"));
    c.parents_carers.push_back(std::move(pc));
  }
  c.education_setting = core::EducationSettingFromName(Str(o, "education_setting"))
                            .value_or(core::EducationSettingKind::kNoneKnown);
  c.school = ReadService(o, "school");
  c.gp_practice = ReadService(o, "gp_practice");
  c.midwife = ReadService(o, "midwife");
  c.health_visitor = ReadService(o, "health_visitor");
  c.school_nurse = ReadService(o, "school_nurse");
  c.involvements.clear();
  for (const json::value& inv : Arr(o, "involvements")) {
    if (inv.is_object()) c.involvements.push_back(ReadInvolvement(inv.get_object()));
  }
  c.caf_holder = ReadKey(o, "caf_holder");
  c.lead_professional = ReadKey(o, "lead_professional");
  c.looked_after = Bool(o, "looked_after");
  c.provenance = store::DecodeProvenance(Str(o, "provenance"));
  return c;
}

}  // namespace cp::services
