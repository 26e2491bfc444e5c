#pragma once
// Requests and responses as the pages and API see them, independent of the
// HTTP library.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cp::web {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> cookies;
  std::map<std::string, std::string> form;  // application/x-www-form-urlencoded body
  std::string body;

  std::string Header(const std::string& name) const;
  std::string Form(const std::string& name) const;
  std::string Cookie(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool cacheable = false;  // static assets only; everything else is no-store

  static Response Redirect(const std::string& location) {
    Response r;
    r.status = 303;
    r.headers.emplace_back("Location", location);
    return r;
  }
};

// Decodes %XX and '+' in a form or query component.
std::string UrlDecode(const std::string& s);
// A field that appears more than once (a group of checkboxes) has its
// values joined with commas, in order.
std::map<std::string, std::string> ParseForm(const std::string& body);
std::map<std::string, std::string> ParseCookies(const std::string& header);
std::string HtmlEscape(const std::string& s);

// The number between `prefix` and `suffix` in `path` ("/records/12/shield"
// with "/records/" and "/shield" → 12); nullopt unless the path is exactly
// that shape with 1–15 digits.
std::optional<std::int64_t> PathId(const std::string& path, const std::string& prefix,
                                   const std::string& suffix);

}  // namespace cp::web
