#include "rolesel/sts/credential_cache.h"

#include <time.h>

#include <exception>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rolesel/internal/wait_until.h"

namespace rolesel::sts {
namespace {

thread_local CacheOutcome last_outcome;

}  // namespace

absl::Time CoarseWallClock() {
  timespec now;
  if (clock_gettime(CLOCK_REALTIME_COARSE, &now) != 0) return absl::Now();
  return absl::TimeFromTimespec(now);
}

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

bool CachingRoleAssumer::DueForRefresh(const Entry& entry, absl::Time now) const {
  return options_.refresh_ahead > absl::ZeroDuration() && !entry.refreshing &&
         now >= entry.next_refresh &&
         now >= entry.credentials->expiration - options_.safety_margin - options_.refresh_ahead;
}

void CachingRoleAssumer::EvictFor(absl::Time now) {
  if (cache_.size() < options_.max_entries) return;
  for (auto it = cache_.begin(); it != cache_.end();) {
    auto current = it++;
    if (!Fresh(*current->second.credentials, now) && !current->second.refreshing) {
      cache_.erase(current);
    }
  }
  while (cache_.size() >= options_.max_entries && !cache_.empty()) {
    auto soonest = cache_.begin();
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (it->second.credentials->expiration < soonest->second.credentials->expiration) {
        soonest = it;
      }
    }
    cache_.erase(soonest);
  }
}

CachingRoleAssumer::Lookup CachingRoleAssumer::Look(const AssumeRoleRequest& request,
                                                    absl::Time now,
                                                    absl::StatusOr<Shared>* answer) const {
  if (auto hit = cache_.find(request);
      hit != cache_.end() && Fresh(*hit->second.credentials, now)) {
    *answer = hit->second.credentials;
    if (DueForRefresh(hit->second, now)) return Lookup::kRefresh;
    last_outcome.hit = true;
    return Lookup::kHit;
  }
  if (auto denied = denied_.find(request); denied != denied_.end() && now < denied->second.until) {
    last_outcome.hit = false;
    last_outcome.denied_hit = true;
    *answer = denied->second.status;
    return Lookup::kHit;
  }
  return Lookup::kMiss;
}

void CachingRoleAssumer::Store(const AssumeRoleRequest& request,
                               const absl::StatusOr<Shared>& result, absl::Time now) {
  if (result.ok()) {
    denied_.erase(request);
    EvictFor(now);
    cache_.insert_or_assign(request, Entry{*result});
    return;
  }
  if (options_.denied_ttl <= absl::ZeroDuration() ||
      result.status().code() != absl::StatusCode::kPermissionDenied) {
    return;
  }
  if (denied_.size() >= options_.max_entries) {
    absl::erase_if(denied_, [&](const auto& entry) { return entry.second.until <= now; });
    if (denied_.size() >= options_.max_entries) denied_.clear();
  }
  absl::Status remembered(result.status().code(),
                          absl::StrCat(result.status().message(),
                                       " (remembered: STS is not asked again for this "
                                       "role and session for ",
                                       absl::FormatDuration(options_.denied_ttl), ")"));
  denied_.insert_or_assign(request,
                           Denied{WithAwsErrorCode(remembered, AwsErrorCode(result.status())),
                                  now + options_.denied_ttl});
}

absl::StatusOr<CachingRoleAssumer::Shared> CachingRoleAssumer::Fetch(
    const AssumeRoleRequest& request) {
  const absl::Time asked = absl::Now();
  absl::StatusOr<AwsCredentials> fetched = absl::InternalError("the STS adapter threw");
  try {
    // An adapter of the user's that throws must still end its flight (and
    // a refresh): waiters would otherwise wait for ever.
    fetched = inner_->AssumeRole(request);
  } catch (const std::exception& e) {
    fetched = absl::InternalError(absl::StrCat("the STS adapter threw: ", e.what()));
  } catch (...) {
  }
  last_outcome.called_sts = true;
  last_outcome.sts_latency = absl::Now() - asked;
  if (!fetched.ok()) return fetched.status();
  if (!Fresh(*fetched, options_.now())) {
    return absl::FailedPreconditionError(
        absl::StrCat("credentials from STS expire within the cache's safety margin (",
                     absl::FormatDuration(options_.safety_margin), ")"));
  }
  return std::make_shared<const AwsCredentials>(*std::move(fetched));
}

absl::StatusOr<CachingRoleAssumer::Shared> CachingRoleAssumer::Refresh(
    const AssumeRoleRequest& request, Shared old) {
  last_outcome.refreshed = true;
  absl::StatusOr<Shared> fresh = Fetch(request);
  std::unique_lock lock(mu_);
  const absl::Time now = options_.now();
  auto entry = cache_.find(request);
  if (fresh.ok()) {
    Store(request, fresh, now);
    return fresh;
  }
  if (entry != cache_.end()) {
    entry->second.refreshing = false;
    entry->second.next_refresh = now + options_.refresh_retry;
  }
  // The old credentials are still outside the margin: keep serving them.
  return old;
}

absl::StatusOr<CachingRoleAssumer::Shared> CachingRoleAssumer::Get(
    const AssumeRoleRequest& request) {
  last_outcome = CacheOutcome();
  last_outcome.known = true;
  absl::StatusOr<Shared> answer;
  {
    std::shared_lock lock(mu_);
    if (Look(request, options_.now(), &answer) == Lookup::kHit) return answer;
  }
  while (true) {
    std::shared_ptr<Flight> flight;
    {
      std::unique_lock lock(mu_);
      const Lookup found = Look(request, options_.now(), &answer);
      if (found == Lookup::kHit) return answer;
      if (found == Lookup::kRefresh) {
        // This caller refreshes; everyone else keeps being served meanwhile.
        Entry& entry = cache_.find(request)->second;
        entry.refreshing = true;
        Shared old = entry.credentials;
        lock.unlock();
        return Refresh(request, std::move(old));
      }
      last_outcome.hit = false;
      auto in_flight = flights_.find(request);
      if (in_flight != flights_.end()) {
        // Someone is already asking STS for this key: wait for their answer,
        // no longer than this request's deadline.
        std::shared_ptr<Flight> shared = in_flight->second;
        if (!internal::WaitUntil(flight_done_, lock, request.deadline,
                                 [&] { return shared->done; })) {
          return absl::DeadlineExceededError(
              "the deadline passed while waiting for another caller's STS call for the same "
              "credentials");
        }
        if (shared->result.ok() && !Fresh(**shared->result, options_.now())) {
          return absl::FailedPreconditionError(
              "credentials from STS expire within the cache's safety margin");
        }
        if (shared->result.status().code() == absl::StatusCode::kDeadlineExceeded &&
            absl::Now() < request.deadline) {
          continue;  // the leader's deadline was shorter than ours: ask again
        }
        return shared->result;
      }
      flight = std::make_shared<Flight>();
      flights_.emplace(request, flight);
    }
    absl::StatusOr<Shared> result = Fetch(request);
    std::unique_lock lock(mu_);
    Store(request, result, options_.now());
    flight->result = result;
    flight->done = true;
    flights_.erase(request);
    flight_done_.notify_all();
    return result;
  }
}

absl::StatusOr<AwsCredentials> CachingRoleAssumer::AssumeRole(const AssumeRoleRequest& request) {
  absl::StatusOr<Shared> shared = Get(request);
  if (!shared.ok()) return shared.status();
  return **shared;
}

}  // namespace rolesel::sts
