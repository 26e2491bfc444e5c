// Data quality for data administrators (FEED-7, G 4.6): the four dimensions
// — coverage, completeness, uniqueness, validity — for each data source and
// each local authority the user may see, as a page of GOV.UK tables and as a
// CSV file of the same figures. Counts only; the service audits each report.
//
// RouteFeeds also dispatches the upload page (upload_pages.cc).

#include <cstdio>

#include "core/local_authority.h"
#include "web/site/app.h"
#include "web/site/page_text.h"
#include "web/site/status_map.h"

namespace cp::web {
namespace {

using kainjow::mustache::list;
using services::QualityDimension;
using services::QualityMeasure;

std::string PercentText(const QualityMeasure& m) {
  auto p = m.Percent();
  if (!p) return "";
  char out[16];
  std::snprintf(out, sizeof out, "%.1f", *p);
  return out;
}

// "12", or "12 of 40 (30.0%)"; "0 of 0" when there is nothing to measure.
std::string CellText(const QualityMeasure& m) {
  if (!m.of) return std::to_string(m.count);
  std::string text = std::to_string(m.count) + " of " + std::to_string(*m.of);
  if (auto p = PercentText(m); !p.empty()) text += " (" + p + "%)";
  return text;
}

std::string BreakdownText(const std::vector<services::QualityBreakdown>& b) {
  if (b.empty()) return "None";
  std::string out;
  for (const auto& item : b) {
    if (!out.empty()) out += ", ";
    out += item.name + " " + std::to_string(item.count);
  }
  return out;
}

std::string Intro(QualityDimension d) {
  switch (d) {
    case QualityDimension::kCoverage:
      return "How many children the records cover: for a data source, the live records that "
             "hold its data; for a local authority, its records that hold any source's data, "
             "its children of school age (5 to 15) with a school and its children with a GP "
             "practice.";
    case QualityDimension::kCompleteness:
      return "How much of the data ContactPoint needs is given: for a data source, the share "
             "of the rows it holds that give each item; for a local authority, the share of its "
             "live records that have it.";
    case QualityDimension::kUniqueness:
      return "The absence of duplicates: a source's rows waiting for a data administrator and "
             "its rows for a child it had already sent; a local authority's rows awaiting "
             "review and its records that look like another (the same names, date of birth "
             "and postcode).";
    case QualityDimension::kValidity:
      return "How far the data meets the feed's format: the rows refused as unusable, and the "
             "records in which a source differs from the best view.";
  }
  return "";
}

// The cells of `measures` in dimension `d`, and their column titles.
void Cells(const std::vector<QualityMeasure>& measures, QualityDimension d, list* columns,
           list* cells) {
  for (const auto& m : measures) {
    if (m.dimension != d) continue;
    if (columns != nullptr) columns->push_back(PageData(m.title));
    cells->push_back(PageData(CellText(m)));
  }
}

std::string LaName(const std::string& code) {
  const auto* la = core::FindLocalAuthority(code);
  return la != nullptr ? std::string(la->name) : code;
}

// RFC 4180 field; text a spreadsheet would run as a formula starts with '.
std::string CsvField(const std::string& s) {
  std::string text = s;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) {
    text = "'" + text;
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void CsvRow(std::string& out, const std::string& scope, const std::string& code,
            const std::string& name, const QualityMeasure& m) {
  out += scope + "," + CsvField(code) + "," + CsvField(name) + "," +
         std::string(services::QualityDimensionName(m.dimension)) + "," + CsvField(m.key) + "," +
         std::to_string(m.count) + "," + (m.of ? std::to_string(*m.of) : "") + "," +
         PercentText(m) + "\n";
}

}  // namespace

std::optional<Response> App::RouteFeeds(const Request& r, const services::SessionInfo& s) {
  if (r.path == "/data-quality" && r.method == "GET") return DataQualityPage(s);
  if (r.path == "/data-quality.csv" && r.method == "GET") return DataQualityCsv(s);
  if (r.path == "/uploads" && r.method == "GET") return UploadPage(s, {}, nullptr, 0, 200);
  // Multipart: the form's CSRF token is checked there, once the body is read.
  if (r.path == "/uploads" && r.method == "POST") return Upload(r, s);
  return std::nullopt;
}

Response App::DataQualityPage(const services::SessionInfo& s) {
  auto report = quality_.Report(s.actor, services::QualityUse::kView);
  if (!report) {
    if (report.error().code == ErrorCode::kPermissionDenied) {
      return ErrorPage(403, "You cannot see data quality", report.error().message, &s);
    }
    return ErrorPage(500, "Sorry, there is a problem with the service", "Try again later.", &s);
  }
  PageData d;
  d.set("on", LongDate(report->on));
  d.set("scope", s.actor.role == core::Role::kCentralTeam ? std::string("England")
                 : s.actor.la_code.empty()                ? std::string("National sources")
                                                          : LaName(s.actor.la_code));
  list dimensions;
  for (QualityDimension dim : services::kAllQualityDimensions) {
    PageData section;
    section.set("id", std::string(services::QualityDimensionName(dim)));
    section.set("title", std::string(services::QualityDimensionTitle(dim)));
    section.set("intro", Intro(dim));
    list source_columns, sources;
    for (const auto& q : report->sources) {
      PageData row;
      row.set("name", q.name);
      row.set("where", q.la_code.empty() ? std::string("National") : LaName(q.la_code));
      list cells;
      Cells(q.measures, dim, sources.empty() ? &source_columns : nullptr, &cells);
      if (dim == QualityDimension::kValidity) {
        if (sources.empty()) {
          source_columns.push_back(PageData("Refused rows by field"));
          source_columns.push_back(PageData("Differing items"));
        }
        cells.push_back(PageData(BreakdownText(q.rejected_by_field)));
        cells.push_back(PageData(BreakdownText(q.mismatches_by_item)));
      }
      row.set("cells", cells);
      sources.push_back(row);
    }
    list la_columns, las;
    for (const auto& q : report->local_authorities) {
      PageData row;
      row.set("name", q.name);
      list cells;
      Cells(q.measures, dim, las.empty() ? &la_columns : nullptr, &cells);
      row.set("cells", cells);
      las.push_back(row);
    }
    section.set("has_sources", !report->sources.empty());
    section.set("source_columns", source_columns);
    section.set("sources", sources);
    section.set("has_las", !report->local_authorities.empty());
    section.set("la_columns", la_columns);
    section.set("las", las);
    dimensions.push_back(section);
  }
  d.set("dimensions", dimensions);
  return Render("data_quality", d, "Data quality", &s);
}

Response App::DataQualityCsv(const services::SessionInfo& s) {
  auto report = quality_.Report(s.actor, services::QualityUse::kExport);
  if (!report) {
    if (report.error().code == ErrorCode::kPermissionDenied) {
      return ErrorPage(403, "You cannot see data quality", report.error().message, &s);
    }
    return ErrorPage(500, "Sorry, there is a problem with the service", "Try again later.", &s);
  }
  std::string out = "scope,code,name,dimension,measure,count,of,percent\n";
  for (const auto& q : report->sources) {
    const std::string id = std::to_string(q.id);
    for (const auto& m : q.measures) CsvRow(out, "source", id, q.name, m);
    // The breakdowns, out of what they break down.
    auto of = [&](const std::string& key) -> std::optional<std::int64_t> {
      for (const auto& m : q.measures) {
        if (m.key == key) return m.of;
      }
      return std::nullopt;
    };
    for (const auto& b : q.rejected_by_field) {
      CsvRow(out, "source", id, q.name,
             {QualityDimension::kValidity, "validity.rows_rejected." + b.name, "", b.count,
              of("validity.rows_rejected")});
    }
    for (const auto& b : q.mismatches_by_item) {
      CsvRow(out, "source", id, q.name,
             {QualityDimension::kValidity, "validity.mismatched_item." + b.name, "", b.count,
              of("validity.records_mismatched")});
    }
  }
  for (const auto& q : report->local_authorities) {
    for (const auto& m : q.measures) CsvRow(out, "local_authority", q.la_code, q.name, m);
  }
  Response res{200, "text/csv; charset=utf-8", {}, std::move(out), false};
  res.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"data-quality-" + report->on.ToIso() + ".csv\"");
  return res;
}

}  // namespace cp::web
