#include <gtest/gtest.h>

#include "security/password_hasher.h"
#include "security/password_policy.h"
#include "security/random.h"

namespace cp::security {
namespace {

// RFC 9106 §5.3: the Argon2id test vector.
TEST(Argon2id, MatchesRfc9106Vector) {
  auto tag = Argon2idRaw(std::string(32, '\x01'), std::string(16, '\x02'), std::string(8, '\x03'),
                         std::string(12, '\x04'), 3, 32, 4, 32);
  ASSERT_TRUE(tag) << tag.error().message;
  EXPECT_EQ(ToHex(*tag), "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
}

TEST(PasswordHasher, VerifiesOnlyTheRightPasswordWithTheRightPepper) {
  PasswordHasher hasher(std::string(32, 'p'));
  auto hash = hasher.Hash("correct horse battery staple");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u);  // ≥ 19 MiB, t ≥ 2
  EXPECT_TRUE(hasher.Verify("correct horse battery staple", *hash));
  EXPECT_FALSE(hasher.Verify("correct horse battery stapl", *hash));
  PasswordHasher other_pepper(std::string(32, 'q'));
  EXPECT_FALSE(other_pepper.Verify("correct horse battery staple", *hash));
  EXPECT_FALSE(hasher.Verify("x", "not a hash"));
  EXPECT_FALSE(hasher.NeedsRehash(*hash));
  EXPECT_TRUE(hasher.NeedsRehash("$argon2id$v=19$m=4096,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA"));
}

TEST(PasswordPolicy, RequiresTwelveToOneHundredTwentyEightCharacters) {
  PasswordPolicy policy = PasswordPolicy::FromList({});
  EXPECT_FALSE(policy.Check("short pass", "u"));
  EXPECT_TRUE(policy.Check("twelve chars", "u"));
  EXPECT_TRUE(policy.Check("ééééééééééé é", "u"));  // counted in characters, not bytes
  EXPECT_FALSE(policy.Check(std::string(129, 'a'), "u"));
  EXPECT_FALSE(policy.Check("\xff\xfe invalid utf8 here", "u"));
}

TEST(PasswordPolicy, RefusesCommonPasswordsAndTheUserName) {
  auto policy = PasswordPolicy::Load(std::string(CP_DATA_DIR) + "/passwords/common.txt");
  ASSERT_TRUE(policy);
  EXPECT_GT(policy->list_size(), 2000u);
  EXPECT_FALSE(policy->Check("Password1234", "jo"));
  EXPECT_FALSE(policy->Check("qwertyuiop123", "jo"));
  EXPECT_FALSE(policy->Check("jo.bloggs is my password", "jo.bloggs"));
  EXPECT_TRUE(policy->Check("a long and unusual passphrase", "jo"));
}

}  // namespace
}  // namespace cp::security
