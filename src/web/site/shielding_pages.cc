// Shielding pages (SHD-1 … SHD-9): a user asks for a record to be shielded
// or withdraws their own request from the record page; the LA ContactPoint
// management team works its queue of requests and reviews, reads the
// shielding log and the report of users' requests, and unshields a record
// once no request remains. The services decide and audit; these pages parse
// forms and render.

#include "core/local_authority.h"
#include "web/site/app.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::list;

std::string GroundsText(const std::vector<core::ShieldGround>& grounds) {
  std::string out;
  for (core::ShieldGround g : grounds) {
    if (!out.empty()) out += "; ";
    out += core::ShieldGroundTitle(g);
  }
  return out;
}

std::string Requester(const store::ShieldRequestRow& r) {
  switch (r.requester_kind) {
    case core::ShieldRequesterKind::kUser:
      return "A ContactPoint user";
    case core::ShieldRequesterKind::kSource:
      return "Source system " + r.source_code;
    case core::ShieldRequesterKind::kNonUser:
      return r.requester_name + " (" + r.requester_contact + ")";
    case core::ShieldRequesterKind::kSystem:
      return r.origin == core::ShieldOrigin::kCoResident
                 ? "Co-resident of a shielded child"
                 : "Possible duplicate of a shielded record";
  }
  return "";
}

std::string StatusTag(core::ShieldRequestStatus s) {
  switch (s) {
    case core::ShieldRequestStatus::kPending:
      return "govuk-tag--yellow";
    case core::ShieldRequestStatus::kActive:
      return "govuk-tag--red";
    default:
      return "govuk-tag--grey";
  }
}

std::string StatusText(core::ShieldRequestStatus s) {
  switch (s) {
    case core::ShieldRequestStatus::kPending:
      return "Waiting for the management team";
    case core::ShieldRequestStatus::kActive:
      return "In force";
    case core::ShieldRequestStatus::kRejected:
      return "Rejected";
    case core::ShieldRequestStatus::kWithdrawn:
      return "Withdrawn";
  }
  return "";
}

std::string DayText(Timestamp t) { return Date::FromTimestamp(t).ToIso(); }

}  // namespace

std::optional<Response> App::RouteShielding(const Request& r, const services::SessionInfo& s) {
  if (auto id = PathId(r.path, "/records/", "/shield")) {
    if (r.method == "POST") return ShieldRequest(r, s, *id);
    return ShieldRequestPage(s, *id, nullptr, {});
  }
  if (auto id = PathId(r.path, "/records/", "/unshield"); id && r.method == "POST") {
    Status done = shielding_.Unshield(s.actor, *id, r.Form("note"));
    if (!done) {
      return Record(s, std::to_string(*id), "", done.error().message,
                    HttpStatus(done.error().code));
    }
    return Record(s, std::to_string(*id), "The record is no longer shielded", "", 200);
  }
  if (auto rid = PathId(r.path, "/shield-requests/", "/withdraw"); rid && r.method == "POST") {
    auto child = shielding_.Withdraw(s.actor, *rid);
    if (!child) {
      return ErrorPage(HttpStatus(child.error().code), "The request was not withdrawn",
                       child.error().message, &s);
    }
    return Response::Redirect("/records/" + std::to_string(*child) + "#shielding");
  }
  if (auto rid = PathId(r.path, "/shield-requests/", "/decide"); rid && r.method == "POST") {
    Status done =
        shielding_.Decide(s.actor, *rid, r.Form("decision") == "apply", r.Form("comments"));
    if (!done) return ShieldingQueue(s, "", done.error().message);
    return ShieldingQueue(
        s, r.Form("decision") == "apply" ? "The record is shielded" : "The request was rejected",
        "");
  }
  if (auto vid = PathId(r.path, "/shield-reviews/", "/decide"); vid && r.method == "POST") {
    Status done = shielding_.DecideReview(s.actor, *vid, core::ShieldReviewDecision::kMaintain,
                                          r.Form("note"));
    if (!done) return ShieldingQueue(s, "", done.error().message);
    return ShieldingQueue(s, "Review recorded; the next is due in 6 months", "");
  }
  if (r.method == "GET" && r.path == "/shielding") return ShieldingQueue(s, "", "");
  if (r.method == "GET" && r.path == "/shielding/log") return ShieldingLog(s);
  if (r.method == "GET" && r.path == "/shielding/report") return ShieldingReport(r, s);
  return std::nullopt;
}

void App::AddShieldingPanel(PageData& d, const services::SessionInfo& s, core::ChildId id,
                            bool shielded) {
  auto requests = shielding_.RequestsFor(s.actor, id);
  bool team = false;
  bool mine_outstanding = false;
  list rows;
  if (requests) {
    for (const auto& q : *requests) {
      team = team || services::IsManagementTeam(s.actor, q.la_code);
      const bool open = q.status == core::ShieldRequestStatus::kPending ||
                        q.status == core::ShieldRequestStatus::kActive;
      const bool mine = s.actor.user_id && q.requester_user_id == s.actor.user_id;
      mine_outstanding = mine_outstanding || (mine && open);
      PageData row;
      row.set("request_id", std::to_string(q.id));
      row.set("requester", mine ? "You (" + q.relationship + ")" : Requester(q));
      row.set("created_on", DayText(q.created_at));
      row.set("grounds", GroundsText(q.grounds));
      row.set("status", StatusText(q.status));
      row.set("status_class", StatusTag(q.status));
      const bool can_withdraw =
          open && (mine || (team && (q.requester_kind == core::ShieldRequesterKind::kNonUser ||
                                     q.requester_kind == core::ShieldRequesterKind::kSystem)));
      if (can_withdraw) row.set("can_withdraw", true);
      rows.push_back(row);
    }
  }
  d.set("shield_requests", rows);
  d.set("has_shield_requests", !rows.empty());
  if (team) d.set("team", true);
  d.set("can_request_shield", s.actor.Has(core::Right::kView) && !mine_outstanding);
  // SHD-4: the unshield form is offered to the record's LA manager; the
  // service refuses it while any request remains, and says so.
  d.set("can_unshield",
        shielded && s.actor.Has(core::Right::kUnshield) && s.actor.role == core::Role::kLaManager);
}

Response App::ShieldRequestPage(const services::SessionInfo& s, core::ChildId id, const Request* r,
                                const std::vector<Error>& errors) {
  auto view = records_.View(s.actor, id);
  if (!view) return ErrorPage(404, "Record not found", "There is no such record.", &s);
  PageData d;
  d.set("id", std::to_string(id));
  d.set("uin", view->child.uin.ToDisplay());
  d.set("forenames", view->child.forenames);
  d.set("csrf_token", s.csrf_token);
  d.set("shielder", s.actor.Has(core::Right::kShield));
  list grounds;
  std::string chosen;
  if (r != nullptr) chosen = "," + r->Form("grounds") + ",";
  for (core::ShieldGround g : core::kAllShieldGrounds) {
    PageData item;
    const std::string name(core::ShieldGroundName(g));
    item.set("input_id", "grounds-" + name);
    item.set("value", name);
    item.set("title", std::string(core::ShieldGroundTitle(g)));
    if (chosen.find("," + name + ",") != std::string::npos) item.set("checked", true);
    grounds.push_back(item);
  }
  d.set("grounds", grounds);
  if (r != nullptr) {
    d.set("relationship", r->Form("relationship"));
    d.set("comments", r->Form("comments"));
    if (r->Form("urgent") == "yes") d.set("urgent", true);
  }
  list errs;
  for (const Error& e : errors) {
    PageData item;
    item.set("field", e.field == "grounds" ? "grounds-risk_to_child" : e.field);
    item.set("message", e.message);
    errs.push_back(item);
    if (e.field == "grounds") d.set("grounds_error", e.message);
    if (e.field == "relationship") d.set("relationship_error", e.message);
  }
  d.set("errors", errs);
  d.set("has_errors", !errors.empty());
  return Render("shield_request", d, "Ask for this record to be shielded", &s,
                errors.empty() ? 200 : 422);
}

Response App::ShieldRequest(const Request& r, const services::SessionInfo& s, core::ChildId id) {
  services::ShieldRequestInput in;
  // A repeated checkbox arrives as "a,b" from the form parser's joining.
  std::string grounds = r.Form("grounds");
  std::size_t start = 0;
  while (start <= grounds.size() && !grounds.empty()) {
    const std::size_t comma = grounds.find(',', start);
    const std::string name = grounds.substr(start, comma - start);
    if (auto g = core::ShieldGroundFromName(name)) in.grounds.push_back(*g);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  in.relationship = r.Form("relationship");
  in.comments = r.Form("comments");
  in.urgent = r.Form("urgent") == "yes";
  auto out = shielding_.Request(s.actor, id, in);
  if (!out) {
    if (out.error().code == ErrorCode::kInvalidArgument) {
      return ShieldRequestPage(s, id, &r, {out.error()});
    }
    return ErrorPage(HttpStatus(out.error().code), "The request was not sent", out.error().message,
                     &s);
  }
  return Response::Redirect("/records/" + std::to_string(id) + "?shield=sent#shielding");
}

Response App::ShieldingQueue(const services::SessionInfo& s, const std::string& notice,
                             const std::string& error) {
  auto pending = shielding_.PendingRequests(s.actor);
  if (!pending) {
    return ErrorPage(HttpStatus(pending.error().code), "You cannot see this page",
                     pending.error().message, &s);
  }
  auto reviews = shielding_.ReviewsDue(s.actor, 14);
  if (!reviews) {
    return ErrorPage(500, "Sorry, there is a problem with the service", "Try again later.", &s);
  }
  PageData d;
  d.set("csrf_token", s.csrf_token);
  if (const auto* la = core::FindLocalAuthority(s.actor.la_code)) {
    d.set("la_name", std::string(la->name));
  }
  if (!notice.empty()) d.set("notice", notice);
  if (!error.empty()) d.set("error", error);
  list rows;
  for (const auto& q : *pending) {
    PageData row;
    row.set("request_id", std::to_string(q.id));
    row.set("child_id", std::to_string(q.child_id));
    row.set("uin", core::Uin::FromStored(q.uin).ToDisplay());
    row.set("created_on", DayText(q.created_at));
    row.set("requester", q.urgent ? "A ContactPoint user (marked urgent)" : Requester(q));
    row.set("relationship", q.relationship);
    row.set("grounds", GroundsText(q.grounds));
    if (!q.comments.empty()) row.set("comments", q.comments);
    rows.push_back(row);
  }
  d.set("pending", rows);
  list due;
  for (const auto& item : *reviews) {
    PageData row;
    row.set("review_id", std::to_string(item.review.id));
    row.set("child_id", std::to_string(item.review.child_id));
    row.set("uin", core::Uin::FromStored(item.review.uin).ToDisplay());
    row.set("kind", item.review.kind == "initial" ? "7-day" : "6-monthly");
    row.set("due_on", item.review.due_on.ToIso());
    if (item.overdue) row.set("overdue", true);
    due.push_back(row);
  }
  d.set("reviews", due);
  return Render("shielding", d, "Shielding", &s, error.empty() ? 200 : 422);
}

Response App::ShieldingLog(const services::SessionInfo& s) {
  auto log = shielding_.Log(s.actor);
  if (!log) {
    return ErrorPage(HttpStatus(log.error().code), "You cannot see this page", log.error().message,
                     &s);
  }
  PageData d;
  d.set("heading", "Shielding log");
  d.set("intro", "Every shielding action for your local authority, newest first (S 15).");
  list columns;
  for (const char* c : {"UIN", "Action", "Category", "Date", "Requester's contact",
                        "Relationship to the child", "Confirmation sent", "Comments"}) {
    columns.push_back(PageData(std::string(c)));
  }
  d.set("columns", columns);
  list rows;
  for (const auto& l : *log) {
    list cells;
    cells.push_back(PageData(core::Uin::FromStored(l.uin).ToDisplay()));
    cells.push_back(PageData(std::string(core::ShieldingLogActionTitle(l.action))));
    std::string category;
    for (auto g : core::SplitShieldGrounds(l.category)) {
      if (!category.empty()) category += "; ";
      category += core::ShieldGroundTitle(g);
    }
    cells.push_back(PageData(category));
    cells.push_back(PageData(l.action_on.ToIso()));
    cells.push_back(PageData(l.requester_contact));
    cells.push_back(PageData(l.relationship));
    cells.push_back(PageData(l.confirmation_sent_on ? l.confirmation_sent_on->ToIso() : "Not yet"));
    cells.push_back(PageData(l.comments));
    PageData row;
    row.set("cells", cells);
    rows.push_back(row);
  }
  d.set("has_rows", !rows.empty());
  d.set("rows", rows);
  return Render("shielding_table", d, "Shielding log", &s);
}

Response App::ShieldingReport(const Request& r, const services::SessionInfo& s) {
  const Date today = ctx_.clock.Today();
  Date from = today.AddDays(-90);
  Date to = today;
  if (auto f = Date::ParseIso(r.query.count("from") ? r.query.at("from") : "")) from = *f;
  if (auto t = Date::ParseIso(r.query.count("to") ? r.query.at("to") : "")) to = *t;
  auto rows_or = shielding_.UserRequestsReport(s.actor, from, to);
  if (!rows_or) {
    return ErrorPage(HttpStatus(rows_or.error().code), "You cannot see this report",
                     rows_or.error().message, &s);
  }
  PageData d;
  d.set("heading", "Shielding requests submitted by users");
  d.set("intro", "From " + from.ToIso() + " to " + to.ToIso() + " (SHD-9).");
  list columns;
  for (const char* c : {"Date", "UIN", "User", "Relationship", "Grounds", "Urgent", "Status"}) {
    columns.push_back(PageData(std::string(c)));
  }
  d.set("columns", columns);
  list rows;
  for (const auto& q : *rows_or) {
    list cells;
    cells.push_back(PageData(DayText(q.created_at)));
    cells.push_back(PageData(core::Uin::FromStored(q.uin).ToDisplay()));
    cells.push_back(PageData("User " + std::to_string(q.requester_user_id.value_or(0))));
    cells.push_back(PageData(q.relationship));
    cells.push_back(PageData(GroundsText(q.grounds)));
    cells.push_back(PageData(std::string(q.urgent ? "Yes" : "No")));
    cells.push_back(PageData(StatusText(q.status)));
    PageData row;
    row.set("cells", cells);
    rows.push_back(row);
  }
  d.set("has_rows", !rows.empty());
  d.set("rows", rows);
  return Render("shielding_table", d, "Shielding requests submitted by users", &s);
}

}  // namespace cp::web
