#include "security/secret_box.h"

#include <sodium.h>

#include "security/random.h"

namespace cp::security {

Result<SecretBox> SecretBox::Create(std::string key) {
  EnsureSodium();
  if (key.size() != crypto_secretbox_KEYBYTES) {
    return Error::Invalid("secret_box_key", "The sealing key must be 32 bytes");
  }
  return SecretBox(std::move(key));
}

std::string SecretBox::Seal(std::string_view plaintext) const {
  std::string nonce = RandomBytes(crypto_secretbox_NONCEBYTES);
  std::string box(plaintext.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(box.data()),
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        reinterpret_cast<const unsigned char*>(nonce.data()),
                        reinterpret_cast<const unsigned char*>(key_.data()));
  return "v1:" + ToBase64(nonce + box);
}

Result<std::string> SecretBox::Open(std::string_view sealed) const {
  if (sealed.substr(0, 3) != "v1:") return Error::Invalid("secret", "Unknown sealed format");
  auto raw = FromBase64(sealed.substr(3));
  if (!raw || raw->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Error::Invalid("secret", "Sealed secret is malformed");
  }
  const std::string_view nonce(raw->data(), crypto_secretbox_NONCEBYTES);
  const std::string_view box(raw->data() + crypto_secretbox_NONCEBYTES,
                             raw->size() - crypto_secretbox_NONCEBYTES);
  std::string plain(box.size() - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 reinterpret_cast<const unsigned char*>(box.data()), box.size(),
                                 reinterpret_cast<const unsigned char*>(nonce.data()),
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return Error::Invalid("secret", "Sealed secret does not open with this key");
  }
  return plain;
}

}  // namespace cp::security
