#include "security/signer.h"

#include <sodium.h>

#include "security/random.h"

namespace cp::security {

Signer Signer::FromSeed(std::string_view seed) {
  EnsureSodium();
  Signer s;
  s.public_key_.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  s.secret_key_.assign(crypto_sign_SECRETKEYBYTES, '\0');
  unsigned char padded[crypto_sign_SEEDBYTES] = {0};
  for (std::size_t i = 0; i < sizeof padded && i < seed.size(); ++i) {
    padded[i] = static_cast<unsigned char>(seed[i]);
  }
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(s.public_key_.data()),
                           reinterpret_cast<unsigned char*>(s.secret_key_.data()), padded);
  sodium_memzero(padded, sizeof padded);
  return s;
}

Signer Signer::Generate() { return FromSeed(RandomBytes(crypto_sign_SEEDBYTES)); }

std::string Signer::Sign(std::string_view message) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(secret_key_.data()));
  return ToHex(sig);
}

std::string Signer::PublicKeyHex() const { return ToHex(public_key_); }

bool VerifySignature(std::string_view public_key_hex, std::string_view message,
                     std::string_view signature_hex) {
  EnsureSodium();
  auto pk = FromHex(public_key_hex);
  auto sig = FromHex(signature_hex);
  if (!pk || !sig || pk->size() != crypto_sign_PUBLICKEYBYTES || sig->size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(),
                                     reinterpret_cast<const unsigned char*>(pk->data())) == 0;
}

}  // namespace cp::security
