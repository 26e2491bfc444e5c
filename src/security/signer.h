#pragma once
// Ed25519 signatures (libsodium) for audit checkpoints (AUD-4).

#include <string>
#include <string_view>

namespace cp::security {

class Signer {
 public:
  // From a 32-byte seed (kept outside the database, mode 0600).
  static Signer FromSeed(std::string_view seed);
  static Signer Generate();

  // Detached signature, hex.
  std::string Sign(std::string_view message) const;
  std::string PublicKeyHex() const;

 private:
  Signer() = default;
  std::string public_key_;
  std::string secret_key_;
};

// Whether `signature_hex` signs `message` under `public_key_hex`.
bool VerifySignature(std::string_view public_key_hex, std::string_view message,
                     std::string_view signature_hex);

}  // namespace cp::security
