// CachingRoleAssumer: caches credentials per AssumeRoleRequest (role,
// session name, duration, source identity, tags, policy) in front of any
// RoleAssumer, so that STS is asked as seldom as the credentials allow.
//
// - A hit is served while now < expiration - safety_margin; credentials that
//   are expired or inside the margin are never handed out (fresh ones from
//   STS inside the margin are refused as an error).
// - Refresh ahead: within `refresh_ahead` of the margin, the first caller to
//   see the credentials asks STS for new ones (one caller per key at a
//   time) while every other caller is served the old ones; when that
//   refresh fails, its caller is served the old ones too, and the key is not
//   refreshed again for `refresh_retry`.
// - Single flight: when many threads miss the same key at once, exactly one
//   calls the inner RoleAssumer; the others wait for its result (an error is
//   shared with the waiters, not cached), each no longer than its own
//   request's deadline (then DeadlineExceeded). A waiter whose leader ran
//   out of its shorter deadline asks again itself while it has time.
// - Denied: an AccessDenied answer (PermissionDenied) is remembered for
//   `denied_ttl` per request, so a flood of requests for a role STS refuses
//   makes one call per period; the remembered error says so.
// - At most max_entries credentials (and as many denials) are kept; expired
//   entries go first, then the one expiring soonest.
// Thread-safe. The inner RoleAssumer must outlive this object.
#ifndef ROLESEL_STS_CREDENTIAL_CACHE_H_
#define ROLESEL_STS_CREDENTIAL_CACHE_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "rolesel/sts/role_assumer.h"

namespace rolesel::sts {

// What the calling thread's last CachingRoleAssumer call did, for metrics:
// served from the cache, or after an STS call (this thread's, or another's
// it waited for) and how long that call took.
struct CacheOutcome {
  bool known = false;  // false: no CachingRoleAssumer call since the last take
  bool hit = false;
  bool called_sts = false;  // this thread called STS
  absl::Duration sts_latency;
  bool denied_hit = false;  // answered by a remembered AccessDenied
  bool refreshed = false;   // this thread refreshed credentials ahead of expiry
};
// Returns that outcome and forgets it.
CacheOutcome TakeLastCacheOutcome();

// The wall clock to a few milliseconds (CLOCK_REALTIME_COARSE), the cache's
// default clock: a hit reads it every time, a full-resolution read was a
// fifth of a hit, and every margin it is compared with is seconds or more.
absl::Time CoarseWallClock();

struct CredentialCacheOptions {
  absl::Duration safety_margin = absl::Minutes(2);  // less than STS's 15-minute minimum
  absl::Duration refresh_ahead = absl::Minutes(3);  // before the margin; zero: off
  absl::Duration refresh_retry = absl::Seconds(10);
  absl::Duration denied_ttl = absl::Seconds(10);  // zero: AccessDenied is not remembered
  size_t max_entries = 1024;
  std::function<absl::Time()> now = CoarseWallClock;
};

class CachingRoleAssumer : public RoleAssumer {
 public:
  CachingRoleAssumer(RoleAssumer* inner, CredentialCacheOptions options = {});

  // RoleAssumer: a copy of the cached (or fetched) credentials.
  absl::StatusOr<AwsCredentials> AssumeRole(const AssumeRoleRequest& request) override;
  // The same without copying: a hit costs a reader lock and a hash lookup.
  absl::StatusOr<std::shared_ptr<const AwsCredentials>> Get(const AssumeRoleRequest& request);

  size_t size() const;

 private:
  using Shared = std::shared_ptr<const AwsCredentials>;
  struct Entry {
    Shared credentials;
    bool refreshing = false;
    absl::Time next_refresh = absl::InfinitePast();  // after a failed refresh
  };
  struct Denied {
    absl::Status status;
    absl::Time until;
  };
  struct Flight {
    bool done = false;
    absl::StatusOr<Shared> result;
  };
  enum class Lookup { kMiss, kHit, kRefresh };

  bool Fresh(const AwsCredentials& credentials, absl::Time now) const {
    return now < credentials.expiration - options_.safety_margin;
  }
  bool DueForRefresh(const Entry& entry, absl::Time now) const;
  // With mu_ held either way: kHit for fresh credentials or a remembered
  // denial (in `*answer`), kRefresh for fresh credentials due for a refresh
  // nobody has started, kMiss otherwise.
  Lookup Look(const AssumeRoleRequest& request, absl::Time now,
              absl::StatusOr<Shared>* answer) const;
  absl::StatusOr<Shared> Refresh(const AssumeRoleRequest& request, Shared old);
  absl::StatusOr<Shared> Fetch(const AssumeRoleRequest& request);
  void Store(const AssumeRoleRequest& request, const absl::StatusOr<Shared>& result,
             absl::Time now);     // mu_ held exclusively
  void EvictFor(absl::Time now);  // mu_ held exclusively

  RoleAssumer* inner_;
  CredentialCacheOptions options_;
  // The standard library's primitives rather than absl::Mutex: they go
  // through pthreads, which ThreadSanitizer sees even though Debian's Abseil
  // is not built for it (docs/decisions.md).
  mutable std::shared_mutex mu_;
  std::condition_variable_any flight_done_;
  // Guarded by mu_:
  absl::flat_hash_map<AssumeRoleRequest, Entry> cache_;
  absl::flat_hash_map<AssumeRoleRequest, Denied> denied_;
  absl::flat_hash_map<AssumeRoleRequest, std::shared_ptr<Flight>> flights_;
};

}  // namespace rolesel::sts

#endif  // ROLESEL_STS_CREDENTIAL_CACHE_H_
