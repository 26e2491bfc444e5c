// link_match DB_URL FEED.csv [ROWS] [HELD]: the search an import makes for
// each row of a source's upload (LinkCandidates: the row's candidates among
// the live records), timed alone on one thread.
//
// Builds the ChildIndex of DB_URL's live records (as `import` does), parses
// the first ROWS rows of FEED.csv (default 20,000) as the import would, and
// searches for each with the linkage's demands (LinkageDemands, a share
// HELD of rows already held; default 0.7, a GP upload after the school
// census). The searches run three times and the fastest round is reported,
// since other work on the machine only ever slows a round. Against a
// register of 11 million this is what bounds an import's rate: the search
// for the candidates of a row takes longer than writing it.
//
// Prints, last, {"records":…,"rows":…,"rows_per_s":…,"mean_us":…,"p50_us":…,
// "p99_us":…,"keys":…,"candidates":…,"qualified":…,"compared":…,
// "checksum":…,"index_build_s":…}: per row on average, the keys looked up,
// the records found under them, those under keys of two rules, and those
// compared in full; the checksum is of every hit's id and weight, so that
// two builds can be shown to find the same candidates.
//
//   bench/ingest.sh 11000000   # writes var/bench/extracts-11000000-s7
//   bench/search.sh 11000000   # writes var/bench/search-11000000-s7
//   cd var/bench && ../../build/release/bench/link_match
//       sqlite:search-11000000-s7/bench.db extracts-11000000-s7/gp_registrations.csv

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "platform/clock.h"
#include "services/child_index.h"
#include "services/feed_row.h"
#include "services/import_preparation.h"
#include "services/record_linkage.h"
#include "store/db.h"

namespace {

struct Round {
  double seconds = 0;
  std::vector<double> micros;  // per row
  double keys = 0, candidates = 0, qualified = 0, compared = 0;
  std::uint64_t checksum = 0;
};

Round Search(const cp::services::ChildIndex& index, const std::vector<cp::core::Child>& rows,
             const cp::match::SearchDemands& demands, const cp::Clock& clock) {
  Round round;
  const auto start = clock.NowMicros();
  for (const auto& row : rows) {
    cp::match::SearchStats stats;
    const auto before = clock.NowMicros();
    auto hits = index.Search(cp::services::RowMatchDetails(row), cp::services::kLinkCandidates,
                             &stats, demands);
    round.micros.push_back(static_cast<double>(clock.NowMicros() - before));
    if (hits) {
      for (const auto& h : *hits) {
        round.checksum = round.checksum * 1000003 + h.id;
        round.checksum ^= static_cast<std::uint64_t>(h.weight * 1e6);
      }
    }
    round.keys += static_cast<double>(stats.keys);
    round.candidates += static_cast<double>(stats.candidates);
    round.qualified += static_cast<double>(stats.qualified);
    round.compared += static_cast<double>(stats.compared);
  }
  round.seconds = static_cast<double>(clock.NowMicros() - start) / 1e6;
  return round;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: link_match DB_URL FEED.csv [ROWS] [HELD]\n");
    return 2;
  }
  const std::size_t wanted = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 20000;
  const double held = argc > 4 ? std::strtod(argv[4], nullptr) : 0.7;
  const cp::Clock& clock = cp::SystemClock::Instance();
  auto fail = [](const char* what, const std::string& message) {
    std::fprintf(stderr, "link_match: %s: %s\n", what, message.c_str());
    return 1;
  };
  auto db = cp::store::Database::Open(argv[1], 3);
  if (!db) return fail("open", db.error().message);
  const auto build_start = clock.NowMicros();
  auto index = cp::services::ChildIndex::Build(**db);
  if (!index) return fail("index", index.error().message);
  const double build_s = static_cast<double>(clock.NowMicros() - build_start) / 1e6;
  auto places = cp::services::LaLocator::Load(CP_DEFAULT_DATA_DIR);
  if (!places) return fail("places", places.error().message);
  auto reader = cp::services::FeedReader::Open(argv[2], cp::services::FeedFormat::kCsv);
  if (!reader) return fail("feed", reader.error().message);
  std::vector<cp::core::Child> rows;
  cp::services::FeedRecord record;
  const cp::Timestamp now = clock.Now();
  while (rows.size() < wanted) {
    auto more = reader->Next(&record);
    if (!more) return fail("feed", more.error().message);
    if (!*more) break;
    auto parsed =
        cp::services::ParseSourceRow(record, *places, {1, now}, cp::Date::FromTimestamp(now));
    if (parsed) rows.push_back(std::move(parsed->child));
  }
  if (rows.empty()) return fail("feed", "no usable rows");
  const auto demands = cp::services::LinkageDemands(held);
  Round best;
  for (int i = 0; i < 3; ++i) {
    Round round = Search(**index, rows, demands, clock);
    std::fprintf(stderr, "link_match: round %d: %.0f rows/s\n", i + 1,
                 static_cast<double>(rows.size()) / round.seconds);
    if (i == 0 || round.seconds < best.seconds) best = std::move(round);
  }
  std::sort(best.micros.begin(), best.micros.end());
  const double n = static_cast<double>(rows.size());
  std::printf(
      "{\"records\":%zu,\"rows\":%zu,\"rows_per_s\":%.0f,\"mean_us\":%.0f,\"p50_us\":%.0f,"
      "\"p99_us\":%.0f,\"keys\":%.1f,\"candidates\":%.0f,\"qualified\":%.1f,\"compared\":%.1f,"
      "\"checksum\":\"%016llx\",\"index_build_s\":%.1f}\n",
      (*index)->size(), rows.size(), n / best.seconds, best.seconds * 1e6 / n,
      best.micros[best.micros.size() / 2], best.micros[best.micros.size() * 99 / 100],
      best.keys / n, best.candidates / n, best.qualified / n, best.compared / n,
      static_cast<unsigned long long>(best.checksum), build_s);
  return 0;
}
