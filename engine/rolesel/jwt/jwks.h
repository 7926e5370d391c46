// JWKS: a JSON Web Key Set parsed into OpenSSL public keys, and the cache
// that fetches it from a file or a URL.
//
// Only RSA keys become usable keys (kty "RSA", kid, n and e; use and alg,
// when present, strings); every other key is skipped, and so are keys that
// share a kid (ambiguous). Parsing never throws: a member of the wrong type
// skips its key, and the document itself must be strict JSON (no key twice,
// nesting at most internal::kMaxJsonDepth).
// JwksCache serves a key by kid; an unknown kid triggers a refetch, at most
// once per `min_refetch_interval` (10 s), so a flood of forged kids cannot
// hammer the endpoint; concurrent refetches coalesce into one; a failed
// fetch keeps the last good key set. URLs are https, or http only to
// 127.0.0.1 / localhost (for tests); they are fetched over libcurl with a
// timeout (1 s to connect, 3 s in all) cut to the caller's deadline, and a
// caller waits for another's fetch no longer than its own deadline.
// Prefetch() fetches at init (a Lambda cold start) without spending the
// refetch interval: a failed prefetch leaves the first token to try again.
// Thread-safe.
#ifndef ROLESEL_JWT_JWKS_H_
#define ROLESEL_JWT_JWKS_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "rolesel/jwt/rs256.h"

namespace rolesel::jwt {

struct Jwk {
  std::shared_ptr<EVP_PKEY> key;            // RSA public key
  std::shared_ptr<const Rs256Check> rs256;  // the same key, ready to check signatures
  std::string use;                          // "" when absent
  std::string alg;                          // "" when absent
  uint64_t generation = 0;                  // JwksCache::Find: the generation of the set it is in
};

using KeySet = absl::flat_hash_map<std::string, Jwk>;  // by kid

// Parses a JWKS document. InvalidArgument when it is not a JWKS at all;
// each key skipped is described in `*skipped` ("keys[2] alg is not a
// string; skipped") when given.
absl::StatusOr<KeySet> ParseJwks(std::string_view json,
                                 std::vector<std::string>* skipped = nullptr);

// Where a JWKS comes from: a file or a URL. Fetch() returns the document,
// or fails (DeadlineExceeded among others) rather than outlast `deadline`.
class JwksSource {
 public:
  virtual ~JwksSource() = default;
  virtual absl::StatusOr<std::string> Fetch(absl::Time deadline) = 0;
  virtual std::string Describe() const = 0;
  virtual bool is_file() const { return false; }
};

// `location` is a file path (relative paths against `base_dir`) or a URL.
// InvalidArgument for a URL that is neither https nor http to 127.0.0.1.
absl::StatusOr<std::unique_ptr<JwksSource>> MakeJwksSource(const std::string& location,
                                                           const std::string& base_dir);

struct JwksCacheOptions {
  absl::Duration min_refetch_interval = absl::Seconds(10);
  std::function<absl::Time()> now = [] { return absl::Now(); };
};

class JwksCache {
 public:
  JwksCache(std::unique_ptr<JwksSource> source, JwksCacheOptions options = {});

  // The key for `kid`, refetching the set first when it is unknown (or not
  // fetched yet) and the interval allows, all by `deadline`. NotFound for an
  // unknown kid; Unavailable when no key set could ever be fetched.
  absl::StatusOr<Jwk> Find(const std::string& kid, absl::Time deadline = absl::InfiniteFuture());

  // Fetches the key set now (rate limit or not) and keeps it; the error when
  // the fetch or the parse fails. For JWKS files, read at rules load.
  absl::Status Load(absl::Time deadline = absl::InfiniteFuture());

  // Load() for a URL at init: when it fails, the refetch interval is not
  // spent, so the first token that needs a key fetches again.
  absl::Status Prefetch(absl::Time deadline = absl::InfiniteFuture());

  // True when the location is a file (read at load), false for a URL.
  bool is_file() const { return source_->is_file(); }

  int fetches() const;  // fetch attempts so far (for tests)

  // Changes whenever a fetch replaces the key set: what was verified with
  // an earlier set is not vouched for by this one (VerifiedTokenCache).
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  // Called with `lock` (on mu_) held; fetches and parses with it released;
  // keeps the last good set on failure.
  absl::Status FetchLocked(std::unique_lock<std::mutex>& lock, absl::Time deadline);
  // Waits for a fetch under way to end; false when `deadline` came first.
  bool WaitForFetch(std::unique_lock<std::mutex>& lock, absl::Time deadline);

  std::unique_ptr<JwksSource> source_;
  JwksCacheOptions options_;
  // std::mutex rather than absl::Mutex so ThreadSanitizer sees it (Debian's
  // Abseil is not built for TSan; docs/decisions.md).
  mutable std::mutex mu_;
  std::condition_variable fetched_;
  // Guarded by mu_:
  std::shared_ptr<const KeySet> keys_;
  absl::Time last_fetch_ = absl::InfinitePast();
  bool fetching_ = false;
  int fetches_ = 0;
  std::string last_error_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace rolesel::jwt

#endif  // ROLESEL_JWT_JWKS_H_
