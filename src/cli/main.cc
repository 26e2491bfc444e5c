// contactpoint — the one program: database set-up, data generation, import,
// linkage, administration and the web service are its subcommands.

#include <cstdio>

#include "cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{"ContactPoint: the directory of children in England and who works with them"};
  app.require_subcommand(1);
  cp::cli::SetupAllCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return cp::cli::ExitCode();
}
