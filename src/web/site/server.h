#pragma once
// The HTTP service: Boost.Beast on Asio. Requests are read on I/O threads
// (header limit 8 KiB, body limit 64 KiB, 30-second read and write
// deadlines, a cap on open connections), handled on a separate worker pool
// because handlers block on the database, and answered on the connection's
// executor. A fresh parser is made for every request.
//
// Plain HTTP is served only on a loopback address; anything else needs TLS,
// which this server does not yet terminate (put a TLS-terminating proxy in
// front, or bind to loopback), so Start refuses a non-loopback address.
//
// Stop() (or SIGINT/SIGTERM in RunUntilSignalled) stops accepting, lets
// in-flight requests finish, then closes.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/result.h"
#include "web/site/http_types.h"

namespace cp::web {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port
  int io_threads = 1;
  int worker_threads = 32;  // many, so that concurrent audit entries share one commit
  int max_connections = 512;
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = 64 * 1024;
  int timeout_seconds = 30;
};

using Handler = std::function<Response(const Request&)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  // Binds and starts accepting; the port actually bound is port().
  Status Start();
  unsigned short port() const;
  // Runs until SIGINT or SIGTERM, then shuts down gracefully.
  void RunUntilSignalled();
  void Stop();

  struct Impl;  // public so the connection code in server.cc can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace cp::web
