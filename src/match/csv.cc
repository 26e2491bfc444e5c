#include "match/csv.h"

namespace cp::match {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// Splits `text` (which may hold line breaks inside quotes) into fields.
// Returns false when a quote is still open at the end.
bool Split(std::string_view text, std::vector<std::string>* fields) {
  fields->clear();
  std::string field;
  bool quoted = false;      // inside quotes now
  bool was_quoted = false;  // this field had quotes: keep its inner spaces
  std::size_t i = 0;
  auto finish = [&] {
    fields->push_back(was_quoted ? field : std::string(Trim(field)));
    field.clear();
    was_quoted = false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"' && Trim(field).empty()) {
      field.clear();
      quoted = true;
      was_quoted = true;
    } else if (c == ',') {
      finish();
    } else if (!(was_quoted && IsBlank(c))) {
      field.push_back(c);
    }
    ++i;
  }
  finish();
  return !quoted;
}

}  // namespace

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields;
  Split(line, &fields);
  return fields;
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

Result<CsvReader> CsvReader::Open(const std::string& path) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return Error::Invalid("input", "cannot read " + path);
  return CsvReader(std::move(in));
}

bool CsvReader::Next(std::vector<std::string>* fields) {
  std::string record;
  std::string line;
  while (std::getline(*in_, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (record.empty() && Trim(line).empty()) continue;
    if (!record.empty()) record.push_back('\n');
    record += line;
    if (Split(record, fields)) return true;
  }
  if (record.empty()) return false;
  Split(record, fields);  // an unterminated quote runs to the end of the file
  return true;
}

}  // namespace cp::match
