#pragma once
// Time-based one-time codes for security tokens (RFC 6238 over RFC 4226
// HOTP, via liboath): 30-second steps, 6 digits, HMAC-SHA-1, accepted one
// step either side of now. Replay protection is the caller's stored "last
// accepted step": a code at or before it is refused, so an accepted code can
// never be used again (AUTH-1).
//
// Thread-safe; all time comes from the caller.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/date.h"
#include "platform/result.h"

namespace cp::security {

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// A new 20-byte secret.
std::string NewTotpSecret();

// RFC 4226 HOTP of `counter`, `digits` long.
Result<std::string> Hotp(std::string_view secret, std::uint64_t counter, unsigned digits);
// RFC 6238 TOTP (SHA-1) at `now`.
Result<std::string> Totp(std::string_view secret, Timestamp now, unsigned digits = kTotpDigits);

// The step of a valid `code` at now-1, now or now+1 steps that is later than
// `last_accepted_step`; nullopt otherwise (wrong, expired or replayed).
std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                       Timestamp now, std::int64_t last_accepted_step);

std::string Base32Encode(std::string_view bytes);

// otpauth://totp/ContactPoint:<user>?secret=…&issuer=ContactPoint&…
std::string OtpauthUri(std::string_view username, std::string_view secret);

// A QR code of `text` drawn with Unicode half blocks for a terminal.
std::string RenderQrForTerminal(const std::string& text);

}  // namespace cp::security
