// The HTTP server on a real loopback socket (port 0).

#include "web/site/server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <sstream>

namespace cp::web {
namespace {

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
  Server server({"127.0.0.1", 0, 1, 2, 16, 8192, 1024, 5}, [](const Request& r) {
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
    Server server({"127.0.0.1", 0, 1, 2, 16, 8192, 4096, 5}, [](const Request&) {
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
  Server server({"0.0.0.0", 0, 1, 1, 16, 8192, 1024, 5}, [](const Request&) { return Response{}; });
  auto s = server.Start();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace cp::web
