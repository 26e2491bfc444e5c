#pragma once
// Subcommands of the `contactpoint` program.
//
// Each subcommand lives in its own *_command.cc and registers itself with a
// static CommandRegistration:
//
//   namespace {
//   void Setup(CLI::App& app) {
//     auto* cmd = app.add_subcommand("stats", "Print a summary of a database");
//     auto opts = std::make_shared<Options>();
//     cmd->add_option("--db", opts->db, "Database URL")->required();
//     cmd->callback([opts] { cp::cli::Exit(Run(*opts)); });
//   }
//   const cp::cli::CommandRegistration kRegistered(Setup);
//   }  // namespace
//
// Exit(code) records the process exit status the subcommand wants; main()
// returns it after CLI11 finishes.

#include <CLI/CLI.hpp>
#include <functional>

namespace cp::cli {

using CommandSetup = std::function<void(CLI::App&)>;

class CommandRegistration {
 public:
  explicit CommandRegistration(CommandSetup setup);
};

// Runs every registered setup against `app` (called once by main).
void SetupAllCommands(CLI::App& app);

// Records the exit status for the subcommand that ran.
void Exit(int code);
int ExitCode();

}  // namespace cp::cli
