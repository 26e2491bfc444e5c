// Users' amendments through the pages (UPD-1, UPD-2; G 3.23–3.25): the
// form on which a user amends the items of a record they may see, stating
// their verification; their list of amendments with the outcomes; and the
// data administrators' queue of amendments in conflict, each shown beside
// the record with the decision — override on verification, or reject.
// Every page goes through AmendmentService, so its rights, projection and
// audit; URLs carry ids only, values travel in POST bodies.

#include "core/local_authority.h"
#include "services/amendment_fields.h"
#include "web/site/amendment_text.h"
#include "web/site/app.h"
#include "web/site/page_text.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::list;

std::string Day(Timestamp t) { return LongDate(Date::FromTimestamp(t)); }

std::string Value(const services::ItemFields& f, const std::string& column) {
  auto it = f.find(column);
  return it == f.end() ? "" : it->second;
}

std::string Padded(const std::string& s) { return s.size() == 1 ? "0" + s : s; }

// The amendment as the form sends it: the columns of the items the form
// showed (a column not sent is unchanged), the date of birth from its
// three boxes. Values are checked by the service, after its rights check.
services::AmendmentRequest ReadForm(const Request& r) {
  services::AmendmentRequest in;
  const auto version = PathId("/" + r.Form("version"), "/", "");
  in.version = version.value_or(-1);
  in.verification = r.Form("verification");
  for (core::Item item : core::kAmendableItems) {
    for (const std::string& column : services::AmendmentColumns(item)) {
      if (column == "date_of_birth") {
        const std::string d = r.Form("date_of_birth_day"), m = r.Form("date_of_birth_month"),
                          y = r.Form("date_of_birth_year");
        if (r.form.count("date_of_birth_year") == 0) continue;
        in.fields[column] =
            d.empty() && m.empty() && y.empty() ? "" : y + "-" + Padded(m) + "-" + Padded(d);
        continue;
      }
      if (r.form.count(column) != 0) in.fields[column] = r.Form(column);
    }
  }
  return in;
}

// The form's sections: each amendable item with its inputs, filled from
// the request when one came back with errors, else from the record.
list Sections(const services::AmendmentForm& form, const Request* r,
              const std::map<std::string, std::string>& errors) {
  auto value = [&](const std::string& column) {
    return r != nullptr ? r->Form(column) : Value(form.values, column);
  };
  list sections;
  for (core::Item item : form.amendable) {
    PageData section;
    section.set("title", AmendmentItemTitle(item));
    section.set("item", std::string(core::ItemName(item)));
    list fields;
    if (item == core::Item::kDateOfBirth) {
      PageData date;
      date.set("name", "date_of_birth");
      date.set("label", "Date of birth");
      date.set("hint", "For example, 27 3 2015");
      if (r != nullptr) {
        date.set("day", r->Form("date_of_birth_day"));
        date.set("month", r->Form("date_of_birth_month"));
        date.set("year", r->Form("date_of_birth_year"));
      } else if (auto dob = Date::ParseIso(Value(form.values, "date_of_birth"))) {
        date.set("day", std::to_string(dob->day()));
        date.set("month", std::to_string(dob->month()));
        date.set("year", std::to_string(dob->year()));
      }
      if (auto it = errors.find("date_of_birth"); it != errors.end()) date.set("error", it->second);
      section.set("dates", list{date});
    } else if (item == core::Item::kGender) {
      const std::string chosen = value("gender");
      list options;
      for (const auto& [v, title] : {std::pair{"female", "Female"}, std::pair{"male", "Male"},
                                     std::pair{"not_specified", "Not specified"}}) {
        PageData o;
        o.set("value", v);
        o.set("title", title);
        if (chosen == v) o.set("checked", true);
        options.push_back(o);
      }
      section.set("is_gender", true);
      section.set("gender_options", options);
      if (auto it = errors.find("gender"); it != errors.end())
        section.set("field_error", it->second);
    } else {
      for (const std::string& column : services::AmendmentColumns(item)) {
        PageData f;
        f.set("name", column);
        f.set("label", AmendmentColumnLabel(column));
        f.set("value", value(column));
        if (column == "education_setting") {
          const std::string chosen = value(column);
          list options;
          for (const auto& [v, title] :
               {std::pair{"school", "A school"}, std::pair{"home", "Educated at home"},
                std::pair{"hospital", "Hospital education"}, std::pair{"other", "Another setting"},
                std::pair{"none_known", "None known"}}) {
            PageData o;
            o.set("value", v);
            o.set("title", title);
            if (chosen == v) o.set("selected", true);
            options.push_back(o);
          }
          f.set("is_select", true);
          f.set("options", options);
        }
        if (column == "postcode") f.set("narrow", true);
        if (auto it = errors.find(column); it != errors.end()) f.set("field_error", it->second);
        fields.push_back(f);
      }
      section.set("fields", fields);
    }
    sections.push_back(section);
  }
  return sections;
}

std::string Outcome(const std::vector<services::AmendedItem>& items) {
  int applied = 0, queued = 0;
  for (const auto& a : items) {
    (a.status == core::AmendmentStatus::kApplied ? applied : queued) += 1;
  }
  return "/amendments?applied=" + std::to_string(applied) + "&queued=" + std::to_string(queued);
}

std::string LaName(const std::string& code) {
  const core::LocalAuthority* la = core::FindLocalAuthority(code);
  return la != nullptr ? std::string(la->name) : code;
}

}  // namespace

std::optional<Response> App::RouteAmendments(const Request& r, const services::SessionInfo& s) {
  const bool get = r.method == "GET", post = r.method == "POST";
  if (auto id = PathId(r.path, "/records/", "/amend"); id && get) {
    return AmendFormPage(s, *id, nullptr, {});
  }
  if (auto id = PathId(r.path, "/records/", "/amendments"); id && post) {
    auto done = amendments_.Amend(s.actor, *id, ReadForm(r));
    if (!done) {
      if (done.error().code == ErrorCode::kInvalidArgument) {
        return AmendFormPage(s, *id, &r, {done.error()});
      }
      if (done.error().code == ErrorCode::kConflict) {
        return AmendFormPage(s, *id, nullptr, {done.error()});  // the record as it is now
      }
      return ErrorPage(HttpStatus(done.error().code), "The record was not amended",
                       done.error().message, &s);
    }
    return Response::Redirect(Outcome(*done));
  }
  if (r.path == "/amendments" && get) {
    std::string notice;
    const auto applied =
        PathId("/" + (r.query.count("applied") ? r.query.at("applied") : ""), "/", "");
    const auto queued =
        PathId("/" + (r.query.count("queued") ? r.query.at("queued") : ""), "/", "");
    if (applied && queued) {
      notice = *queued == 0 ? "Your amendment has been applied"
               : *applied == 0
                   ? "Your amendment has been sent to a data administrator: it conflicts with the "
                     "record and is not applied unless they decide so"
                   : "Part of your amendment has been applied; the rest has been sent to a data "
                     "administrator, as it conflicts with the record";
    }
    return MyAmendmentsPage(s, notice);
  }
  if (r.path == "/data-review/amendments" && get) {
    return AmendmentQueuePage(
        s, r.query.count("decided") != 0 ? "The decision has been recorded" : "");
  }
  if (auto id = PathId(r.path, "/data-review/amendments/", ""); id && get) {
    return AmendmentDetailPage(s, *id, nullptr);
  }
  for (const auto& [suffix, verdict] :
       {std::pair{"/override", services::AmendmentVerdict::kOverride},
        std::pair{"/reject", services::AmendmentVerdict::kReject}}) {
    auto id = PathId(r.path, "/data-review/amendments/", suffix);
    if (!id || !post) continue;
    const auto version = PathId("/" + r.Form("version"), "/", "");
    Status done =
        amendments_.Decide(s.actor, *id, {verdict, r.Form("reason"), version.value_or(-1)});
    if (!done) {
      const ErrorCode code = done.error().code;
      if (code == ErrorCode::kInvalidArgument || code == ErrorCode::kFailedPrecondition ||
          code == ErrorCode::kConflict) {
        Error shown = done.error();
        if (shown.field == "reason") shown.field = suffix + 1;  // "override" or "reject"
        return AmendmentDetailPage(s, *id, &shown);
      }
      return ErrorPage(HttpStatus(code), "The amendment was not decided", done.error().message, &s);
    }
    return Response::Redirect("/data-review/amendments?decided=1");
  }
  return std::nullopt;
}

Response App::AmendFormPage(const services::SessionInfo& s, core::ChildId id, const Request* r,
                            const std::vector<Error>& errors) {
  auto form = amendments_.Form(s.actor, id);
  if (!form) {
    return ErrorPage(HttpStatus(form.error().code),
                     form.error().code == ErrorCode::kPermissionDenied ? "You cannot amend records"
                                                                       : "Record not found",
                     form.error().message, &s);
  }
  std::map<std::string, std::string> e;
  list errs;
  for (const Error& err : errors) {
    std::string message = err.message;
    if (err.field == "date_of_birth" && message.find("YYYY-MM-DD") != std::string::npos) {
      message = "Date of birth must be a real date";
    }
    std::string anchor = err.field == "date_of_birth" ? "date_of_birth_day" : err.field;
    // "Nothing changed" names no one field: the summary leads to the first.
    if (err.field == "fields" && !form->amendable.empty()) {
      anchor = "section-" + std::string(core::ItemName(form->amendable.front()));
    }
    e[err.field] = message;
    PageData item;
    item.set("field", anchor.empty() ? std::string("verification") : anchor);
    item.set("message", message);
    errs.push_back(item);
  }
  PageData d;
  d.set("id", std::to_string(id));
  d.set("uin", form->record.child.uin.ToDisplay());
  d.set("forenames", form->record.child.forenames);
  d.set("surname", form->record.child.surname);
  d.set("version", std::to_string(form->version));
  d.set("csrf_token", s.csrf_token);
  d.set("has_errors", !errors.empty());
  d.set("errors", errs);
  if (form->record.minimal) d.set("minimal", true);
  d.set("sections", Sections(*form, r, e));
  d.set("verification", r != nullptr ? r->Form("verification") : "");
  if (auto it = e.find("verification"); it != e.end()) d.set("verification_error", it->second);
  const bool stale = !errors.empty() && errors.front().code == ErrorCode::kConflict;
  return Render("amend_form", d, "Amend a child record", &s,
                errors.empty() ? 200 : (stale ? 409 : 422));
}

Response App::MyAmendmentsPage(const services::SessionInfo& s, const std::string& notice) {
  auto mine = amendments_.Mine(s.actor, std::nullopt);
  if (!mine) {
    return ErrorPage(HttpStatus(mine.error().code), "Not available", mine.error().message, &s);
  }
  list rows;
  for (const auto& a : *mine) {
    PageData row;
    row.set("child_id", std::to_string(a.child_id));
    row.set("uin", core::Uin::FromStored(a.uin).ToDisplay());
    row.set("item", AmendmentItemTitle(a.item));
    row.set("requested_on", Day(a.requested_at));
    row.set("status", AmendmentStatusTitle(a.status));
    row.set("status_class", a.status == core::AmendmentStatus::kPending    ? "govuk-tag--yellow"
                            : a.status == core::AmendmentStatus::kRejected ? "govuk-tag--red"
                                                                           : "govuk-tag--green");
    if (!a.decision_reason.empty()) row.set("reason", a.decision_reason);
    rows.push_back(row);
  }
  PageData d;
  if (!notice.empty()) d.set("notice", notice);
  d.set("has_rows", !rows.empty());
  d.set("rows", rows);
  return Render("my_amendments", d, "Your amendments", &s);
}

Response App::AmendmentQueuePage(const services::SessionInfo& s, const std::string& notice) {
  auto queue = amendments_.Queue(s.actor);
  if (!queue) {
    return ErrorPage(HttpStatus(queue.error().code), "Not available", queue.error().message, &s);
  }
  list rows;
  for (const auto& a : *queue) {
    PageData row;
    row.set("amendment_id", std::to_string(a.id));
    row.set("uin", core::Uin::FromStored(a.uin).ToDisplay());
    row.set("item", AmendmentItemTitle(a.item));
    row.set("requested_on", Day(a.requested_at));
    row.set("requester", a.requester_name);
    row.set("conflict", std::string(core::AmendmentConflictTitle(a.conflict)));
    row.set("la_name", LaName(a.la_code));
    rows.push_back(row);
  }
  PageData d;
  if (!notice.empty()) d.set("notice", notice);
  d.set("la_name", s.actor.role == core::Role::kCentralTeam ? std::string("every local authority")
                                                            : LaName(s.actor.la_code));
  d.set("has_queue", !rows.empty());
  d.set("queue", rows);
  return Render("amendment_queue", d, "Amendments to review", &s);
}

Response App::AmendmentDetailPage(const services::SessionInfo& s, std::int64_t id,
                                  const Error* error) {
  auto detail = amendments_.Detail(s.actor, id);
  if (!detail) {
    return ErrorPage(HttpStatus(detail.error().code), "Not available", detail.error().message, &s);
  }
  const services::AmendmentRow& a = detail->amendment;
  PageData d;
  d.set("amendment_id", std::to_string(a.id));
  d.set("child_id", std::to_string(a.child_id));
  d.set("uin", detail->record.child.uin.ToDisplay());
  d.set("forenames", detail->record.child.forenames);
  d.set("surname", detail->record.child.surname);
  d.set("item", AmendmentItemTitle(a.item));
  d.set("requester", a.requester_name);
  d.set("requested_on", Day(a.requested_at));
  d.set("verification", a.verification.empty() ? std::string("None given") : a.verification);
  d.set("conflict", std::string(core::AmendmentConflictTitle(a.conflict)));
  d.set("status", AmendmentStatusTitle(a.status));
  d.set("version", std::to_string(detail->version));
  d.set("csrf_token", s.csrf_token);
  if (detail->withheld) d.set("withheld", true);
  const bool open =
      a.status == core::AmendmentStatus::kPending && detail->live && !detail->withheld;
  if (open) d.set("open", true);
  if (!detail->live) d.set("not_live", true);
  if (a.decided_at) d.set("decided_on", Day(*a.decided_at));
  if (error != nullptr) {
    d.set("error", error->message);
    if (error->field == "override") d.set("override_error", error->message);
    if (error->field == "reject") d.set("reject_error", error->message);
  }
  if (!detail->withheld) {
    const auto previous = services::ItemFieldsFromJson(a.previous);
    const auto proposed = services::ItemFieldsFromJson(a.proposed);
    list rows;
    for (const std::string& column : services::AmendmentColumns(a.item)) {
      const std::string was = Value(previous, column), asked = Value(proposed, column),
                        now = Value(detail->current, column);
      if (was.empty() && asked.empty() && now.empty()) continue;
      PageData row;
      row.set("label", AmendmentColumnLabel(column));
      row.set("previous", was);
      row.set("proposed", asked);
      row.set("current", now);
      if (was != asked) row.set("changed", true);
      rows.push_back(row);
    }
    d.set("rows", rows);
  }
  return Render("amendment_detail", d, "Decide an amendment", &s,
                error == nullptr ? 200 : HttpStatus(error->code));
}

}  // namespace cp::web
