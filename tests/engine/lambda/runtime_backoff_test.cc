#include "rolesel/lambda/runtime_backoff.h"

#include "gtest/gtest.h"

namespace rolesel::lambda {
namespace {

TEST(RuntimeBackoff, WaitsDoubleUpToTheCapAndNeverFallBelowHalfTheStep) {
  RuntimeBackoffOptions options;
  options.first = absl::Milliseconds(10);
  options.cap = absl::Seconds(1);
  for (uint64_t seed = 0; seed < 50; ++seed) {
    RuntimeBackoff backoff(options, seed);
    absl::Duration step = absl::Milliseconds(10);
    for (int failure = 1; failure <= 12; ++failure) {
      const absl::Duration wait = backoff.Failed();
      EXPECT_GE(wait, step / 2) << "failure " << failure;
      EXPECT_LE(wait, step) << "failure " << failure;
      step = std::min(step * 2, absl::Seconds(1));
    }
  }
}

TEST(RuntimeBackoff, IsExhaustedAfterTheBoundOfFailuresInARow) {
  RuntimeBackoffOptions options;
  options.max_failures = 3;
  RuntimeBackoff backoff(options);
  backoff.Failed();
  backoff.Failed();
  EXPECT_FALSE(backoff.Exhausted());
  backoff.Succeeded();  // a success starts the count over
  backoff.Failed();
  backoff.Failed();
  EXPECT_FALSE(backoff.Exhausted());
  backoff.Failed();
  EXPECT_TRUE(backoff.Exhausted());
}

TEST(RuntimeBackoff, ASuccessStartsTheWaitsOverToo) {
  RuntimeBackoff backoff({}, 1);
  for (int i = 0; i < 10; ++i) backoff.Failed();
  backoff.Succeeded();
  EXPECT_LE(backoff.Failed(), absl::Milliseconds(10));
}

}  // namespace
}  // namespace rolesel::lambda
