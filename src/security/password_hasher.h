#pragma once
// Password hashing with Argon2id (libargon2, the reference implementation)
// and a server-side pepper passed as Argon2's secret input, so a stolen
// database alone cannot be used to test guesses.
//
// Encoded form (parameters kept so they can be raised later):
//   $argon2id$v=19$m=19456,t=2,p=1$<salt base64>$<tag base64>
//
// Thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace cp::security {

struct Argon2Params {
  std::uint32_t memory_kib = 19456;  // 19 MiB
  std::uint32_t iterations = 2;
  std::uint32_t lanes = 1;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(std::string pepper, Argon2Params params = {})
      : pepper_(std::move(pepper)), params_(params) {}

  Result<std::string> Hash(std::string_view password) const;
  // Constant time in the comparison; false for any malformed hash.
  bool Verify(std::string_view password, std::string_view encoded) const;
  // True when `encoded` uses weaker parameters than this hasher's.
  bool NeedsRehash(std::string_view encoded) const;

 private:
  std::string pepper_;
  Argon2Params params_;
};

// The raw Argon2id tag (for the RFC 9106 test vector and the hasher).
Result<std::string> Argon2idRaw(std::string_view password, std::string_view salt,
                                std::string_view secret, std::string_view associated_data,
                                std::uint32_t iterations, std::uint32_t memory_kib,
                                std::uint32_t lanes, std::size_t tag_length);

}  // namespace cp::security
