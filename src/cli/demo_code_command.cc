// contactpoint demo-code USER: the current security code of a demo user, so
// that a newcomer can sign in to the demo without an authenticator app.
// Refused for any account not created by the demo set-up.

#include <iostream>

#include "cli/command.h"
#include "cli/runtime.h"
#include "store/account_repository.h"

namespace cp::cli {
namespace {

struct Options {
  RuntimeOptions runtime;
  std::string username;
};

int Run(const Options& o) {
  auto rt = OpenRuntime(o.runtime);
  if (!rt) {
    std::cerr << "error: " << rt.error().message << "\n";
    return 1;
  }
  auto conn = (*rt)->db->Acquire();
  if (!conn) return 1;
  auto user = store::AccountRepository(**conn).FindByUsername(o.username);
  if (!user || !*user) {
    std::cerr << "error: no user called " << o.username << "\n";
    return 1;
  }
  if (!(*user)->demo) {
    std::cerr << "error: codes are shown only for demo users; use a real security token\n";
    return 1;
  }
  auto code =
      (*rt)->credentials->CurrentCode((*user)->totp_secret_sealed, SystemClock::Instance().Now());
  if (!code) {
    std::cerr << "error: " << code.error().message << "\n";
    return 1;
  }
  std::cout << *code << "\n";
  return 0;
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("demo-code", "Print a demo user's current security code");
  cmd->add_option("--db", o->runtime.db_url, "Database URL")->capture_default_str();
  cmd->add_option("--keys", o->runtime.keys_dir, "Directory of the service's keys")
      ->capture_default_str();
  cmd->add_option("username", o->username, "Demo user name")->required();
  cmd->callback([o] { Exit(Run(*o)); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
