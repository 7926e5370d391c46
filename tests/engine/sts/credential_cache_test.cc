#include "rolesel/sts/credential_cache.h"

#include <atomic>
#include <stdexcept>
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
    const bool out_of_time = deadline_passes;  // as the call starts
    absl::SleepFor(delay);
    if (fail) return absl::UnavailableError("sts down");
    if (denied) {
      return WithAwsErrorCode(absl::PermissionDeniedError("AccessDenied: not authorized"),
                              "AccessDenied");
    }
    if (out_of_time) return absl::DeadlineExceededError("the deadline passed");
    if (throws) throw std::runtime_error("adapter bug");
    AwsCredentials c{"ASIA" + request.session_name, "secret", "token", *now_ + lifetime};
    return c;
  }
  std::atomic<int> calls{0};
  absl::Duration delay = absl::ZeroDuration();
  absl::Duration lifetime = absl::Minutes(15);
  bool fail = false;
  bool denied = false;
  std::atomic<bool> deadline_passes{false};
  bool throws = false;

 private:
  absl::Time* now_;
};

struct CacheFixture {
  absl::Time now = absl::FromUnixSeconds(1800000000);
  CountingAssumer inner{&now};
  CredentialCacheOptions Options(size_t max = 1024) {
    CredentialCacheOptions o;
    o.safety_margin = absl::Minutes(2);
    o.refresh_ahead = absl::ZeroDuration();  // the refresh tests turn it on
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
  // Fields the hash leaves out (tags, source identity, policy ARNs,
  // transitive keys) still tell entries apart: equality compares them all.
  std::vector<AssumeRoleRequest> variants(8, base);
  variants[1].role_arn += "2";
  variants[2].session_name = "b";
  variants[3].duration_seconds = 1800;
  variants[4].source_identity = "alice";
  variants[5].tags = {{"team", "pets"}};
  variants[6].policy_arns = {"arn:aws:iam::123456789012:policy/p"};
  variants[7].tags = {{"team", "pets"}};
  variants[7].transitive_tag_keys = {"team"};
  for (const auto& v : variants) ASSERT_TRUE(cache.AssumeRole(v).ok());
  AssumeRoleRequest policy = base;
  policy.policy = "{}";
  ASSERT_TRUE(cache.AssumeRole(policy).ok());
  EXPECT_EQ(f.inner.calls, 9);
  for (const auto& v : variants) ASSERT_TRUE(cache.AssumeRole(v).ok());
  EXPECT_EQ(f.inner.calls, 9) << "each variant is served from its own entry";
  EXPECT_NE(Request("a:b").CacheKey(), Request("a").CacheKey());
}

TEST(CachingRoleAssumer, ItsDefaultClockIsTheWallClockToAFewMilliseconds) {
  const absl::Time before = absl::Now();
  const absl::Time coarse = CoarseWallClock();
  const absl::Time after = absl::Now();
  EXPECT_GT(coarse, before - absl::Milliseconds(50));
  EXPECT_LE(coarse, after);
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

TEST(CachingRoleAssumer, RefreshesAheadOnceWhileTheOldCredentialsKeepServing) {
  CacheFixture f;
  CredentialCacheOptions options = f.Options();
  options.refresh_ahead = absl::Minutes(3);  // from 5 min before expiry
  CachingRoleAssumer cache(&f.inner, options);
  auto first = cache.Get(Request("a"));
  ASSERT_TRUE(first.ok());
  f.now += absl::Minutes(9);  // 6 min left: not yet
  EXPECT_EQ(*cache.Get(Request("a")), *first);
  EXPECT_EQ(f.inner.calls, 1);
  f.now += absl::Minutes(2);  // 4 min left: this caller refreshes
  auto refreshed = cache.Get(Request("a"));
  ASSERT_TRUE(refreshed.ok());
  EXPECT_NE(*refreshed, *first);
  EXPECT_TRUE(TakeLastCacheOutcome().refreshed);
  EXPECT_EQ(f.inner.calls, 2);
  EXPECT_EQ(*cache.Get(Request("a")), *refreshed) << "the new ones serve from now on";
  EXPECT_EQ(f.inner.calls, 2);
}

TEST(CachingRoleAssumer, OthersAreServedTheOldCredentialsWhileOneCallerRefreshes) {
  CacheFixture f;
  CredentialCacheOptions options = f.Options();
  options.refresh_ahead = absl::Minutes(3);
  CachingRoleAssumer cache(&f.inner, options);
  auto first = cache.Get(Request("a"));
  ASSERT_TRUE(first.ok());
  f.now += absl::Minutes(11);
  f.inner.delay = absl::Milliseconds(300);
  std::thread refresher([&] { ASSERT_TRUE(cache.Get(Request("a")).ok()); });
  absl::SleepFor(absl::Milliseconds(100));  // the refresh is under way
  std::atomic<int> old_served{0};
  std::vector<std::thread> others;
  for (int i = 0; i < 8; ++i) {
    others.emplace_back([&] {
      auto got = cache.Get(Request("a"));
      if (got.ok() && *got == *first) ++old_served;
    });
  }
  for (auto& t : others) t.join();
  refresher.join();
  EXPECT_EQ(old_served, 8) << "nobody waited for the refresh";
  EXPECT_EQ(f.inner.calls, 2) << "one refresh for everyone";
}

TEST(CachingRoleAssumer, AFailedRefreshServesTheOldOnesAndWaitsBeforeTryingAgain) {
  CacheFixture f;
  CredentialCacheOptions options = f.Options();
  options.refresh_ahead = absl::Minutes(3);
  options.refresh_retry = absl::Seconds(10);
  CachingRoleAssumer cache(&f.inner, options);
  auto first = cache.Get(Request("a"));
  f.now += absl::Minutes(11);
  f.inner.fail = true;
  auto during = cache.Get(Request("a"));
  ASSERT_TRUE(during.ok()) << "the refresh's caller is served too";
  EXPECT_EQ(*during, *first);
  EXPECT_EQ(f.inner.calls, 2);
  f.now += absl::Seconds(5);
  EXPECT_TRUE(cache.Get(Request("a")).ok());
  EXPECT_EQ(f.inner.calls, 2) << "not retried within refresh_retry";
  f.now += absl::Seconds(5);
  f.inner.fail = false;
  EXPECT_NE(*cache.Get(Request("a")), *first);
  EXPECT_EQ(f.inner.calls, 3);
}

TEST(CachingRoleAssumer, AccessDeniedIsRememberedBrieflyPerRequest) {
  CacheFixture f;
  f.inner.denied = true;
  CredentialCacheOptions options = f.Options();
  options.denied_ttl = absl::Seconds(10);
  CachingRoleAssumer cache(&f.inner, options);
  for (int i = 0; i < 100; ++i) {
    auto denied = cache.AssumeRole(Request("mallory"));
    ASSERT_EQ(denied.status().code(), absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(AwsErrorCode(denied.status()), "AccessDenied");
  }
  EXPECT_EQ(f.inner.calls, 1) << "a flood for a denied role makes one STS call";
  auto remembered = cache.AssumeRole(Request("mallory"));
  EXPECT_NE(std::string(remembered.status().message()).find("remembered"), std::string::npos);
  EXPECT_TRUE(TakeLastCacheOutcome().denied_hit);
  EXPECT_FALSE(cache.AssumeRole(Request("bob")).ok());
  EXPECT_EQ(f.inner.calls, 2) << "another session is asked for itself";
  f.now += absl::Seconds(10);
  f.inner.denied = false;
  EXPECT_TRUE(cache.AssumeRole(Request("mallory")).ok()) << "asked again after the TTL";
  EXPECT_EQ(f.inner.calls, 3);
}

TEST(CachingRoleAssumer, OnlyAccessDeniedIsRemembered) {
  CacheFixture f;
  f.inner.fail = true;  // Unavailable: the next caller may well succeed
  CredentialCacheOptions options = f.Options();
  options.denied_ttl = absl::Seconds(10);
  CachingRoleAssumer cache(&f.inner, options);
  EXPECT_FALSE(cache.AssumeRole(Request("a")).ok());
  EXPECT_FALSE(cache.AssumeRole(Request("a")).ok());
  EXPECT_EQ(f.inner.calls, 2);
}

TEST(CachingRoleAssumer, AWaiterWaitsNoLongerThanItsOwnDeadline) {
  CacheFixture f;
  f.inner.delay = absl::Milliseconds(600);
  CachingRoleAssumer cache(&f.inner, f.Options());
  std::thread leader([&] { EXPECT_TRUE(cache.AssumeRole(Request("a")).ok()); });
  absl::SleepFor(absl::Milliseconds(100));
  AssumeRoleRequest hurried = Request("a");
  hurried.deadline = absl::Now() + absl::Milliseconds(100);
  auto waited = cache.AssumeRole(hurried);
  EXPECT_EQ(waited.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(absl::Now(), hurried.deadline + absl::Milliseconds(300)) << "it did not wait it out";
  leader.join();
  EXPECT_EQ(f.inner.calls, 1);
}

TEST(CachingRoleAssumer, AWaiterWithMoreTimeAsksAgainWhenTheLeaderRanOutOfItsOwn) {
  CacheFixture f;
  f.inner.delay = absl::Milliseconds(300);
  f.inner.deadline_passes = true;  // the leader's call ends DeadlineExceeded
  CachingRoleAssumer cache(&f.inner, f.Options());
  std::thread leader([&] { EXPECT_FALSE(cache.AssumeRole(Request("a")).ok()); });
  absl::SleepFor(absl::Milliseconds(100));
  std::thread patient([&] {
    AssumeRoleRequest request = Request("a");
    request.deadline = absl::Now() + absl::Seconds(30);
    EXPECT_TRUE(cache.AssumeRole(request).ok());
  });
  absl::SleepFor(absl::Milliseconds(100));
  f.inner.deadline_passes = false;  // by the time the waiter asks itself
  leader.join();
  patient.join();
  EXPECT_EQ(f.inner.calls, 2);
}

TEST(CachingRoleAssumer, AnAdapterThatThrowsFailsItsFlightAndWaitersDoNotHang) {
  CacheFixture f;
  f.inner.delay = absl::Milliseconds(200);
  f.inner.throws = true;
  CachingRoleAssumer cache(&f.inner, f.Options());
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto got = cache.AssumeRole(Request("x"));
      if (got.status().code() == absl::StatusCode::kInternal) ++failed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed, 4);
  EXPECT_EQ(f.inner.calls, 1);
  f.inner.throws = false;
  EXPECT_TRUE(cache.AssumeRole(Request("x")).ok()) << "the next caller asks again";
}

TEST(CachingRoleAssumer, TheDeadlineIsNotPartOfTheKey) {
  CacheFixture f;
  CachingRoleAssumer cache(&f.inner, f.Options());
  AssumeRoleRequest early = Request("a");
  early.deadline = absl::Now() + absl::Seconds(1);
  AssumeRoleRequest late = Request("a");
  late.deadline = absl::Now() + absl::Seconds(9);
  ASSERT_TRUE(cache.AssumeRole(early).ok());
  ASSERT_TRUE(cache.AssumeRole(late).ok());
  EXPECT_EQ(f.inner.calls, 1);
  EXPECT_EQ(early.CacheKey(), late.CacheKey());
}

}  // namespace
}  // namespace rolesel::sts
