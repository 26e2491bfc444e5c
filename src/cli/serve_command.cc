// contactpoint serve: the web service on a database.

#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/command.h"
#include "cli/runtime.h"
#include "services/child_index.h"
#include "web/site/app.h"
#include "web/site/server.h"

namespace cp::cli {
namespace {

struct Options {
  RuntimeOptions runtime;
  web::ServerOptions server;
  std::string assets = CP_DEFAULT_ASSETS_DIR;
  std::string templates = CP_DEFAULT_TEMPLATES_DIR;
};

int Serve(Options o) {
  o.runtime.pool_size = o.server.worker_threads + 2;
  auto rt = OpenRuntime(o.runtime);
  if (!rt) {
    std::cerr << "error: " << rt.error().message << "\n";
    return 1;
  }
  std::cerr << "Indexing children for search…\n";
  auto index = services::ChildIndex::Build(*(*rt)->db);
  if (!index) {
    std::cerr << "error: " << index.error().message << "\n";
    return 1;
  }
  std::cerr << "Indexed " << (*index)->size() << " children\n";
  auto templates = web::Templates::Load(o.templates);
  if (!templates) {
    std::cerr << "error: " << templates.error().message << "\n";
    return 1;
  }
  web::App app(*(*rt)->ctx, *(*rt)->credentials, index->get(), std::move(*templates),
               {o.assets, o.templates});
  web::Server server(o.server, [&app](const web::Request& r) { return app.Handle(r); });
  if (Status s = server.Start(); !s) {
    std::cerr << "error: " << s.error().message << "\n";
    return 1;
  }
  std::cout << "ContactPoint is running at http://" << o.server.address << ":" << server.port()
            << "/  (Ctrl-C to stop)\n"
            << std::flush;
  server.RunUntilSignalled();
  return 0;
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("serve", "Run the web service");
  cmd->add_option("--db", o->runtime.db_url, "Database URL")->capture_default_str();
  cmd->add_option("--keys", o->runtime.keys_dir, "Directory of the service's keys")
      ->capture_default_str();
  cmd->add_option("--listen", o->server.address, "Address to listen on (loopback for plain HTTP)")
      ->capture_default_str();
  cmd->add_option("--port", o->server.port, "Port (0: any free port)")->capture_default_str();
  cmd->add_option("--workers", o->server.worker_threads, "Request worker threads")
      ->capture_default_str();
  cmd->add_option("--assets", o->assets, "Folder of compiled front-end assets")
      ->capture_default_str();
  cmd->add_option("--templates", o->templates, "Folder of page templates")->capture_default_str();
  cmd->callback([o] { Exit(Serve(*o)); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
