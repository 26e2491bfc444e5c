// match_throughput [THREADS] [SECONDS]: how many candidate pairs per second
// the matching engine compares and weighs. Builds records from the FEBRL
// files in the shared data (20,000 records), blocks them as a linkage does,
// and compares and weighs every candidate pair again and again on THREADS
// threads (default 2) for about SECONDS seconds (default 3). Prints, last,
// {"records":…,"candidate_pairs":…,"pairs_scored":…,"threads":…,"pairs_per_s":…}

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "match/blocking.h"
#include "match/candidates.h"
#include "match/compare.h"
#include "match/model.h"
#include "match/record_file.h"
#include "match/scoring.h"
#include "match/term_frequencies.h"
#include "platform/clock.h"

namespace {

std::string SharedDataDir() {
  if (const char* env = std::getenv("CP_SHARED_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::string(CP_DEFAULT_DATA_DIR) + "/../../shared/data";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cp::match;
  const unsigned threads = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 2;
  const double seconds = argc > 2 ? std::atof(argv[2]) : 3.0;
  const std::string dir = SharedDataDir() + "/linkage/";
  const std::string map =
      "first_name=given_name,surname=surname,street_number=street_number,address_1=address_1,"
      "address_2=address_2,town=suburb,postcode=postcode,dob=date_of_birth,identifier=soc_sec_id";

  NicknameTable nicknames;
  if (!nicknames.LoadCsv(SharedDataDir() + "/names/nicknames.csv")) return 1;
  TextPool pool(&nicknames);
  std::vector<MatchRecord> records;
  for (const char* file :
       {"febrl_dataset2.csv", "febrl_dataset3.csv", "febrl_dataset4a.csv", "febrl_dataset4b.csv"}) {
    auto read = ReadRecordFile(dir + file, "rec_id", map);
    if (!read) {
      std::fprintf(stderr, "match_throughput: %s\n", read.error().message.c_str());
      return 1;
    }
    for (const auto& d : read->records) records.push_back(PrepareRecord(d, pool));
  }
  TermFrequencies frequencies;
  for (const auto& r : records) frequencies.Add(r);
  const MatchModel model = MatchModel::Defaults();
  std::vector<TfAdjustments> tf;
  for (const auto& r : records) tf.push_back(frequencies.AdjustmentsFor(model, r));

  std::vector<std::vector<BlockingKey>> keys(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    AppendBlockingKeys({&records[i], &pool}, kAllRules, &keys[i]);
  }
  const std::vector<CandidatePair> pairs = GenerateCandidates(keys, records.size(), {});

  std::atomic<std::uint64_t> scored{0};
  std::atomic<bool> stop{false};
  std::vector<double> sink(threads, 0);
  const cp::Clock& clock = cp::SystemClock::Instance();
  const std::int64_t start = clock.NowMicros();
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::size_t i = t * pairs.size() / threads;
      double sum = 0;
      std::uint64_t done = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        for (int k = 0; k < 4096; ++k) {
          const CandidatePair& p = pairs[i];
          const ComparisonVector cv =
              CompareRecords({&records[p.a], &pool}, {&records[p.b], &pool});
          sum += MatchWeight(model, cv, tf[p.a]);
          if (++i == pairs.size()) i = 0;
        }
        done += 4096;
      }
      scored += done;
      sink[t] = sum;
    });
  }
  std::this_thread::sleep_for(std::chrono::microseconds(static_cast<std::int64_t>(seconds * 1e6)));
  stop = true;
  for (auto& w : workers) w.join();
  const double elapsed = static_cast<double>(clock.NowMicros() - start) / 1e6;
  double total = 0;
  for (double s : sink) total += s;
  std::fprintf(stderr, "match_throughput: checksum %.1f\n", total);
  std::printf(
      "{\"records\":%zu,\"candidate_pairs\":%zu,\"pairs_scored\":%llu,\"threads\":%u,"
      "\"pairs_per_s\":%.0f}\n",
      records.size(), pairs.size(), static_cast<unsigned long long>(scored.load()), threads,
      static_cast<double>(scored.load()) / elapsed);
  return 0;
}
