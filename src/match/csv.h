#pragma once
// Comma-separated values as source systems export them: fields may be
// quoted ("a, b" and "say ""hi"""), quoted fields may span lines, line ends
// may be CRLF, and spaces around a field (as after each comma in the FEBRL
// files) are not part of its value.

#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace cp::match {

// The fields of one record held on a single line.
std::vector<std::string> SplitCsvLine(std::string_view line);

// `value` quoted for CSV output when it holds a comma, quote or line break.
std::string CsvField(std::string_view value);

// Reads records one at a time from a file. Not thread-safe.
class CsvReader {
 public:
  [[nodiscard]] static Result<CsvReader> Open(const std::string& path);

  // Reads the next record into `fields`; false at the end of the file.
  // Blank lines are skipped.
  bool Next(std::vector<std::string>* fields);

 private:
  explicit CsvReader(std::unique_ptr<std::ifstream> in) : in_(std::move(in)) {}
  std::unique_ptr<std::ifstream> in_;
};

}  // namespace cp::match
