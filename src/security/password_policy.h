#pragma once
// Which passwords may be set (AUTH-1, OWASP ASVS 2.1): 12 to 128 characters
// (Unicode code points), not on the list of common and breached passwords,
// and not containing the user name. Thread-safe once loaded.

#include <string>
#include <string_view>
#include <unordered_set>

#include "platform/result.h"

namespace cp::security {

class PasswordPolicy {
 public:
  // Loads the list (one password a line, compared case-insensitively).
  static Result<PasswordPolicy> Load(const std::string& list_path);
  static PasswordPolicy FromList(std::unordered_set<std::string> lowercase_passwords);

  // The error names the field "password" and says what to change.
  Status Check(std::string_view password, std::string_view username) const;
  std::size_t list_size() const { return banned_.size(); }

 private:
  std::unordered_set<std::string> banned_;
};

// Code points in valid UTF-8; -1 when the text is not valid UTF-8.
long Utf8Length(std::string_view text);

}  // namespace cp::security
