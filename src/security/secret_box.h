#pragma once
// Secrets at rest (TOTP secrets): sealed with XSalsa20-Poly1305 (libsodium
// crypto_secretbox) under a key kept outside the database. Sealed text is
// "v1:" + base64(nonce ‖ ciphertext); tampering or a wrong key fails to open.

#include <string>
#include <string_view>

#include "platform/result.h"

namespace cp::security {

class SecretBox {
 public:
  // `key` must be 32 bytes.
  static Result<SecretBox> Create(std::string key);
  std::string Seal(std::string_view plaintext) const;
  Result<std::string> Open(std::string_view sealed) const;

 private:
  explicit SecretBox(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

}  // namespace cp::security
