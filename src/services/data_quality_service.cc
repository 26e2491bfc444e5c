#include "services/data_quality_service.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/local_authority.h"
#include "services/input_text.h"
#include "store/data_quality_repository.h"
#include "store/source_repository.h"

namespace cp::services {
namespace {

using D = QualityDimension;

QualityMeasure Count(D d, const char* key, const char* title, std::int64_t count) {
  return {d, std::string(QualityDimensionName(d)) + "." + key, title, count, std::nullopt};
}

QualityMeasure Share(D d, const char* key, const char* title, std::int64_t count, std::int64_t of) {
  return {d, std::string(QualityDimensionName(d)) + "." + key, title, count, of};
}

std::vector<QualityBreakdown> Breakdown(const store::NamedCounts& counts) {
  std::vector<QualityBreakdown> out;
  for (const auto& [name, n] : counts) out.push_back({name, n});
  return out;
}

// docs/feeds.md, "Data quality": the measures of a source.
SourceQuality OfSource(const core::DataSource& s, const store::SourceQualityCounts& q,
                       std::int64_t live_in_scope) {
  SourceQuality out{s.id, s.name, s.la_code, {}, {}, {}};
  auto& m = out.measures;
  m.push_back(Count(D::kCoverage, "source_records", "Source records held", q.held));
  m.push_back(Share(D::kCoverage, "live_records",
                    s.IsNational() ? "Live records in England with its data"
                                   : "Live records of its LA with its data",
                    q.records_in_scope, live_in_scope));
  m.push_back(Share(D::kCompleteness, "postcode", "Postcode", q.with_postcode, q.held));
  m.push_back(Share(D::kCompleteness, "gender", "Gender", q.with_gender, q.held));
  m.push_back(Share(D::kCompleteness, "school", "School", q.with_school, q.held));
  m.push_back(Share(D::kCompleteness, "gp_practice", "GP practice", q.with_gp, q.held));
  m.push_back(Share(D::kCompleteness, "parent_carer", "Parent or carer", q.with_parent, q.held));
  m.push_back(Share(D::kUniqueness, "awaiting_review", "Rows awaiting review", q.review, q.held));
  // G 4.6: duplicates within the source — its rows beyond the first for one record.
  m.push_back(Share(D::kUniqueness, "duplicate_rows", "Rows for a record it already sent",
                    q.linked - q.linked_records, q.linked));
  m.push_back(
      Share(D::kValidity, "rows_rejected", "Rows refused", q.rows_rejected, q.rows_received));
  m.push_back(Share(D::kValidity, "records_mismatched", "Records differing from the best view",
                    q.mismatched_records, q.linked));
  out.rejected_by_field = Breakdown(q.rejected_by_field);
  out.mismatches_by_item = Breakdown(q.mismatches_by_item);
  return out;
}

// docs/feeds.md, "Data quality": the measures of an LA's live records.
LaQuality OfLocalAuthority(const store::LaQualityCounts& q) {
  const auto* la = core::FindLocalAuthority(q.la_code);
  LaQuality out{q.la_code, la != nullptr ? std::string(la->name) : q.la_code, {}};
  auto& m = out.measures;
  m.push_back(Count(D::kCoverage, "live_records", "Live records", q.live));
  m.push_back(Share(D::kCoverage, "with_source", "Records with a source's data",
                    q.with_contribution, q.live));
  m.push_back(Share(D::kCoverage, "school_age_with_school", "Children of school age with a school",
                    q.school_age_with_school, q.school_age));
  m.push_back(Share(D::kCoverage, "with_gp_practice", "Children with a GP practice",
                    q.living_with_gp, q.living));
  m.push_back(Share(D::kCompleteness, "postcode", "Postcode", q.with_postcode, q.live));
  m.push_back(Share(D::kCompleteness, "gender_known", "Gender known", q.gender_known, q.live));
  m.push_back(Share(D::kCompleteness, "parent_carer", "Parent or carer", q.with_parent, q.live));
  m.push_back(Count(D::kUniqueness, "open_reviews", "Rows awaiting review", q.open_reviews));
  m.push_back(Share(D::kUniqueness, "potential_duplicates", "Records that look like another",
                    q.potential_duplicates, q.live));
  m.push_back(Share(D::kValidity, "records_mismatched", "Records a source differs from",
                    q.mismatched, q.live));
  return out;
}

}  // namespace

std::string_view QualityDimensionName(QualityDimension d) {
  switch (d) {
    case D::kCoverage:
      return "coverage";
    case D::kCompleteness:
      return "completeness";
    case D::kUniqueness:
      return "uniqueness";
    case D::kValidity:
      return "validity";
  }
  return "";
}

std::string_view QualityDimensionTitle(QualityDimension d) {
  switch (d) {
    case D::kCoverage:
      return "Coverage";
    case D::kCompleteness:
      return "Completeness";
    case D::kUniqueness:
      return "Uniqueness";
    case D::kValidity:
      return "Validity";
  }
  return "";
}

std::optional<double> QualityMeasure::Percent() const {
  if (!of || *of <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(count) / static_cast<double>(*of);
}

std::pair<Date, Date> SchoolAgeBirths(Date on) {
  // Born on or before `on` 5 years ago: at least 5. Born after `on` 16
  // years ago: not yet 16.
  return {on.AddYears(-16), on.AddYears(-5)};
}

Result<DataQualityReport> DataQualityService::Report(const Actor& actor, QualityUse use) {
  const char* action = use == QualityUse::kExport ? "data_quality.export" : "data_quality.view";
  if (!actor.Has(core::Right::kAdministerData)) {
    CP_TRY(ctx_.audit.Append(actor, {action, "denied", {}, "{}"}));
    return Error::Denied(
        "Only the central team and an LA's ContactPoint managers and data administrators see "
        "data quality");
  }
  const bool central = actor.role == core::Role::kCentralTeam;
  DataQualityReport report;
  report.on = ctx_.clock.Today();
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    store::Transaction tx(*conn, store::TxMode::kRead);  // one snapshot for every figure
    CP_TRY(tx.Begin());
    store::SourceRepository sources(*conn);
    store::DataQualityRepository quality(*conn);
    std::vector<core::DataSource> seen;
    if (central) {
      CP_ASSIGN(seen, sources.ListAll());
    } else {
      CP_ASSIGN(seen, sources.ListForLocalAuthority(actor.la_code));
    }
    std::map<std::string, std::int64_t> live;  // by LA code; "" for England
    for (const core::DataSource& s : seen) {
      if (!live.count(s.la_code)) {
        CP_ASSIGN(live[s.la_code], quality.LiveRecords(s.la_code));
      }
      CP_ASSIGN(auto counts, quality.ForSource(s.id, s.la_code));
      report.sources.push_back(OfSource(s, counts, live[s.la_code]));
    }
    const auto [born_after, born_by] = SchoolAgeBirths(report.on);
    std::optional<std::string> only;
    if (!central) only = actor.la_code;
    if (central || !actor.la_code.empty()) {
      CP_ASSIGN(auto las, quality.ForLocalAuthorities(only, born_after, born_by));
      for (const auto& q : las) report.local_authorities.push_back(OfLocalAuthority(q));
    }
    CP_TRY(tx.Commit());
  }
  std::stable_sort(report.local_authorities.begin(), report.local_authorities.end(),
                   [](const LaQuality& a, const LaQuality& b) { return a.name < b.name; });
  CP_TRY(ctx_.audit.Append(
      actor, {action,
              "ok",
              {},
              AuditDetails({{"sources", static_cast<std::int64_t>(report.sources.size())},
                            {"local_authorities",
                             static_cast<std::int64_t>(report.local_authorities.size())}})}));
  return report;
}

}  // namespace cp::services
