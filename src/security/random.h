#pragma once
// Cryptographic randomness, hashing and comparisons (libsodium).
// Thread-safe: libsodium is initialised once, on first use.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cp::security {

// Initialises libsodium (idempotent); aborts only if the CPU lacks what it needs.
void EnsureSodium();

std::string RandomBytes(std::size_t n);
// n random bytes as 2n lowercase hex characters.
std::string RandomHex(std::size_t n);

std::string ToHex(std::string_view bytes);
std::optional<std::string> FromHex(std::string_view hex);
// Standard base64 without padding, as Argon2 encodes salts and tags.
std::string ToBase64(std::string_view bytes);
std::optional<std::string> FromBase64(std::string_view text);

// SHA-256 of `data`, hex-encoded.
std::string Sha256Hex(std::string_view data);
// SHA-256 of the file at `path`, read in blocks, hex-encoded; nullopt when
// it cannot be read.
std::optional<std::string> Sha256FileHex(const std::string& path);

// Compares in time independent of where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace cp::security
