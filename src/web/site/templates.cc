#include "web/site/templates.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <unordered_map>

namespace cp::web {

Result<Templates> Templates::Load(const std::string& dir) {
  Templates t;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream s;
    s << in.rdbuf();
    t.text_[entry.path().stem().string()] = s.str();
  }
  if (ec || t.text_.count("layout") == 0) {
    return Error::Unavailable("templates not found in " + dir);
  }
  static std::atomic<std::uint64_t> next_serial{1};
  t.serial_ = next_serial++;
  return t;
}

kainjow::mustache::mustache& Templates::Compiled(const std::string& name) const {
  thread_local std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> cache;
  const std::string key = std::to_string(serial_) + "/" + name;
  auto it = cache.find(key);
  if (it == cache.end()) {
    it = cache.emplace(key, std::make_unique<kainjow::mustache::mustache>(text_.at(name))).first;
  }
  return *it->second;
}

std::string Templates::Page(const std::string& name, const PageData& data, PageData layout) const {
  auto it = text_.find(name);
  if (it == text_.end()) return "template missing";
  layout.set("content", Compiled(name).render(data));
  return Compiled("layout").render(layout);
}

}  // namespace cp::web
