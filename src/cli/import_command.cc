// contactpoint import --source NAME FILE
//
// Loads a source's upload through the same path as the API and the upload
// page (FEED-2 … FEED-5, FEED-8, NEW-1): the file is checked, then every row
// is linked, creates a record, goes to review or is refused with its row
// number, field and problem. Progress, rate and time remaining are shown on
// standard error; killed, the same command resumes after the last committed
// batch.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/runtime.h"
#include "core/text_fold.h"
#include "services/import_service.h"
#include "services/source_register.h"

namespace cp::cli {
namespace {

struct Options {
  RuntimeOptions runtime;
  std::string source;
  std::string file;
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

int Run(const Options& o) {
  auto rt = OpenRuntime(o.runtime);
  if (!rt) {
    std::cerr << "error: " << rt.error().message << "\n";
    return 1;
  }
  auto& ctx = *(*rt)->ctx;
  services::SourceRegister sources(ctx);
  auto listed = sources.List(OperatorActor());
  if (!listed) {
    std::cerr << "error: " << listed.error().message << "\n";
    return 1;
  }
  const core::DataSource* source = nullptr;
  for (const auto& s : *listed) {
    if (core::FoldForSearch(s.name) == core::FoldForSearch(o.source)) source = &s;
  }
  if (source == nullptr) {
    std::cerr << "error: no data source is called \"" << o.source
              << "\" (see: contactpoint source list)\n";
    return 1;
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
  services::Actor actor = OperatorActor();
  actor.route = services::Route::kBatch;
  auto report = importer.Import(actor, *source, o.file, options);
  if (!report) {
    std::cerr << "error: " << report.error().message << "\n";
    return 1;
  }
  const auto& r = *report;
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
  return 0;
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("import",
                                 "Load a data source's upload (CSV or JSON Lines, docs/feeds.md)");
  cmd->add_option("--db", o->runtime.db_url, "Database URL")->capture_default_str();
  cmd->add_option("--keys", o->runtime.keys_dir, "Directory of the service's keys")
      ->capture_default_str();
  cmd->add_option("--source", o->source, "The registered data source's name")->required();
  cmd->add_option("file", o->file, "The upload: FILE.csv or FILE.jsonl")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--batch", o->batch_rows, "Rows per transaction")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->callback([o] { Exit(Run(*o)); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
