#include "rolesel/jwt/verified_token_cache.h"

#include <string>

#include "gtest/gtest.h"

namespace rolesel::jwt {
namespace {

std::shared_ptr<const VerifiedToken> Token(const std::string& sub) {
  auto token = std::make_shared<VerifiedToken>();
  token->claims.SetString("sub", sub);
  return token;
}

TEST(VerifiedTokenCache, FindsWhatWasInsertedUnderTheSameKeyGeneration) {
  VerifiedTokenCache cache;
  EXPECT_EQ(cache.Find("a.b.c", 1), nullptr);
  auto token = Token("alice");
  cache.Insert("a.b.c", 1, token);
  EXPECT_EQ(cache.Find("a.b.c", 1), token);
  EXPECT_EQ(cache.Find("a.b.d", 1), nullptr);
}

TEST(VerifiedTokenCache, ANewKeyGenerationDropsEveryEntry) {
  VerifiedTokenCache cache;
  cache.Insert("t1", 1, Token("1"));
  cache.Insert("t2", 1, Token("2"));
  EXPECT_EQ(cache.Find("t1", 2), nullptr);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.Find("t2", 1), nullptr) << "not back when an old generation asks";
}

TEST(VerifiedTokenCache, ATokenVerifiedWithOlderKeysIsNotKept) {
  VerifiedTokenCache cache;
  cache.Insert("t1", 3, Token("1"));
  cache.Insert("t2", 2, Token("2"));
  EXPECT_EQ(cache.Find("t2", 3), nullptr);
  EXPECT_NE(cache.Find("t1", 3), nullptr);
}

// A caller that read the generation before a refetch ended: it is not
// served what the newer keys verified, and the newer entries stay.
TEST(VerifiedTokenCache, AnOlderGenerationFindsNothingAndDropsNothing) {
  VerifiedTokenCache cache;
  cache.Insert("t1", 3, Token("1"));
  EXPECT_EQ(cache.Find("t1", 2), nullptr);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_NE(cache.Find("t1", 3), nullptr);
}

TEST(VerifiedTokenCache, IsBoundedInEntries) {
  VerifiedTokenCache cache;
  for (size_t i = 0; i < 3 * kMaxVerifiedTokens; ++i) {
    cache.Insert("token-" + std::to_string(i), 1, Token("x"));
    ASSERT_LE(cache.size(), kMaxVerifiedTokens);
  }
  EXPECT_EQ(cache.size(), kMaxVerifiedTokens);
  EXPECT_NE(cache.Find("token-" + std::to_string(3 * kMaxVerifiedTokens - 1), 1), nullptr)
      << "the newest is kept";
}

TEST(VerifiedTokenCache, IsBoundedInBytes) {
  VerifiedTokenCache cache;
  const std::string big(kMaxVerifiedTokenBytes / 4 + 1, 'x');
  for (char c = 'a'; c <= 'h'; ++c) cache.Insert(big + c, 1, Token("x"));
  EXPECT_EQ(cache.size(), 3u) << "four would be more than the byte bound";
  cache.Insert(std::string(kMaxVerifiedTokenBytes + 1, 'y'), 1, Token("x"));
  EXPECT_EQ(cache.Find(std::string(kMaxVerifiedTokenBytes + 1, 'y'), 1), nullptr);
}

TEST(VerifiedTokenCache, EraseForgetsOneToken) {
  VerifiedTokenCache cache;
  cache.Insert("t1", 1, Token("1"));
  cache.Insert("t2", 1, Token("2"));
  cache.Erase("t1");
  cache.Erase("never-there");
  EXPECT_EQ(cache.Find("t1", 1), nullptr);
  EXPECT_NE(cache.Find("t2", 1), nullptr);
}

}  // namespace
}  // namespace rolesel::jwt
