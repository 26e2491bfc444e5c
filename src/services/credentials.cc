#include "services/credentials.h"

#include "security/password_hasher.h"
#include "security/password_policy.h"
#include "security/random.h"
#include "security/secret_box.h"
#include "security/totp.h"

namespace cp::services {

Credentials::~Credentials() = default;

Result<std::unique_ptr<Credentials>> Credentials::Create(const CredentialKeys& keys) {
  if (keys.pepper.size() < 16) return Error::Invalid("pepper", "The password pepper is too short");
  std::unique_ptr<Credentials> c(new Credentials());
  c->hasher_ = std::make_unique<security::PasswordHasher>(keys.pepper);
  CP_ASSIGN(security::PasswordPolicy policy, security::PasswordPolicy::Load(keys.password_list));
  c->policy_ = std::make_unique<security::PasswordPolicy>(std::move(policy));
  CP_ASSIGN(security::SecretBox box, security::SecretBox::Create(keys.secret_box_key));
  c->box_ = std::make_unique<security::SecretBox>(std::move(box));
  CP_ASSIGN(c->dummy_hash_, c->hasher_->Hash(security::RandomHex(16)));
  return c;
}

Status Credentials::CheckNewPassword(const std::string& password,
                                     const std::string& username) const {
  return policy_->Check(password, username);
}

Result<std::string> Credentials::HashPassword(const std::string& password) const {
  return hasher_->Hash(password);
}

bool Credentials::VerifyPassword(const std::string& password, const std::string& hash) const {
  return hasher_->Verify(password, hash);
}

void Credentials::VerifyDummy(const std::string& password) const {
  (void)hasher_->Verify(password, dummy_hash_);
}

Result<IssuedToken> Credentials::IssueToken(const std::string& username) const {
  const std::string secret = security::NewTotpSecret();
  return IssuedToken{box_->Seal(secret), security::Base32Encode(secret),
                     security::OtpauthUri(username, secret)};
}

std::optional<std::int64_t> Credentials::CheckCode(const std::string& sealed,
                                                   const std::string& code, Timestamp now,
                                                   std::int64_t last_step) const {
  auto secret = box_->Open(sealed);
  // A secret that does not open still costs the same comparisons.
  const std::string key = secret ? *secret : std::string(20, '\0');
  auto step = security::VerifyTotp(key, code, now, last_step);
  if (!secret) return std::nullopt;
  return step;
}

Result<std::string> Credentials::CurrentCode(const std::string& sealed, Timestamp now) const {
  CP_ASSIGN(std::string secret, box_->Open(sealed));
  return security::Totp(secret, now);
}

std::string Credentials::NewSessionId() { return security::RandomHex(16); }
std::string Credentials::HashSessionId(const std::string& id) { return security::Sha256Hex(id); }
std::string Credentials::NewCsrfToken() { return security::RandomHex(32); }
bool Credentials::ConstantTimeEquals(const std::string& a, const std::string& b) {
  return security::ConstantTimeEquals(a, b);
}

}  // namespace cp::services
