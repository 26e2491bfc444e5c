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
  if (it->second.find("{{>") == std::string::npos) {
    layout.set("content", Compiled(name).render(data));
  } else {
    PageData with_partials = data;
    for (const auto& [partial, text] : text_) {
      if (partial.empty() || partial[0] != '_') continue;
      const std::string* body = &text;
      with_partials.set(partial, kainjow::mustache::partial([body] { return *body; }));
    }
    layout.set("content", Compiled(name).render(with_partials));
  }
  return Compiled("layout").render(layout);
}

}  // namespace cp::web
