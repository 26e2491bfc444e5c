#include "security/password_hasher.h"

#include <argon2.h>

#include <cstdio>
#include <vector>

#include "security/random.h"

namespace cp::security {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kTagBytes = 32;

struct Parsed {
  Argon2Params params;
  std::string salt;
  std::string tag;
};

bool Parse(std::string_view encoded, Parsed& out) {
  // $argon2id$v=19$m=…,t=…,p=…$salt$tag
  const std::string text(encoded);
  unsigned v = 0, m = 0, t = 0, p = 0;
  char salt[128] = {0}, tag[128] = {0};
  if (std::sscanf(text.c_str(), "$argon2id$v=%u$m=%u,t=%u,p=%u$%127[^$]$%127s", &v, &m, &t, &p,
                  salt, tag) != 6 ||
      v != 19) {
    return false;
  }
  auto s = FromBase64(salt);
  auto g = FromBase64(tag);
  if (!s || !g || g->empty()) return false;
  out = {{m, t, p}, *s, *g};
  return true;
}

}  // namespace

Result<std::string> Argon2idRaw(std::string_view password, std::string_view salt,
                                std::string_view secret, std::string_view ad,
                                std::uint32_t iterations, std::uint32_t memory_kib,
                                std::uint32_t lanes, std::size_t tag_length) {
  std::vector<std::uint8_t> tag(tag_length);
  std::string pwd(password), slt(salt), sec(secret), adata(ad);
  argon2_context ctx{};
  ctx.out = tag.data();
  ctx.outlen = static_cast<std::uint32_t>(tag.size());
  ctx.pwd = reinterpret_cast<std::uint8_t*>(pwd.data());
  ctx.pwdlen = static_cast<std::uint32_t>(pwd.size());
  ctx.salt = reinterpret_cast<std::uint8_t*>(slt.data());
  ctx.saltlen = static_cast<std::uint32_t>(slt.size());
  ctx.secret = sec.empty() ? nullptr : reinterpret_cast<std::uint8_t*>(sec.data());
  ctx.secretlen = static_cast<std::uint32_t>(sec.size());
  ctx.ad = adata.empty() ? nullptr : reinterpret_cast<std::uint8_t*>(adata.data());
  ctx.adlen = static_cast<std::uint32_t>(adata.size());
  ctx.t_cost = iterations;
  ctx.m_cost = memory_kib;
  ctx.lanes = lanes;
  ctx.threads = lanes;
  ctx.version = ARGON2_VERSION_13;
  ctx.flags = ARGON2_DEFAULT_FLAGS;
  const int rc = argon2_ctx(&ctx, Argon2_id);
  if (rc != ARGON2_OK) return Error::Internal(std::string("argon2: ") + argon2_error_message(rc));
  return std::string(tag.begin(), tag.end());
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  const std::string salt = RandomBytes(kSaltBytes);
  CP_ASSIGN(std::string tag, Argon2idRaw(password, salt, pepper_, {}, params_.iterations,
                                         params_.memory_kib, params_.lanes, kTagBytes));
  char prefix[96];
  std::snprintf(prefix, sizeof prefix, "$argon2id$v=19$m=%u,t=%u,p=%u$", params_.memory_kib,
                params_.iterations, params_.lanes);
  return std::string(prefix) + ToBase64(salt) + "$" + ToBase64(tag);
}

bool PasswordHasher::Verify(std::string_view password, std::string_view encoded) const {
  Parsed p;
  if (!Parse(encoded, p)) return false;
  if (p.params.memory_kib > (1u << 22) || p.params.iterations > 64 || p.params.lanes > 16) {
    return false;  // refuse absurd parameters rather than exhaust the machine
  }
  auto tag = Argon2idRaw(password, p.salt, pepper_, {}, p.params.iterations, p.params.memory_kib,
                         p.params.lanes, p.tag.size());
  return tag && ConstantTimeEquals(*tag, p.tag);
}

bool PasswordHasher::NeedsRehash(std::string_view encoded) const {
  Parsed p;
  if (!Parse(encoded, p)) return true;
  return p.params.memory_kib < params_.memory_kib || p.params.iterations < params_.iterations;
}

}  // namespace cp::security
