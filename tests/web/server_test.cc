// The HTTP server on a real loopback socket (port 0).

#include "web/site/server.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <sstream>
#include <thread>

namespace cp::web {
namespace {

// Small limits and a short deadline, so the tests can exceed them.
ServerOptions Options(const char* address, int workers, std::size_t body_limit) {
  ServerOptions o;
  o.address = address;
  o.port = 0;
  o.worker_threads = workers;
  o.max_connections = 16;
  o.header_limit = 8192;
  o.body_limit = body_limit;
  o.timeout_seconds = 5;
  return o;
}

std::string Exchange(unsigned short port, const std::string& request) {
  namespace net = boost::asio;
  net::io_context ioc;
  net::ip::tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  net::write(socket, net::buffer(request));
  std::string response;
  boost::system::error_code ec;
  char buf[4096];
  for (;;) {
    const std::size_t n = socket.read_some(net::buffer(buf), ec);
    response.append(buf, n);
    if (ec) break;
  }
  return response;
}

TEST(Server, AnswersOnLoopbackAndLimitsTheBody) {
  Server server(Options("127.0.0.1", 2, 1024), [](const Request& r) {
    return Response{200, "text/plain", {}, "hello " + r.path, false};
  });
  ASSERT_TRUE(server.Start());
  const std::string ok =
      Exchange(server.port(), "GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_NE(ok.find("200 OK"), std::string::npos);
  EXPECT_NE(ok.find("hello /x"), std::string::npos);
  const std::string big =
      Exchange(server.port(), "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" +
                                  std::string(5000, 'a'));
  EXPECT_NE(big.find("413"), std::string::npos);
  const std::string headers =
      Exchange(server.port(),
               "GET /x HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(10000, 'h') + "\r\n\r\n");
  EXPECT_NE(headers.find("431"), std::string::npos);
  server.Stop();
}

// DESIGN invariant 5: the access log carries no personal data — never a
// query string or a body.
TEST(Server, AccessLogHoldsNoPersonalData) {
  std::ostringstream captured;
  auto logger = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);
  {
    Server server(Options("127.0.0.1", 2, 4096), [](const Request&) {
      return Response{200, "text/plain", {}, "ok", false};
    });
    ASSERT_TRUE(server.Start());
    Exchange(server.port(),
             "GET /records/42?surname=Whitfield HTTP/1.1\r\nHost: t\r\n"
             "Connection: close\r\n\r\n");
    const std::string body = "surname=Okafor&postcode=LS6+3AB";
    Exchange(server.port(),
             "POST /search HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
             "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\n\r\n" + body);
    server.Stop();
  }
  logger->flush();
  spdlog::set_default_logger(previous);
  const std::string log = captured.str();
  EXPECT_NE(log.find("/records/42"), std::string::npos) << log;
  EXPECT_NE(log.find("/search"), std::string::npos);
  for (const char* personal : {"Whitfield", "Okafor", "LS6", "surname"}) {
    EXPECT_EQ(log.find(personal), std::string::npos) << personal << " in " << log;
  }
}

TEST(Server, RefusesPlainHttpOffLoopback) {
  Server server(Options("0.0.0.0", 1, 1024), [](const Request&) { return Response{}; });
  auto s = server.Start();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

std::string Post(unsigned short port, const std::string& path, std::size_t bytes) {
  return Exchange(port, "POST " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n" +
                            "Content-Length: " + std::to_string(bytes) + "\r\n\r\n" +
                            std::string(bytes, 'a'));
}

TEST(Server, AppliesEachRoutesBodyLimit) {
  ServerOptions o = Options("127.0.0.1", 2, 1024);
  o.route_body_limits = {{"/uploads", 16 * 1024}};
  Server server(o, [](const Request& r) {
    return Response{200, "text/plain", {}, "got " + std::to_string(r.body.size()), false};
  });
  ASSERT_TRUE(server.Start());
  EXPECT_NE(Post(server.port(), "/uploads/file", 10000).find("got 10000"), std::string::npos);
  EXPECT_NE(Post(server.port(), "/search", 10000).find("413"), std::string::npos);
  EXPECT_NE(Post(server.port(), "/uploads/file", 20000).find("413"), std::string::npos);
  EXPECT_NE(Post(server.port(), "/search", 1000).find("got 1000"), std::string::npos);
  // A chunked body is held to the same limit as it arrives.
  std::string chunked = "POST /search HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) chunked += "1f4\r\n" + std::string(500, 'b') + "\r\n";
  chunked += "0\r\n\r\n";
  EXPECT_NE(Exchange(server.port(), chunked).find("413"), std::string::npos);
  server.Stop();
}

// SIGTERM's path: Stop() lets a request already being handled finish and be
// written, and accepts nothing after.
TEST(Server, StopsGracefullyFinishingRequestsInFlight) {
  std::promise<void> entered;
  Server server(Options("127.0.0.1", 2, 1024), [&entered](const Request&) {
    entered.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    return Response{200, "text/plain", {}, "finished", false};
  });
  ASSERT_TRUE(server.Start());
  const unsigned short port = server.port();
  auto response = std::async(std::launch::async, [port] {
    return Exchange(port, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  });
  entered.get_future().wait();
  const auto before = std::chrono::steady_clock::now();
  server.Stop();
  EXPECT_GE(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(200));
  const std::string r = response.get();
  EXPECT_NE(r.find("200 OK"), std::string::npos) << r;
  EXPECT_NE(r.find("finished"), std::string::npos);
  EXPECT_NE(r.find("Connection: close"), std::string::npos);  // no keep-alive while stopping
  namespace net = boost::asio;
  net::io_context ioc;
  net::ip::tcp::socket late(ioc);
  boost::system::error_code ec;
  late.connect({net::ip::make_address("127.0.0.1"), port}, ec);
  if (!ec) {
    std::string rest;
    char buf[256];
    net::write(late, net::buffer(std::string("GET / HTTP/1.1\r\nHost: t\r\n\r\n")), ec);
    const std::size_t n = late.read_some(net::buffer(buf), ec);
    rest.assign(buf, n);
    EXPECT_EQ(rest.find("HTTP/1.1"), std::string::npos) << "served after Stop: " << rest;
  }
}

// A self-signed certificate and key for the TLS tests, in a temporary folder.
struct TestCertificate {
  std::filesystem::path dir;
  TlsOptions files;

  TestCertificate() {
    dir = std::filesystem::temp_directory_path() /
          ("cp-tls-" + std::to_string(::getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir);
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509_sign(x, key, EVP_sha256());
    files = {(dir / "cert.pem").string(), (dir / "key.pem").string()};
    FILE* f = std::fopen(files.certificate_file.c_str(), "w");
    PEM_write_X509(f, x);
    std::fclose(f);
    f = std::fopen(files.private_key_file.c_str(), "w");
    PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    X509_free(x);
    EVP_PKEY_free(key);
  }
  ~TestCertificate() { std::filesystem::remove_all(dir); }
};

// A TLS exchange; `max_version` bounds the client's protocol. Returns the
// response, or "handshake failed".
std::string TlsExchange(unsigned short port, const std::string& request,
                        int max_version = TLS1_3_VERSION) {
  namespace net = boost::asio;
  namespace ssl = net::ssl;
  ssl::context ctx(ssl::context::tls_client);
  ctx.set_verify_mode(ssl::verify_none);               // the test's own self-signed certificate
  SSL_CTX_set_security_level(ctx.native_handle(), 0);  // so only the server can refuse old TLS
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(ctx.native_handle(), max_version);
  SSL_CTX_set_cipher_list(ctx.native_handle(), "ALL:@SECLEVEL=0");
  net::io_context ioc;
  ssl::stream<net::ip::tcp::socket> stream(ioc, ctx);
  stream.next_layer().connect({net::ip::make_address("127.0.0.1"), port});
  boost::system::error_code ec;
  stream.handshake(ssl::stream_base::client, ec);
  if (ec) return "handshake failed";
  net::write(stream, net::buffer(request));
  std::string response;
  char buf[4096];
  for (;;) {
    const std::size_t n = stream.read_some(net::buffer(buf), ec);
    response.append(buf, n);
    if (ec) break;
  }
  return response;
}

TEST(Server, ServesTls12AndLaterWithStrictTransportSecurity) {
  TestCertificate cert;
  ServerOptions o = Options("127.0.0.1", 2, 1024);
  o.tls = cert.files;
  Server server(o, [](const Request& r) {
    return Response{200, "text/plain", {}, "secure " + r.path, false};
  });
  ASSERT_TRUE(server.Start());
  EXPECT_TRUE(server.tls());
  const std::string get = "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
  const std::string ok13 = TlsExchange(server.port(), get);
  EXPECT_NE(ok13.find("200 OK"), std::string::npos) << ok13;
  EXPECT_NE(ok13.find("secure /healthz"), std::string::npos);
  EXPECT_NE(ok13.find("Strict-Transport-Security: max-age="), std::string::npos);
  EXPECT_NE(TlsExchange(server.port(), get, TLS1_2_VERSION).find("200 OK"), std::string::npos);
  // TLS 1.1 and 1.0 are refused, and so is plain HTTP on the TLS port.
  EXPECT_EQ(TlsExchange(server.port(), get, TLS1_1_VERSION), "handshake failed");
  EXPECT_EQ(TlsExchange(server.port(), get, TLS1_VERSION), "handshake failed");
  EXPECT_EQ(Exchange(server.port(), get).find("200 OK"), std::string::npos);
  server.Stop();
}

TEST(Server, ListensOffLoopbackOnlyWithTls) {
  TestCertificate cert;
  ServerOptions o = Options("0.0.0.0", 1, 1024);
  o.tls = cert.files;
  Server server(o, [](const Request&) { return Response{}; });
  EXPECT_TRUE(server.Start());
  server.Stop();
}

TEST(Server, RefusesAMissingOrMismatchedCertificate) {
  TestCertificate a, b;
  ServerOptions o = Options("127.0.0.1", 1, 1024);
  o.tls = {a.files.certificate_file, b.files.private_key_file};
  Server mismatched(o, [](const Request&) { return Response{}; });
  auto s = mismatched.Start();
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("private key"), std::string::npos) << s.error().message;
  o.tls = {(a.dir / "missing.pem").string(), a.files.private_key_file};
  Server missing(o, [](const Request&) { return Response{}; });
  EXPECT_FALSE(missing.Start());
}

}  // namespace
}  // namespace cp::web
