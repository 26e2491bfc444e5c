#include "security/secret_box.h"

#include <gtest/gtest.h>

#include "security/audit_chain.h"
#include "security/random.h"
#include "security/signer.h"

namespace cp::security {
namespace {

// AUTH-1: token secrets are encrypted at rest.
TEST(SecretBox, SealsAndOpensOnlyWithTheKey) {
  auto box = SecretBox::Create(std::string(32, 'k'));
  ASSERT_TRUE(box);
  const std::string sealed = box->Seal("totp secret bytes");
  EXPECT_EQ(sealed.find("totp"), std::string::npos);
  EXPECT_NE(box->Seal("totp secret bytes"), sealed);  // fresh nonce
  EXPECT_EQ(*box->Open(sealed), "totp secret bytes");
  auto other = SecretBox::Create(std::string(32, 'x'));
  EXPECT_FALSE(other->Open(sealed));
  std::string tampered = sealed;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(box->Open(tampered));
  EXPECT_FALSE(SecretBox::Create("short"));
}

TEST(Signer, SignsAndVerifies) {
  const Signer s = Signer::FromSeed(std::string(32, 's'));
  const std::string sig = s.Sign("checkpoint");
  EXPECT_TRUE(VerifySignature(s.PublicKeyHex(), "checkpoint", sig));
  EXPECT_FALSE(VerifySignature(s.PublicKeyHex(), "checkpoinT", sig));
  EXPECT_FALSE(VerifySignature(Signer::Generate().PublicKeyHex(), "checkpoint", sig));
  EXPECT_EQ(Signer::FromSeed(std::string(32, 's')).PublicKeyHex(), s.PublicKeyHex());
}

// AUD-4: every field takes part in the chain hash, unambiguously.
TEST(AuditChain, EveryFieldChangesTheHash) {
  AuditEntryFields e{1, 1700000000, 7, std::nullopt, "web", "record.view", "12", "{}", "ok"};
  const std::string h = ChainHash("", e);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_NE(ChainHash("x", e), h);
  auto changed = [&](auto mutate) {
    AuditEntryFields f = e;
    mutate(f);
    return ChainHash("", f) != h;
  };
  EXPECT_TRUE(changed([](auto& f) { f.seq = 2; }));
  EXPECT_TRUE(changed([](auto& f) { f.at += 1; }));
  EXPECT_TRUE(changed([](auto& f) { f.user_id = 8; }));
  EXPECT_TRUE(changed([](auto& f) { f.mediator_id = 7; }));
  EXPECT_TRUE(changed([](auto& f) { f.route = "api"; }));
  EXPECT_TRUE(changed([](auto& f) { f.action = "search"; }));
  EXPECT_TRUE(changed([](auto& f) { f.record_ids = "13"; }));
  EXPECT_TRUE(changed([](auto& f) { f.details = "{ }"; }));
  EXPECT_TRUE(changed([](auto& f) { f.outcome = "denied"; }));
  // Moving a character between fields changes the hash (length prefixes).
  AuditEntryFields a = e, b = e;
  a.route = "web";
  a.action = "xrecord";
  b.route = "webx";
  b.action = "record";
  EXPECT_NE(ChainHash("", a), ChainHash("", b));
}

TEST(Random, SessionIdsAreHexAndDistinct) {
  const std::string a = RandomHex(16), b = RandomHex(16);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(ConstantTimeEquals(a, a));
  EXPECT_FALSE(ConstantTimeEquals(a, b));
  EXPECT_EQ(*FromHex(ToHex("abc")), "abc");
  EXPECT_EQ(*FromBase64(ToBase64("hello")), "hello");
}

}  // namespace
}  // namespace cp::security
