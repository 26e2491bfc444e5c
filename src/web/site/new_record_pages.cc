// Requests for a new child record (NEW-2, LA-1; G 3.19–3.22, flowchart B7):
// the form on which a user who cannot find a child submits the child's
// details, the user's own requests with their outcomes, and the LA data
// administrator's queue — each request beside the further search that
// includes shielded and archived records, and the decisions: tell the user
// that a record exists, create the record, or refuse.

#include <algorithm>

#include "core/local_authority.h"
#include "web/site/app.h"
#include "web/site/page_text.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::list;
using services::NewRecordStatus;

std::string StatusText(NewRecordStatus s) {
  switch (s) {
    case NewRecordStatus::kReceived:
      return "Received";
    case NewRecordStatus::kRecordExists:
      return "A record exists";
    case NewRecordStatus::kCreated:
      return "Record created";
    case NewRecordStatus::kRefused:
      return "Refused";
  }
  return "";
}

std::string ArchiveText(core::ArchiveState s) {
  switch (s) {
    case core::ArchiveState::kLive:
      return "";
    case core::ArchiveState::kPending:
      return "Archived (pending)";
    case core::ArchiveState::kSoft:
      return "Archived";
    case core::ArchiveState::kHard:
      return "Archived (hard)";
  }
  return "";
}

struct TextField {
  const char* name;
  const char* label;
  const char* hint;
  const char* autocomplete;
  const char* width;  // a govuk-input--width-N class, or ""
};

constexpr TextField kChildFields[] = {
    {"forenames", "First names", "", "off", ""},
    {"surname", "Last name", "", "off", ""},
    {"known_as_surname", "Last name the child is known by (optional)",
     "If different from their legal last name.", "off", ""},
    {"previous_surname", "Previous last name (optional)", "", "off", ""}};
constexpr TextField kAddressFields[] = {
    {"address_line1", "Address line 1 (optional)", "", "off", ""},
    {"address_line2", "Address line 2 (optional)", "", "off", ""},
    {"town", "Town or city (optional)", "", "off", "govuk-!-width-two-thirds"},
    {"postcode", "Postcode (optional)", "", "off", "govuk-input--width-10"}};
constexpr TextField kParentFields[] = {
    {"parent_forenames", "Their first names (optional)", "", "off", ""},
    {"parent_surname", "Their last name", "Needed if you give any of their details.", "off", ""},
    {"parent_relationship", "Relationship to the child (optional)",
     "For example, mother, father or foster carer.", "off", "govuk-!-width-one-half"},
    {"parent_phone", "Telephone (optional)", "", "off", "govuk-input--width-20"}};
constexpr TextField kServiceFields[] = {
    {"school", "School (optional)", "The school the child attends.", "off", ""},
    {"gp_practice", "GP practice (optional)", "", "off", ""}};

constexpr std::pair<core::Gender, const char*> kGenders[] = {
    {core::Gender::kFemale, "Female"},
    {core::Gender::kMale, "Male"},
    {core::Gender::kNotSpecified, "Not specified"},
    {core::Gender::kNotKnown, "Not known"}};

// Where a field's error links to: the form's element id.
std::string Anchor(const std::string& field) {
  if (field == "date_of_birth") return "dob";
  if (field == "gender") return "gender-female";
  return field;
}

list Fields(const TextField* begin, const TextField* end, const Request* r,
            const std::map<std::string, std::string>& errors) {
  list out;
  for (const TextField* f = begin; f != end; ++f) {
    PageData item;
    item.set("name", f->name);
    item.set("label", f->label);
    if (*f->hint != '\0') item.set("hint", f->hint);
    item.set("autocomplete", f->autocomplete);
    if (*f->width != '\0') item.set("width", f->width);
    if (r != nullptr) item.set("value", r->Form(f->name));
    if (auto it = errors.find(f->name); it != errors.end()) item.set("error", it->second);
    out.push_back(item);
  }
  return out;
}

// The child's date of birth from the form's three fields; an error naming
// "date_of_birth" when missing or not a real date.
Result<Date> FormDateOfBirth(const Request& r) {
  const std::string d = r.Form("dob_day"), m = r.Form("dob_month"), y = r.Form("dob_year");
  if (d.empty() && m.empty() && y.empty()) {
    return Error::Invalid("date_of_birth", "Enter the child's date of birth");
  }
  auto number = [](const std::string& s) -> int {
    if (s.empty() || s.size() > 4) return -1;
    int n = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  std::optional<Date> date;
  if (number(d) > 0 && number(m) > 0 && number(y) >= 1900) {
    date = Date::FromYmd(number(y), number(m), number(d));
  }
  if (!date) return Error::Invalid("date_of_birth", "Date of birth must be a real date");
  return *date;
}

services::NewRecordAsk ReadAsk(const Request& r) {
  services::NewRecordAsk ask;
  services::NewRecordDetails& d = ask.details;
  d.forenames = r.Form("forenames");
  d.surname = r.Form("surname");
  d.known_as_surname = r.Form("known_as_surname");
  d.previous_surname = r.Form("previous_surname");
  d.gender = core::GenderFromName(r.Form("gender")).value_or(core::Gender::kNotKnown);
  d.address.line1 = r.Form("address_line1");
  d.address.line2 = r.Form("address_line2");
  d.address.town = r.Form("town");
  d.address.postcode = r.Form("postcode");
  d.parent_forenames = r.Form("parent_forenames");
  d.parent_surname = r.Form("parent_surname");
  d.parent_relationship = r.Form("parent_relationship");
  d.parent_phone = r.Form("parent_phone");
  d.school = r.Form("school");
  d.gp_practice = r.Form("gp_practice");
  ask.la_code = r.Form("la_code");
  ask.reason = r.Form("reason");
  return ask;
}

std::string LaName(const std::string& code) {
  const core::LocalAuthority* la = core::FindLocalAuthority(code);
  return la != nullptr ? std::string(la->name) : code;
}

// The child's details as submitted, as summary-list rows.
list DetailRows(const services::NewRecordDetails& d) {
  list rows;
  auto row = [&rows](const char* key, const std::string& value) {
    if (value.empty()) return;
    PageData item;
    item.set("key", key);
    item.set("value", value);
    rows.push_back(item);
  };
  row("Name", d.forenames + " " + d.surname);
  row("Known as", d.known_as_surname);
  row("Previous last name", d.previous_surname);
  row("Date of birth", LongDate(d.date_of_birth));
  row("Gender", GenderLabel(d.gender));
  std::string address;
  for (const std::string* part : {&d.address.line1, &d.address.line2, &d.address.line3,
                                  &d.address.town, &d.address.postcode}) {
    if (part->empty()) continue;
    if (!address.empty()) address += ", ";
    address += *part;
  }
  row("Address", address);
  std::string parent =
      d.parent_forenames.empty() ? d.parent_surname : d.parent_forenames + " " + d.parent_surname;
  if (!d.parent_relationship.empty()) parent += " (" + d.parent_relationship + ")";
  if (!d.parent_phone.empty()) parent += ", " + d.parent_phone;
  row("Parent or carer", parent);
  row("School", d.school);
  row("GP practice", d.gp_practice);
  return rows;
}

// What the requester is told.
std::string OutcomeText(const services::NewRecordRequest& q) {
  switch (q.status) {
    case NewRecordStatus::kReceived:
      return "A data administrator will search again, including records you cannot see, "
             "and tell you the outcome here.";
    case NewRecordStatus::kRecordExists:
      if (q.outcome_uin) return "A record already exists for this child.";
      return "A record already exists for this child. Do not ask for another. Contact your "
             "local authority's ContactPoint management team if you need to know more.";
    case NewRecordStatus::kCreated:
      return "A new record has been created for this child.";
    case NewRecordStatus::kRefused:
      return "Your request was refused: " + q.refusal_reasons;
  }
  return "";
}

}  // namespace

std::optional<Response> App::RouteNewRecords(const Request& r, const services::SessionInfo& s) {
  if (r.path == "/new-records") {
    if (r.method == "GET") {
      const std::string notice = r.query.count("sent") != 0
                                     ? "Your request has been sent to the data administrators"
                                 : r.query.count("decided") != 0 ? "The decision has been recorded"
                                                                 : "";
      return NewRecordsPage(s, notice);
    }
    if (r.method != "POST") return std::nullopt;
    services::NewRecordAsk ask = ReadAsk(r);
    const Date today = ctx_.clock.Today();
    auto born = FormDateOfBirth(r);
    // A date that is not a date is the form's own error; the rest is judged
    // as if the date were good, so that every problem is shown at once.
    ask.details.date_of_birth = born ? *born : today;
    std::vector<Error> errors;
    for (Error& e : services::ValidateNewRecordAsk(ask, s.actor.la_code, today)) {
      if (born || e.field != "date_of_birth") errors.push_back(std::move(e));
    }
    if (!born) {  // in form order: after the names
      const auto after_names = std::find_if(errors.begin(), errors.end(), [](const Error& e) {
        return e.field != "forenames" && e.field != "surname" && e.field != "known_as_surname" &&
               e.field != "previous_surname";
      });
      errors.insert(after_names, born.error());
    }
    if (!errors.empty() && s.actor.Has(core::Right::kRequestNewRecord)) {
      return NewRecordFormPage(s, &r, errors);
    }
    auto sent = new_records_.Submit(s.actor, ask);
    if (!sent) {
      if (sent.error().code == ErrorCode::kInvalidArgument) {
        return NewRecordFormPage(s, &r, {sent.error()});
      }
      return ErrorPage(HttpStatus(sent.error().code), "The request was not sent",
                       sent.error().message, &s);
    }
    return Response::Redirect("/new-records?sent=1");
  }
  if (r.path == "/new-records/new" && r.method == "GET") return NewRecordFormPage(s, nullptr, {});
  if (auto id = PathId(r.path, "/new-records/", ""); id && r.method == "GET") {
    return NewRecordReviewPage(s, *id, nullptr, nullptr);
  }
  if (r.method != "POST") return std::nullopt;
  if (auto id = PathId(r.path, "/new-records/", "/search")) {
    auto found = new_records_.SearchAgain(s.actor, *id);
    if (!found) {
      if (found.error().code == ErrorCode::kFailedPrecondition) {
        return NewRecordReviewPage(s, *id, nullptr, &found.error());
      }
      return ErrorPage(HttpStatus(found.error().code), "The search did not run",
                       found.error().message, &s);
    }
    return NewRecordReviewPage(s, *id, &*found, nullptr);
  }
  std::optional<std::int64_t> id;
  Status done = Ok();
  if ((id = PathId(r.path, "/new-records/", "/exists"))) {
    const auto child = PathId("/" + r.Form("child_id"), "/", "");
    done = child ? new_records_.DecideExists(s.actor, *id, *child)
                 : Status(Error::Invalid("child_id", "Choose the record that exists"));
  } else if ((id = PathId(r.path, "/new-records/", "/create"))) {
    auto created = new_records_.Create(s.actor, *id);
    if (!created) done = created.error();
  } else if ((id = PathId(r.path, "/new-records/", "/refuse"))) {
    done = new_records_.Refuse(s.actor, *id, r.Form("reasons"));
  } else {
    return std::nullopt;
  }
  if (!done) {
    const ErrorCode code = done.error().code;
    if (code == ErrorCode::kInvalidArgument || code == ErrorCode::kFailedPrecondition) {
      return NewRecordReviewPage(s, *id, nullptr, &done.error());
    }
    return ErrorPage(HttpStatus(code), "The decision was not recorded", done.error().message, &s);
  }
  return Response::Redirect("/new-records?decided=1");
}

Response App::NewRecordFormPage(const services::SessionInfo& s, const Request* r,
                                const std::vector<Error>& errors) {
  if (!s.actor.Has(core::Right::kRequestNewRecord)) {
    return ErrorPage(403, "You cannot ask for a new record",
                     "Your role does not include asking for new child records.", &s);
  }
  std::map<std::string, std::string> e;
  list errs;
  for (const Error& err : errors) {
    if (e.count(err.field) != 0) continue;
    e[err.field] = err.message;
    PageData item;
    item.set("field", Anchor(err.field));
    item.set("message", err.message);
    errs.push_back(item);
  }
  PageData d;
  d.set("csrf_token", s.csrf_token);
  d.set("errors", errs);
  d.set("has_errors", !errors.empty());
  d.set("child_fields", Fields(std::begin(kChildFields), std::end(kChildFields), r, e));
  d.set("address_fields", Fields(std::begin(kAddressFields), std::end(kAddressFields), r, e));
  d.set("parent_fields", Fields(std::begin(kParentFields), std::end(kParentFields), r, e));
  d.set("service_fields", Fields(std::begin(kServiceFields), std::end(kServiceFields), r, e));
  const std::string gender = r != nullptr ? r->Form("gender") : "";
  list genders;
  for (const auto& [g, label] : kGenders) {
    PageData item;
    const std::string value(core::GenderName(g));
    item.set("value", value);
    item.set("id", "gender-" + value);
    item.set("label", label);
    if (value == gender) item.set("checked", true);
    genders.push_back(item);
  }
  d.set("genders", genders);
  PageData dob;
  dob.set("name", "dob");
  dob.set("label", "Date of birth");
  dob.set("hint", "For example, 27 3 2015.");
  if (r != nullptr) {
    dob.set("day", r->Form("dob_day"));
    dob.set("month", r->Form("dob_month"));
    dob.set("year", r->Form("dob_year"));
  }
  if (auto it = e.find("date_of_birth"); it != e.end()) dob.set("error", it->second);
  d.set("dob", list{dob});
  // LA-1: the record will belong to the LA where the child lives.
  std::vector<const core::LocalAuthority*> las;
  for (const auto& la : core::EnglandLocalAuthorities()) las.push_back(&la);
  std::sort(las.begin(), las.end(), [](auto* a, auto* b) { return a->name < b->name; });
  const std::string chosen = r != nullptr ? r->Form("la_code") : "";
  list options;
  for (const core::LocalAuthority* la : las) {
    PageData item;
    item.set("code", std::string(la->code));
    item.set("name", std::string(la->name));
    if (chosen == la->code) item.set("selected", true);
    options.push_back(item);
  }
  d.set("las", options);
  d.set("own_la", LaName(s.actor.la_code));
  if (r != nullptr) d.set("reason", r->Form("reason"));
  for (const auto& [field, key] :
       {std::pair{"gender", "gender_error"}, {"la_code", "la_error"}, {"reason", "reason_error"}}) {
    if (auto it = e.find(field); it != e.end()) d.set(key, it->second);
  }
  return Render("new_record_form", d, "Ask for a new child record", &s, errors.empty() ? 200 : 422);
}

Response App::NewRecordsPage(const services::SessionInfo& s, const std::string& notice) {
  PageData d;
  if (!notice.empty()) d.set("notice", notice);
  if (s.actor.role == core::Role::kLaDataAdministrator) {
    auto queue = new_records_.Queue(s.actor);
    if (queue) {
      d.set("team", true);
      d.set("la_name", LaName(s.actor.la_code));
      list items;
      for (const auto& q : *queue) {
        PageData item;
        item.set("request_id", std::to_string(q.id));
        item.set("created_on", LongDate(Date::FromTimestamp(q.created_at)));
        item.set("requester", q.requester_display_name);
        item.set("child", q.details.forenames + " " + q.details.surname);
        item.set("date_of_birth", LongDate(q.details.date_of_birth));
        if (q.searched_at) item.set("searched", true);
        items.push_back(item);
      }
      d.set("has_queue", !items.empty());
      d.set("queue", items);
    }
  }
  if (s.actor.Has(core::Right::kRequestNewRecord)) {
    d.set("can_request", true);
    auto mine = new_records_.Mine(s.actor);
    list rows;
    if (mine) {
      for (const auto& q : *mine) {
        PageData row;
        row.set("created_on", LongDate(Date::FromTimestamp(q.created_at)));
        row.set("child", q.details.forenames + " " + q.details.surname);
        row.set("date_of_birth", LongDate(q.details.date_of_birth));
        row.set("status", StatusText(q.status));
        row.set("outcome", OutcomeText(q));
        if (q.outcome_uin) row.set("uin", core::Uin::FromStored(*q.outcome_uin).ToDisplay());
        if (q.child_id) row.set("child_id", std::to_string(*q.child_id));
        rows.push_back(row);
      }
    }
    d.set("has_mine", !rows.empty());
    d.set("mine", rows);
  }
  return Render("new_record_list", d, "Requests for new child records", &s);
}

Response App::NewRecordReviewPage(const services::SessionInfo& s, std::int64_t id,
                                  const services::NewRecordSearch* search, const Error* error) {
  services::NewRecordRequest request;
  if (search != nullptr) {
    request = search->request;
  } else {
    auto found = new_records_.Get(s.actor, id);
    if (!found) {
      return ErrorPage(HttpStatus(found.error().code), "Request not found", found.error().message,
                       &s);
    }
    request = std::move(*found);
  }
  PageData d;
  d.set("request_id", std::to_string(id));
  d.set("csrf_token", s.csrf_token);
  d.set("details", DetailRows(request.details));
  d.set("requester", request.requester_display_name);
  d.set("created_on", LongDate(Date::FromTimestamp(request.created_at)));
  d.set("la_name", LaName(request.la_code));
  d.set("la_basis", request.la_basis == services::LaBasis::kAddress
                        ? "the local authority where the requester says the child lives"
                        : "the requester's own local authority");
  d.set("reason", request.reason);
  d.set("status", StatusText(request.status));
  const bool open = request.status == NewRecordStatus::kReceived;
  if (open) d.set("open", true);
  if (open && request.searched_at) d.set("searched", true);
  if (error != nullptr) {
    d.set("error", error->message);
    if (error->field == "reasons") d.set("reasons_error", error->message);
  }
  if (search != nullptr) {
    d.set("search_ran", true);
    list rows;
    for (const services::NewRecordCandidate& c : search->candidates) {
      PageData row;
      const services::SearchHit& h = c.hit;
      row.set("child_id", std::to_string(h.id));
      row.set("uin", h.uin.ToDisplay());
      row.set("name", h.forenames + " " + h.surname);
      if (!h.known_as_surname.empty()) row.set("known_as", h.known_as_surname);
      row.set("date_of_birth", LongDate(h.date_of_birth));
      row.set("gender", GenderLabel(h.gender));
      row.set("place", h.town.empty() ? h.postcode : h.town + " " + h.postcode);
      row.set("la_name", h.la_name);
      if (h.minimal) row.set("minimal", true);
      if (c.shielded) row.set("shielded", true);
      if (h.deceased) row.set("deceased", true);
      if (const std::string a = ArchiveText(c.archive_state); !a.empty()) row.set("archived", a);
      row.set("percent", std::to_string(static_cast<int>(c.probability * 100 + 0.5)));
      std::string agreed;
      for (const std::string& f : c.agreed) {
        if (!agreed.empty()) agreed += ", ";
        std::string label = f;
        std::replace(label.begin(), label.end(), '_', ' ');
        agreed += label;
      }
      if (!agreed.empty()) row.set("agreed", agreed);
      rows.push_back(row);
    }
    d.set("has_candidates", !rows.empty());
    d.set("candidates", rows);
  }
  return Render("new_record_review", d, "Request for a new child record", &s,
                error == nullptr ? 200 : (error->code == ErrorCode::kInvalidArgument ? 422 : 409));
}

}  // namespace cp::web
