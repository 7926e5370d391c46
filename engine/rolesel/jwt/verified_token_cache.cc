#include "rolesel/jwt/verified_token_cache.h"

#include <utility>

namespace rolesel::jwt {

bool VerifiedTokenCache::MoveToGenerationLocked(uint64_t generation) {
  if (generation < generation_) return false;
  entries_.clear();
  bytes_ = 0;
  generation_ = generation;
  return true;
}

std::shared_ptr<const VerifiedToken> VerifiedTokenCache::Find(std::string_view token,
                                                              uint64_t generation) {
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_) {
    // A caller that read the generation before a refetch finished is not
    // served what the newer keys verified, and does not empty the cache.
    MoveToGenerationLocked(generation);
    return nullptr;
  }
  const auto it = entries_.find(absl::string_view(token.data(), token.size()));
  return it == entries_.end() ? nullptr : it->second;
}

void VerifiedTokenCache::Insert(std::string_view token, uint64_t generation,
                                std::shared_ptr<const VerifiedToken> verified) {
  if (token.size() > kMaxVerifiedTokenBytes) return;
  std::lock_guard<std::mutex> lock(mu_);
  // Verified with a key set that is no longer the one this cache holds
  // entries for: not kept; with a newer one: start over at it.
  if (generation != generation_ && !MoveToGenerationLocked(generation)) return;
  const absl::string_view key(token.data(), token.size());
  if (entries_.contains(key)) return;
  while (!entries_.empty() && (entries_.size() >= kMaxVerifiedTokens ||
                               bytes_ + token.size() > kMaxVerifiedTokenBytes)) {
    auto victim = entries_.begin();
    bytes_ -= victim->first.size();
    entries_.erase(victim);
  }
  bytes_ += token.size();
  entries_.emplace(std::string(key), std::move(verified));
}

void VerifiedTokenCache::Erase(std::string_view token) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = entries_.find(absl::string_view(token.data(), token.size()));
  if (it == entries_.end()) return;
  bytes_ -= it->first.size();
  entries_.erase(it);
}

size_t VerifiedTokenCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace rolesel::jwt
