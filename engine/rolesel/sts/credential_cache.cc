#include "rolesel/sts/credential_cache.h"

#include "absl/strings/str_cat.h"

namespace rolesel::sts {

CachingRoleAssumer::CachingRoleAssumer(RoleAssumer* inner, CredentialCacheOptions options)
    : inner_(inner), options_(std::move(options)) {}

size_t CachingRoleAssumer::size() const {
  absl::MutexLock lock(&mu_);
  return cache_.size();
}

void CachingRoleAssumer::EvictFor(absl::Time now) {
  if (cache_.size() < options_.max_entries) return;
  for (auto it = cache_.begin(); it != cache_.end();) {
    auto current = it++;
    if (!Fresh(current->second, now)) cache_.erase(current);
  }
  while (cache_.size() >= options_.max_entries && !cache_.empty()) {
    auto soonest = cache_.begin();
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (it->second.expiration < soonest->second.expiration) soonest = it;
    }
    cache_.erase(soonest);
  }
}

absl::StatusOr<AwsCredentials> CachingRoleAssumer::AssumeRole(const AssumeRoleRequest& request) {
  const std::string key = request.CacheKey();
  std::shared_ptr<Flight> flight;
  {
    absl::MutexLock lock(&mu_);
    auto hit = cache_.find(key);
    if (hit != cache_.end() && Fresh(hit->second, options_.now())) return hit->second;
    auto in_flight = flights_.find(key);
    if (in_flight != flights_.end()) {
      // Someone is already asking STS for this key: wait for their answer.
      std::shared_ptr<Flight> shared = in_flight->second;
      while (!shared->done) flight_done_.Wait(&mu_);
      if (shared->result.ok() && !Fresh(*shared->result, options_.now())) {
        return absl::FailedPreconditionError(
            "credentials from STS expire within the cache's safety margin");
      }
      return shared->result;
    }
    flight = std::make_shared<Flight>();
    flights_.emplace(key, flight);
  }

  absl::StatusOr<AwsCredentials> result = inner_->AssumeRole(request);
  const absl::Time now = options_.now();
  if (result.ok() && !Fresh(*result, now)) {
    result = absl::FailedPreconditionError(absl::StrCat(
        "credentials from STS expire within the cache's safety margin (",
        absl::FormatDuration(options_.safety_margin), ")"));
  }

  absl::MutexLock lock(&mu_);
  if (result.ok()) {
    EvictFor(now);
    cache_.insert_or_assign(key, *result);
  }
  flight->result = result;
  flight->done = true;
  flights_.erase(key);
  flight_done_.SignalAll();
  return result;
}

}  // namespace rolesel::sts
