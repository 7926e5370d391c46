#include "rolesel/lambda/runtime_backoff.h"

#include <algorithm>

namespace rolesel::lambda {

RuntimeBackoff::RuntimeBackoff(RuntimeBackoffOptions options, uint64_t seed)
    : options_(options), random_(seed) {}

absl::Duration RuntimeBackoff::Step(int failure) const {
  absl::Duration step = options_.first;
  for (int i = 1; i < failure && step < options_.cap; ++i) step *= 2;
  return std::min(step, options_.cap);
}

absl::Duration RuntimeBackoff::MinimumWait(int failure) const { return Step(failure) / 2; }

absl::Duration RuntimeBackoff::Failed() {
  ++failures_;
  const absl::Duration half = MinimumWait(failures_);
  std::uniform_int_distribution<int64_t> jitter(0, absl::ToInt64Microseconds(half));
  return half + absl::Microseconds(jitter(random_));
}

}  // namespace rolesel::lambda
