// TokenVerifier: verifies a bearer token against settings.jwt (spec
// sections 3 and 7) and returns its claims.
//
// Checks, in order, each failure naming the check: at most kMaxTokenBytes
// (before any parsing); three parts of strict base64url (no padding, no
// whitespace, canonical); header and payload JSON objects with no key twice
// and nesting at most internal::kMaxJsonDepth; alg exactly RS256 (none,
// HS*, anything else refused); no crit header (RFC 7515 4.1.11); kid present
// and in the JWKS (an unknown kid refetches, rate-limited); the key's use
// ("sig") and alg (RS256) when it states them; the RS256 signature; iss
// exact; token_use; aud (ID token) or client_id (access token) in
// client_ids; exp, nbf and iat with leeway_seconds, each a whole number of
// seconds within a 64-bit count (1.5, 1e19 and 1e300 are refused). Header URLs (jku, x5u)
// are never followed. "Bearer " is optional. Thread-safe.
// VerifyToken() also converts the claims and remembers each token it
// accepted (VerifiedTokenCache: bounded, exp/nbf/iat re-checked on every
// use, dropped when the keys change, no refusal remembered), so the same
// token again costs a hash look-up; Verify() checks in full every time.
#ifndef ROLESEL_JWT_VERIFIER_H_
#define ROLESEL_JWT_VERIFIER_H_

#include <functional>
#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "nlohmann/json.hpp"
#include "rolesel/jwt/jwks.h"
#include "rolesel/jwt/token_parts.h"
#include "rolesel/jwt/verified_token_cache.h"
#include "rolesel/load/rules_document.h"

namespace rolesel::jwt {

inline constexpr size_t kMaxTokenBytes = 16 * 1024;

class TokenVerifier {
 public:
  // `jwks` is shared: one cache per JWKS location serves every rule set.
  TokenVerifier(
      JwtSettings settings, std::shared_ptr<JwksCache> jwks,
      std::function<absl::Time()> now = [] { return absl::Now(); });

  // The token's claims, or PermissionDenied / Unauthenticated naming the
  // failed check (e.g. "signature does not verify"). A JWKS fetch it needs
  // ends by `deadline`.
  absl::StatusOr<nlohmann::json> Verify(std::string_view authorization,
                                        absl::Time deadline = absl::InfiniteFuture()) const;
  // Verify() and the token's claims (ClaimsFromJson's error when they are
  // not claims), from the cache of verified tokens when this token was
  // accepted before with the keys in use and its times still hold.
  absl::StatusOr<std::shared_ptr<const VerifiedToken>> VerifyToken(
      std::string_view authorization, absl::Time deadline = absl::InfiniteFuture()) const;
  size_t cached_tokens() const { return cache_->size(); }
  // Fetches the keys of a JWKS URL now (at init); OK at once for a file.
  absl::Status PrefetchKeys(absl::Time deadline) const;
  bool fetches_keys() const { return !jwks_->is_file(); }

 private:
  JwtSettings settings_;
  std::shared_ptr<JwksCache> jwks_;
  std::function<absl::Time()> now_;
  std::shared_ptr<VerifiedTokenCache> cache_;  // shared by copies of this verifier

  // Every check; `*times` and `*key_generation` (the key set's) filled when
  // the signature verifies.
  // `*payload_json` (when given) the payload's decoded text.
  absl::StatusOr<TokenPayload> VerifySignedToken(std::string_view token, absl::Time deadline,
                                                 TokenTimes* times, uint64_t* key_generation,
                                                 std::string* payload_json) const;
  absl::Status CheckTimes(const TokenTimes& times) const;
};

// The process-wide JWKS cache for a location (file path resolved against
// base_dir, or URL), created on first use.
absl::StatusOr<std::shared_ptr<JwksCache>> SharedJwksCache(const std::string& location,
                                                           const std::string& base_dir);

}  // namespace rolesel::jwt

#endif  // ROLESEL_JWT_VERIFIER_H_
