// search_throughput DB_URL [QUERIES] [THREADS]: the search service over a
// generated database, as a practitioner uses it.
//
// Builds the ChildIndex from the database (as `serve` does at start-up),
// draws QUERIES live children at random (default 10,000) and makes one
// search from each with 0–2 corruptions of different kinds: a typo in the
// surname or forename, a nickname for the forename, day and month swapped,
// no forename, the previous surname (only for children who have one). Each
// search gives first forename, surname, date of birth and gender, and the
// postcode half the time. The searches then run through SearchService —
// reason given, audited (group commit), policy-projected, result limit
// applied — as a practitioner on THREADS threads (default 2).
//
// recall_at_10 is the fraction of searches whose child is among the first 10
// results; a "too many matches" outcome (SRCH-3) shows none, so counts as a
// miss, and is also counted in too_many. A search is "crowded" when more
// live children than the result limit (its own among them) agree exactly
// with its child on every field it gives: they all score alike, so no
// engine may show any of them. recall_at_10_answerable is recall_at_10 over
// the searches that are not crowded. Prints, last,
// {"children":…,"queries":…,"p50_ms":…,"p99_ms":…,"qps":…,"recall_at_10":…,
//  "recall_at_10_answerable":…,"crowded":…,"index_bytes":…,"peak_rss_mb":…,
//  "too_many":…,"errors":…,"index_build_s":…,"index_p50_ms":…,
//  "index_p99_ms":…,"audit_p50_ms":…,"cpu_ms":…,"threads":…}
// To show where a search's time goes, index_p50_ms and index_p99_ms are the
// index lookup alone for the same searches on one thread (its keys,
// candidates and full comparisons go to stderr), and audit_p50_ms is one
// durable audit append on its own; cpu_ms is the processor time a search
// took (all threads), so 2 cores serve at most 2000 / cpu_ms searches a
// second whatever the disk. Every search (and each of those 50 appends) is
// audited into the database it reads.
// SEARCH_BENCH_MISSES=1 lists on stderr the searches that missed their child.

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "match/explanation.h"
#include "match/nicknames.h"
#include "match/normalise.h"
#include "platform/clock.h"
#include "security/signer.h"
#include "services/audit_trail.h"
#include "services/child_index.h"
#include "services/search_service.h"
#include "store/child_repository.h"
#include "store/statistics.h"

namespace {

using cp::services::SearchCriteria;

// The corruptions, in the order they are applied to one search.
enum Corruption { kNickname, kPreviousSurname, kTypo, kSwapDayMonth, kNoForename, kKinds };
const char* const kKindNames[kKinds] = {"nickname", "previous_surname", "typo", "swap_day_month",
                                        "no_forename"};

struct Query {
  SearchCriteria criteria;
  cp::core::ChildId child = 0;
  unsigned kinds = 0;  // a bit per Corruption applied
  std::string truth;   // the child's details, for SEARCH_BENCH_MISSES
  // The child's own values of the fields the search gives (NamesakeKey),
  // empty when the search gives a value the child's namesakes need not
  // share (a previous surname).
  std::string namesake_key;
};

enum class Outcome { kFound, kMissed, kTooMany, kError };

double Ms(std::int64_t micros) { return static_cast<double>(micros) / 1000.0; }

// Processor time of the whole process (every thread), in seconds.
double CpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

long PeakRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

// The nicknames ChildIndex::Build loads: the project's diminutives and, when
// present, the shared list.
cp::Status LoadNicknames(cp::match::NicknameTable& table) {
  const std::string data = CP_DEFAULT_DATA_DIR;
  CP_TRY(table.LoadCsv(data + "/names/diminutives_england.csv"));
  const std::string shared = data + "/../../shared/data/names/nicknames.csv";
  std::error_code ec;
  if (std::filesystem::exists(shared, ec)) CP_TRY(table.LoadCsv(shared));
  return cp::Ok();
}

// One keyboard slip at a random place: a letter substituted, dropped,
// doubled or swapped with its neighbour. Names of fewer than three letters
// are left alone.
std::string Typo(std::string s, std::mt19937_64& rng) {
  if (s.size() < 3) return s;
  const std::size_t at = rng() % (s.size() - 1);
  const char letter = static_cast<char>('a' + rng() % 26);
  switch (rng() % 4) {
    case 0:
      s[at] = s[at] == letter ? static_cast<char>('a' + (letter - 'a' + 1) % 26) : letter;
      break;
    case 1:
      s.erase(at, 1);
      break;
    case 2:
      s.insert(at, 1, s[at]);
      break;
    default:
      std::swap(s[at], s[at + 1]);
      break;
  }
  return s;
}

std::string FirstForename(const std::string& forenames) {
  return forenames.substr(0, forenames.find(' '));
}

std::string PreviousSurname(const cp::core::Child& c) {
  for (const auto& n : c.other_names) {
    if (n.kind == cp::core::OtherNameKind::kPrevious) return n.surname;
  }
  return "";
}

// The fields a search gives, beyond surname, date of birth and gender
// (which every search gives).
enum Given : unsigned { kGivesForename = 1, kGivesPostcode = 2, kGivenMasks = 4 };

// A record's values of the fields in `given`, as one string: two records
// with the same key agree exactly on every field such a search gives, so
// they score alike against it.
std::string NamesakeKey(unsigned given, const std::string& forenames, const std::string& surname,
                        const cp::Date& date_of_birth, cp::core::Gender gender,
                        const std::string& postcode) {
  std::string key = std::to_string(given) + "|" + surname + "|" + date_of_birth.ToIso() + "|" +
                    std::string(cp::core::GenderName(gender));
  if (given & kGivesForename) key += "|" + FirstForename(forenames);
  if (given & kGivesPostcode) key += "|" + postcode;
  return key;
}

// A search for `c` with 0–2 corruptions of different kinds, drawn among
// those that apply to this child.
Query MakeQuery(const cp::core::Child& c, const cp::match::NicknameTable& nicknames,
                std::mt19937_64& rng) {
  Query q;
  q.child = c.id;
  q.truth = c.forenames + "|" + c.surname + "|" + c.date_of_birth.ToIso() + "|" +
            std::string(cp::core::GenderName(c.gender)) + "|" + c.address.postcode + "|" +
            PreviousSurname(c);
  SearchCriteria& s = q.criteria;
  s.forenames = FirstForename(c.forenames);
  s.surname = c.surname;
  s.date_of_birth = c.date_of_birth;
  s.gender = c.gender;
  if (rng() % 2 == 0) s.postcode = c.address.postcode;

  const std::vector<std::string> related = nicknames.RelatedNames(cp::match::FoldText(s.forenames));
  const std::string previous = PreviousSurname(c);
  const int day = c.date_of_birth.day(), month = c.date_of_birth.month();
  std::vector<Corruption> applicable = {kTypo, kNoForename};
  if (!related.empty()) applicable.push_back(kNickname);
  if (!previous.empty()) applicable.push_back(kPreviousSurname);
  if (day <= 12 && day != month) applicable.push_back(kSwapDayMonth);
  std::shuffle(applicable.begin(), applicable.end(), rng);
  const unsigned exclusive = (1U << kNickname) | (1U << kNoForename);  // one would undo the other
  std::size_t n = rng() % 3;
  for (const Corruption k : applicable) {
    if (n == 0) break;
    if ((q.kinds | (1U << k)) == exclusive) continue;
    q.kinds |= 1U << k;
    --n;
  }

  if (q.kinds & (1U << kNickname)) s.forenames = related[rng() % related.size()];
  if (q.kinds & (1U << kPreviousSurname)) s.surname = previous;
  if (q.kinds & (1U << kTypo)) {
    // In the forename only when no other corruption has touched it.
    const bool forename = !(q.kinds & ((1U << kNoForename) | (1U << kNickname))) && rng() % 2 == 0;
    std::string& name = forename ? s.forenames : s.surname;
    name = Typo(name, rng);
  }
  if (q.kinds & (1U << kSwapDayMonth)) {
    s.date_of_birth = cp::Date::FromYmd(c.date_of_birth.year(), day, month);
  }
  if (q.kinds & (1U << kNoForename)) s.forenames.clear();
  if (!(q.kinds & (1U << kPreviousSurname))) {
    const unsigned given =
        (s.forenames.empty() ? 0U : kGivesForename) | (s.postcode.empty() ? 0U : kGivesPostcode);
    q.namesake_key =
        NamesakeKey(given, c.forenames, c.surname, c.date_of_birth, c.gender, c.address.postcode);
  }
  return q;
}

// For each search, how many live records (its child among them) agree
// exactly with its child on every field the search gives: all of them
// score alike against it, so when there are more than the result limit,
// "too many matches" (SRCH-3) is the only right answer whatever the engine.
// 0 for a search that gives a previous surname. One pass over the register.
cp::Result<std::vector<std::size_t>> CountNamesakes(cp::store::Database& db,
                                                    const std::vector<Query>& queries) {
  std::unordered_map<std::string, std::size_t> counts;
  for (const auto& q : queries) {
    if (!q.namesake_key.empty()) counts.emplace(q.namesake_key, 0);
  }
  CP_ASSIGN(auto conn, db.Acquire());
  for (cp::core::ChildId after = 0;;) {
    CP_ASSIGN(auto rows, cp::store::ReadMatchRows(*conn, after, 50000));
    if (rows.empty()) break;
    after = rows.back().id;
    for (const auto& r : rows) {
      for (unsigned given = 0; given < kGivenMasks; ++given) {
        const auto it = counts.find(
            NamesakeKey(given, r.forenames, r.surname, r.date_of_birth, r.gender, r.postcode));
        if (it != counts.end()) ++it->second;
      }
    }
  }
  std::vector<std::size_t> out;
  for (const auto& q : queries) out.push_back(q.namesake_key.empty() ? 0 : counts[q.namesake_key]);
  return out;
}

// `count` searches made from live children drawn at random.
cp::Result<std::vector<Query>> MakeQueries(cp::store::Database& db, std::size_t count,
                                           const cp::match::NicknameTable& nicknames) {
  CP_ASSIGN(auto conn, db.Acquire());
  CP_ASSIGN(const std::int64_t highest, cp::store::HighestChildId(*conn));
  if (highest == 0) return cp::Error::Invalid("db", "the database holds no children");
  cp::store::ChildRepository repo(*conn);
  std::mt19937_64 rng(11);
  std::vector<Query> queries;
  for (std::size_t tries = 0; queries.size() < count && tries < 4 * count; ++tries) {
    const auto id = static_cast<cp::core::ChildId>(1 + rng() % highest);
    auto child = repo.Get(id);
    if (!child) {
      if (child.error().code == cp::ErrorCode::kNotFound) continue;
      return child.error();
    }
    if (child->archive_state != cp::core::ArchiveState::kLive) continue;
    queries.push_back(MakeQuery(*child, nicknames, rng));
  }
  return queries;
}

// The index lookup alone, one thread: its time for each query and what it
// did, summed.
struct IndexPass {
  std::vector<double> ms;
  double keys = 0, candidates = 0, compared = 0;
};

IndexPass RunIndexOnly(const cp::services::ChildIndex& index, const std::vector<Query>& queries) {
  const cp::Clock& clock = cp::SystemClock::Instance();
  IndexPass pass;
  for (const auto& q : queries) {
    cp::match::SearchStats stats;
    const std::int64_t t0 = clock.NowMicros();
    const bool searched =
        index.Search(cp::services::QueryDetails(q.criteria, false), 64, &stats).ok();
    pass.ms.push_back(Ms(clock.NowMicros() - t0));
    (void)searched;
    pass.keys += static_cast<double>(stats.keys);
    pass.candidates += static_cast<double>(stats.candidates);
    pass.compared += static_cast<double>(stats.compared);
  }
  return pass;
}

// With SEARCH_BENCH_MISSES set, tells on stderr which searches missed their
// child and whether the index found it at all.
void ReportMiss(const cp::services::ChildIndex& index, const Query& q) {
  const SearchCriteria& c = q.criteria;
  std::string rank = "not among the index's matches";
  cp::match::SearchDemands demands;
  demands.keep_behind_best = true;
  if (auto hits = index.Search(cp::services::QueryDetails(c, false), 64, nullptr, demands)) {
    for (std::size_t r = 0; r < hits->size(); ++r) {
      if (static_cast<cp::core::ChildId>((*hits)[r].id) != q.child) continue;
      rank = "index rank " + std::to_string(r + 1) + " of " + std::to_string(hits->size()) +
             ((*hits)[r].near_best ? "" : ", behind the best");
    }
  }
  std::fprintf(stderr, "miss [%s] as [%s|%s|%s|%s] kinds %x: %s\n", q.truth.c_str(),
               c.forenames.c_str(), c.surname.c_str(),
               c.date_of_birth ? c.date_of_birth->ToIso().c_str() : "", c.postcode.c_str(), q.kinds,
               rank.c_str());
  if (auto why = index.Explain(cp::services::QueryDetails(c, false), q.child)) {
    std::fprintf(stderr, "%s", cp::match::RenderExplanation(*why).c_str());
  }
}

// The time of one durable audit append on its own (the group commit's
// fsync), from `count` appends on one thread.
std::vector<double> TimeAuditAppends(cp::services::AuditTrail& audit, int count) {
  const cp::Clock& clock = cp::SystemClock::Instance();
  const cp::services::Actor system = cp::services::Actor::System(cp::services::Route::kBatch);
  std::vector<double> ms;
  for (int i = 0; i < count; ++i) {
    const std::int64_t t0 = clock.NowMicros();
    if (!audit.Append(system, {"bench.audit_probe", "ok", {}, {}})) break;
    ms.push_back(Ms(clock.NowMicros() - t0));
  }
  return ms;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

cp::services::Actor Practitioner() {
  cp::services::Actor a;
  a.user_id = 1;
  a.role = cp::core::Role::kPractitioner;
  a.rights = cp::core::RoleRights(cp::core::Role::kPractitioner);
  a.la_code = "E08000035";
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_throughput DB_URL [QUERIES] [THREADS]\n");
    return 2;
  }
  const std::string url = argv[1];
  const std::size_t wanted = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10000;
  const unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 2;
  const cp::Clock& clock = cp::SystemClock::Instance();
  auto fail = [](const char* what, const cp::Error& e) {
    std::fprintf(stderr, "search_throughput: %s: %s\n", what, e.message.c_str());
    return 1;
  };

  auto db = cp::store::Database::Open(url, static_cast<int>(threads) + 2);
  if (!db) return fail("open", db.error());
  cp::match::NicknameTable nicknames;
  if (auto s = LoadNicknames(nicknames); !s) return fail("nicknames", s.error());

  const std::int64_t build_start = clock.NowMicros();
  auto index = cp::services::ChildIndex::Build(**db);
  if (!index) return fail("index", index.error());
  const double build_s = static_cast<double>(clock.NowMicros() - build_start) / 1e6;
  std::fprintf(stderr, "search_throughput: indexed %zu children in %.1f s (%.0f MB)\n",
               (*index)->size(), build_s, static_cast<double>((*index)->MemoryBytes()) / 1e6);

  auto queries = MakeQueries(**db, wanted, nicknames);
  if (!queries) return fail("sample", queries.error());
  const IndexPass index_pass = RunIndexOnly(**index, *queries);

  const cp::security::Signer signer = cp::security::Signer::Generate();
  cp::services::AuditTrail audit(**db, clock, &signer);
  cp::services::ServiceContext ctx{**db, clock, audit};
  cp::services::SearchService service(ctx, index->get());
  const cp::services::Actor actor = Practitioner();

  const std::size_t n = queries->size();
  std::vector<double> ms(n);
  std::vector<Outcome> outcomes(n);
  std::atomic<std::size_t> next{0};
  const double cpu_start = CpuSeconds();
  const std::int64_t start = clock.NowMicros();
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) {
        const Query& q = (*queries)[i];
        cp::services::SearchRequest request{q.criteria,
                                            cp::core::SearchReason::kCoordinatingServices, ""};
        const std::int64_t t0 = clock.NowMicros();
        auto out = service.Search(actor, request);
        ms[i] = Ms(clock.NowMicros() - t0);
        if (!out) {
          outcomes[i] = Outcome::kError;
        } else if (out->too_many) {
          outcomes[i] = Outcome::kTooMany;
        } else {
          const auto& hits = out->hits;
          const auto first = hits.begin(),
                     last = first +
                            static_cast<std::ptrdiff_t>(std::min<std::size_t>(10, hits.size()));
          const bool found = std::any_of(first, last, [&q](const auto& h) {
            return static_cast<cp::core::ChildId>(h.id) == q.child;
          });
          outcomes[i] = found ? Outcome::kFound : Outcome::kMissed;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  const double seconds = static_cast<double>(clock.NowMicros() - start) / 1e6;
  const double cpu_ms = (CpuSeconds() - cpu_start) * 1000.0 / static_cast<double>(n);

  const std::vector<double> audit_ms = TimeAuditAppends(audit, 50);

  auto namesakes = CountNamesakes(**db, *queries);
  if (!namesakes) return fail("namesakes", namesakes.error());
  const auto limit = static_cast<std::size_t>(cp::services::ResultLimit(actor));
  // Searches whose child has more namesakes than the limit: no engine may
  // show it (SRCH-3). The rest are the searches it can answer.
  std::size_t crowded = 0, crowded_too_many = 0, answerable_found = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if ((*namesakes)[i] <= limit) {
      answerable_found += outcomes[i] == Outcome::kFound;
      continue;
    }
    ++crowded;
    crowded_too_many += outcomes[i] == Outcome::kTooMany;
  }

  std::size_t found = 0, too_many = 0, errors = 0;
  std::size_t kind_total[kKinds] = {}, kind_found[kKinds] = {};
  for (std::size_t i = 0; i < n; ++i) {
    found += outcomes[i] == Outcome::kFound;
    too_many += outcomes[i] == Outcome::kTooMany;
    errors += outcomes[i] == Outcome::kError;
    for (int k = 0; k < kKinds; ++k) {
      if ((*queries)[i].kinds & (1U << k)) {
        ++kind_total[k];
        kind_found[k] += outcomes[i] == Outcome::kFound;
      }
    }
  }
  if (std::getenv("SEARCH_BENCH_MISSES") != nullptr) {
    for (std::size_t i = 0; i < n; ++i) {
      const Query& q = (*queries)[i];
      if (outcomes[i] == Outcome::kMissed) ReportMiss(**index, q);
      if (outcomes[i] == Outcome::kTooMany && (*namesakes)[i] <= limit) {
        std::fprintf(stderr, "too many [%s] as [%s|%s|%s|%s] kinds %x: %zu namesakes\n",
                     q.truth.c_str(), q.criteria.forenames.c_str(), q.criteria.surname.c_str(),
                     q.criteria.date_of_birth ? q.criteria.date_of_birth->ToIso().c_str() : "",
                     q.criteria.postcode.c_str(), q.kinds, (*namesakes)[i]);
      }
    }
  }
  auto ratio = [](std::size_t a, std::size_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
  };
  std::fprintf(
      stderr, "search_throughput: index, a search: %.1f keys, %.0f candidates, %.0f compared\n",
      index_pass.keys / static_cast<double>(n), index_pass.candidates / static_cast<double>(n),
      index_pass.compared / static_cast<double>(n));
  std::fprintf(stderr,
               "search_throughput: %zu searches fit more than %zu children exactly "
               "(%zu of them answered \"too many\"); %zu \"too many\" in all\n",
               crowded, limit, crowded_too_many, too_many);
  for (int k = 0; k < kKinds; ++k) {
    std::fprintf(stderr, "search_throughput: %-16s %5zu searches, recall@10 %.4f\n", kKindNames[k],
                 kind_total[k], ratio(kind_found[k], kind_total[k]));
  }
  std::printf(
      "{\"children\":%zu,\"queries\":%zu,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"qps\":%.0f,"
      "\"recall_at_10\":%.4f,\"recall_at_10_answerable\":%.4f,\"crowded\":%zu,\"index_bytes\":%zu,"
      "\"peak_rss_mb\":%.1f,\"too_many\":%zu,"
      "\"errors\":%zu,\"index_build_s\":%.1f,\"index_p50_ms\":%.3f,\"index_p99_ms\":%.3f,"
      "\"audit_p50_ms\":%.3f,\"cpu_ms\":%.3f,\"threads\":%u}\n",
      (*index)->size(), n, Percentile(ms, 0.5), Percentile(ms, 0.99),
      static_cast<double>(n) / seconds, ratio(found, n), ratio(answerable_found, n - crowded),
      crowded, (*index)->MemoryBytes(), static_cast<double>(PeakRssKb()) / 1024.0, too_many, errors,
      build_s, Percentile(index_pass.ms, 0.5), Percentile(index_pass.ms, 0.99),
      Percentile(audit_ms, 0.5), cpu_ms, threads);
  return 0;
}
