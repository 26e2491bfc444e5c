#include "web/site/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>

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
  return t;
}

std::string Templates::Page(const std::string& name, const PageData& data, PageData layout) const {
  auto it = text_.find(name);
  if (it == text_.end()) return "template missing";
  kainjow::mustache::mustache content(it->second);
  layout.set("content", content.render(data));
  kainjow::mustache::mustache frame(text_.at("layout"));
  return frame.render(layout);
}

}  // namespace cp::web
