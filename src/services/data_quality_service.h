#pragma once
// Data quality (FEED-7, G 4.6): coverage, completeness, uniqueness and
// validity, per data source and per local authority. docs/feeds.md ("Data
// quality") defines every measure.
//
// Who sees what (administer_data): the central team every source and every
// LA holding records; an LA ContactPoint manager or LA data administrator
// their own LA and its local sources, and the national sources. Only counts
// leave this service — never a record or what a source supplied — and each
// report is audited with its counts before it is returned.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data_source.h"
#include "platform/date.h"
#include "services/actor.h"
#include "services/context.h"

namespace cp::services {

// The four dimensions of G 4.6.
enum class QualityDimension { kCoverage, kCompleteness, kUniqueness, kValidity };

inline constexpr QualityDimension kAllQualityDimensions[] = {
    QualityDimension::kCoverage, QualityDimension::kCompleteness, QualityDimension::kUniqueness,
    QualityDimension::kValidity};

std::string_view QualityDimensionName(QualityDimension d);   // "coverage", …
std::string_view QualityDimensionTitle(QualityDimension d);  // "Coverage", …

// One figure: `count` out of `of`. A plain count has no `of`; a share
// whose `of` is 0 has nothing to measure yet.
struct QualityMeasure {
  QualityDimension dimension = QualityDimension::kCoverage;
  std::string key;    // stable, for the CSV: "completeness.postcode"
  std::string title;  // for people: "Postcode"
  std::int64_t count = 0;
  std::optional<std::int64_t> of;

  // count / of as a percentage, when there is one.
  std::optional<double> Percent() const;
};

// A breakdown of a measure by name, largest first: rejected rows by field,
// mismatches by item.
struct QualityBreakdown {
  std::string name;
  std::int64_t count = 0;
};

struct SourceQuality {
  core::DataSourceId id = 0;
  std::string name;
  std::string la_code;                   // empty: national
  std::vector<QualityMeasure> measures;  // the same keys, in the same order, for every source
  std::vector<QualityBreakdown> rejected_by_field;
  std::vector<QualityBreakdown> mismatches_by_item;
};

struct LaQuality {
  std::string la_code;
  std::string name;
  std::vector<QualityMeasure> measures;  // the same keys, in the same order, for every LA
};

struct DataQualityReport {
  Date on;  // the day the figures describe (school age is reckoned on it)
  std::vector<SourceQuality> sources;        // national first, then by LA and name
  std::vector<LaQuality> local_authorities;  // by name
};

// What the report is for: its audit action.
enum class QualityUse { kView, kExport };

class DataQualityService {
 public:
  explicit DataQualityService(ServiceContext& ctx) : ctx_(ctx) {}

  // The figures `actor` may see (see above), as of the clock's today.
  // PermissionDenied (audited) without administer_data.
  Result<DataQualityReport> Report(const Actor& actor, QualityUse use = QualityUse::kView);

 private:
  ServiceContext& ctx_;
};

// "Compulsory school age" for coverage: 5 to 15 years old on `on`. The
// births it covers: after the first day and on or before the second.
std::pair<Date, Date> SchoolAgeBirths(Date on);

}  // namespace cp::services
