#include "rolesel/sts/rate_limiter.h"

#include <cstdlib>
#include <vector>

#include "gtest/gtest.h"

namespace rolesel::sts {
namespace {

// A bucket on a clock the test moves; sleeping moves it too.
struct Clock {
  absl::Time now = absl::FromUnixSeconds(1800000000);
  std::vector<absl::Duration> sleeps;
  TokenBucketOptions Options(double rate, double burst) {
    TokenBucketOptions o;
    o.rate = rate;
    o.burst = burst;
    o.now = [this] { return now; };
    o.sleep = [this](absl::Duration d) {
      sleeps.push_back(d);
      now += d;
    };
    return o;
  }
};

TEST(TokenBucket, ABurstPassesAtOnceAndThenCallsAreSpacedByTheRate) {
  Clock clock;
  TokenBucket bucket(clock.Options(/*rate=*/10, /*burst=*/3));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(bucket.Acquire().ok());
  EXPECT_TRUE(clock.sleeps.empty());
  ASSERT_TRUE(bucket.Acquire().ok());
  ASSERT_TRUE(bucket.Acquire().ok());
  ASSERT_EQ(clock.sleeps.size(), 2u);
  EXPECT_EQ(clock.sleeps[0], absl::Milliseconds(100));
  EXPECT_EQ(clock.sleeps[1], absl::Milliseconds(100));
}

TEST(TokenBucket, RefillsWithTimeButNeverBeyondTheBurst) {
  Clock clock;
  TokenBucket bucket(clock.Options(10, 2));
  ASSERT_TRUE(bucket.Acquire().ok());
  ASSERT_TRUE(bucket.Acquire().ok());
  clock.now += absl::Hours(1);  // an idle hour refills 2 tokens, not 36,000
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(bucket.Acquire().ok());
  EXPECT_TRUE(clock.sleeps.empty());
  ASSERT_TRUE(bucket.Acquire().ok());
  EXPECT_EQ(clock.sleeps.size(), 1u);
}

TEST(TokenBucket, ATokenDueAfterTheDeadlineIsRefusedAtOnceAndNotTaken) {
  Clock clock;
  TokenBucket bucket(clock.Options(1, 1));
  ASSERT_TRUE(bucket.Acquire().ok());
  absl::Status late = bucket.Acquire(clock.now + absl::Milliseconds(500));
  EXPECT_EQ(late.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(clock.sleeps.empty()) << "a refused caller does not sleep";
  // The refused call took nothing: the next token is still due in 1 s.
  ASSERT_TRUE(bucket.Acquire(clock.now + absl::Seconds(1)).ok());
  ASSERT_EQ(clock.sleeps.size(), 1u);
  EXPECT_EQ(clock.sleeps[0], absl::Seconds(1));
}

TEST(TokenBucket, WaitingCallersQueueBehindEachOther) {
  Clock clock;
  TokenBucketOptions options = clock.Options(2, 1);
  options.sleep = [&](absl::Duration d) { clock.sleeps.push_back(d); };  // time stands still
  TokenBucket bucket(options);
  ASSERT_TRUE(bucket.Acquire().ok());
  ASSERT_TRUE(bucket.Acquire().ok());  // due in 0.5 s
  ASSERT_TRUE(bucket.Acquire().ok());  // due after that one: 1 s
  ASSERT_EQ(clock.sleeps.size(), 2u);
  EXPECT_EQ(clock.sleeps[0], absl::Milliseconds(500));
  EXPECT_EQ(clock.sleeps[1], absl::Seconds(1));
}

TEST(TokenBucket, ARateOfZeroIsNoLimit) {
  Clock clock;
  TokenBucket bucket(clock.Options(0, 1));
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(bucket.Acquire(clock.now).ok());
  EXPECT_TRUE(clock.sleeps.empty());
}

}  // namespace
}  // namespace rolesel::sts

namespace rolesel::sts {
namespace {

class StsRateEnvironment : public ::testing::Test {
 protected:
  void TearDown() override {
    unsetenv("ROLESEL_STS_MAX_RATE");
    unsetenv("ROLESEL_STS_BURST");
  }
};

TEST_F(StsRateEnvironment, DefaultsToTwentyCallsASecondInBurstsOfTwenty) {
  auto options = StsRateFromEnvironment();
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->rate, 20);
  EXPECT_EQ(options->burst, 20);
}

TEST_F(StsRateEnvironment, ReadsTheRateAndTheBurstAndRefusesNonsense) {
  setenv("ROLESEL_STS_MAX_RATE", "0", 1);
  setenv("ROLESEL_STS_BURST", "5", 1);
  auto options = StsRateFromEnvironment();
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->rate, 0) << "0: no limit";
  EXPECT_EQ(options->burst, 5);
  setenv("ROLESEL_STS_MAX_RATE", "fast", 1);
  EXPECT_EQ(StsRateFromEnvironment().status().code(), absl::StatusCode::kInvalidArgument);
  setenv("ROLESEL_STS_MAX_RATE", "10", 1);
  setenv("ROLESEL_STS_BURST", "0", 1);
  EXPECT_EQ(StsRateFromEnvironment().status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ProcessStsRateLimiter, IsOneBucketForTheWholeProcess) {
  auto first = ProcessStsRateLimiter();
  auto second = ProcessStsRateLimiter();
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->get(), second->get());
}

}  // namespace
}  // namespace rolesel::sts
