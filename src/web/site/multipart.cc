#include "web/site/multipart.h"

#include <cctype>
#include <utility>
#include <vector>

namespace cp::web {
namespace {

constexpr std::size_t kMaxBoundaryChars = 70;  // RFC 2046
constexpr std::size_t kMaxNameBytes = 100;

Error Refuse(const std::string& why) {
  return Error::Invalid("form", "The form could not be read: " + why);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// RFC 7230 token characters.
bool IsTokenChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046 bchars.
bool IsBoundaryChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

struct HeaderValue {
  std::string type;                                         // lower case
  std::vector<std::pair<std::string, std::string>> params;  // names lower case, in order
};

// `type *( ";" name "=" ( token / quoted-string ) )`. Quoted strings end at
// the next quote (browsers escape quotes in names as %22 and use no
// backslash escapes). A parameter named twice, an unterminated quote or a
// control character is refused.
Result<HeaderValue> ParseHeaderValue(std::string_view v) {
  HeaderValue out;
  std::size_t pos = v.find(';');
  out.type = Lower(Trim(v.substr(0, pos)));
  if (out.type.empty()) return Refuse("a header has no value");
  while (pos != std::string_view::npos) {
    ++pos;  // past ';'
    const std::size_t eq = v.find('=', pos);
    if (eq == std::string_view::npos) return Refuse("a parameter has no value");
    const std::string name = Lower(Trim(v.substr(pos, eq - pos)));
    if (name.empty()) return Refuse("a parameter has no name");
    for (char c : name) {
      if (!IsTokenChar(c)) return Refuse("a parameter's name is not a token");
    }
    for (const auto& p : out.params) {
      if (p.first == name) return Refuse("a parameter is given twice");
    }
    pos = eq + 1;
    while (pos < v.size() && IsSpace(v[pos])) ++pos;
    std::string value;
    if (pos < v.size() && v[pos] == '"') {
      const std::size_t close = v.find('"', pos + 1);
      if (close == std::string_view::npos) return Refuse("a quoted parameter is not closed");
      value = std::string(v.substr(pos + 1, close - pos - 1));
      pos = close + 1;
    } else {
      const std::size_t start = pos;
      while (pos < v.size() && IsTokenChar(v[pos])) ++pos;
      value = std::string(v.substr(start, pos - start));
      if (value.empty()) return Refuse("a parameter has no value");
    }
    if (HasControl(value)) return Refuse("a parameter holds a control character");
    while (pos < v.size() && IsSpace(v[pos])) ++pos;
    if (pos < v.size() && v[pos] != ';') return Refuse("a header's parameters are malformed");
    if (pos == v.size()) pos = std::string_view::npos;
    out.params.emplace_back(name, std::move(value));
  }
  return out;
}

const std::string* Param(const HeaderValue& h, const std::string& name) {
  for (const auto& p : h.params) {
    if (p.first == name) return &p.second;
  }
  return nullptr;
}

struct PartHeaders {
  std::string name;
  std::optional<std::string> file_name;
  std::string content_type;
};

// A part's header block (without the blank line that ends it).
Result<PartHeaders> ParsePartHeaders(std::string_view block) {
  PartHeaders out;
  bool disposition = false, type = false;
  while (!block.empty()) {
    const std::size_t eol = block.find("\r\n");
    const std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    if (line.empty() || IsSpace(line.front())) return Refuse("a part's headers are malformed");
    if (line.find('\r') != std::string_view::npos || line.find('\n') != std::string_view::npos) {
      return Refuse("a part's headers are malformed");
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Refuse("a part's headers are malformed");
    const std::string name = Lower(line.substr(0, colon));
    const std::string_view value = Trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (disposition) return Refuse("a part has two Content-Disposition headers");
      disposition = true;
      CP_ASSIGN(HeaderValue h, ParseHeaderValue(value));
      if (h.type != "form-data") return Refuse("a part is not form data");
      for (const auto& [param, text] : h.params) {
        if (param != "name" && param != "filename")
          return Refuse("a part has an unknown parameter");
      }
      const std::string* field = Param(h, "name");
      if (field == nullptr || field->empty() || field->size() > kMaxNameBytes) {
        return Refuse("a part has no usable name");
      }
      out.name = *field;
      if (const std::string* file = Param(h, "filename")) out.file_name = *file;
    } else if (name == "content-type") {
      if (type) return Refuse("a part has two Content-Type headers");
      type = true;
      if (HasControl(value)) return Refuse("a part's headers are malformed");
      out.content_type = std::string(value);
    } else {
      return Refuse("a part has a header this form does not take");
    }
  }
  if (!disposition) return Refuse("a part has no Content-Disposition");
  return out;
}

}  // namespace

Result<std::string> MultipartBoundary(std::string_view content_type) {
  auto h = ParseHeaderValue(content_type);
  if (!h || h->type != "multipart/form-data") return Refuse("it is not multipart/form-data");
  if (h->params.size() != 1 || h->params[0].first != "boundary") {
    return Refuse("its Content-Type must give the boundary and nothing else");
  }
  const std::string& b = h->params[0].second;
  if (b.empty() || b.size() > kMaxBoundaryChars || b.back() == ' ') {
    return Refuse("its boundary is not 1 to 70 characters");
  }
  for (char c : b) {
    if (!IsBoundaryChar(c)) return Refuse("its boundary holds a character boundaries may not");
  }
  return b;
}

Result<MultipartForm> ParseMultipartForm(std::string_view body, std::string_view content_type,
                                         std::string_view file_field,
                                         const MultipartLimits& limits) {
  CP_ASSIGN(const std::string boundary, MultipartBoundary(content_type));
  const std::string opening = "--" + boundary + "\r\n";
  const std::string delimiter = "\r\n--" + boundary;
  if (body.substr(0, opening.size()) != opening) {
    return Refuse("it does not start with its boundary");
  }
  MultipartForm form;
  bool file_part = false;
  std::size_t pos = opening.size();
  for (std::size_t parts = 1;; ++parts) {
    if (parts > limits.max_parts) return Refuse("it has too many parts");
    const std::size_t headers_end = body.substr(pos, limits.max_header_bytes + 4).find("\r\n\r\n");
    if (headers_end == std::string_view::npos) {
      return Refuse("a part's headers are too long or not ended");
    }
    CP_ASSIGN(PartHeaders part, ParsePartHeaders(body.substr(pos, headers_end)));
    pos += headers_end + 4;
    const std::size_t stop = body.find(delimiter, pos);
    if (stop == std::string_view::npos) return Refuse("it ends before its closing boundary");
    const std::string_view content = body.substr(pos, stop - pos);
    pos = stop + delimiter.size();
    bool last = false;
    if (body.substr(pos, 2) == "--") {
      const std::string_view rest = body.substr(pos + 2);
      if (!rest.empty() && rest != "\r\n") return Refuse("it goes on after its closing boundary");
      last = true;
    } else if (body.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else {
      return Refuse("a boundary is followed by something else");
    }

    if (part.file_name) {
      if (part.name != file_field) return Refuse("a file was sent in a field that takes none");
      if (file_part) return Refuse("it holds more than one file");
      file_part = true;
      if (part.file_name->empty() && content.empty()) {
        // A browser's file input with no file chosen.
      } else if (part.file_name->empty()) {
        return Refuse("the file has no name");
      } else if (content.size() > limits.max_file_bytes) {
        return Refuse("the file is too large");
      } else {
        form.file = MultipartFile{part.name, *part.file_name, part.content_type, content};
      }
    } else {
      if (part.name == file_field) return Refuse("the file field does not hold a file");
      if (form.fields.count(part.name) != 0) return Refuse("a field is given twice");
      if (content.size() > limits.max_field_bytes) return Refuse("a field is too long");
      form.fields.emplace(part.name, std::string(content));
    }
    if (last) return form;
  }
}

}  // namespace cp::web
