#include "rolesel/sts/credential_cache.h"

#include "absl/strings/str_cat.h"

namespace rolesel::sts {
namespace {

thread_local CacheOutcome last_outcome;

}  // namespace

CacheOutcome TakeLastCacheOutcome() {
  CacheOutcome outcome = last_outcome;
  last_outcome = CacheOutcome();
  return outcome;
}

CachingRoleAssumer::CachingRoleAssumer(RoleAssumer* inner, CredentialCacheOptions options)
    : inner_(inner), options_(std::move(options)) {}

size_t CachingRoleAssumer::size() const {
  std::shared_lock lock(mu_);
  return cache_.size();
}

void CachingRoleAssumer::EvictFor(absl::Time now) {
  if (cache_.size() < options_.max_entries) return;
  for (auto it = cache_.begin(); it != cache_.end();) {
    auto current = it++;
    if (!Fresh(*current->second, now)) cache_.erase(current);
  }
  while (cache_.size() >= options_.max_entries && !cache_.empty()) {
    auto soonest = cache_.begin();
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (it->second->expiration < soonest->second->expiration) soonest = it;
    }
    cache_.erase(soonest);
  }
}

absl::StatusOr<AwsCredentials> CachingRoleAssumer::AssumeRole(const AssumeRoleRequest& request) {
  absl::StatusOr<Shared> shared = Get(request);
  if (!shared.ok()) return shared.status();
  return **shared;
}

absl::StatusOr<CachingRoleAssumer::Shared> CachingRoleAssumer::Get(
    const AssumeRoleRequest& request) {
  last_outcome = CacheOutcome{/*known=*/true, /*hit=*/true, /*called_sts=*/false, {}};
  {
    std::shared_lock lock(mu_);
    auto hit = cache_.find(request);
    if (hit != cache_.end() && Fresh(*hit->second, options_.now())) return hit->second;
  }
  std::shared_ptr<Flight> flight;
  {
    std::unique_lock lock(mu_);
    auto hit = cache_.find(request);  // filled while we waited for the lock?
    if (hit != cache_.end() && Fresh(*hit->second, options_.now())) return hit->second;
    auto in_flight = flights_.find(request);
    if (in_flight != flights_.end()) {
      // Someone is already asking STS for this key: wait for their answer.
      std::shared_ptr<Flight> shared = in_flight->second;
      last_outcome.hit = false;  // it waited for another thread's STS call
      flight_done_.wait(lock, [&] { return shared->done; });
      if (shared->result.ok() && !Fresh(**shared->result, options_.now())) {
        return absl::FailedPreconditionError(
            "credentials from STS expire within the cache's safety margin");
      }
      return shared->result;
    }
    flight = std::make_shared<Flight>();
    flights_.emplace(request, flight);
  }

  last_outcome.hit = false;
  const absl::Time asked = absl::Now();
  absl::StatusOr<AwsCredentials> fetched = inner_->AssumeRole(request);
  last_outcome.called_sts = true;
  last_outcome.sts_latency = absl::Now() - asked;
  const absl::Time now = options_.now();
  absl::StatusOr<Shared> result;
  if (!fetched.ok()) {
    result = fetched.status();
  } else if (!Fresh(*fetched, now)) {
    result = absl::FailedPreconditionError(
        absl::StrCat("credentials from STS expire within the cache's safety margin (",
                     absl::FormatDuration(options_.safety_margin), ")"));
  } else {
    result = std::make_shared<const AwsCredentials>(*std::move(fetched));
  }

  std::unique_lock lock(mu_);
  if (result.ok()) {
    EvictFor(now);
    cache_.insert_or_assign(request, *result);
  }
  flight->result = result;
  flight->done = true;
  flights_.erase(request);
  flight_done_.notify_all();
  return result;
}

}  // namespace rolesel::sts
