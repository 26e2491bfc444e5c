#include "security/password_policy.h"

#include <fstream>

namespace cp::security {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

long Utf8Length(std::string_view s) {
  long n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return -1;
    }
    i += len;
    ++n;
  }
  return n;
}

Result<PasswordPolicy> PasswordPolicy::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Unavailable("cannot read the password list " + path);
  std::unordered_set<std::string> banned;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    banned.insert(Lower(line));
  }
  return FromList(std::move(banned));
}

PasswordPolicy PasswordPolicy::FromList(std::unordered_set<std::string> banned) {
  PasswordPolicy p;
  p.banned_ = std::move(banned);
  return p;
}

Status PasswordPolicy::Check(std::string_view password, std::string_view username) const {
  const long length = Utf8Length(password);
  if (length < 0)
    return Error::Invalid("password", "Password contains characters that are not valid");
  if (length < 12) return Error::Invalid("password", "Password must be 12 characters or more");
  if (length > 128) return Error::Invalid("password", "Password must be 128 characters or fewer");
  const std::string lower = Lower(password);
  if (banned_.count(lower) != 0) {
    return Error::Invalid(
        "password", "This password is too common or has appeared in a data breach: choose another");
  }
  if (!username.empty() && lower.find(Lower(username)) != std::string::npos) {
    return Error::Invalid("password", "Password must not contain your user name");
  }
  return Ok();
}

}  // namespace cp::security
