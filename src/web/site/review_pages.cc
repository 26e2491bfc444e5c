// Matching and cleansing for data administrators (FEED-6; G 4.51–4.52,
// G 3.25): the review queue of uncertain matches, each row as the source
// sent it beside the candidate records with the engine's explanation and
// the three decisions; the merge of two records (named by UIN, confirmed
// side by side), and the list of merges with their undo. Records are shown
// as the services project them for the administrator (SHD-2); URLs carry
// ids only.

#include <cmath>
#include <cstdio>

#include "core/local_authority.h"
#include "match/fields.h"
#include "web/site/app.h"
#include "web/site/page_text.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::list;

std::string LaName(const std::string& code) {
  const core::LocalAuthority* la = core::FindLocalAuthority(code);
  return la != nullptr ? std::string(la->name) : code;
}

std::string Percent(double p) {
  return std::to_string(static_cast<int>(std::lround(std::clamp(p, 0.0, 1.0) * 100))) + "%";
}

std::string Label(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string Joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// A record (or a row, as a record) as summary-list rows: only what it holds,
// which for a projected record is only what the viewer may see.
list RecordRows(const core::Child& c, bool with_uin) {
  list rows;
  auto row = [&rows](const char* key, const std::string& value) {
    if (value.empty()) return;
    PageData item;
    item.set("key", key);
    item.set("value", value);
    rows.push_back(item);
  };
  if (with_uin) row("UIN", c.uin.ToDisplay());
  row("Name", Joined({c.forenames, c.surname}, " "));
  row("Known as", c.known_as_surname);
  std::vector<std::string> others;
  for (const core::OtherName& n : c.other_names)
    others.push_back(Joined({n.forenames, n.surname}, " "));
  row("Other names", Joined(others, "; "));
  if (c.date_of_birth != Date()) row("Date of birth", LongDate(c.date_of_birth));
  if (c.gender != core::Gender::kNotKnown) row("Gender", GenderLabel(c.gender));
  if (c.date_of_death) row("Date of death", LongDate(*c.date_of_death));
  row("Address", Joined({c.address.line1, c.address.line2, c.address.line3, c.address.town,
                         c.address.postcode},
                        ", "));
  if (!c.la_code.empty()) row("Local authority", LaName(c.la_code));
  std::vector<std::string> parents;
  for (const core::ParentCarer& p : c.parents_carers) {
    parents.push_back(Joined({p.forenames, p.surname}, " ") +
                      (p.relationship.empty() ? "" : " (" + p.relationship + ")"));
  }
  row("Parents or carers", Joined(parents, "; "));
  if (c.school) row("School", c.school->organisation);
  if (c.gp_practice) row("GP practice", c.gp_practice->organisation);
  std::vector<std::string> services;
  for (const core::Involvement& i : c.involvements) {
    services.push_back(i.organisation.empty() && i.category == core::ServiceCategory::kSensitive
                           ? "A sensitive service"
                           : Joined({Label(i.service_type), i.organisation, i.team}, ", "));
  }
  row("Services involved", Joined(services, "; "));
  return rows;
}

// The engine's reasons, field by field (match::Explanation).
list ExplanationRows(const match::Explanation& why) {
  list rows;
  for (const match::FieldEvidence& f : why.fields) {
    PageData item;
    item.set("field", Label(match::FieldName(f.field)));
    item.set("level", Label(match::LevelName(f.field, f.level)));
    char weight[32];
    std::snprintf(weight, sizeof weight, f.counted ? "%+.1f" : "%+.1f, not counted", f.weight);
    item.set("weight", std::string(weight));
    item.set("agrees", f.weight > 0 && f.counted);
    item.set("left", f.left);
    item.set("right", f.right);
    rows.push_back(item);
  }
  return rows;
}

std::string GuardText(services::MergeGuard g) {
  switch (g) {
    case services::MergeGuard::kNone:
      return "";
    case services::MergeGuard::kSibling:
      return "The matching engine shows two different children: a plainly different first name "
             "or date of birth, as for a brother or sister.";
    case services::MergeGuard::kKnownDistinct:
      return "A data administrator has decided that these are two different children.";
  }
  return "";
}

// Whether the actor may use these pages at all (the services decide again).
bool MayAdminister(const services::SessionInfo& s) {
  return services::IsDataAdministration(s.actor);
}

}  // namespace

std::optional<Response> App::RouteReview(const Request& r, const services::SessionInfo& s) {
  const bool get = r.method == "GET", post = r.method == "POST";
  if (r.path == "/data-review" && get) {
    std::string notice;
    if (r.query.count("decided") != 0) notice = "The decision has been recorded";
    if (r.query.count("reported") != 0) {
      notice = "The row has been reported back to its source as not usable";
    }
    return ReviewQueuePage(s, notice);
  }
  if (auto id = PathId(r.path, "/data-review/", ""); id && get) {
    return ReviewDetailPage(s, *id, nullptr);
  }
  if (r.path == "/merges" && get) {
    std::string notice = r.query.count("merged") != 0   ? "The records have been merged"
                         : r.query.count("undone") != 0 ? "The merge has been undone"
                                                        : "";
    if (auto it = r.query.find("check"); it != r.query.end() && !notice.empty()) {
      const auto count = PathId("/" + it->second, "/", "");
      if (count && *count > 0) {
        notice += ". " + std::to_string(*count) +
                  " involvement(s) recorded by hand on the kept record while the merge stood "
                  "stay on it: check which child they belong to";
      }
    }
    return MergesPage(s, notice, nullptr);
  }
  if (r.path == "/merges/new" && get) return MergeFormPage(s, nullptr, {});
  if (!post) return std::nullopt;

  if (r.path == "/merges/check") {
    std::vector<Error> errors;
    auto keep = merges_.FindByUin(s.actor, r.Form("kept_uin"), "kept_uin");
    auto gone = merges_.FindByUin(s.actor, r.Form("merged_uin"), "merged_uin");
    for (const auto* found : {&keep, &gone}) {
      if (*found) continue;
      if (found->error().code == ErrorCode::kPermissionDenied) {
        return ErrorPage(403, "You cannot merge records", found->error().message, &s);
      }
      errors.push_back(found->error());
    }
    if (errors.empty() && *keep == *gone) {
      errors.push_back(Error::Invalid("merged_uin", "Enter the UINs of two different records"));
    }
    if (!errors.empty()) return MergeFormPage(s, &r, errors);
    return MergeConfirmPage(s, *keep, *gone, nullptr);
  }
  if (r.path == "/merges") {
    const auto keep = PathId("/" + r.Form("kept_id"), "/", "");
    const auto gone = PathId("/" + r.Form("merged_id"), "/", "");
    if (!keep || !gone) return ErrorPage(422, "The merge was not made", "Choose two records.", &s);
    auto merged = merges_.Merge(s.actor, *keep, *gone, r.Form("verification"));
    if (!merged) {
      const ErrorCode code = merged.error().code;
      if (code == ErrorCode::kInvalidArgument || code == ErrorCode::kFailedPrecondition) {
        return MergeConfirmPage(s, *keep, *gone, &merged.error());
      }
      return ErrorPage(HttpStatus(code), "The merge was not made", merged.error().message, &s);
    }
    return Response::Redirect("/merges?merged=1");
  }
  if (auto id = PathId(r.path, "/merges/", "/undo")) {
    auto undone = merges_.Unmerge(s.actor, *id);
    if (!undone) {
      if (undone.error().code == ErrorCode::kFailedPrecondition) {
        return MergesPage(s, "", &undone.error());
      }
      return ErrorPage(HttpStatus(undone.error().code), "The merge was not undone",
                       undone.error().message, &s);
    }
    if (undone->kept_hand_recorded > 0) {
      return Response::Redirect("/merges?undone=1&check=" +
                                std::to_string(undone->kept_hand_recorded));
    }
    return Response::Redirect("/merges?undone=1");
  }

  std::optional<std::int64_t> id;
  if ((id = PathId(r.path, "/data-review/", "/unusable"))) {
    // G 4.52: reported back to the source as not usable.
    const std::string reason = r.Form("reason");
    if (auto reported = reviews_.ReportUnusable(s.actor, *id, reason); !reported) {
      const ErrorCode code = reported.error().code;
      if (code == ErrorCode::kInvalidArgument || code == ErrorCode::kFailedPrecondition) {
        return ReviewDetailPage(s, *id, &reported.error(), reason);
      }
      return ErrorPage(HttpStatus(code), "The row was not reported", reported.error().message, &s);
    }
    return Response::Redirect("/data-review?reported=1");
  }
  services::ReviewDecision decision;
  if ((id = PathId(r.path, "/data-review/", "/link"))) {
    const auto child = PathId("/" + r.Form("child_id"), "/", "");
    if (!child) {
      const Error e = Error::Invalid("child_id", "Choose the record the row is");
      return ReviewDetailPage(s, *id, &e);
    }
    decision = services::LinkTo{*child};
  } else if ((id = PathId(r.path, "/data-review/", "/create"))) {
    decision = services::CreateNew{};
  } else if ((id = PathId(r.path, "/data-review/", "/not-same"))) {
    decision = services::NotSameChild{};
  } else {
    return std::nullopt;
  }
  auto decided = reviews_.Decide(s.actor, *id, decision);
  if (!decided) {
    const ErrorCode code = decided.error().code;
    if (code == ErrorCode::kInvalidArgument || code == ErrorCode::kFailedPrecondition) {
      return ReviewDetailPage(s, *id, &decided.error());
    }
    return ErrorPage(HttpStatus(code), "The decision was not recorded", decided.error().message,
                     &s);
  }
  return Response::Redirect("/data-review?decided=1");
}

Response App::ReviewQueuePage(const services::SessionInfo& s, const std::string& notice) {
  auto queue = reviews_.Queue(s.actor);
  if (!queue) {
    return ErrorPage(HttpStatus(queue.error().code), "You cannot see the review queue",
                     queue.error().message, &s);
  }
  PageData d;
  if (!notice.empty()) d.set("notice", notice);
  d.set("la_name", s.actor.role == core::Role::kCentralTeam ? "every local authority"
                                                            : LaName(s.actor.la_code));
  list items;
  for (const services::ReviewSummary& q : *queue) {
    PageData item;
    item.set("review_id", std::to_string(q.review_id));
    item.set("received_on", LongDate(Date::FromTimestamp(q.created_at)));
    item.set("source", q.source_name);
    item.set("name", Joined({q.forenames, q.surname}, " "));
    if (q.date_of_birth) item.set("date_of_birth", LongDate(*q.date_of_birth));
    item.set("la_name", q.la_code.empty() ? "Not known" : LaName(q.la_code));
    item.set("candidates", std::to_string(q.candidates));
    items.push_back(item);
  }
  d.set("has_queue", !items.empty());
  d.set("queue", items);
  return Render("review_queue", d, "Rows to review", &s);
}

Response App::ReviewDetailPage(const services::SessionInfo& s, std::int64_t id, const Error* error,
                               const std::string& reason) {
  auto detail = reviews_.Detail(s.actor, id);
  if (!detail) {
    return ErrorPage(HttpStatus(detail.error().code), "Row not found", detail.error().message, &s);
  }
  PageData d;
  d.set("review_id", std::to_string(id));
  d.set("csrf_token", s.csrf_token);
  d.set("source", detail->review.source_name);
  d.set("received_on", LongDate(Date::FromTimestamp(detail->review.received_at)));
  d.set("la_name",
        detail->review.la_code.empty() ? "no local authority" : LaName(detail->review.la_code));
  const bool open = !detail->review.decision;
  d.set("open", open);
  if (!open) d.set("decision", Label(store::ReviewOutcomeName(*detail->review.decision)));
  if (detail->row_usable) {
    d.set("row_items", RecordRows(detail->row, false));
  } else {
    d.set("row_unusable", true);
  }
  if (error != nullptr) {
    d.set("error", error->message);
    d.set("error_anchor", error->field == "reason" ? "reason" : "decisions");
    if (error->field == "reason") d.set("reason_error", error->message);
  }
  d.set("reason", reason);
  d.set("max_reason", std::to_string(services::ReviewService::kMaxReasonChars));
  list candidates;
  for (const services::ReviewCandidate& c : detail->candidates) {
    PageData item;
    item.set("child_id", std::to_string(c.child_id));
    item.set("uin", c.record.child.uin.ToDisplay());
    item.set("items", RecordRows(c.record.child, true));
    item.set("percent", Percent(c.probability));
    if (c.record.minimal) item.set("minimal", true);
    if (c.shielded) item.set("shielded", true);
    if (!c.live) item.set("not_live", true);
    if (c.merged_from) item.set("merged_since", true);
    if (c.explanation) {
      item.set("has_explanation", true);
      item.set("explanation", ExplanationRows(*c.explanation));
    }
    if (open && c.live) item.set("can_link", true);
    candidates.push_back(item);
  }
  d.set("has_candidates", !candidates.empty());
  d.set("candidates", candidates);
  return Render("review_detail", d, "A row to review", &s,
                error == nullptr ? 200 : (error->code == ErrorCode::kInvalidArgument ? 422 : 409));
}

Response App::MergeFormPage(const services::SessionInfo& s, const Request* r,
                            const std::vector<Error>& errors) {
  if (!MayAdminister(s)) {
    return ErrorPage(403, "You cannot merge records", "Only data administrators merge records.",
                     &s);
  }
  PageData d;
  d.set("csrf_token", s.csrf_token);
  list errs;
  for (const Error& e : errors) {
    PageData item;
    item.set("field", e.field);
    item.set("message", e.message);
    errs.push_back(item);
    d.set(e.field + "_error", e.message);
  }
  d.set("has_errors", !errors.empty());
  d.set("errors", errs);
  if (r != nullptr) {
    d.set("kept_uin", r->Form("kept_uin"));
    d.set("merged_uin", r->Form("merged_uin"));
  }
  return Render("merge_form", d, "Merge two records", &s, errors.empty() ? 200 : 422);
}

Response App::MergeConfirmPage(const services::SessionInfo& s, core::ChildId keep,
                               core::ChildId merged, const Error* error) {
  auto preview = merges_.Preview(s.actor, keep, merged);
  if (!preview) {
    return ErrorPage(HttpStatus(preview.error().code), "These records cannot be merged",
                     preview.error().message, &s);
  }
  PageData d;
  d.set("csrf_token", s.csrf_token);
  d.set("kept_id", std::to_string(keep));
  d.set("merged_id", std::to_string(merged));
  d.set("kept_uin", preview->kept_record.child.uin.ToDisplay());
  d.set("merged_uin", preview->merged_record.child.uin.ToDisplay());
  d.set("kept_items", RecordRows(preview->kept_record.child, true));
  d.set("merged_items", RecordRows(preview->merged_record.child, true));
  if (preview->kept_record.minimal) d.set("kept_minimal", true);
  if (preview->merged_record.minimal) d.set("merged_minimal", true);
  d.set("percent", Percent(preview->probability));
  d.set("explanation", ExplanationRows(preview->explanation));
  d.set("contributions", std::to_string(preview->contributions));
  if (const std::string g = GuardText(preview->guard); !g.empty()) d.set("guard", g);
  if (preview->blocked) {
    d.set("blocked", *preview->blocked);
  } else {
    d.set("can_merge", true);
  }
  if (error != nullptr) {
    d.set("error", error->message);
    if (error->field == "verification") d.set("verification_error", error->message);
  }
  return Render("merge_confirm", d, "Merge two records", &s,
                error == nullptr ? 200 : (error->code == ErrorCode::kInvalidArgument ? 422 : 409));
}

Response App::MergesPage(const services::SessionInfo& s, const std::string& notice,
                         const Error* error) {
  auto merges = merges_.List(s.actor);
  if (!merges) {
    return ErrorPage(HttpStatus(merges.error().code), "You cannot see the merges",
                     merges.error().message, &s);
  }
  PageData d;
  d.set("csrf_token", s.csrf_token);
  if (!notice.empty()) d.set("notice", notice);
  if (error != nullptr) d.set("error", error->message);
  list rows;
  for (const services::MergeRow& m : *merges) {
    PageData item;
    item.set("merge_id", std::to_string(m.id));
    item.set("merged_on", LongDate(Date::FromTimestamp(m.merged_at)));
    item.set("kept_id", std::to_string(m.kept_id));
    item.set("kept_uin", core::Uin::FromStored(m.kept_uin).ToDisplay());
    item.set("merged_uin", core::Uin::FromStored(m.merged_uin).ToDisplay());
    item.set("contributions", std::to_string(m.contributions));
    if (m.guard != services::MergeGuard::kNone) item.set("verified", true);
    if (m.undone_at) {
      item.set("undone_on", LongDate(Date::FromTimestamp(*m.undone_at)));
    } else {
      item.set("standing", true);
    }
    rows.push_back(item);
  }
  d.set("has_merges", !rows.empty());
  d.set("merges", rows);
  return Render("merge_list", d, "Merged records", &s, error == nullptr ? 200 : 409);
}

}  // namespace cp::web
