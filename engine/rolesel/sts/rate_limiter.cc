#include "rolesel/sts/rate_limiter.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "rolesel/internal/environment.h"

namespace rolesel::sts {

TokenBucket::TokenBucket(TokenBucketOptions options)
    : options_(std::move(options)),
      tokens_(std::max(1.0, options_.burst)),
      filled_(options_.now()) {
  options_.burst = std::max(1.0, options_.burst);
}

absl::StatusOr<TokenBucketOptions> StsRateFromEnvironment() {
  TokenBucketOptions options;
  if (absl::Status s = internal::NumberFromEnv("ROLESEL_STS_MAX_RATE", 0, 100000, &options.rate);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = internal::NumberFromEnv("ROLESEL_STS_BURST", 1, 100000, &options.burst);
      !s.ok()) {
    return s;
  }
  return options;
}

absl::StatusOr<std::shared_ptr<TokenBucket>> ProcessStsRateLimiter() {
  // Built once, thread-safely (a function-local static); never destroyed, so
  // clients still running at exit keep a valid bucket.
  using Result = absl::StatusOr<std::shared_ptr<TokenBucket>>;
  static const Result* const bucket = [] {
    absl::StatusOr<TokenBucketOptions> options = StsRateFromEnvironment();
    if (!options.ok()) return new Result(options.status());
    return new Result(std::make_shared<TokenBucket>(*std::move(options)));
  }();
  return *bucket;
}

absl::Status TokenBucket::Acquire(absl::Time deadline) {
  if (options_.rate <= 0) return absl::OkStatus();
  absl::Duration wait;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const absl::Time now = options_.now();
    if (now > filled_) {
      tokens_ =
          std::min(options_.burst, tokens_ + absl::ToDoubleSeconds(now - filled_) * options_.rate);
      filled_ = now;
    }
    if (tokens_ < 1) {
      // Callers already waiting hold the tokens before this one (tokens_ < 0).
      wait = absl::Seconds((1 - tokens_) / options_.rate);
      if (now + wait > deadline) {
        return absl::ResourceExhaustedError(absl::StrCat(
            "rolesel's STS rate limit (", options_.rate, " calls per second, bursts of ",
            options_.burst, ") has no call free before the deadline"));
      }
    }
    tokens_ -= 1;  // reserved: the sleep below waits for it to be due
  }
  if (wait > absl::ZeroDuration()) options_.sleep(wait);
  return absl::OkStatus();
}

}  // namespace rolesel::sts
