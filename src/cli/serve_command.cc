// contactpoint serve: the web service on a database.
//
// Settings come from the defaults, then the configuration file (--config,
// TOML; docs/configuration.md), then the command-line options actually
// given — each overriding the one before.

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "cli/command.h"
#include "cli/runtime.h"
#include "services/child_index.h"
#include "services/index_follower.h"
#include "web/site/app.h"
#include "web/site/server.h"
#include "web/site/service_config.h"

namespace cp::cli {
namespace {

struct Options {
  std::string config_file;
  // Command-line overrides; applied only when given.
  std::string db_url, keys_dir, address, assets, templates, certificate, private_key;
  unsigned short port = 0;
  int workers = 0;
  CLI::App* cmd = nullptr;

  bool Given(const char* name) const { return cmd->count(name) > 0; }
};

Result<web::ServiceConfig> Settings(const Options& o) {
  web::ServiceConfig c;
  if (!o.config_file.empty()) {
    CP_ASSIGN(c, web::LoadServiceConfig(o.config_file, c));
  }
  if (c.assets_dir.empty()) c.assets_dir = CP_DEFAULT_ASSETS_DIR;
  if (c.templates_dir.empty()) c.templates_dir = CP_DEFAULT_TEMPLATES_DIR;
  if (o.Given("--db")) c.database_url = o.db_url;
  if (o.Given("--keys")) c.keys_dir = o.keys_dir;
  if (o.Given("--listen")) c.server.address = o.address;
  if (o.Given("--port")) c.server.port = o.port;
  if (o.Given("--workers")) c.server.worker_threads = o.workers;
  if (o.Given("--assets")) c.assets_dir = o.assets;
  if (o.Given("--templates")) c.templates_dir = o.templates;
  if (o.Given("--tls-certificate")) c.server.tls.certificate_file = o.certificate;
  if (o.Given("--tls-key")) c.server.tls.private_key_file = o.private_key;
  if (c.server.tls.certificate_file.empty() != c.server.tls.private_key_file.empty()) {
    return Error::Invalid("tls", "A TLS certificate and its private key go together");
  }
  return c;
}

// Polls for records other processes changed (services::IndexFollower)
// every two seconds, on its own thread, until stopped.
class IndexFollowing {
 public:
  IndexFollowing(store::Database& db, services::ChildIndex& index, const Clock& clock)
      : follower_(db, index, clock), thread_([this] { Run(); }) {}
  ~IndexFollowing() { Stop(); }

  void Stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(2), [this] { return stopping_; })) {
      lock.unlock();
      if (auto polled = follower_.Poll(); !polled) {
        spdlog::warn("search index: cannot follow other processes' changes: {}",
                     polled.error().message);
      } else if (*polled > 0) {
        spdlog::info("search index: {} changed records filed again", *polled);
      }
      lock.lock();
    }
  }

  services::IndexFollower follower_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the rest is ready
};

int Serve(const Options& o) {
  auto settings = Settings(o);
  if (!settings) {
    std::cerr << "error: " << settings.error().message << "\n";
    return 2;
  }
  const web::ServiceConfig& c = *settings;
  RuntimeOptions runtime;
  runtime.db_url = c.database_url;
  runtime.keys_dir = c.keys_dir;
  runtime.pool_size = c.server.worker_threads + 2;
  auto rt = OpenRuntime(runtime);
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
  auto templates = web::Templates::Load(c.templates_dir);
  if (!templates) {
    std::cerr << "error: " << templates.error().message << "\n";
    return 1;
  }
  web::App app(*(*rt)->ctx, *(*rt)->credentials, index->get(), std::move(*templates),
               {c.assets_dir, c.templates_dir, c.sessions});
  web::Server server(c.server, [&app](const web::Request& r) { return app.Handle(r); });
  if (Status s = server.Start(); !s) {
    std::cerr << "error: " << s.error().message << "\n";
    return 1;
  }
  std::cout << "ContactPoint is running at " << (server.tls() ? "https" : "http") << "://"
            << c.server.address << ":" << server.port() << "/  (Ctrl-C to stop)\n"
            << std::flush;
  IndexFollowing following(*(*rt)->db, **index, (*rt)->ctx->clock);
  server.RunUntilSignalled();
  following.Stop();
  std::cerr << "Stopped.\n";
  return 0;
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("serve", "Run the web service");
  o->cmd = cmd;
  cmd->add_option("--config", o->config_file,
                  "Configuration file (TOML; see docs/configuration.md)");
  cmd->add_option("--db", o->db_url, "Database URL (default sqlite:var/contactpoint.db)");
  cmd->add_option("--keys", o->keys_dir, "Directory of the service's keys (default var/keys)");
  cmd->add_option("--listen", o->address,
                  "Address to listen on (default 127.0.0.1; anything but loopback needs TLS)");
  cmd->add_option("--port", o->port, "Port (default 8080; 0: any free port)");
  cmd->add_option("--workers", o->workers, "Request worker threads (default 32)");
  cmd->add_option("--tls-certificate", o->certificate, "TLS certificate chain (PEM)");
  cmd->add_option("--tls-key", o->private_key, "TLS private key (PEM)");
  cmd->add_option("--assets", o->assets, "Folder of compiled front-end assets");
  cmd->add_option("--templates", o->templates, "Folder of page templates");
  cmd->callback([o] { Exit(Serve(*o)); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
