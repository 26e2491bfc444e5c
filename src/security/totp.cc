#include "security/totp.h"

#include <liboath/oath.h>
#include <qrencode.h>

#include <cstdlib>
#include <mutex>

#include "security/random.h"

namespace cp::security {
namespace {

void EnsureOath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

std::string UrlEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() { return RandomBytes(20); }

Result<std::string> Hotp(std::string_view secret, std::uint64_t counter, unsigned digits) {
  EnsureOath();
  char out[16] = {0};
  const int rc = oath_hotp_generate(secret.data(), secret.size(), counter, digits, false,
                                    OATH_HOTP_DYNAMIC_TRUNCATION, out);
  if (rc != OATH_OK) return Error::Internal("HOTP generation failed");
  return std::string(out);
}

Result<std::string> Totp(std::string_view secret, Timestamp now, unsigned digits) {
  EnsureOath();
  char out[16] = {0};
  const int rc = oath_totp_generate2(secret.data(), secret.size(), static_cast<time_t>(now),
                                     kTotpStepSeconds, 0, digits, 0, out);
  if (rc != OATH_OK) return Error::Internal("TOTP generation failed");
  return std::string(out);
}

std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                       Timestamp now, std::int64_t last_accepted_step) {
  if (code.size() != kTotpDigits) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const std::int64_t current = now / kTotpStepSeconds;
  std::optional<std::int64_t> accepted;
  // Every candidate is computed and compared, whichever matches.
  for (std::int64_t step = current - 1; step <= current + 1; ++step) {
    auto expected = Hotp(secret, static_cast<std::uint64_t>(step), kTotpDigits);
    if (expected && ConstantTimeEquals(*expected, code) && step > last_accepted_step) {
      accepted = step;
    }
  }
  return accepted;
}

std::string Base32Encode(std::string_view bytes) {
  EnsureOath();
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &len) != OATH_OK) return {};
  std::string s(out, len);
  std::free(out);
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

std::string OtpauthUri(std::string_view username, std::string_view secret) {
  return "otpauth://totp/ContactPoint:" + UrlEncode(username) + "?secret=" + Base32Encode(secret) +
         "&issuer=ContactPoint&algorithm=SHA1&digits=6&period=30";
}

std::string RenderQrForTerminal(const std::string& text) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == nullptr) return "(QR code unavailable)\n";
  const int n = qr->width;
  const int margin = 2;
  auto dark = [&](int x, int y) {
    if (x < 0 || y < 0 || x >= n || y >= n) return false;
    return (qr->data[y * n + x] & 1) != 0;
  };
  std::string out;
  // Two rows of modules per line: upper/lower half blocks, light on dark
  // terminals reads as dark-on-light.
  for (int y = -margin; y < n + margin; y += 2) {
    for (int x = -margin; x < n + margin; ++x) {
      const bool top = dark(x, y), bottom = dark(x, y + 1);
      if (top && bottom) {
        out += " ";
      } else if (top) {
        out += "\u2584";
      } else if (bottom) {
        out += "\u2580";
      } else {
        out += "\u2588";
      }
    }
    out += "\n";
  }
  QRcode_free(qr);
  return out;
}

}  // namespace cp::security
