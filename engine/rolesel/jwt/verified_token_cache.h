// VerifiedTokenCache: bearer tokens whose verification succeeded, by their
// whole text, so that a warm function seeing the same token again skips the
// RSA check, the base64 and both JSON parses.
//
// Contract:
//   - only successes are stored; a refused token is checked in full every
//     time it comes (nothing an attacker sends is remembered);
//   - an entry serves only while the key set that verified it is the one in
//     use (JwksCache::generation()): when the keys change, every entry is
//     dropped;
//   - the caller re-checks exp / nbf / iat against its clock on every use
//     (TokenTimes), so a cached token expires exactly when a fresh one does;
//   - bounded: at most kMaxVerifiedTokens entries and kMaxVerifiedTokenBytes
//     of token text; a full cache evicts an entry for each new one.
// Thread-safe (one mutex; a hit copies a shared_ptr under it).
#ifndef ROLESEL_JWT_VERIFIED_TOKEN_CACHE_H_
#define ROLESEL_JWT_VERIFIED_TOKEN_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "rolesel/core/claims.h"

namespace rolesel::jwt {

inline constexpr size_t kMaxVerifiedTokens = 256;
inline constexpr size_t kMaxVerifiedTokenBytes = 1 << 20;

// A token's time claims, as the verifier read them.
struct TokenTimes {
  absl::Time exp;
  std::optional<absl::Time> nbf;
  std::optional<absl::Time> iat;
};

// What verifying a token produced: the claims decided on, and its times.
struct VerifiedToken {
  Claims claims;
  TokenTimes times;
};

class VerifiedTokenCache {
 public:
  // The entry for `token` verified with key set `generation`; null when
  // there is none (an entry of another generation is none; the first
  // look-up that sees a newer generation drops them all).
  std::shared_ptr<const VerifiedToken> Find(std::string_view token, uint64_t generation);

  // Remembers a verified token (one longer than the byte bound is not kept).
  void Insert(std::string_view token, uint64_t generation,
              std::shared_ptr<const VerifiedToken> verified);

  // Forgets `token` (an entry whose times no longer hold).
  void Erase(std::string_view token);

  size_t size() const;

 private:
  // Empties the cache for a newer key set generation; false (nothing
  // changed) for an older one, which has no entries here. mu_ held.
  bool MoveToGenerationLocked(uint64_t generation);

  mutable std::mutex mu_;
  // Guarded by mu_:
  absl::flat_hash_map<std::string, std::shared_ptr<const VerifiedToken>> entries_;
  size_t bytes_ = 0;
  uint64_t generation_ = 0;
};

}  // namespace rolesel::jwt

#endif  // ROLESEL_JWT_VERIFIED_TOKEN_CACHE_H_
