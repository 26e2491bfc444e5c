// contactpoint import --source NAME FILE [--source NAME FILE …]
//
// Loads a source's upload through the same path as the API and the upload
// page (FEED-2 … FEED-5, FEED-8, NEW-1): the file is checked, then every row
// is linked, creates a record, goes to review or is refused with its row
// number, field and problem. Progress, rate and time remaining are shown on
// standard error; killed, the same command resumes after the last committed
// batch.
//
// Several uploads (a national load's extracts, say) are loaded one after
// another in the order given, each its own upload, with the live records
// indexed once for them all: the nth --source names the nth file's source.
// The run stops at the first upload that fails.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <vector>

#include "cli/command.h"
#include "cli/runtime.h"
#include "core/text_fold.h"
#include "services/import_service.h"
#include "services/source_register.h"

namespace cp::cli {
namespace {

// A load reads and writes index pages all over a database of millions of
// records: SQLite's page cache for it is a gibibyte, not the service's
// 64 MiB a connection.
constexpr int kLoadCacheMib = 1024;

struct Options {
  Options() { runtime.cache_mib = kLoadCacheMib; }
  RuntimeOptions runtime;
  std::vector<std::string> sources;
  std::vector<std::string> files;
  int batch_rows = 500;
};

std::string Clock(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char out[32];
  std::snprintf(out, sizeof out, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return out;
}

// "[#######.............]  35%  35,000/100,000 rows  4,210 rows/s  0:00:15 left"
class ProgressBar {
 public:
  ProgressBar() : start_(std::chrono::steady_clock::now()), tty_(isatty(STDERR_FILENO) != 0) {}
  void Show(std::int64_t done, std::int64_t total) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (!tty_ && done < total && elapsed - last_ < 5) return;
    last_ = elapsed;
    const double share = total > 0 ? static_cast<double>(done) / total : 1;
    const double rate = elapsed > 0 ? (done - first_) / elapsed : 0;
    const int filled = static_cast<int>(share * 30);
    std::fprintf(stderr, "%s[%s%s] %3d%%  %lld/%lld rows  %.0f rows/s  %s left%s", tty_ ? "\r" : "",
                 std::string(filled, '#').c_str(), std::string(30 - filled, '.').c_str(),
                 static_cast<int>(share * 100), static_cast<long long>(done),
                 static_cast<long long>(total), rate,
                 Clock(rate > 0 ? (total - done) / rate : 0).c_str(), tty_ ? "" : "\n");
    if (tty_ && done >= total) std::fputc('\n', stderr);
  }
  void Start(std::int64_t done) { first_ = done; }

 private:
  std::chrono::steady_clock::time_point start_;
  bool tty_;
  double last_ = -10;
  std::int64_t first_ = -1;
};

const core::DataSource* FindSource(const std::vector<core::DataSource>& listed,
                                   const std::string& name) {
  for (const auto& s : listed) {
    if (core::FoldForSearch(s.name) == core::FoldForSearch(name)) return &s;
  }
  return nullptr;
}

void PrintReport(const services::ImportReport& r) {
  std::cout << "Upload " << r.upload_id << (r.resumed ? " (resumed)" : "") << ": " << r.rows
            << " rows; " << r.accepted << " accepted (" << r.linked << " linked, " << r.created
            << " new records, " << r.review << " to review), " << r.rejected << " refused; "
            << r.shielded << " records flagged for shielding.\n";
  for (const auto& p : r.problems) {
    std::cout << "  row " << p.row << ", " << p.field << ": " << p.message << "\n";
  }
  if (r.rejected > static_cast<std::int64_t>(r.problems.size())) {
    std::cout << "  … and " << r.rejected - static_cast<std::int64_t>(r.problems.size())
              << " more refused rows in the upload's report.\n";
  }
  std::cout.flush();
}

int Run(const Options& o) {
  if (o.sources.size() != o.files.size()) {
    std::cerr << "error: give one --source for each file, in the same order (--source given "
              << o.sources.size() << " times, " << o.files.size() << " files)\n";
    return 1;
  }
  auto rt = OpenRuntime(o.runtime);
  if (!rt) {
    std::cerr << "error: " << rt.error().message << "\n";
    return 1;
  }
  auto& ctx = *(*rt)->ctx;
  services::SourceRegister source_register(ctx);
  auto listed = source_register.List(OperatorActor());
  if (!listed) {
    std::cerr << "error: " << listed.error().message << "\n";
    return 1;
  }
  // Every source is known before anything is loaded.
  std::vector<const core::DataSource*> sources;
  for (const std::string& name : o.sources) {
    sources.push_back(FindSource(*listed, name));
    if (sources.back() == nullptr) {
      std::cerr << "error: no data source is called \"" << name
                << "\" (see: contactpoint source list)\n";
      return 1;
    }
  }
  auto places = services::LaLocator::Load(CP_DEFAULT_DATA_DIR);
  if (!places) {
    std::cerr << "error: " << places.error().message << "\n";
    return 1;
  }
  std::cerr << "Indexing the live records…\n";
  auto index = services::ChildIndex::Build(*(*rt)->db);
  if (!index) {
    std::cerr << "error: " << index.error().message << "\n";
    return 1;
  }
  services::ShieldingService shielding(ctx, index->get());
  services::ImportService importer(ctx, **index, *places, shielding);
  services::Actor actor = OperatorActor();
  actor.route = services::Route::kBatch;
  for (std::size_t i = 0; i < o.files.size(); ++i) {
    if (o.files.size() > 1) {
      std::cerr << "Loading " << o.files[i] << " from " << sources[i]->name << "…\n";
    }
    ProgressBar bar;
    services::ImportOptions options;
    options.batch_rows = o.batch_rows;
    bool started = false;
    options.on_progress = [&](std::int64_t done, std::int64_t total) {
      if (!started) {
        bar.Start(done - std::min<std::int64_t>(done, o.batch_rows));
        started = true;
      }
      bar.Show(done, total);
    };
    auto report = importer.Import(actor, *sources[i], o.files[i], options);
    if (!report) {
      std::cerr << "error: " << o.files[i] << ": " << report.error().message << "\n";
      return 1;
    }
    PrintReport(*report);
  }
  return 0;
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("import",
                                 "Load a data source's upload (CSV or JSON Lines, docs/feeds.md)");
  cmd->add_option("--db", o->runtime.db_url, "Database URL")->capture_default_str();
  cmd->add_option("--keys", o->runtime.keys_dir, "Directory of the service's keys")
      ->capture_default_str();
  cmd->add_option("--source", o->sources,
                  "The registered data source's name; once for each file, in the same order")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("file", o->files, "The upload: FILE.csv or FILE.jsonl; several load in turn")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--cache-mib", o->runtime.cache_mib, "SQLite's page cache for the load, in MiB")
      ->capture_default_str()
      ->check(CLI::Range(1, 65536));
  cmd->add_option("--batch", o->batch_rows, "Rows per transaction")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->callback([o] { Exit(Run(*o)); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
