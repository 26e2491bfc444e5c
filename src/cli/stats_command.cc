// contactpoint stats --db URL: aggregate figures about a database, without
// personal data.

#include <iostream>

#include "cli/command.h"
#include "store/db.h"
#include "store/statistics.h"

namespace cp::cli {
namespace {

struct Options {
  std::string db = "sqlite:var/contactpoint.db";
};

void Print(const store::PopulationStatistics& s) {
  std::cout << "Children                 " << s.children << "\n"
            << "Local authorities        " << s.local_authorities_with_children << "\n"
            << "Organisations            " << s.organisations << "\n"
            << "Parents and carers       " << s.parents_carers << "\n"
            << "Targeted involvements    " << s.involvements_targeted << "\n"
            << "Sensitive involvements   " << s.involvements_sensitive << "\n"
            << "CAF holders              " << s.caf_holders << "\n"
            << "Lead professionals       " << s.lead_professionals << "\n"
            << "Looked-after children    " << s.looked_after << "\n"
            << "Deceased                 " << s.deceased << "\n"
            << "Shielded                 " << s.shielded << "\n"
            << "No educational setting   " << s.no_educational_setting << "\n";
  std::cout << "Born in year:\n";
  for (const auto& [year, n] : s.by_birth_year) std::cout << "  " << year << "  " << n << "\n";
  std::cout << "Largest local authorities:\n";
  for (const auto& [name, n] : s.largest_authorities)
    std::cout << "  " << n << "  " << name << "\n";
}

void Setup(CLI::App& app) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("stats", "Print aggregate figures about a database");
  cmd->add_option("--db", opts->db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  cmd->callback([opts] {
    auto db = store::Database::Open(opts->db, 1);
    if (!db) {
      std::cerr << "stats: " << db.error().message << "\n";
      return Exit(1);
    }
    auto conn = (*db)->Acquire();
    if (!conn) {
      std::cerr << "stats: " << conn.error().message << "\n";
      return Exit(1);
    }
    auto stats = store::ReadStatistics(**conn);
    if (!stats) {
      std::cerr << "stats: " << stats.error().message << "\n";
      return Exit(1);
    }
    Print(*stats);
  });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
