// contactpoint rights: prints the roles-and-rights matrix (docs/rights.md).

#include <iostream>

#include "cli/command.h"
#include "core/rights.h"

namespace cp::cli {
namespace {

void Setup(CLI::App& app) {
  auto* cmd = app.add_subcommand("rights", "Print the matrix of roles and rights (Markdown)");
  cmd->callback([] { std::cout << core::RightsMatrixMarkdown(); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
