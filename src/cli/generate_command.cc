// contactpoint generate: a synthetic population, straight into a database or
// as noisy source extracts with their ground truth.

#include <iostream>

#include "cli/command.h"
#include "generate/extracts.h"
#include "generate/load.h"
#include "platform/clock.h"

namespace cp::cli {
namespace {

struct Options {
  std::int64_t children = 1000;
  std::uint64_t seed = 1;
  std::vector<std::string> la_codes;
  std::string today;
  std::string db;
  std::string extracts;
};

int Run(const Options& o) {
  generate::PopulationOptions p;
  p.children = o.children;
  p.seed = o.seed;
  p.la_codes = o.la_codes;
  if (o.today.empty()) {
    p.today = SystemClock::Instance().Today();  // the CLI is where the clock is read
  } else if (auto d = Date::ParseIso(o.today)) {
    p.today = *d;
  } else {
    std::cerr << "error: --today must be YYYY-MM-DD\n";
    return 2;
  }
  if (!o.extracts.empty()) {
    auto s = generate::WriteExtracts(p, o.extracts);
    if (!s) {
      std::cerr << "error: " << s.error().message << "\n";
      return 1;
    }
    std::cout << "Wrote " << s->rows << " source rows for " << s->children << " children in "
              << s->files << " extracts, with ground_truth.csv, to " << o.extracts << "\n";
    return 0;
  }
  auto s = generate::LoadIntoDatabase(o.db, p, std::cerr);
  if (!s) {
    std::cerr << "error: " << s.error().message << "\n";
    return 1;
  }
  std::cout << "Loaded " << s->children << " children and " << s->organisations
            << " organisations in " << s->seconds << " s\n";
  return 0;
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("generate", "Generate a synthetic population of England");
  cmd->add_option("--children", o->children, "How many children")->capture_default_str();
  cmd->add_option("--seed", o->seed, "Seed: the same seed gives the same population")
      ->capture_default_str();
  cmd->add_option("--la", o->la_codes, "Only these local authorities (ONS codes; repeatable)");
  cmd->add_option("--today", o->today, "The date the population is as of (YYYY-MM-DD)");
  auto* db =
      cmd->add_option("--db", o->db, "Load into this database (sqlite:PATH or postgresql://…)");
  auto* ex =
      cmd->add_option("--extracts", o->extracts, "Write source extracts (CSV) to this folder");
  db->excludes(ex);
  cmd->callback([o] {
    if (o->db.empty() && o->extracts.empty()) {
      std::cerr << "error: give --db URL or --extracts DIR\n";
      return Exit(2);
    }
    Exit(Run(*o));
  });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
