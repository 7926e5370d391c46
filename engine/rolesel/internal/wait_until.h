// WaitUntil: a condition variable wait bounded by an absl::Time deadline,
// for the caches whose callers wait for another caller's fetch (the
// credential cache's single flight, the JWKS cache's refetch) no longer than
// their own deadline.
//
// Returns done() once it holds (true), or false when `deadline` came first.
// An infinite deadline waits without a time limit: a time_point at the
// clock's maximum overflows inside wait_until. `lock` must hold the mutex
// that guards what done() reads, as for any condition variable wait.
#ifndef ROLESEL_INTERNAL_WAIT_UNTIL_H_
#define ROLESEL_INTERNAL_WAIT_UNTIL_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace rolesel::internal {

template <typename CondVar, typename Lock, typename Done>
bool WaitUntil(CondVar& cv, Lock& lock, absl::Time deadline, Done done) {
  if (deadline == absl::InfiniteFuture()) {
    cv.wait(lock, done);
    return true;
  }
  return cv.wait_until(lock, absl::ToChronoTime(deadline), done);
}

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_WAIT_UNTIL_H_
