#include "web/site/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <future>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "web/site/tls_context.h"

namespace cp::web {
namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::size_t ServerOptions::BodyLimitFor(const std::string& path) const {
  for (const RouteBodyLimit& r : route_body_limits) {
    if (path.rfind(r.path_prefix, 0) == 0) return r.limit;
  }
  return body_limit;
}

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  net::io_context ioc;
  // Keeps the I/O threads running while a request is on a worker and the
  // acceptor is closed (during Stop); ioc.stop() ends them.
  net::executor_work_guard<net::io_context::executor_type> keep_running{ioc.get_executor()};
  tcp::acceptor acceptor{ioc};
  net::thread_pool workers;
  std::unique_ptr<ssl::context> tls;
  std::vector<std::thread> io_threads;
  std::atomic<int> connections{0};
  std::atomic<int> in_flight{0};  // requests read and not yet fully written
  std::atomic<bool> stopping{false};
  std::size_t largest_body_limit = 0;

  Impl(ServerOptions o, Handler h)
      : options(std::move(o)),
        handler(std::move(h)),
        workers(static_cast<std::size_t>(options.worker_threads)) {
    largest_body_limit = options.body_limit;
    for (const auto& r : options.route_body_limits) {
      largest_body_limit = std::max(largest_body_limit, r.limit);
    }
  }
  void Accept();
};

namespace {

Request ToRequest(const http::request<http::string_body>& req) {
  Request r;
  r.method = std::string(req.method_string());
  const std::string target(req.target());
  const std::size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = ParseForm(target.substr(q + 1));
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(field.value());
  }
  r.cookies = ParseCookies(r.Header("cookie"));
  r.body = req.body();
  if (r.Header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0) {
    r.form = ParseForm(r.body);
  }
  return r;
}

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One connection, plain or TLS. Requests on it are served one at a time.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  Session(tcp::socket socket, Server::Impl& server) requires(!kTls)
      : stream_(std::move(socket)), server_(server) {}
  Session(tcp::socket socket, Server::Impl& server) requires(kTls)
      : stream_(std::move(socket), *server.tls), server_(server) {}
  ~Session() { --server_.connections; }

  void Start() {
    if constexpr (kTls) {
      Deadline();
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return;  // a failed handshake just closes
                                self->ReadHeader();
                              });
    } else {
      ReadHeader();
    }
  }

 private:
  void Deadline() {
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::seconds(server_.options.timeout_seconds));
  }

  void ReadHeader() {
    if (server_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.largest_body_limit);
    Deadline();
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->OnHeader(ec);
                            });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == http::error::header_limit) return SendStatus(431, "Request headers too large");
    if (ec == http::error::body_limit) return SendStatus(413, "Request body too large");
    if (ec) return Close();
    const auto target = parser_->get().target();
    const std::size_t limit =
        server_.options.BodyLimitFor(std::string(target.substr(0, target.find('?'))));
    if (parser_->content_length() && *parser_->content_length() > limit) {
      return SendStatus(413, "Request body too large");
    }
    parser_->body_limit(limit);  // also bounds a chunked body
    http::async_read(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code e, std::size_t) { self->OnRead(e); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::body_limit) return SendStatus(413, "Request body too large");
    if (ec) return Close();
    auto req = std::make_shared<http::request<http::string_body>>(parser_->release());
    ++server_.in_flight;
    const auto started = std::chrono::steady_clock::now();
    net::post(server_.workers, [self = this->shared_from_this(), req, started] {
      Response r;
      try {
        r = self->server_.handler(ToRequest(*req));
      } catch (const std::exception& e) {
        spdlog::error("handler failed: {}", e.what());
        r = Response{500, "text/plain; charset=utf-8", {}, "Internal error", false};
      }
      const auto ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      // Access log: method, path shape and status only — never query or body.
      spdlog::info("{} {} {} {:.1f}ms", std::string(req->method_string()),
                   r.status == 404 ? "(not found)"
                                   : std::string(req->target().substr(0, req->target().find('?'))),
                   r.status, ms);
      auto res = std::make_shared<http::response<http::string_body>>(
          static_cast<http::status>(r.status), req->version());
      res->set(http::field::content_type, r.content_type);
      for (const auto& [k, v] : r.headers) res->insert(k, v);
      if constexpr (kTls) {
        res->set(http::field::strict_transport_security, "max-age=31536000; includeSubDomains");
      }
      res->keep_alive(req->keep_alive() && !self->server_.stopping);
      res->body() = std::move(r.body);
      res->prepare_payload();
      net::post(self->stream_.get_executor(), [self, res] { self->Write(res, true); });
    });
  }

  void SendStatus(int status, const char* text) {
    auto res =
        std::make_shared<http::response<http::string_body>>(static_cast<http::status>(status), 11);
    res->set(http::field::content_type, "text/plain; charset=utf-8");
    res->keep_alive(false);
    res->body() = text;
    res->prepare_payload();
    Write(res, false);
  }

  void Write(std::shared_ptr<http::response<http::string_body>> res, bool counted) {
    Deadline();
    http::async_write(
        stream_, *res,
        [self = this->shared_from_this(), res, counted](beast::error_code ec, std::size_t) {
          if (counted) --self->server_.in_flight;
          if (ec || !res->keep_alive() || self->server_.stopping) return self->Close();
          self->ReadHeader();
        });
  }

  void Close() {
    if constexpr (kTls) {
      Deadline();
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
        beast::error_code ignored;
        beast::get_lowest_layer(self->stream_)
            .socket()
            .shutdown(tcp::socket::shutdown_send, ignored);
      });
    } else {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Server::Impl& server_;
};

}  // namespace

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping) Accept();
      return;
    }
    if (stopping || connections.load() >= options.max_connections) {
      beast::error_code ignored;
      socket.close(ignored);  // over the cap, or shutting down: refuse
    } else {
      ++connections;
      if (tls) {
        std::make_shared<Session<TlsStream>>(std::move(socket), *this)->Start();
      } else {
        std::make_shared<Session<PlainStream>>(std::move(socket), *this)->Start();
      }
    }
    Accept();
  });
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() {
  Stop();
  for (auto& t : impl_->io_threads) {
    if (t.joinable()) t.join();
  }
  impl_->workers.join();
}

Status Server::Start() {
  beast::error_code ec;
  const auto address = net::ip::make_address(impl_->options.address, ec);
  if (ec) return Error::Invalid("listen", "Not an IP address: " + impl_->options.address);
  if (impl_->options.tls.enabled()) {
    CP_ASSIGN(impl_->tls, MakeTlsContext(impl_->options.tls));
  } else if (!address.is_loopback()) {
    return Error::Invalid("listen",
                          "Plain HTTP is served only on a loopback address; configure a TLS "
                          "certificate and key to listen on " +
                              impl_->options.address);
  }
  const tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Error::Unavailable("cannot listen on " + impl_->options.address + ": " + ec.message());
  impl_->Accept();
  for (int i = 0; i < impl_->options.io_threads; ++i) {
    impl_->io_threads.emplace_back([this] { impl_->ioc.run(); });
  }
  return Ok();
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

bool Server::tls() const { return impl_->tls != nullptr; }

void Server::Stop() {
  if (impl_->stopping.exchange(true)) return;
  if (impl_->io_threads.empty()) {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  } else {
    // The acceptor belongs to the I/O threads: close it there, and wait.
    std::promise<void> closed;
    net::post(impl_->ioc, [this, &closed] {
      beast::error_code ignored;
      impl_->acceptor.close(ignored);
      closed.set_value();
    });
    closed.get_future().wait();
  }
  // Requests in flight finish and are written; idle connections close when
  // the I/O threads stop.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(impl_->options.timeout_seconds);
  while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->ioc.stop();
}

void Server::RunUntilSignalled() {
  net::io_context signals_ioc;
  net::signal_set signals(signals_ioc, SIGINT, SIGTERM);
  signals.async_wait([](beast::error_code, int) {});
  signals_ioc.run();
  spdlog::info("shutting down");
  Stop();
}

}  // namespace cp::web
