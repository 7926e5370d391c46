// RuntimeBackoff: how long the invocation loop waits after a failed call to
// the Runtime API before the next one, so that a misbehaving Runtime API
// (errors, dropped connections, unusable answers) is retried without a hot
// loop, and given up on only when it keeps failing.
//
// Waits double from `first` up to `cap`, with "equal jitter": half of each
// wait is fixed and half random, so a wait is never shorter than half its
// step (no hot loop, whatever the random numbers) and sandboxes do not
// retry in step. After `max_failures` failures in a row, Exhausted() is
// true. Succeeded() starts over. Not thread-safe: one loop owns one.
#ifndef ROLESEL_LAMBDA_RUNTIME_BACKOFF_H_
#define ROLESEL_LAMBDA_RUNTIME_BACKOFF_H_

#include <cstdint>
#include <random>

#include "absl/time/time.h"

namespace rolesel::lambda {

struct RuntimeBackoffOptions {
  absl::Duration first = absl::Milliseconds(10);
  absl::Duration cap = absl::Seconds(1);
  int max_failures = 30;
};

class RuntimeBackoff {
 public:
  explicit RuntimeBackoff(RuntimeBackoffOptions options = {},
                          uint64_t seed = std::random_device{}());

  // Counts a failure; the wait before the next call.
  absl::Duration Failed();
  void Succeeded() { failures_ = 0; }
  bool Exhausted() const { return failures_ >= options_.max_failures; }
  int failures() const { return failures_; }

  // The fixed half of the wait after failure number `failure` (1-based).
  absl::Duration MinimumWait(int failure) const;

 private:
  absl::Duration Step(int failure) const;

  RuntimeBackoffOptions options_;
  std::mt19937_64 random_;
  int failures_ = 0;
};

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_RUNTIME_BACKOFF_H_
