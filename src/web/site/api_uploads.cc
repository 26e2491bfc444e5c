// A data source's upload over the API (FEED-2, FEED-3; G 4.46, G 4.43), and
// its read of what ContactPoint tells it back (FEED-5, UPD-3, G 4.52):
//
//   POST /api/v1/uploads
//   X-Source-Credential: source-<id>:<64 hex>     (contactpoint source credential)
//   Content-Type: text/csv | application/x-ndjson
//   <the file>
//
// The source's own credential authorises it (SourceRegister::AuthoriseUpload,
// audited): only an accredited source with an active agreement uploads. The
// body is imported exactly as `contactpoint import` imports a file, and the
// answer is the upload's report: its counts and the first problems by row,
// field and message — never a row's values. A file that is not the feed
// format is refused whole (422) and changes nothing.
//
//   GET /api/v1/source-feedback?mismatches_after=<id>&unusable_after=<id>
//   X-Source-Credential: source-<id>:<64 hex>
//
// answers the source's mismatches still standing and the rows found not
// usable, after the ids given (services/source_feedback_service.h).

#include <algorithm>
#include <boost/json.hpp>

#include "web/site/api.h"
#include "web/site/api_json.h"

namespace cp::web {
namespace {

namespace json = boost::json;
using api::Fail;
using api::Json;

json::object ReportJson(const services::ImportReport& r) {
  json::array problems;
  for (const auto& p : r.problems) {
    problems.push_back(json::object{{"row", p.row}, {"field", p.field}, {"message", p.message}});
  }
  return json::object{
      {"upload_id", r.upload_id},
      {"resumed", r.resumed},
      {"rows", r.rows},
      {"accepted", r.accepted},
      {"rejected", r.rejected},
      {"linked", r.linked},
      {"created", r.created},
      {"review", r.review},
      {"updated", r.updated},
      {"shielded", r.shielded},
      {"problems", problems},
      // Refused rows beyond those listed, in the upload's report.
      {"more_problems",
       std::max<std::int64_t>(0, r.rejected - static_cast<std::int64_t>(r.problems.size()))}};
}

json::object FeedbackJson(const services::SourceFeedback& f) {
  json::array mismatches, unusable;
  for (const auto& m : f.mismatches) {
    mismatches.push_back(json::object{{"id", m.id},
                                      {"source_record_id", m.source_record_id},
                                      {"item", core::ItemName(m.item)},
                                      {"noticed_at", api::IsoTime(m.noticed_at)}});
  }
  for (const auto& u : f.unusable) {
    unusable.push_back(json::object{{"id", u.id},
                                    {"source_record_id", u.source_record_id},
                                    {"reason", u.reason},
                                    {"received_at", api::IsoTime(u.received_at)},
                                    {"reported_at", api::IsoTime(u.reported_at)}});
  }
  return json::object{{"mismatches", mismatches}, {"unusable", unusable}};
}

}  // namespace

std::optional<Response> Api::RouteUploads(const Request& r) {
  if (r.path == "/api/v1/source-feedback" && r.method == "GET") {
    auto mismatches_after = api::AfterQuery(r, "mismatches_after");
    if (!mismatches_after) return Fail(mismatches_after.error());
    auto unusable_after = api::AfterQuery(r, "unusable_after");
    if (!unusable_after) return Fail(unusable_after.error());
    auto feedback = feedback_.Read(r.Header("x-source-credential"), *mismatches_after,
                                   *unusable_after, services::Route::kApi);
    if (!feedback) return Fail(feedback.error());
    return Json(200, FeedbackJson(*feedback));
  }
  if (r.path != "/api/v1/uploads" || r.method != "POST") return std::nullopt;
  auto report =
      uploads_.ReceiveFromSource(r.Header("x-source-credential"), r.body,
                                 services::FeedFormatOfMediaType(r.Header("content-type")));
  if (!report) return Fail(report.error());
  return Json(201, ReportJson(*report));
}

}  // namespace cp::web
