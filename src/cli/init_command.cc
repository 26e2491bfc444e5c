// contactpoint init --db URL: creates the database (or brings an existing one
// up to date) and loads the reference data.

#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "platform/clock.h"
#include "store/db.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace cp::cli {
namespace {

struct Options {
  std::string db = "sqlite:var/contactpoint.db";
};

Status Init(const Options& o) {
  if (o.db.rfind("sqlite:", 0) == 0) {
    const std::filesystem::path path(o.db.substr(7));
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  }
  CP_ASSIGN(auto db, store::Database::Open(o.db, 1));
  CP_ASSIGN(auto conn, db->Acquire());
  CP_ASSIGN(int applied, store::Migrate(*conn, SystemClock::Instance()));
  {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_TRY(store::ReferenceRepository(*conn).SeedLocalAuthorities());
    CP_TRY(tx.Commit());
  }
  CP_ASSIGN(int version, store::SchemaVersion(*conn));
  std::cout << "Database ready: schema version " << version << " (" << applied
            << " migration(s) applied)\n";
  return Ok();
}

void Setup(CLI::App& app) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("init", "Create a database or migrate it to the current schema");
  cmd->add_option("--db", opts->db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  cmd->callback([opts] {
    Status s = Init(*opts);
    if (!s) {
      std::cerr << "init failed: " << s.error().message << "\n";
      Exit(1);
    }
  });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
