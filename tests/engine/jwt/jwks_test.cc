#include "rolesel/jwt/jwks.h"

#include <atomic>
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
  absl::StatusOr<std::string> Fetch(absl::Time) override {
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

// Answers `document` after `delay`, or fails while `failing`; records the
// deadline each fetch was given.
class ScriptedSource : public JwksSource {
 public:
  absl::StatusOr<std::string> Fetch(absl::Time deadline) override {
    deadlines.push_back(deadline);
    absl::SleepFor(delay);
    if (failing) return absl::UnavailableError("JWKS endpoint down");
    return document;
  }
  std::string Describe() const override { return "scripted"; }
  std::string document = json{{"keys", {TestKey("k").Jwk()}}}.dump();
  absl::Duration delay = absl::ZeroDuration();
  std::atomic<bool> failing{false};
  std::vector<absl::Time> deadlines;
};

TEST(JwksCache, AFetchIsGivenTheCallersDeadline) {
  auto source = std::make_unique<ScriptedSource>();
  ScriptedSource* raw = source.get();
  JwksCache cache(std::move(source));
  const absl::Time deadline = absl::Now() + absl::Seconds(2);
  EXPECT_TRUE(cache.Find("k", deadline).ok());
  ASSERT_EQ(raw->deadlines.size(), 1u);
  EXPECT_EQ(raw->deadlines[0], deadline);
}

TEST(JwksCache, AWaiterOnAnotherFetchWaitsNoLongerThanItsDeadline) {
  auto source = std::make_unique<ScriptedSource>();
  source->delay = absl::Milliseconds(800);
  JwksCache cache(std::move(source));
  auto slow = std::async(std::launch::async, [&] { return cache.Find("k").ok(); });
  absl::SleepFor(absl::Milliseconds(100));
  const absl::Time deadline = absl::Now() + absl::Milliseconds(100);
  auto hurried = cache.Find("k", deadline);
  EXPECT_EQ(hurried.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(absl::Now(), deadline + absl::Milliseconds(400)) << "it did not wait the fetch out";
  EXPECT_TRUE(slow.get());
}

TEST(JwksCache, APrefetchFetchesTheKeysBeforeAnyToken) {
  auto source = std::make_unique<ScriptedSource>();
  JwksCache cache(std::move(source));
  ASSERT_TRUE(cache.Prefetch(absl::Now() + absl::Seconds(3)).ok());
  EXPECT_EQ(cache.fetches(), 1);
  EXPECT_TRUE(cache.Find("k").ok());
  EXPECT_EQ(cache.fetches(), 1) << "the first token found its key fetched";
}

TEST(JwksCache, AFailedPrefetchLeavesTheFirstTokenToFetchAgain) {
  auto source = std::make_unique<ScriptedSource>();
  ScriptedSource* raw = source.get();
  raw->failing = true;
  JwksCacheOptions options;
  options.min_refetch_interval = absl::Hours(1);  // a normal failed fetch would wait this long
  JwksCache cache(std::move(source), options);
  EXPECT_FALSE(cache.Prefetch(absl::Now() + absl::Seconds(3)).ok());
  raw->failing = false;
  EXPECT_TRUE(cache.Find("k").ok());
  EXPECT_EQ(cache.fetches(), 2);
}

TEST(JwksSource, AUrlFetchPastItsDeadlineIsNotStarted) {
  auto source = MakeJwksSource("http://127.0.0.1:9/jwks.json", ".");
  ASSERT_TRUE(source.ok());
  auto fetched = (*source)->Fetch(absl::Now() - absl::Milliseconds(1));
  EXPECT_EQ(fetched.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(std::string(fetched.status().message()), HasSubstr("not started"));
}

}  // namespace
}  // namespace rolesel::jwt
