// TokenBucket: the process's own limit on STS calls, below the account's
// quota (600 AssumeRole-class calls per second by default, shared by every
// function of the account and with GetCallerIdentity), so that a burst of
// cache misses in one process cannot exhaust it for the others.
//
// `rate` tokens per second refill a bucket of at most `burst`; every STS
// attempt (retries too) takes one. Acquire() reserves the next token and
// sleeps until it is due; when it would be due after the caller's deadline
// it answers ResourceExhausted at once, without sleeping and without taking
// a token. A rate <= 0 disables the limit.
// Thread-safe; waiting callers are served in the order they arrived.
//
// ProcessStsRateLimiter() is the one bucket every StsClient of the process
// shares unless given its own, so that the layer's client and a handler's
// own calls (GetCallerIdentity too) count against one limit:
// ROLESEL_STS_MAX_RATE calls per second (default 20; 0: no limit) in bursts
// of ROLESEL_STS_BURST (default 20), read once, on first use.
#ifndef ROLESEL_STS_RATE_LIMITER_H_
#define ROLESEL_STS_RATE_LIMITER_H_

#include <functional>
#include <memory>
#include <mutex>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace rolesel::sts {

struct TokenBucketOptions {
  double rate = 20;   // tokens per second; <= 0: unlimited
  double burst = 20;  // the bucket's size (at least 1)
  std::function<absl::Time()> now = [] { return absl::Now(); };
  std::function<void(absl::Duration)> sleep = [](absl::Duration d) { absl::SleepFor(d); };
};

// TokenBucketOptions from ROLESEL_STS_MAX_RATE and ROLESEL_STS_BURST (read
// now); InvalidArgument naming the variable for a value that is not a
// number in range (rate 0 to 100000, burst 1 to 100000).
absl::StatusOr<TokenBucketOptions> StsRateFromEnvironment();

class TokenBucket;
// The process's bucket, or the error StsRateFromEnvironment() gave.
absl::StatusOr<std::shared_ptr<TokenBucket>> ProcessStsRateLimiter();

class TokenBucket {
 public:
  explicit TokenBucket(TokenBucketOptions options = {});

  absl::Status Acquire(absl::Time deadline = absl::InfiniteFuture());

  double rate() const { return options_.rate; }

 private:
  TokenBucketOptions options_;
  std::mutex mu_;
  double tokens_;      // guarded by mu_; below zero while callers wait
  absl::Time filled_;  // guarded by mu_: when tokens_ was last brought up to date
};

}  // namespace rolesel::sts

#endif  // ROLESEL_STS_RATE_LIMITER_H_
