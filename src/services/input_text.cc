#include "services/input_text.h"

namespace cp::services {

std::string TrimmedText(const std::string& s) {
  const char* space = " \t\r\n\f\v";
  const std::size_t first = s.find_first_not_of(space);
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

std::size_t CharCount(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string AuditDetails(std::initializer_list<std::pair<const char*, boost::json::value>> fields) {
  boost::json::object o;
  for (const auto& [k, v] : fields) o[k] = v;
  return boost::json::serialize(o);
}

}  // namespace cp::services
