#pragma once
// A minimal, strict reader of multipart/form-data (RFC 7578) for a form
// with a few text fields and at most one file, as a browser sends it.
//
// Strict, because the body comes from the network: anything this reader
// does not expect is refused whole with an InvalidArgument ("form"), never
// guessed at — a preamble or epilogue, a header other than
// Content-Disposition and Content-Type (or one given twice, or folded), a
// part that is not form-data, a field named twice, a file in any field but
// the one named, more parts or bigger values than the limits, a body that
// ends before its closing boundary. Nothing is decoded: no transfer
// encodings, no RFC 2231 parameters.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace cp::web {

struct MultipartLimits {
  std::size_t max_parts = 8;
  std::size_t max_header_bytes = 1024;  // one part's headers
  std::size_t max_field_bytes = 1024;   // one text field's value
  std::size_t max_file_bytes = 0;       // the file's content
};

struct MultipartFile {
  std::string field;
  std::string file_name;     // as the browser gave it: for its extension only
  std::string content_type;  // empty when not given
  std::string_view content;  // a view into the parsed body: valid while it is
};

struct MultipartForm {
  std::map<std::string, std::string> fields;  // text fields by name
  std::optional<MultipartFile> file;          // absent when no file was chosen
};

// The boundary of a "multipart/form-data; boundary=…" Content-Type (1–70
// characters of RFC 2046's set, quoted or not); InvalidArgument otherwise.
Result<std::string> MultipartBoundary(std::string_view content_type);

// Reads `body` sent with `content_type`. Only `file_field` may carry a file
// (a part with a filename); a browser's empty file part (no file chosen)
// leaves `file` absent.
Result<MultipartForm> ParseMultipartForm(std::string_view body, std::string_view content_type,
                                         std::string_view file_field,
                                         const MultipartLimits& limits);

}  // namespace cp::web
