#pragma once
// Credentials: passwords, security tokens (TOTP) and session ids, as the
// services use them. Wraps security/ with the keys held outside the
// database (the password pepper, the key that seals token secrets).
//
// Thread-safe; holds no per-request state.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "platform/date.h"
#include "platform/result.h"

namespace cp::security {
class PasswordHasher;
class PasswordPolicy;
class SecretBox;
}  // namespace cp::security

namespace cp::services {

struct CredentialKeys {
  std::string pepper;          // secret bytes mixed into every password hash
  std::string secret_box_key;  // 32 bytes sealing TOTP secrets at rest
  std::string password_list;   // path of the common/breached password list
};

struct IssuedToken {
  std::string sealed_secret;  // for the database
  std::string base32_secret;  // for manual entry in an authenticator
  std::string otpauth_uri;    // for a QR code
};

class Credentials {
 public:
  static Result<std::unique_ptr<Credentials>> Create(const CredentialKeys& keys);
  ~Credentials();

  // 12–128 characters, not common or breached, not containing the user name.
  Status CheckNewPassword(const std::string& password, const std::string& username) const;
  Result<std::string> HashPassword(const std::string& password) const;
  // Constant time in the password; false for any malformed hash.
  bool VerifyPassword(const std::string& password, const std::string& hash) const;
  // Spends the same time as a real verification (for unknown user names).
  void VerifyDummy(const std::string& password) const;

  Result<IssuedToken> IssueToken(const std::string& username) const;
  // The TOTP step `code` is valid at (±1 step of `now`) and later than
  // `last_step`; nullopt when not. The caller records the step as used.
  std::optional<std::int64_t> CheckCode(const std::string& sealed_secret, const std::string& code,
                                        Timestamp now, std::int64_t last_step) const;
  // The code for `now` (demo databases only: contactpoint demo-code).
  Result<std::string> CurrentCode(const std::string& sealed_secret, Timestamp now) const;

  // 128-bit random session id (32 hex characters) and its stored hash.
  static std::string NewSessionId();
  static std::string HashSessionId(const std::string& session_id);
  static std::string NewCsrfToken();
  static bool ConstantTimeEquals(const std::string& a, const std::string& b);

 private:
  Credentials() = default;
  std::unique_ptr<security::PasswordHasher> hasher_;
  std::unique_ptr<security::PasswordPolicy> policy_;
  std::unique_ptr<security::SecretBox> box_;
  std::string dummy_hash_;
};

}  // namespace cp::services
