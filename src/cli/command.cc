#include "cli/command.h"

#include <vector>

namespace cp::cli {
namespace {

std::vector<CommandSetup>& Registry() {
  static std::vector<CommandSetup> registry;
  return registry;
}

int g_exit_code = 0;

}  // namespace

CommandRegistration::CommandRegistration(CommandSetup setup) {
  Registry().push_back(std::move(setup));
}

void SetupAllCommands(CLI::App& app) {
  for (const auto& setup : Registry()) setup(app);
}

void Exit(int code) { g_exit_code = code; }
int ExitCode() { return g_exit_code; }

}  // namespace cp::cli
