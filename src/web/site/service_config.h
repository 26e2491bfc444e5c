#pragma once
// The service's configuration file (TOML). Every key is optional; a missing
// key keeps its default, documented in docs/configuration.md and shown in
// full in etc/contactpoint.toml. An unknown section or key, or a value of
// the wrong type or out of range, is an error naming the key — a typo must
// not silently leave a security setting at its default.

#include <string>
#include <string_view>

#include "platform/result.h"
#include "services/session_service.h"
#include "web/site/server.h"

namespace cp::web {

struct ServiceConfig {
  std::string database_url = "sqlite:var/contactpoint.db";
  std::string keys_dir = "var/keys";
  ServerOptions server;
  services::SessionPolicy sessions;
  std::string assets_dir;     // empty: the build's assets folder
  std::string templates_dir;  // empty: the source tree's web/templates
};

// Parses `toml` over `defaults`. `origin` names the source in errors.
Result<ServiceConfig> ParseServiceConfig(std::string_view toml, ServiceConfig defaults,
                                         std::string_view origin = "configuration");
Result<ServiceConfig> LoadServiceConfig(const std::string& path, ServiceConfig defaults);

}  // namespace cp::web
