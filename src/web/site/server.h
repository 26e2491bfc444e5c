#pragma once
// The HTTP service: Boost.Beast on Asio. Each request's header is read
// first (header limit 8 KiB), then its body up to the limit of its route
// (64 KiB unless a route says otherwise), both under a deadline; the
// request is handled on a separate worker pool because handlers block on
// the database, and answered on the connection's executor. A cap on open
// connections refuses the excess. A fresh parser is made for every request.
//
// With a certificate and key configured the server speaks only TLS (1.2 or
// later, forward-secret AEAD suites, Strict-Transport-Security on every
// response). Without them it speaks plain HTTP, and then only on a loopback
// address: Start refuses anything else.
//
// Stop() (or SIGINT/SIGTERM in RunUntilSignalled) stops accepting and stops
// reading new requests, lets the requests in flight finish and be written
// (for at most the deadline), then closes every connection.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/result.h"
#include "web/site/http_types.h"

namespace cp::web {

struct TlsOptions {
  std::string certificate_file;  // PEM, the certificate chain
  std::string private_key_file;  // PEM
  bool enabled() const { return !certificate_file.empty(); }
};

// A larger (or smaller) body limit for requests whose path starts with
// `path_prefix`, e.g. file uploads. The first matching entry wins.
struct RouteBodyLimit {
  std::string path_prefix;
  std::size_t limit = 0;
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port
  int io_threads = 1;
  int worker_threads = 32;  // many, so that concurrent audit entries share one commit
  int max_connections = 512;
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = 64 * 1024;
  int timeout_seconds = 30;
  std::vector<RouteBodyLimit> route_body_limits;
  TlsOptions tls;

  // The body limit that applies to a request for `path`.
  std::size_t BodyLimitFor(const std::string& path) const;
};

using Handler = std::function<Response(const Request&)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  // Loads the TLS certificate (when configured), binds and starts
  // accepting; the port actually bound is port().
  Status Start();
  unsigned short port() const;
  bool tls() const;
  // Runs until SIGINT or SIGTERM, then shuts down gracefully.
  void RunUntilSignalled();
  void Stop();

  struct Impl;  // public so the connection code in server.cc can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace cp::web
