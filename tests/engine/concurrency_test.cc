// One rule set shared by 8 threads deciding 100,000 requests while the
// credential cache and the JWKS cache refresh underneath. Built and run
// under ThreadSanitizer by tools/test.sh (build-tsan); in the other builds it
// checks the same answers without TSan's eyes.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/jwt/token_maker.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolesel/jwt/jwks.h"
#include "rolesel/jwt/verifier.h"
#include "rolesel/lambda/live_rules.h"
#include "rolesel/rule_set.h"
#include "rolesel/sts/credential_cache.h"
#include "test_util.h"
#include "tools/cli_runner.h"

namespace rolesel {
namespace {

using nlohmann::json;

constexpr int kThreads = 8;
constexpr int kDecisions = 100000;

std::vector<std::string> Events() {
  std::vector<std::string> events;
  for (const char* name :
       {"rest-admin-delete.json", "rest-foreign-role.json", "rest-lambda-authorizer.json",
        "rest-suspended.json", "http-encoded-slash.json", "http-gold-photos.json",
        "http-reader-get.json"}) {
    std::ifstream in(testing::SourceDir() + "/rules/examples/events/" + name);
    std::stringstream text;
    text << in.rdbuf();
    events.push_back(text.str());
  }
  events.push_back("not json");
  return events;
}

// Issues credentials that expire soon after the cache's safety margin, so a
// moving clock makes the cache refresh them again and again.
class ShortLivedAssumer : public sts::RoleAssumer {
 public:
  explicit ShortLivedAssumer(const std::atomic<int64_t>* clock_ms) : clock_ms_(clock_ms) {}
  absl::StatusOr<sts::AwsCredentials> AssumeRole(const sts::AssumeRoleRequest& request) override {
    calls.fetch_add(1);
    sts::AwsCredentials credentials;
    credentials.access_key_id = request.role_arn + "|" + request.session_name;
    credentials.secret_access_key = "secret";
    credentials.expiration =
        absl::FromUnixMillis(clock_ms_->load()) + absl::Minutes(2) + absl::Milliseconds(200);
    return credentials;
  }
  std::atomic<int> calls{0};

 private:
  const std::atomic<int64_t>* clock_ms_;
};

void WriteAtomically(const std::string& path, const std::string& text) {
  std::string temporary = path + ".tmp";
  std::ofstream(temporary) << text;
  std::rename(temporary.c_str(), path.c_str());
}

TEST(Concurrency, EightThreadsDecideLikeOneWhileBothCachesRefresh) {
  auto loaded = RuleSet::FromFile(testing::SourceDir() + "/rules/examples/pets.rules.json");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const RuleSet& rules = **loaded;
  std::vector<std::string> events = Events();
  std::vector<Decision> expected;
  for (const std::string& event : events) expected.push_back(rules.DecideEvent(event));

  // The credential cache: 16 keys through 8 slots, on a clock that moves.
  std::atomic<int64_t> clock_ms{1795787100000};
  ShortLivedAssumer inner(&clock_ms);
  sts::CredentialCacheOptions cache_options;
  cache_options.max_entries = 8;
  cache_options.now = [&clock_ms] { return absl::FromUnixMillis(clock_ms.load()); };
  sts::CachingRoleAssumer cache(&inner, cache_options);

  // The JWKS cache: a file rotated between {k1} and {k1, k2}, refetched on
  // every unknown kid.
  testing::TestKey k1("k1"), k2("k2");
  testing::TempDir dir;
  std::string jwks_path = dir.Write("jwks.json", json({{"keys", {k1.Jwk()}}}).dump());
  auto source = jwt::MakeJwksSource(jwks_path, "/");
  ASSERT_TRUE(source.ok());
  jwt::JwksCacheOptions jwks_options;
  jwks_options.min_refetch_interval = absl::ZeroDuration();
  auto jwks = std::make_shared<jwt::JwksCache>(*std::move(source), jwks_options);
  ASSERT_TRUE(jwks->Load().ok());
  JwtSettings settings;
  settings.issuer = "https://issuer.example";
  settings.client_ids = {"client"};
  absl::Time token_now = absl::FromUnixSeconds(1795787100);
  jwt::TokenVerifier verifier(settings, jwks, [token_now] { return token_now; });
  json claims = {{"iss", "https://issuer.example"},
                 {"aud", "client"},
                 {"token_use", "id"},
                 {"exp", 1795790700},
                 {"iat", 1795787000},
                 {"cognito:username", "alice"}};
  std::string token1 = "Bearer " + k1.Token(claims), token2 = "Bearer " + k2.Token(claims);

  std::atomic<bool> stop{false};
  std::atomic<int> wrong_decisions{0}, wrong_credentials{0}, other_errors{0}, k1_refused{0},
      k2_accepted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Decision decision;
      for (int i = t; i < kDecisions; i += kThreads) {
        size_t which = static_cast<size_t>(i) % events.size();
        decision = rules.DecideEvent(events[which]);
        if (decision.allow != expected[which].allow || decision.reason != expected[which].reason ||
            decision.role != expected[which].role) {
          wrong_decisions.fetch_add(1);
        }
      }
    });
  }
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; !stop.load(); ++i) {
        sts::AssumeRoleRequest request;
        request.role_arn = absl::StrCat("arn:aws:iam::123456789012:role/pets-", (i + t) % 4);
        request.session_name = absl::StrCat("user", i % 4);
        auto credentials = cache.Get(request);
        if (!credentials.ok()) {
          // The one refusal allowed: the clock passed into the safety margin
          // between STS's answer and the cache's check of it.
          if (!absl::IsFailedPrecondition(credentials.status())) other_errors.fetch_add(1);
        } else if ((*credentials)->access_key_id != request.role_arn + "|" + request.session_name) {
          wrong_credentials.fetch_add(1);
        }
      }
    });
  }
  threads.emplace_back([&] {  // the clock
    while (!stop.load()) {
      clock_ms.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {  // token verifications
      while (!stop.load()) {
        if (!verifier.Verify(token1).ok()) k1_refused.fetch_add(1);
        if (verifier.Verify(token2).ok()) k2_accepted.fetch_add(1);
      }
    });
  }
  threads.emplace_back([&] {  // key rotation
    for (int i = 0; !stop.load(); ++i) {
      json keys = i % 2 ? json{k1.Jwk(), k2.Jwk()} : json{k1.Jwk()};
      WriteAtomically(jwks_path, json({{"keys", keys}}).dump());
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  for (int t = 0; t < kThreads; ++t) threads[t].join();
  stop = true;
  for (size_t t = kThreads; t < threads.size(); ++t) threads[t].join();

  EXPECT_EQ(wrong_decisions.load(), 0);
  EXPECT_EQ(wrong_credentials.load(), 0) << "never another key's credentials";
  EXPECT_EQ(other_errors.load(), 0);
  EXPECT_EQ(k1_refused.load(), 0) << "a key present in every rotation always verifies";
  EXPECT_GT(inner.calls.load(), 16) << "credentials were refreshed under load";
  EXPECT_LE(cache.size(), 8u);
  EXPECT_GT(jwks->fetches(), 1) << "the JWKS was refetched under load";
  // k2 comes and goes: accepted sometimes is fine, never a crash or a race.
  (void)k2_accepted;
}

// The rules a function serves, swapped every millisecond while 8 threads
// decide: a decision is always wholly one revision's (its rule and its
// revision agree), never half of one, and nothing races.
class AlternatingSource : public source::RulesSource {
 public:
  absl::StatusOr<std::optional<source::RulesText>> Fetch(std::string_view known) override {
    const int n = ++count_;
    std::string revision = "r" + std::to_string(n);
    if (revision == known) return std::nullopt;
    // Odd revisions allow with rule "odd", even ones deny with "even".
    std::string text =
        n % 2 == 1
            ? R"({"version": 1, "rules": [{"id": "odd", "role": "arn:aws:iam::123456789012:role/o"}]})"
            : R"({"version": 1, "deny": [{"id": "even"}]})";
    return source::RulesText{std::move(text), std::move(revision), "alternating", "."};
  }
  const std::string& location() const override { return location_; }

 private:
  int count_ = 0;
  std::string location_ = "alternating://";
};

TEST(Concurrency, RevisionsSwappedEveryMillisecondUnderEightDecidingThreads) {
  lambda::LiveRulesOptions options;
  options.log = [](std::string_view) {};
  auto live = lambda::LiveRules::Create(std::make_unique<AlternatingSource>(), options);
  ASSERT_TRUE(live.ok()) << live.status();
  std::atomic<bool> stop{false};
  std::atomic<int> torn{0}, decided{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      const std::string request = R"({"method":"GET","path":"/","claims":{}})";
      while (!stop) {
        const lambda::RulesSnapshot rules = (*live)->Current();
        const Decision d =
            rules.enforced->DecideEvent(request, {nullptr, EventShapeHint::kDirectRequest});
        const bool odd = (std::stoi(d.revision.substr(1)) % 2) == 1;
        if (d.allow != odd || d.rule != (odd ? "odd" : "even")) ++torn;
        ++decided;
      }
    });
  }
  // A count, not a time: sanitizer builds load a revision many times slower.
  constexpr int kSwaps = 150;
  for (int swap = 0; swap < kSwaps; ++swap) {
    (*live)->PollOnce();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ((*live)->reloads(), kSwaps);
  EXPECT_GT(decided.load(), kSwaps) << "decisions ran across the swaps";
}

}  // namespace
}  // namespace rolesel
