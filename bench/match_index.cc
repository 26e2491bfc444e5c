// match_index [N] [QUERIES]: builds a SearchIndex of N synthetic children
// (default 1,000,000) and runs QUERIES searches (default 10,000) made from
// indexed children with 0–2 corruptions (a typo, a nickname, day and month
// swapped, a missing forename, the previous surname of a child who has one). Prints, last,
// {"children":N,"queries":…,"p50_ms":…,"p99_ms":…,"qps":…,"recall_at_10":…,
//  "index_bytes":…,"peak_rss_mb":…,"build_s":…}
// MATCH_INDEX_MAX_POSTINGS sets SearchOptions::max_postings_per_key. A
// measurement of the matching library alone; bench/search.sh measures the
// search service built on it.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "match/csv.h"
#include "match/nicknames.h"
#include "match/search_index.h"
#include "platform/clock.h"

namespace {

using cp::match::PersonDetails;

std::string SharedDataDir() {
  if (const char* env = std::getenv("CP_SHARED_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::string(CP_DEFAULT_DATA_DIR) + "/../../shared/data";
}

std::vector<std::string> Column(const std::string& path, std::size_t column) {
  std::vector<std::string> out;
  auto reader = cp::match::CsvReader::Open(path);
  if (!reader) return out;
  std::vector<std::string> row;
  reader->Next(&row);  // header
  while (reader->Next(&row)) {
    if (column < row.size() && !row[column].empty() && row[column][0] != '#') {
      out.push_back(row[column]);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Picks list entries with a Zipf-like skew: a few names are common.
class Zipf {
 public:
  Zipf(std::size_t n, double s) : cumulative_(n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) cumulative_[i] = sum += 1.0 / std::pow(i + 1.0, s);
  }
  std::size_t operator()(std::mt19937_64& rng) const {
    std::uniform_real_distribution<double> u(0, cumulative_.back());
    return static_cast<std::size_t>(
        std::lower_bound(cumulative_.begin(), cumulative_.end(), u(rng)) - cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

class Population {
 public:
  explicit Population(const std::string& shared) : rng_(7) {
    forenames_ = Column(shared + "/names/nicknames.csv", 0);
    surnames_ = Column(shared + "/linkage/febrl_dataset3.csv", 2);
    const char* syllables[] = {"ash", "brook", "cal",  "dun", "el",  "far", "gold", "hal",
                               "ing", "ken",   "lock", "mor", "nor", "ock", "pen",  "rad",
                               "sh",  "thorn", "wick", "ley", "ton", "by",  "well", "ford"};
    for (const char* a : syllables) {
      for (const char* b : syllables) {
        for (const char* c : {"", "s", "er", "son"}) surnames_.push_back(std::string(a) + b + c);
      }
    }
    std::shuffle(surnames_.begin(), surnames_.end(), rng_);
    std::shuffle(forenames_.begin(), forenames_.end(), rng_);
  }

  PersonDetails Child() {
    static const Zipf forename_pick(forenames_.size(), 0.6);
    static const Zipf surname_pick(surnames_.size(), 0.6);
    PersonDetails d;
    d.forenames = forenames_[forename_pick(rng_)];
    if (rng_() % 3 == 0) d.middle_names = forenames_[forename_pick(rng_)];
    d.surname = surnames_[surname_pick(rng_)];
    if (rng_() % 10 == 0) d.other_surnames = {surnames_[surname_pick(rng_)]};  // a previous one
    d.birth_date = *cp::match::BirthDate::FromParts(2006 + static_cast<int>(rng_() % 19),
                                                    1 + static_cast<int>(rng_() % 12),
                                                    1 + static_cast<int>(rng_() % 28));
    d.gender = rng_() % 2 == 0 ? cp::match::Gender::kMale : cp::match::Gender::kFemale;
    const char* areas[] = {"SW", "N", "E", "M", "B", "LS", "S", "NE", "BS", "L", "OX", "CB"};
    char postcode[16];
    std::snprintf(postcode, sizeof postcode, "%s%d %d%c%c", areas[rng_() % 12],
                  static_cast<int>(1 + rng_() % 30), static_cast<int>(rng_() % 10),
                  static_cast<char>('A' + rng_() % 26), static_cast<char>('A' + rng_() % 26));
    d.postcode = postcode;
    d.address_line1 = std::to_string(1 + rng_() % 200) + " " + surnames_[rng_() % 500] + " road";
    return d;
  }

  // 0–2 of: a typo in the surname, a nickname, day and month swapped, no
  // forename, the previous surname instead of the current one.
  PersonDetails Corrupt(PersonDetails d, const cp::match::NicknameTable& nicknames) {
    const int n = static_cast<int>(rng_() % 3);
    for (int i = 0; i < n; ++i) {
      switch (rng_() % 5) {
        case 0:
          if (d.surname.size() > 3) std::swap(d.surname[1], d.surname[2]);
          break;
        case 1: {
          const auto related = nicknames.RelatedNames(d.forenames);
          if (!related.empty()) d.forenames = related[rng_() % related.size()];
          break;
        }
        case 2:
          if (d.birth_date.day() <= 12) {
            d.birth_date = *cp::match::BirthDate::FromParts(d.birth_date.year(), d.birth_date.day(),
                                                            d.birth_date.month());
          }
          break;
        case 3:
          d.forenames.clear();
          break;
        case 4:  // searched for under the previous surname, when there is one
          if (!d.other_surnames.empty()) d.surname = d.other_surnames[0];
          break;
      }
    }
    d.other_surnames.clear();
    d.address_line1.clear();  // a searcher seldom types the address
    if (rng_() % 2 == 0) d.postcode.clear();
    return d;
  }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> forenames_;
  std::vector<std::string> surnames_;
};

long PeakRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::size_t queries = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10000;
  const cp::Clock& clock = cp::SystemClock::Instance();
  cp::match::NicknameTable nicknames;
  if (!nicknames.LoadCsv(SharedDataDir() + "/names/nicknames.csv") ||
      !nicknames.LoadCsv(std::string(CP_DEFAULT_DATA_DIR) + "/names/diminutives_england.csv")) {
    std::fprintf(stderr, "match_index: cannot read the nickname files\n");
    return 1;
  }
  Population population(SharedDataDir());
  cp::match::SearchOptions options;
  if (const char* cap = std::getenv("MATCH_INDEX_MAX_POSTINGS"); cap != nullptr) {
    options.max_postings_per_key = std::strtoull(cap, nullptr, 10);
  }
  cp::match::SearchIndex index(&nicknames, cp::match::MatchModel::Defaults(), options);
  std::vector<PersonDetails> sample;
  const std::size_t every = std::max<std::size_t>(1, n / queries);
  const std::int64_t build_start = clock.NowMicros();
  for (std::size_t i = 0; i < n; ++i) {
    PersonDetails child = population.Child();
    if (i % every == 0 && sample.size() < queries) sample.push_back(child);
    index.Upsert(i, child);
  }
  const double build_s = static_cast<double>(clock.NowMicros() - build_start) / 1e6;

  std::vector<double> ms;
  std::size_t found = 0;
  double candidates = 0;
  double compared = 0;
  const std::int64_t search_start = clock.NowMicros();
  for (std::size_t q = 0; q < sample.size(); ++q) {
    const PersonDetails query = population.Corrupt(sample[q], nicknames);
    const std::int64_t t0 = clock.NowMicros();
    cp::match::SearchStats stats;
    auto hits = index.Search(query, 10, &stats);
    candidates += static_cast<double>(stats.candidates);
    compared += static_cast<double>(stats.compared);
    ms.push_back(static_cast<double>(clock.NowMicros() - t0) / 1000.0);
    if (std::getenv("MATCH_INDEX_SLOW") != nullptr && ms.back() > 4) {
      std::fprintf(stderr, "slow %.1f ms: keys %zu candidates %zu compared %zu [%s|%s|%s|%u|%s]\n",
                   ms.back(), stats.keys, stats.candidates, stats.compared, query.forenames.c_str(),
                   query.middle_names.c_str(), query.surname.c_str(), query.birth_date.packed(),
                   query.postcode.c_str());
    }
    if (!hits) continue;
    const std::uint64_t want = q * every;
    if (std::any_of(hits->begin(), hits->end(), [want](const auto& h) { return h.id == want; })) {
      ++found;
    } else if (std::getenv("MATCH_INDEX_MISSES") != nullptr) {
      const PersonDetails& c = sample[q];
      std::fprintf(stderr, "miss [%s|%s|%u|%s] as [%s|%s|%u|%s], %zu hits\n", c.forenames.c_str(),
                   c.surname.c_str(), c.birth_date.packed(), c.postcode.c_str(),
                   query.forenames.c_str(), query.surname.c_str(), query.birth_date.packed(),
                   query.postcode.c_str(), hits->size());
    }
  }
  const double search_s = static_cast<double>(clock.NowMicros() - search_start) / 1e6;
  std::sort(ms.begin(), ms.end());
  if (!ms.empty()) {
    std::fprintf(stderr, "match_index: %.0f candidates and %.0f full comparisons a search\n",
                 candidates / static_cast<double>(ms.size()),
                 compared / static_cast<double>(ms.size()));
  }
  auto pct = [&ms](double p) {
    return ms.empty() ? 0.0 : ms[static_cast<std::size_t>(p * (ms.size() - 1))];
  };
  std::printf(
      "{\"children\":%zu,\"queries\":%zu,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"qps\":%.0f,"
      "\"recall_at_10\":%.4f,\"index_bytes\":%zu,\"peak_rss_mb\":%.1f,\"build_s\":%.1f}\n",
      n, ms.size(), pct(0.5), pct(0.99), static_cast<double>(ms.size()) / search_s,
      ms.empty() ? 0.0 : static_cast<double>(found) / static_cast<double>(ms.size()),
      index.MemoryBytes(), static_cast<double>(PeakRssKb()) / 1024.0, build_s);
  return 0;
}
