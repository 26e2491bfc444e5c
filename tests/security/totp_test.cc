#include "security/totp.h"

#include <gtest/gtest.h>

namespace cp::security {
namespace {

const std::string kSeed = "12345678901234567890";

// RFC 4226 Appendix D.
TEST(Hotp, MatchesRfc4226Vectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(*Hotp(kSeed, i, 6), expected[i]) << i;
}

// RFC 6238 Appendix B, SHA-1, 8 digits (64-bit counter at 20000000000).
TEST(Totp, MatchesRfc6238Vectors) {
  EXPECT_EQ(*Totp(kSeed, 59, 8), "94287082");
  EXPECT_EQ(*Totp(kSeed, 1111111109, 8), "07081804");
  EXPECT_EQ(*Totp(kSeed, 1111111111, 8), "14050471");
  EXPECT_EQ(*Totp(kSeed, 1234567890, 8), "89005924");
  EXPECT_EQ(*Totp(kSeed, 2000000000, 8), "69279037");
  EXPECT_EQ(*Totp(kSeed, 20000000000LL, 8), "65353130");
}

// AUTH-1: ±1 step, and an accepted step is never accepted again.
TEST(Totp, AcceptsOneStepEitherSideAndRefusesReplay) {
  const Timestamp now = 1700000000;
  const std::int64_t step = now / 30;
  const std::string code = *Totp(kSeed, now);
  auto accepted = VerifyTotp(kSeed, code, now, 0);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(*accepted, step);
  EXPECT_FALSE(VerifyTotp(kSeed, code, now, *accepted));            // replay
  EXPECT_TRUE(VerifyTotp(kSeed, *Totp(kSeed, now - 30), now, 0));   // previous step
  EXPECT_TRUE(VerifyTotp(kSeed, *Totp(kSeed, now + 30), now, 0));   // next step
  EXPECT_FALSE(VerifyTotp(kSeed, *Totp(kSeed, now - 90), now, 0));  // too old
  EXPECT_FALSE(VerifyTotp(kSeed, "12a456", now, 0));
  EXPECT_FALSE(VerifyTotp(kSeed, "1234567", now, 0));
}

TEST(Totp, BuildsAnOtpauthUri) {
  const std::string uri = OtpauthUri("jo.bloggs", kSeed);
  EXPECT_EQ(uri,
            "otpauth://totp/ContactPoint:jo.bloggs?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=ContactPoint&algorithm=SHA1&digits=6&period=30");
  EXPECT_NE(RenderQrForTerminal(uri).find("\u2588"), std::string::npos);
}

}  // namespace
}  // namespace cp::security
