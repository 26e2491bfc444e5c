// The upload page (FEED-2, FEED-3): a data administrator sends a file for
// one of the data sources they manage — their own LA's local sources, or
// any source for the central team — that is accredited with an active
// agreement. The file is imported as `contactpoint import` and the API
// import it, and the page shows the upload's report: its counts and the
// first refused rows by row number, field and problem, never their values.
// The import audits the upload; refusals are audited by the upload service.
//
// The form is multipart/form-data (web/site/multipart.h), which App::Route's
// CSRF check cannot read: Upload() checks the form's token itself before it
// does anything else.

#include "services/credentials.h"
#include "web/site/app.h"
#include "web/site/multipart.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::list;

constexpr const char* kFileField = "file";

// 12345 → "12,345" (n ≥ 0).
std::string Thousands(std::int64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::optional<core::DataSourceId> SourceId(const std::string& text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  core::DataSourceId id = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

PageData ReportData(const services::ImportReport& r, const std::string& source_name) {
  PageData d;
  d.set("upload_id", std::to_string(r.upload_id));
  d.set("source_name", source_name);
  if (r.resumed) d.set("resumed", true);
  list counts;
  const std::pair<const char*, std::int64_t> rows[] = {
      {"Rows in the file", r.rows},
      {"Accepted", r.accepted},
      {"Linked to an existing record", r.linked},
      {"New records", r.created},
      {"Sent to the review queue", r.review},
      {"Repeats of rows sent before", r.updated},
      {"Refused as unusable", r.rejected},
      {"Records flagged for shielding", r.shielded}};
  for (const auto& [label, value] : rows) {
    PageData item;
    item.set("label", label);
    item.set("value", Thousands(value));
    counts.push_back(item);
  }
  d.set("counts", counts);
  list problems;
  for (const auto& p : r.problems) {
    PageData item;
    item.set("row", std::to_string(p.row));
    item.set("field", p.field);
    item.set("message", p.message);
    problems.push_back(item);
  }
  d.set("has_problems", !r.problems.empty());
  d.set("problems", problems);
  const std::int64_t more = r.rejected - static_cast<std::int64_t>(r.problems.size());
  if (more > 0) d.set("more_problems", Thousands(more));
  return d;
}

}  // namespace

Response App::UploadPage(const services::SessionInfo& s, const std::vector<Error>& errors,
                         const services::ImportReport* report, core::DataSourceId chosen,
                         int status) {
  auto sources = api_.uploads().Uploadable(s.actor);
  if (!sources) {
    if (sources.error().code == ErrorCode::kPermissionDenied) {
      return ErrorPage(403, "You cannot upload data sources' files", sources.error().message, &s);
    }
    return ErrorPage(500, "Sorry, there is a problem with the service", "Try again later.", &s);
  }
  PageData d;
  d.set("csrf_token", s.csrf_token);
  d.set("max_size", std::to_string(services::kMaxUploadBytes / (1024 * 1024)) + " MB");
  list options;
  std::string chosen_name;
  for (const auto& source : *sources) {
    PageData item;
    item.set("id", std::to_string(source.id));
    item.set("name", source.name);
    if (source.id == chosen) {
      item.set("selected", true);
      chosen_name = source.name;
    }
    options.push_back(item);
  }
  d.set("has_sources", !sources->empty());
  d.set("sources", options);
  if (report != nullptr) d.set("report", ReportData(*report, chosen_name));
  list errs;
  for (const Error& e : errors) {
    const std::string field = e.field == "source_id" ? "source_id" : kFileField;
    PageData item;
    item.set("field", field);
    item.set("message", e.message);
    errs.push_back(item);
    d.set(field == "source_id" ? "source_error" : "file_error", e.message);
  }
  if (!errors.empty()) d.set("has_errors", true);
  d.set("errors", errs);
  return Render("upload", d,
                report != nullptr ? "The upload's report" : "Upload a data source's file", &s,
                status);
}

Response App::Upload(const Request& r, const services::SessionInfo& s) {
  MultipartLimits limits;
  limits.max_parts = 4;  // csrf_token, source_id, file, and no more
  limits.max_field_bytes = 256;
  limits.max_file_bytes = services::kMaxUploadBytes;
  auto form = ParseMultipartForm(r.body, r.Header("content-type"), kFileField, limits);
  if (!form) {
    // Unread, so unchecked: nothing is done. A browser never sends this.
    return ErrorPage(400, "The upload could not be read", form.error().message, &s);
  }
  if (!services::Credentials::ConstantTimeEquals(form->fields["csrf_token"], s.csrf_token)) {
    return ErrorPage(403, "Request refused", "This form has expired. Go back and try again.", &s);
  }
  const auto id = SourceId(form->fields["source_id"]);
  if (!id)
    return UploadPage(s, {Error::Invalid("source_id", "Choose the data source")}, nullptr, 0, 422);
  if (!form->file) {
    return UploadPage(s, {Error::Invalid(kFileField, "Choose the file to upload")}, nullptr, *id,
                      422);
  }
  auto report = api_.uploads().ReceiveFromUser(
      s.actor, *id, form->file->content, services::FeedFormatOfFileName(form->file->file_name));
  if (!report) {
    const Error& e = report.error();
    switch (e.code) {
      case ErrorCode::kInvalidArgument:
        return UploadPage(s, {e}, nullptr, *id, 422);
      case ErrorCode::kNotFound:
        return UploadPage(s, {Error::Invalid("source_id", "Choose the data source")}, nullptr, 0,
                          422);
      case ErrorCode::kPermissionDenied:
        return ErrorPage(403, "You cannot upload this source's files", e.message, &s);
      case ErrorCode::kUnavailable:
        return ErrorPage(503, "The upload was not imported", e.message, &s);
      default:
        return ErrorPage(HttpStatus(e.code), "Sorry, there is a problem with the service",
                         "The upload was not imported. Try again later.", &s);
    }
  }
  return UploadPage(s, {}, &*report, *id, 200);
}

}  // namespace cp::web
