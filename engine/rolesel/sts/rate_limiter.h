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
#ifndef ROLESEL_STS_RATE_LIMITER_H_
#define ROLESEL_STS_RATE_LIMITER_H_

#include <functional>
#include <mutex>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace rolesel::sts {

struct TokenBucketOptions {
  double rate = 20;   // tokens per second; <= 0: unlimited
  double burst = 20;  // the bucket's size (at least 1)
  std::function<absl::Time()> now = [] { return absl::Now(); };
  std::function<void(absl::Duration)> sleep = [](absl::Duration d) { absl::SleepFor(d); };
};

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
