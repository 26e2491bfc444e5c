// The HTTP server on a real loopback socket (port 0).

#include "web/site/server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>

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

TEST(Server, RefusesPlainHttpOffLoopback) {
  Server server({"0.0.0.0", 0, 1, 1, 16, 8192, 1024, 5}, [](const Request&) { return Response{}; });
  auto s = server.Start();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace cp::web
