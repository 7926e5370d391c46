#include "rolesel/jwt/jwks.h"

#include <chrono>
#include <future>
#include <stdexcept>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "token_maker.h"

namespace rolesel::jwt {
namespace {

using nlohmann::json;
using ::rolesel::testing::TestKey;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A malformed member (a number or null where a string belongs) threw out of
// the parse, aborting the load; now it skips its key, and says why.
TEST(ParseJwks, AMemberOfTheWrongTypeSkipsItsKeyAndSaysWhy) {
  TestKey good("good");
  for (const char* member : {"alg", "use", "kty", "kid", "n", "e"}) {
    for (const json& value : {json(5), json(nullptr), json::array(), json::object()}) {
      json bad = TestKey("bad").Jwk();
      bad[member] = value;
      std::vector<std::string> skipped;
      auto keys = ParseJwks(json{{"keys", {bad, good.Jwk()}}}.dump(), &skipped);
      ASSERT_TRUE(keys.ok()) << member;
      EXPECT_EQ(keys->size(), 1u) << member;
      EXPECT_TRUE(keys->contains("good")) << member;
      ASSERT_EQ(skipped.size(), 1u) << member;
      EXPECT_THAT(skipped[0], HasSubstr("keys[0]")) << member;
    }
  }
  std::vector<std::string> skipped;
  ASSERT_TRUE(ParseJwks(R"({"keys": [5, "x", null]})", &skipped).ok());
  EXPECT_THAT(skipped,
              ElementsAre("keys[0] is not an object; skipped", "keys[1] is not an object; skipped",
                          "keys[2] is not an object; skipped"));
}

// Two keys with one kid: which one a token meant is unknown, so neither.
TEST(ParseJwks, AKidTwoKeysShareIsAmbiguousAndBothAreSkipped) {
  TestKey a("k"), b("k"), c("other");
  std::vector<std::string> skipped;
  auto keys = ParseJwks(json{{"keys", {a.Jwk(), c.Jwk(), b.Jwk(), a.Jwk()}}}.dump(), &skipped);
  ASSERT_TRUE(keys.ok());
  EXPECT_FALSE(keys->contains("k"));
  EXPECT_TRUE(keys->contains("other"));
  EXPECT_EQ(skipped.size(), 2u);
  EXPECT_THAT(skipped[0], HasSubstr("kid \"k\""));
}

TEST(ParseJwks, TheDocumentItselfMustBeStrictJson) {
  TestKey a("k");
  const std::string one = json{{"keys", {a.Jwk()}}}.dump();
  EXPECT_TRUE(ParseJwks(one).ok());
  EXPECT_THAT(std::string(ParseJwks(R"({"keys": [], "keys": [1]})").status().message()),
              HasSubstr("twice"));
  EXPECT_FALSE(ParseJwks(one + " {}").ok());
  EXPECT_FALSE(
      ParseJwks(R"({"keys": )" + std::string(300, '[') + std::string(300, ']') + "}").ok());
}

class ThrowingSource : public JwksSource {
 public:
  absl::StatusOr<std::string> Fetch() override {
    ++fetches;
    throw std::runtime_error("the source broke");
  }
  std::string Describe() const override { return "throwing"; }
  int fetches = 0;
};

// A fetch that threw left the cache "fetching" for ever: every later token
// in the process waited. Whatever happens inside it, a fetch ends.
TEST(JwksCache, AFetchThatThrowsStillEndsAndLaterLookupsDoNotWait) {
  auto source = std::make_unique<ThrowingSource>();
  ThrowingSource* raw = source.get();
  JwksCacheOptions options;
  options.min_refetch_interval = absl::ZeroDuration();
  JwksCache cache(std::move(source), options);
  EXPECT_FALSE(cache.Load().ok());
  for (int i = 0; i < 3; ++i) {
    auto lookup = std::async(std::launch::async, [&] { return cache.Find("k").ok(); });
    ASSERT_EQ(lookup.wait_for(std::chrono::seconds(10)), std::future_status::ready)
        << "lookup " << i << " waits for a fetch that is gone";
    EXPECT_FALSE(lookup.get());
  }
  EXPECT_EQ(raw->fetches, 4);
}

}  // namespace
}  // namespace rolesel::jwt
