#pragma once
// Server-side pages from Mustache templates (auto-escaped), rendered inside
// web/templates/layout.mustache. Templates are read once, at start-up, and
// compiled once per worker thread (a compiled template is not thread-safe).
// A template whose name starts with "_" is a partial: any page includes it
// with {{> _name}}, in the context where it appears.

#include <cstdint>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>

#include "platform/result.h"

namespace cp::web {

using PageData = kainjow::mustache::data;

class Templates {
 public:
  // Reads every *.mustache file of `dir`.
  static Result<Templates> Load(const std::string& dir);
  // The page `name` with `data`, inside the layout (`layout` holds the
  // layout's own values: title, signed_in, csrf_token, …).
  std::string Page(const std::string& name, const PageData& data, PageData layout) const;

 private:
  kainjow::mustache::mustache& Compiled(const std::string& name) const;

  std::map<std::string, std::string> text_;
  std::uint64_t serial_ = 0;  // tells apart the per-thread caches of different sets
};

}  // namespace cp::web
