#include "rolesel/sts/credential_cache.h"

#include <atomic>
#include <thread>

#include "gtest/gtest.h"

namespace rolesel::sts {
namespace {

// Counts calls; answers credentials valid for `lifetime` from `*now`.
class CountingAssumer : public RoleAssumer {
 public:
  explicit CountingAssumer(absl::Time* now) : now_(now) {}
  absl::StatusOr<AwsCredentials> AssumeRole(const AssumeRoleRequest& request) override {
    calls.fetch_add(1);
    absl::SleepFor(delay);
    if (fail) return absl::UnavailableError("sts down");
    AwsCredentials c{"ASIA" + request.session_name, "secret", "token", *now_ + lifetime};
    return c;
  }
  std::atomic<int> calls{0};
  absl::Duration delay = absl::ZeroDuration();
  absl::Duration lifetime = absl::Minutes(15);
  bool fail = false;

 private:
  absl::Time* now_;
};

struct CacheFixture {
  absl::Time now = absl::FromUnixSeconds(1800000000);
  CountingAssumer inner{&now};
  CredentialCacheOptions Options(size_t max = 1024) {
    CredentialCacheOptions o;
    o.safety_margin = absl::Minutes(2);
    o.max_entries = max;
    o.now = [this] { return now; };
    return o;
  }
};

AssumeRoleRequest Request(const std::string& session) {
  AssumeRoleRequest r;
  r.role_arn = "arn:aws:iam::123456789012:role/r";
  r.session_name = session;
  r.duration_seconds = 900;
  return r;
}

TEST(CachingRoleAssumer, ServesHitsUntilTheSafetyMargin) {
  CacheFixture f;
  CachingRoleAssumer cache(&f.inner, f.Options());
  ASSERT_TRUE(cache.AssumeRole(Request("a")).ok());
  ASSERT_TRUE(cache.AssumeRole(Request("a")).ok());
  EXPECT_EQ(f.inner.calls, 1);
  f.now += absl::Minutes(12) + absl::Seconds(59);  // 2 min 1 s left: still fresh
  ASSERT_TRUE(cache.AssumeRole(Request("a")).ok());
  EXPECT_EQ(f.inner.calls, 1);
  f.now += absl::Seconds(1);  // exactly at the margin: never handed out
  auto renewed = cache.AssumeRole(Request("a"));
  ASSERT_TRUE(renewed.ok());
  EXPECT_EQ(f.inner.calls, 2);
  EXPECT_GT(renewed->expiration - f.now, absl::Minutes(2));
}

TEST(CachingRoleAssumer, KeysOnEveryRequestField) {
  CacheFixture f;
  CachingRoleAssumer cache(&f.inner, f.Options());
  AssumeRoleRequest base = Request("a");
  std::vector<AssumeRoleRequest> variants(6, base);
  variants[1].role_arn += "2";
  variants[2].session_name = "b";
  variants[3].duration_seconds = 1800;
  variants[4].source_identity = "alice";
  variants[5].tags = {{"team", "pets"}};
  for (const auto& v : variants) ASSERT_TRUE(cache.AssumeRole(v).ok());
  AssumeRoleRequest policy = base;
  policy.policy = "{}";
  ASSERT_TRUE(cache.AssumeRole(policy).ok());
  EXPECT_EQ(f.inner.calls, 7);
  EXPECT_NE(Request("a:b").CacheKey(), Request("a").CacheKey());
}

TEST(CachingRoleAssumer, NeverHandsOutCredentialsInsideTheMargin) {
  CacheFixture f;
  f.inner.lifetime = absl::Minutes(1);  // shorter than the 2-minute margin
  CachingRoleAssumer cache(&f.inner, f.Options());
  auto result = cache.AssumeRole(Request("a"));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(CachingRoleAssumer, ErrorsAreReturnedNotCached) {
  CacheFixture f;
  f.inner.fail = true;
  CachingRoleAssumer cache(&f.inner, f.Options());
  EXPECT_FALSE(cache.AssumeRole(Request("a")).ok());
  EXPECT_FALSE(cache.AssumeRole(Request("a")).ok());
  EXPECT_EQ(f.inner.calls, 2);
}

TEST(CachingRoleAssumer, BoundsItsSize) {
  CacheFixture f;
  CachingRoleAssumer cache(&f.inner, f.Options(/*max=*/3));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(cache.AssumeRole(Request("s" + std::to_string(i))).ok());
  EXPECT_LE(cache.size(), 3u);
}

TEST(CachingRoleAssumer, ManyThreadsMissingOneKeyMakeOneCall) {
  CacheFixture f;
  f.inner.delay = absl::Milliseconds(200);
  CachingRoleAssumer cache(&f.inner, f.Options());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] { ok += cache.AssumeRole(Request("same")).ok() ? 1 : 0; });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 16);
  EXPECT_EQ(f.inner.calls, 1);
}

TEST(CachingRoleAssumer, WaitersShareAFailure) {
  CacheFixture f;
  f.inner.delay = absl::Milliseconds(200);
  f.inner.fail = true;
  CachingRoleAssumer cache(&f.inner, f.Options());
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] { failed += cache.AssumeRole(Request("x")).ok() ? 0 : 1; });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed, 8);
  EXPECT_EQ(f.inner.calls, 1);
}

}  // namespace
}  // namespace rolesel::sts
