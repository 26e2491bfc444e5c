// contactpoint api-client add|revoke NAME: accredited case management
// systems allowed to reach the API (AUTH-5).

#include <iostream>

#include "cli/command.h"
#include "cli/runtime.h"
#include "services/api_clients.h"

namespace cp::cli {
namespace {

struct Options {
  RuntimeOptions runtime;
  std::string name;
};

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("api-client", "Register or revoke an accredited system");
  cmd->require_subcommand(1);
  for (const char* verb : {"add", "revoke"}) {
    auto* sub = cmd->add_subcommand(verb, std::string(verb) + " a system");
    sub->add_option("--db", o->runtime.db_url, "Database URL")->capture_default_str();
    sub->add_option("--keys", o->runtime.keys_dir, "Directory of the service's keys")
        ->capture_default_str();
    sub->add_option("name", o->name, "The system's name")->required();
    const std::string v = verb;
    sub->callback([o, v] {
      auto rt = OpenRuntime(o->runtime);
      if (!rt) {
        std::cerr << "error: " << rt.error().message << "\n";
        return Exit(1);
      }
      services::ApiClients clients(*(*rt)->ctx);
      if (v == "add") {
        auto credential = clients.Register(OperatorActor(), o->name);
        if (!credential) {
          std::cerr << "error: " << credential.error().message << "\n";
          return Exit(1);
        }
        std::cout << "Credential for " << o->name
                  << " (shown once; send it as X-Client-Credential):\n"
                  << *credential << "\n";
      } else if (Status s = clients.Revoke(OperatorActor(), o->name); !s) {
        std::cerr << "error: " << s.error().message << "\n";
        return Exit(1);
      }
    });
  }
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
