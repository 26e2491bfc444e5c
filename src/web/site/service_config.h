#pragma once
// The service's configuration file (TOML). Every key is optional; a missing
// key keeps its default, documented in docs/configuration.md and shown in
// full in etc/contactpoint.toml. An unknown section or key, or a value of
// the wrong type or out of range, is an error naming the key — a typo must
// not silently leave a security setting at its default.

#include <cstddef>
#include <string>
#include <string_view>

#include "platform/result.h"
#include "services/session_service.h"
#include "services/upload_service.h"
#include "web/site/server.h"

namespace cp::web {

// A data source's file (FEED-2) may be up to services::kMaxUploadBytes; its
// two routes take that and room for the upload form around it.
inline constexpr std::size_t kUploadRouteBodyLimit = services::kMaxUploadBytes + 1024 * 1024;

// ServerOptions' own defaults, with the upload routes' body limits.
inline ServerOptions DefaultServerOptions() {
  ServerOptions o;
  o.route_body_limits = {{"/api/v1/uploads", kUploadRouteBodyLimit},
                         {"/uploads", kUploadRouteBodyLimit}};
  return o;
}

struct ServiceConfig {
  std::string database_url = "sqlite:var/contactpoint.db";
  std::string keys_dir = "var/keys";
  ServerOptions server = DefaultServerOptions();
  services::SessionPolicy sessions;
  std::string assets_dir;     // empty: the build's assets folder
  std::string templates_dir;  // empty: the source tree's web/templates
};

// Parses `toml` over `defaults`. `origin` names the source in errors.
Result<ServiceConfig> ParseServiceConfig(std::string_view toml, ServiceConfig defaults,
                                         std::string_view origin = "configuration");
Result<ServiceConfig> LoadServiceConfig(const std::string& path, ServiceConfig defaults);

}  // namespace cp::web
