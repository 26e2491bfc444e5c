// The service's configuration file (issue: a TOML config file with
// documented defaults). Errors must name the key, and nothing unknown may be
// accepted silently.

#include <gtest/gtest.h>

#include "web/site/service_config.h"

namespace cp::web {
namespace {

TEST(ServiceConfig, TheExampleFileHoldsExactlyTheDefaults) {
  auto c = LoadServiceConfig(CP_SOURCE_DIR "/etc/contactpoint.toml", {});
  ASSERT_TRUE(c) << c.error().message;
  const ServiceConfig d;
  EXPECT_EQ(c->database_url, d.database_url);
  EXPECT_EQ(c->keys_dir, d.keys_dir);
  EXPECT_EQ(c->server.address, d.server.address);
  EXPECT_EQ(c->server.port, d.server.port);
  EXPECT_EQ(c->server.io_threads, d.server.io_threads);
  EXPECT_EQ(c->server.worker_threads, d.server.worker_threads);
  EXPECT_EQ(c->server.max_connections, d.server.max_connections);
  EXPECT_EQ(c->server.header_limit, d.server.header_limit);
  EXPECT_EQ(c->server.body_limit, d.server.body_limit);
  EXPECT_EQ(c->server.timeout_seconds, d.server.timeout_seconds);
  ASSERT_EQ(c->server.route_body_limits.size(), d.server.route_body_limits.size());
  for (std::size_t i = 0; i < d.server.route_body_limits.size(); ++i) {
    EXPECT_EQ(c->server.route_body_limits[i].path_prefix,
              d.server.route_body_limits[i].path_prefix);
    EXPECT_EQ(c->server.route_body_limits[i].limit, d.server.route_body_limits[i].limit);
  }
  // FEED-2: room for a data source's file on both upload routes.
  EXPECT_GT(c->server.BodyLimitFor("/api/v1/uploads"), services::kMaxUploadBytes);
  EXPECT_GT(c->server.BodyLimitFor("/uploads"), services::kMaxUploadBytes);
  EXPECT_EQ(c->server.BodyLimitFor("/search"), d.server.body_limit);
  EXPECT_FALSE(c->server.tls.enabled());
  EXPECT_EQ(c->sessions.idle_seconds, 15 * 60);  // AUTH-2
  EXPECT_EQ(c->sessions.absolute_seconds, 12 * 60 * 60);
  EXPECT_EQ(c->sessions.warning_seconds, d.sessions.warning_seconds);
  EXPECT_EQ(c->sessions.max_failures, 10);  // AUTH-3
  EXPECT_EQ(c->sessions.failure_window_seconds, 5 * 60);
  EXPECT_EQ(c->assets_dir, "");
  EXPECT_EQ(c->templates_dir, "");
}

TEST(ServiceConfig, SettingsOverrideTheDefaultsAndOmittedKeysKeepThem) {
  auto c = ParseServiceConfig(R"(
[http]
listen = "0.0.0.0"
port = 8443
route_body_limits = [{ path_prefix = "/uploads", limit_bytes = 1048576 }]
[tls]
certificate = "/etc/cp/cert.pem"
private_key = "/etc/cp/key.pem"
[sessions]
idle_seconds = 600
warning_seconds = 60
)",
                              {});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->server.address, "0.0.0.0");
  EXPECT_EQ(c->server.port, 8443);
  ASSERT_EQ(c->server.route_body_limits.size(), 1u);
  EXPECT_EQ(c->server.BodyLimitFor("/uploads/new"), 1048576u);
  EXPECT_EQ(c->server.BodyLimitFor("/search"), 65536u);
  EXPECT_TRUE(c->server.tls.enabled());
  EXPECT_EQ(c->sessions.idle_seconds, 600);
  EXPECT_EQ(c->sessions.warning_seconds, 60);
  EXPECT_EQ(c->sessions.absolute_seconds, 12 * 60 * 60);
  EXPECT_EQ(c->server.worker_threads, 32);
}

void ExpectRefused(const char* toml, const char* words) {
  auto c = ParseServiceConfig(toml, {}, "test.toml");
  ASSERT_FALSE(c) << toml;
  EXPECT_EQ(c.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(c.error().message.find(words), std::string::npos) << c.error().message;
  EXPECT_NE(c.error().message.find("test.toml"), std::string::npos) << c.error().message;
}

TEST(ServiceConfig, RefusesWhatItDoesNotUnderstandNamingTheKey) {
  ExpectRefused("[sessions]\nidle_minutes = 5\n", "unknown key sessions.idle_minutes");
  ExpectRefused("[sesions]\nidle_seconds = 300\n", "unknown section sesions");
  ExpectRefused("[http]\nport = \"80\"\n", "http.port must be a whole number");
  ExpectRefused("[http]\nport = 70000\n", "http.port must be between 0 and 65535");
  ExpectRefused("[database]\nurl = 3\n", "database.url must be a string");
  ExpectRefused("[tls]\ncertificate = \"c.pem\"\n", "go together");
  ExpectRefused("[sessions]\nidle_seconds = 300\nwarning_seconds = 300\n",
                "warning_seconds must be less than");
  ExpectRefused("[http]\nroute_body_limits = [{ path_prefix = \"x\", limit_bytes = 1 }]\n",
                "route_body_limits");
  ExpectRefused("[http\nport = 1\n", "line 1");
}

}  // namespace
}  // namespace cp::web
