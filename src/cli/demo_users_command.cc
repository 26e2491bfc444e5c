// contactpoint demo-users: one demo user per role, for a newcomer to sign in
// to the demo (their codes come from `contactpoint demo-code USER`). Marks
// the database as a demo database. Idempotent.

#include <iostream>

#include "cli/command.h"
#include "cli/runtime.h"
#include "services/account_service.h"
#include "store/account_repository.h"

namespace cp::cli {
namespace {

struct DemoUser {
  const char* username;
  const char* name;
  core::Role role;
  core::Rights extra;
};

const DemoUser kUsers[] = {
    {"demo.practitioner", "Priya Shah (teacher)", core::Role::kPractitioner, {}},
    {"demo.shielder",
     "Sam Reid (social worker)",
     core::Role::kPractitioner,
     {core::Right::kShield}},
    {"demo.police",
     "Dan Frost (police, out of hours)",
     core::Role::kPractitioner,
     {core::Right::kBreakGlass}},
    {"demo.manager", "Maria Lopez (team manager)", core::Role::kManager, {}},
    {"demo.support", "Joe Bell (school administrator)", core::Role::kSupportStaff, {}},
    {"demo.la.manager", "Alex Morgan (LA ContactPoint manager)", core::Role::kLaManager, {}},
    {"demo.data.admin", "Chris Lee (LA data administrator)", core::Role::kLaDataAdministrator, {}},
    {"demo.user.admin",
     "Pat Khan (user account administrator)",
     core::Role::kUserAdministrator,
     {}},
    {"demo.central", "Robin Hart (central team)", core::Role::kCentralTeam, {}},
};

constexpr const char* kDemoPassword = "harbour lantern meadow";

int Run(const RuntimeOptions& options) {
  auto rt = OpenRuntime(options);
  if (!rt) {
    std::cerr << "error: " << rt.error().message << "\n";
    return 1;
  }
  services::AccountService accounts(*(*rt)->ctx, *(*rt)->credentials);
  const Date today = SystemClock::Instance().Today();
  for (const DemoUser& u : kUsers) {
    {
      auto conn = (*rt)->db->Acquire();
      if (!conn) return 1;
      auto found = store::AccountRepository(**conn).FindByUsername(u.username);
      if (found && *found) continue;
    }
    services::NewAccountRequest r;
    r.username = u.username;
    r.display_name = u.name;
    r.role = u.role;
    r.extra_rights = u.extra;
    r.la_code = "E08000035";  // Leeds
    r.password = kDemoPassword;
    r.conditions = {"Demonstration account",
                    today.AddDays(-30),
                    today.AddDays(-30),
                    today.AddYears(-1),
                    core::CrbEvidence::kDisclosureSeen,
                    ""};
    r.demo = true;
    auto created = accounts.Create(OperatorActor(), r);
    if (!created) {
      std::cerr << "error: " << u.username << ": " << created.error().message << "\n";
      return 1;
    }
  }
  std::cout << "Demo users (password for each: \"" << kDemoPassword << "\"; security code: "
            << "contactpoint demo-code USER):\n";
  for (const DemoUser& u : kUsers) {
    std::cout << "  " << u.username << "  — " << core::RoleTitle(u.role);
    if (u.extra.bits() != 0) std::cout << " + " << core::RightsToList(u.extra);
    std::cout << "\n";
  }
  return 0;
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<RuntimeOptions>();
  auto* cmd = app.add_subcommand("demo-users", "Create one demo user per role (demo databases)");
  cmd->add_option("--db", o->db_url, "Database URL")->capture_default_str();
  cmd->add_option("--keys", o->keys_dir, "Directory of the service's keys")->capture_default_str();
  cmd->callback([o] { Exit(Run(*o)); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
