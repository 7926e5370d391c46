#include "rolesel/jwt/verifier.h"

#include <atomic>
#include <fstream>
#include <future>
#include <limits>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rolesel/core/claims_json.h"
#include "token_maker.h"

namespace rolesel::jwt {
namespace {

using nlohmann::json;
using ::rolesel::testing::B64;
using ::rolesel::testing::TestKey;
using ::testing::HasSubstr;

constexpr char kIssuer[] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test";
constexpr char kClient[] = "client-1";

// A JWKS the test can change, counting fetches.
class MemorySource : public JwksSource {
 public:
  explicit MemorySource(std::shared_ptr<std::string> jwks, std::shared_ptr<int> fetches)
      : jwks_(std::move(jwks)), fetches_(std::move(fetches)) {}
  absl::StatusOr<std::string> Fetch(absl::Time) override {
    ++*fetches_;
    if (jwks_->empty()) return absl::UnavailableError("down");
    return *jwks_;
  }
  std::string Describe() const override { return "memory"; }

 private:
  std::shared_ptr<std::string> jwks_;
  std::shared_ptr<int> fetches_;
};

class VerifierTest : public ::testing::Test {
 protected:
  VerifierTest() : key_("key-1"), other_("key-1") {
    *jwks_ = json{{"keys", {key_.Jwk()}}}.dump();
    JwksCacheOptions options;
    options.now = [this] { return now_; };
    cache_ = std::make_shared<JwksCache>(std::make_unique<MemorySource>(jwks_, fetches_), options);
    JwtSettings settings;
    settings.issuer = kIssuer;
    settings.client_ids = {kClient};
    verifier_ = std::make_unique<TokenVerifier>(settings, cache_, [this] { return now_; });
  }

  json Claims(int64_t offset_exp = 3600) const {
    int64_t now = absl::ToUnixSeconds(now_);
    return {{"sub", "s-1"},
            {"iss", kIssuer},
            {"aud", kClient},
            {"token_use", "id"},
            {"iat", now},
            {"exp", now + offset_exp},
            {"cognito:username", "alice"},
            {"cognito:groups", {"admins"}}};
  }

  std::string Refusal(const std::string& token) const {
    auto result = verifier_->Verify(token);
    EXPECT_FALSE(result.ok()) << token;
    return std::string(result.status().message());
  }

  absl::Time now_ = absl::FromUnixSeconds(1795787100);
  TestKey key_;
  TestKey other_;  // same kid, different key
  std::shared_ptr<std::string> jwks_ = std::make_shared<std::string>();
  std::shared_ptr<int> fetches_ = std::make_shared<int>(0);
  std::shared_ptr<JwksCache> cache_;
  std::unique_ptr<TokenVerifier> verifier_;
};

TEST_F(VerifierTest, AcceptsAValidTokenWithOrWithoutBearer) {
  std::string token = key_.Token(Claims());
  auto claims = verifier_->Verify(token);
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ((*claims)["cognito:username"], "alice");
  EXPECT_TRUE(verifier_->Verify("Bearer " + token).ok());
  EXPECT_TRUE(verifier_->Verify("bearer " + token).ok());
}

TEST_F(VerifierTest, RefusesAlgNone) {
  json header = {{"alg", "none"}, {"kid", "key-1"}};
  std::string token = B64(header.dump()) + "." + B64(Claims().dump()) + ".c2ln";
  EXPECT_THAT(Refusal(token), HasSubstr("alg must be RS256"));
  EXPECT_THAT(Refusal(B64(header.dump()) + "." + B64(Claims().dump()) + "."),
              HasSubstr("three base64url parts"));
}

TEST_F(VerifierTest, RefusesHs256SignedWithThePublicKeyAsSecret) {
  std::string token =
      testing::Hs256({{"alg", "HS256"}, {"kid", "key-1"}}, Claims(), key_.PublicPem());
  EXPECT_THAT(Refusal(token), HasSubstr("alg must be RS256, got \"HS256\""));
}

TEST_F(VerifierTest, RefusesAValidSignatureFromAnotherKeyWithTheSameKid) {
  EXPECT_THAT(Refusal(other_.Token(Claims())), HasSubstr("signature does not verify"));
}

TEST_F(VerifierTest, RefusesAPayloadSwappedAfterSigning) {
  std::string token = key_.Token(Claims());
  json admin = Claims();
  admin["cognito:groups"] = {"admins", "root"};
  size_t first = token.find('.'), second = token.find('.', first + 1);
  std::string forged = token.substr(0, first + 1) + B64(admin.dump()) + token.substr(second);
  EXPECT_THAT(Refusal(forged), HasSubstr("signature does not verify"));
}

TEST_F(VerifierTest, RefusesExpiredAndNotYetValidTokensWithLeeway) {
  EXPECT_THAT(Refusal(key_.Token(Claims(-61))), HasSubstr("expired"));
  EXPECT_TRUE(verifier_->Verify(key_.Token(Claims(-59))).ok()) << "60 s leeway";
  json later = Claims();
  later["nbf"] = absl::ToUnixSeconds(now_) + 120;
  EXPECT_THAT(Refusal(key_.Token(later)), HasSubstr("not valid yet"));
  json future = Claims();
  future["iat"] = absl::ToUnixSeconds(now_) + 3600;
  EXPECT_THAT(Refusal(key_.Token(future)), HasSubstr("issued in the future"));
  json no_exp = Claims();
  no_exp.erase("exp");
  EXPECT_THAT(Refusal(key_.Token(no_exp)), HasSubstr("exp is missing"));
}

TEST_F(VerifierTest, RefusesAWrongIssuerAndOneThatOnlySharesAPrefix) {
  json wrong = Claims();
  wrong["iss"] = "https://evil.example.com/us-east-1_Test";
  EXPECT_THAT(Refusal(key_.Token(wrong)), HasSubstr("iss"));
  json prefix = Claims();
  prefix["iss"] = std::string(kIssuer) + "Evil";
  EXPECT_THAT(Refusal(key_.Token(prefix)), HasSubstr("iss"));
}

TEST_F(VerifierTest, RefusesAnotherClientsAudienceAndAnAccessTokenForAnIdToken) {
  json other = Claims();
  other["aud"] = "client-2";
  EXPECT_THAT(Refusal(key_.Token(other)), HasSubstr("aud is not one of client_ids"));
  json access = Claims();
  access["token_use"] = "access";
  access.erase("aud");
  access["client_id"] = kClient;
  EXPECT_THAT(Refusal(key_.Token(access)), HasSubstr("token_use \"access\" is not id"));
}

TEST_F(VerifierTest, AccessTokensNeedClientIdWhenAllowed) {
  JwtSettings settings;
  settings.issuer = kIssuer;
  settings.client_ids = {kClient};
  settings.token_use = "access";
  TokenVerifier access_verifier(settings, cache_, [this] { return now_; });
  json access = Claims();
  access["token_use"] = "access";
  access.erase("aud");
  access["client_id"] = kClient;
  EXPECT_TRUE(access_verifier.Verify(key_.Token(access)).ok());
  access["client_id"] = "client-2";
  EXPECT_FALSE(access_verifier.Verify(key_.Token(access)).ok());
}

TEST_F(VerifierTest, RefusesMissingOrUnknownKidsAndMalformedTokens) {
  EXPECT_THAT(Refusal(key_.Token(Claims(), {{"alg", "RS256"}})), HasSubstr("kid is missing"));
  EXPECT_THAT(Refusal(key_.Token(Claims(), {{"alg", "RS256"}, {"kid", "nope"}})),
              HasSubstr("not in the JWKS"));
  EXPECT_THAT(Refusal("a.b"), HasSubstr("three base64url parts"));
  EXPECT_THAT(Refusal("!!!.@@@.###"), HasSubstr("base64url"));
  EXPECT_THAT(Refusal(B64("[1]") + "." + B64("{}") + ".c2ln"), HasSubstr("header is not"));
  EXPECT_THAT(Refusal(B64(R"({"alg":"RS256","kid":"key-1"})") + "." + B64("7") + ".c2ln"),
              HasSubstr("payload is not"));
}

TEST_F(VerifierTest, RefusesOversizedTokensBeforeParsing) {
  json big = Claims();
  big["pad"] = std::string(kMaxTokenBytes, 'x');
  EXPECT_THAT(Refusal(key_.Token(big)), HasSubstr("longer than 16384 bytes"));
  EXPECT_EQ(*fetches_, 0) << "refused before any key lookup";
}

TEST_F(VerifierTest, NeverFollowsHeaderUrls) {
  std::string token = key_.Token(
      Claims(), {{"alg", "RS256"}, {"kid", "attacker"}, {"jku", "https://evil.example/jwks"}});
  EXPECT_THAT(Refusal(token), HasSubstr("not in the JWKS"));
}

TEST_F(VerifierTest, RotatedKeyIsAcceptedAfterOneRefetch) {
  ASSERT_TRUE(verifier_->Verify(key_.Token(Claims())).ok());
  EXPECT_EQ(*fetches_, 1);
  TestKey rotated("key-2");
  *jwks_ = json{{"keys", {key_.Jwk(), rotated.Jwk()}}}.dump();
  now_ += absl::Seconds(11);
  EXPECT_TRUE(verifier_->Verify(rotated.Token(Claims())).ok());
  EXPECT_EQ(*fetches_, 2);
}

TEST_F(VerifierTest, AFloodOfUnknownKidsRefetchesAtMostOncePer10Seconds) {
  ASSERT_TRUE(verifier_->Verify(key_.Token(Claims())).ok());
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(verifier_
                     ->Verify(key_.Token(
                         Claims(), {{"alg", "RS256"}, {"kid", "forged-" + std::to_string(i)}}))
                     .ok());
  }
  EXPECT_EQ(*fetches_, 1) << "within 10 s of the last fetch";
  now_ += absl::Seconds(10);
  EXPECT_FALSE(
      verifier_->Verify(key_.Token(Claims(), {{"alg", "RS256"}, {"kid", "forged-x"}})).ok());
  EXPECT_FALSE(
      verifier_->Verify(key_.Token(Claims(), {{"alg", "RS256"}, {"kid", "forged-y"}})).ok());
  EXPECT_EQ(*fetches_, 2);
}

TEST_F(VerifierTest, AFailedFetchKeepsTheLastGoodKeySet) {
  ASSERT_TRUE(verifier_->Verify(key_.Token(Claims())).ok());
  jwks_->clear();  // the endpoint goes down
  now_ += absl::Seconds(20);
  EXPECT_FALSE(
      verifier_->Verify(key_.Token(Claims(), {{"alg", "RS256"}, {"kid", "unknown"}})).ok());
  EXPECT_EQ(*fetches_, 2);
  EXPECT_TRUE(verifier_->Verify(key_.Token(Claims())).ok()) << "old keys still work";
}

// ---- hostile tokens ----------------------------------------------------

// Times outside a 64-bit second count were cast with undefined behaviour and
// accepted; they, and fractions of a second, are refused.
TEST_F(VerifierTest, RefusesTimesThatAreNotWholeSecondsInRange) {
  for (const char* name : {"exp", "nbf", "iat"}) {
    for (const json& value : {json(1e19), json(1e300), json(-1e300), json(1.5e9 + 0.5),
                              json(std::numeric_limits<uint64_t>::max()), json("1795787100"),
                              json(true), json(nullptr)}) {
      json claims = Claims();
      claims[name] = value;
      EXPECT_THAT(Refusal(key_.Token(claims)), HasSubstr(name)) << name << " = " << value.dump();
    }
  }
  // A whole number written as a float is a whole number.
  json claims = Claims();
  claims["exp"] = static_cast<double>(absl::ToUnixSeconds(now_) + 60);
  EXPECT_TRUE(verifier_->Verify(key_.Token(claims)).ok());
}

TEST_F(VerifierTest, RefusesACritHeader) {
  const std::string token =
      key_.Token(Claims(), {{"alg", "RS256"}, {"kid", key_.kid()}, {"crit", {"exp"}}, {"exp", 1}});
  EXPECT_THAT(Refusal(token), HasSubstr("crit"));
  EXPECT_THAT(Refusal(key_.Token(Claims(), {{"alg", "RS256"}, {"kid", key_.kid()}, {"crit", {}}})),
              HasSubstr("crit"));
}

// One token, one spelling: padding, whitespace, the standard alphabet and
// non-zero unused bits all decode to the same signature, and are refused.
TEST_F(VerifierTest, TheSignatureMustBeStrictCanonicalBase64Url) {
  const std::string token = key_.Token(Claims());
  ASSERT_TRUE(verifier_->Verify(token).ok());
  const size_t dot = token.rfind('.');
  const std::string head = token.substr(0, dot + 1);
  const std::string signature = token.substr(dot + 1);
  ASSERT_EQ(signature.size() % 4, 2u) << "a 256-byte signature leaves 4 unused bits";
  std::string loose_bits = signature;
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  loose_bits.back() = alphabet[alphabet.find(signature.back()) | 1];
  std::string raw, standard;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(signature, &raw));
  absl::Base64Escape(raw, &standard);  // padded, with the standard alphabet
  for (const std::string& bad : {head + signature + "==", head + signature + "=",
                                 head + signature.substr(0, 10) + " " + signature.substr(10),
                                 head + signature.substr(0, 10) + "\n" + signature.substr(10),
                                 head + loose_bits, head + standard}) {
    if (bad == token) continue;  // the standard alphabet may coincide
    EXPECT_THAT(Refusal(bad), HasSubstr("base64url")) << bad.substr(dot);
  }
  // The header and payload parts are held to the same.
  EXPECT_THAT(Refusal(token.substr(0, token.find('.')) + "=" + token.substr(token.find('.'))),
              HasSubstr("base64url"));
}

// A signed token whose payload holds a key twice reads one way here and
// another way in the next JSON reader: refused, signature or not.
TEST_F(VerifierTest, RefusesAHeaderOrPayloadHoldingAKeyTwice) {
  const auto sign = [&](const std::string& header, const std::string& payload) {
    const std::string signed_part = B64(header) + "." + B64(payload);
    return signed_part + "." + B64(key_.Sign(signed_part));
  };
  const std::string header = json{{"alg", "RS256"}, {"kid", key_.kid()}}.dump();
  std::string payload = Claims().dump();
  ASSERT_TRUE(verifier_->Verify(sign(header, payload)).ok());
  std::string twice = payload;
  twice.insert(1, R"("cognito:groups":["suspended"],)");
  EXPECT_THAT(Refusal(sign(header, twice)), HasSubstr("twice"));
  std::string escaped = payload;
  escaped.insert(1, R"("is\u0073":"https://evil.example",)");
  EXPECT_THAT(Refusal(sign(header, escaped)), HasSubstr("twice"));
  EXPECT_THAT(Refusal(sign(R"({"alg":"RS256","kid":"x","kid":")" + key_.kid() + "\"}", payload)),
              HasSubstr("twice"));
  std::string deep = payload;
  deep.insert(1, "\"x\":" + std::string(200, '[') + std::string(200, ']') + ",");
  EXPECT_THAT(Refusal(sign(header, deep)), HasSubstr("deeper"));
}

TEST(ParseJwks, KeepsOnlyUsableRsaKeys) {
  TestKey key("k");
  json jwks = {{"keys",
                {key.Jwk(),
                 {{"kty", "EC"}, {"kid", "ec"}},
                 {{"kty", "RSA"}, {"kid", "broken"}, {"n", "!!"}, {"e", "AQAB"}}}}};
  auto keys = ParseJwks(jwks.dump());
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->size(), 1u);
  EXPECT_TRUE(keys->contains("k"));
  EXPECT_FALSE(ParseJwks("[]").ok());
}

TEST(MakeJwksSource, RefusesPlainHttpExceptToLocalhost) {
  EXPECT_FALSE(MakeJwksSource("http://example.com/jwks.json", ".").ok());
  EXPECT_TRUE(MakeJwksSource("http://127.0.0.1:9/jwks.json", ".").ok());
  EXPECT_TRUE(
      MakeJwksSource("https://cognito-idp.us-east-1.amazonaws.com/x/.well-known/jwks.json", ".")
          .ok());
  EXPECT_FALSE(MakeJwksSource("ftp://x/jwks", ".").ok());
}

}  // namespace
}  // namespace rolesel::jwt

namespace rolesel::jwt {
namespace {

// A source that takes a while, so that concurrent lookups overlap its fetch.
class SlowSource : public JwksSource {
 public:
  explicit SlowSource(std::string jwks) : jwks_(std::move(jwks)) {}
  absl::StatusOr<std::string> Fetch(absl::Time) override {
    ++fetches;
    absl::SleepFor(absl::Milliseconds(200));
    return jwks_;
  }
  std::string Describe() const override { return "slow"; }
  std::atomic<int> fetches{0};

 private:
  std::string jwks_;
};

TEST(JwksCache, ConcurrentLookupsOfUnknownKidsShareOneFetch) {
  rolesel::testing::TestKey key("k");
  auto source = std::make_unique<SlowSource>(json{{"keys", {key.Jwk()}}}.dump());
  SlowSource* raw = source.get();
  JwksCache cache(std::move(source));
  std::atomic<int> found{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] { found += cache.Find("k").ok() ? 1 : 0; });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(found, 8);
  EXPECT_EQ(raw->fetches, 1);
}

// ---- the cache of verified tokens ---------------------------------------

TEST_F(VerifierTest, ATokenAcceptedOnceIsServedFromTheCacheWithTheSameClaims) {
  const std::string token = key_.Token(Claims());
  auto first = verifier_->VerifyToken("Bearer " + token);
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = verifier_->VerifyToken(token);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*first, *again) << "the same verified entry, not a second check";
  EXPECT_EQ((*again)->claims.Find("cognito:username")->text(), "alice");
  EXPECT_EQ(verifier_->cached_tokens(), 1u);
}

TEST_F(VerifierTest, ACachedTokenExpiresWhenAFreshOneWould) {
  const std::string token = key_.Token(Claims(/*offset_exp=*/120));
  ASSERT_TRUE(verifier_->VerifyToken(token).ok());
  now_ += absl::Seconds(120 + 60);  // exp + the 60 s leeway: still valid
  EXPECT_TRUE(verifier_->VerifyToken(token).ok());
  now_ += absl::Seconds(1);
  auto expired = verifier_->VerifyToken(token);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().message(), verifier_->Verify(token).status().message());
  EXPECT_THAT(std::string(expired.status().message()), HasSubstr("expired (exp)"));
  EXPECT_EQ(verifier_->cached_tokens(), 0u);
}

TEST_F(VerifierTest, ACachedTokenIsCheckedAgainWhenTheKeysChange) {
  const std::string token = key_.Token(Claims());
  ASSERT_TRUE(verifier_->VerifyToken(token).ok());
  // The key is withdrawn from the JWKS; a token with a new kid makes the
  // cache refetch, and the withdrawn key's token is no longer accepted.
  TestKey rotated("key-2");
  *jwks_ = json{{"keys", {rotated.Jwk()}}}.dump();
  now_ += absl::Seconds(11);
  ASSERT_TRUE(verifier_->VerifyToken(rotated.Token(Claims())).ok());
  auto withdrawn = verifier_->VerifyToken(token);
  ASSERT_FALSE(withdrawn.ok());
  EXPECT_THAT(std::string(withdrawn.status().message()), HasSubstr("not in the JWKS"));
}

TEST_F(VerifierTest, ARefusedTokenIsNeverCached) {
  std::string forged = key_.Token(Claims());
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  for (int i = 0; i < 3; ++i) {
    auto refused = verifier_->VerifyToken(forged);
    ASSERT_FALSE(refused.ok());
  }
  EXPECT_EQ(verifier_->cached_tokens(), 0u);
  // A token whose claims are not claims (ClaimsFromJson refuses) neither.
  json bad = Claims();
  bad["deep"] = json::parse(std::string(40, '[') + std::string(40, ']'));
  auto not_claims = verifier_->VerifyToken(key_.Token(bad));
  EXPECT_EQ(not_claims.ok(), ClaimsFromJson(bad).ok());
  if (!not_claims.ok()) EXPECT_EQ(verifier_->cached_tokens(), 0u);
}

TEST_F(VerifierTest, WithTheCacheTurnedOffEveryTokenIsCheckedInFull) {
  JwtSettings settings;
  settings.issuer = kIssuer;
  settings.client_ids = {kClient};
  settings.cache_verified_tokens = false;
  TokenVerifier uncached(settings, cache_, [this] { return now_; });
  const std::string token = key_.Token(Claims());
  auto first = uncached.VerifyToken(token);
  auto again = uncached.VerifyToken(token);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*first, *again);
  EXPECT_EQ((*first)->claims.size(), (*again)->claims.size());
  EXPECT_EQ((*first)->claims.Find("cognito:username")->text(),
            (*again)->claims.Find("cognito:username")->text());
  EXPECT_EQ(uncached.cached_tokens(), 0u);
}

TEST_F(VerifierTest, VerifyChecksInFullEveryTime) {
  const std::string token = key_.Token(Claims());
  ASSERT_TRUE(verifier_->Verify(token).ok());
  EXPECT_EQ(verifier_->cached_tokens(), 0u);
}

}  // namespace
}  // namespace rolesel::jwt
