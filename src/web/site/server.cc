#include "web/site/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <thread>
#include <vector>

namespace cp::web {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::thread_pool workers;
  std::vector<std::thread> io_threads;
  std::atomic<int> connections{0};
  std::atomic<bool> stopping{false};

  Impl(ServerOptions o, Handler h)
      : options(std::move(o)),
        handler(std::move(h)),
        workers(static_cast<std::size_t>(options.worker_threads)) {}
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

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {}
  ~Session() { --server_.connections; }

  void Read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    stream_.expires_after(std::chrono::seconds(server_.options.timeout_seconds));
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

 private:
  void OnRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted) {
      return Close();
    }
    if (ec == http::error::body_limit) return SendStatus(413, "Request body too large");
    if (ec == http::error::header_limit) return SendStatus(431, "Request headers too large");
    if (ec) return Close();
    auto req = std::make_shared<http::request<http::string_body>>(parser_->release());
    const auto started = std::chrono::steady_clock::now();
    net::post(server_.workers, [self = shared_from_this(), req, started] {
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
      res->keep_alive(req->keep_alive());
      res->body() = std::move(r.body);
      res->prepare_payload();
      net::post(self->stream_.get_executor(), [self, res] { self->Write(res); });
    });
  }

  void SendStatus(int status, const char* text) {
    auto res =
        std::make_shared<http::response<http::string_body>>(static_cast<http::status>(status), 11);
    res->set(http::field::content_type, "text/plain; charset=utf-8");
    res->keep_alive(false);
    res->body() = text;
    res->prepare_payload();
    Write(res);
  }

  void Write(std::shared_ptr<http::response<http::string_body>> res) {
    stream_.expires_after(std::chrono::seconds(server_.options.timeout_seconds));
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                        if (ec || !res->keep_alive() || self->server_.stopping)
                          return self->Close();
                        self->Read();
                      });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
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
    if (connections.load() >= options.max_connections) {
      beast::error_code ignored;
      socket.close(ignored);  // over the cap: refuse
    } else {
      ++connections;
      std::make_shared<Session>(std::move(socket), *this)->Read();
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
  if (!address.is_loopback()) {
    return Error::Invalid(
        "listen", "Plain HTTP is served only on a loopback address; terminate TLS in front");
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

void Server::Stop() {
  if (impl_->stopping.exchange(true)) return;
  net::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  // In-flight requests finish on the workers; then the I/O threads stop.
  impl_->workers.wait();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
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
