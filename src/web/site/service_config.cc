#include "web/site/service_config.h"

#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace cp::web {
namespace {

// Reads the keys of one section, refusing any it does not know.
class Section {
 public:
  Section(const toml::table& root, std::string name, std::string_view origin)
      : name_(std::move(name)), origin_(origin) {
    if (const toml::node* n = root.get(name_)) table_ = n->as_table();
    if (root.get(name_) != nullptr && table_ == nullptr) error_ = name_ + " must be a table";
  }

  void Text(const char* key, std::string& out) {
    if (const toml::node* n = Get(key)) {
      if (auto v = n->value<std::string>()) {
        out = *v;
      } else {
        Fail(key, "must be a string");
      }
    }
  }

  template <class Int>
  void Number(const char* key, Int& out, std::int64_t min, std::int64_t max) {
    if (const toml::node* n = Get(key)) {
      auto v = n->is_integer() ? n->value<std::int64_t>() : std::nullopt;
      if (!v) return Fail(key, "must be a whole number");
      if (*v < min || *v > max) {
        return Fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
      }
      out = static_cast<Int>(*v);
    }
  }

  const toml::array* Array(const char* key) {
    const toml::node* n = Get(key);
    if (n == nullptr) return nullptr;
    if (!n->is_array()) Fail(key, "must be an array of tables");
    return n->as_array();
  }

  // Call after reading every key: an unknown key is an error.
  Status Finish() {
    if (error_.empty() && table_ != nullptr) {
      for (const auto& [key, value] : *table_) {
        if (known_.count(std::string(key.str())) == 0) {
          error_ = "unknown key " + name_ + "." + std::string(key.str());
          break;
        }
      }
    }
    if (!error_.empty()) return Error::Invalid(name_, std::string(origin_) + ": " + error_);
    return Ok();
  }

 private:
  const toml::node* Get(const char* key) {
    known_.insert(key);
    return table_ != nullptr ? table_->get(key) : nullptr;
  }
  void Fail(const char* key, const std::string& problem) {
    if (error_.empty()) error_ = name_ + "." + key + " " + problem;
  }

  std::string name_;
  std::string_view origin_;
  const toml::table* table_ = nullptr;
  std::set<std::string> known_;
  std::string error_;
};

constexpr std::int64_t kMaxBody = std::int64_t{1} << 30;  // 1 GiB

}  // namespace

Result<ServiceConfig> ParseServiceConfig(std::string_view text, ServiceConfig c,
                                         std::string_view origin) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << origin << " line " << e.source().begin.line << ": " << e.description();
    return Error::Invalid("config", where.str());
  }
  static const std::set<std::string> kSections = {"database", "keys",     "http",
                                                  "tls",      "sessions", "web"};
  for (const auto& [key, value] : root) {
    if (kSections.count(std::string(key.str())) == 0) {
      return Error::Invalid("config",
                            std::string(origin) + ": unknown section " + std::string(key.str()));
    }
  }

  Section database(root, "database", origin);
  database.Text("url", c.database_url);
  CP_TRY(database.Finish());

  Section keys(root, "keys", origin);
  keys.Text("directory", c.keys_dir);
  CP_TRY(keys.Finish());

  Section http(root, "http", origin);
  ServerOptions& s = c.server;
  http.Text("listen", s.address);
  http.Number("port", s.port, 0, 65535);
  http.Number("io_threads", s.io_threads, 1, 64);
  http.Number("workers", s.worker_threads, 1, 1024);
  http.Number("max_connections", s.max_connections, 1, 1'000'000);
  http.Number("header_limit_bytes", s.header_limit, 1024, 1024 * 1024);
  http.Number("body_limit_bytes", s.body_limit, 0, kMaxBody);
  http.Number("timeout_seconds", s.timeout_seconds, 1, 3600);
  if (const toml::array* limits = http.Array("route_body_limits")) {
    s.route_body_limits.clear();
    for (const toml::node& entry : *limits) {
      const toml::table* t = entry.as_table();
      auto prefix = t != nullptr ? (*t)["path_prefix"].value<std::string>() : std::nullopt;
      auto limit = t != nullptr ? (*t)["limit_bytes"].value<std::int64_t>() : std::nullopt;
      if (!prefix || !limit || prefix->empty() || (*prefix)[0] != '/' || *limit < 0 ||
          *limit > kMaxBody || t->size() != 2) {
        return Error::Invalid("http", std::string(origin) +
                                          ": each http.route_body_limits entry needs "
                                          "path_prefix (\"/…\") and limit_bytes (0 to 1 GiB)");
      }
      s.route_body_limits.push_back({*prefix, static_cast<std::size_t>(*limit)});
    }
  }
  CP_TRY(http.Finish());

  Section tls(root, "tls", origin);
  tls.Text("certificate", s.tls.certificate_file);
  tls.Text("private_key", s.tls.private_key_file);
  CP_TRY(tls.Finish());
  if (s.tls.certificate_file.empty() != s.tls.private_key_file.empty()) {
    return Error::Invalid(
        "tls", std::string(origin) + ": tls.certificate and tls.private_key go together");
  }

  Section sessions(root, "sessions", origin);
  services::SessionPolicy& p = c.sessions;
  sessions.Number("idle_seconds", p.idle_seconds, 60, 24 * 3600);
  sessions.Number("absolute_seconds", p.absolute_seconds, 60, 7 * 24 * 3600);
  sessions.Number("warning_seconds", p.warning_seconds, 10, 3600);
  sessions.Number("max_failures", p.max_failures, 1, 100);
  sessions.Number("failure_window_seconds", p.failure_window_seconds, 60, 24 * 3600);
  CP_TRY(sessions.Finish());
  if (p.warning_seconds >= p.idle_seconds) {
    return Error::Invalid("sessions", std::string(origin) +
                                          ": sessions.warning_seconds must be less than "
                                          "sessions.idle_seconds");
  }
  if (p.idle_seconds > p.absolute_seconds) {
    return Error::Invalid("sessions", std::string(origin) +
                                          ": sessions.idle_seconds must not exceed "
                                          "sessions.absolute_seconds");
  }

  Section web(root, "web", origin);
  web.Text("assets", c.assets_dir);
  web.Text("templates", c.templates_dir);
  CP_TRY(web.Finish());
  return c;
}

Result<ServiceConfig> LoadServiceConfig(const std::string& path, ServiceConfig defaults) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Invalid("config", "Cannot read the configuration file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return ParseServiceConfig(text.str(), std::move(defaults), path);
}

}  // namespace cp::web
