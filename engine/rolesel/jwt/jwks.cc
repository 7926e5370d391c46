#include "rolesel/jwt/jwks.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "rolesel/internal/file_io.h"
#include "rolesel/internal/http_client.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"
#include "rolesel/internal/wait_until.h"

namespace rolesel::jwt {
namespace {

bool Base64UrlDecode(const std::string& in, std::string* out) {
  return absl::WebSafeBase64Unescape(in, out);
}

std::shared_ptr<EVP_PKEY> RsaPublicKey(const std::string& n_bytes, const std::string& e_bytes) {
  BIGNUM* n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n_bytes.data()),
                        static_cast<int>(n_bytes.size()), nullptr);
  BIGNUM* e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e_bytes.data()),
                        static_cast<int>(e_bytes.size()), nullptr);
  OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
  OSSL_PARAM* params = nullptr;
  EVP_PKEY_CTX* ctx = nullptr;
  EVP_PKEY* key = nullptr;
  if (n != nullptr && e != nullptr && build != nullptr &&
      OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_N, n) == 1 &&
      OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_E, e) == 1 &&
      (params = OSSL_PARAM_BLD_to_param(build)) != nullptr &&
      (ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr)) != nullptr &&
      EVP_PKEY_fromdata_init(ctx) == 1) {
    if (EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) key = nullptr;
  }
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(build);
  BN_free(n);
  BN_free(e);
  if (key == nullptr) return nullptr;
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// A member that must be a string when present: "" when absent; false (and
// `why` set) when present with another type.
bool OptionalString(const nlohmann::json& jwk, const char* name, std::string* out,
                    std::string* why) {
  const auto it = jwk.find(name);
  if (it == jwk.end()) return true;
  if (!it->is_string()) {
    *why = absl::StrCat(name, " is not a string");
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

// The key a JWK describes, or why it is skipped.
absl::StatusOr<std::pair<std::string, Jwk>> ReadJwk(const nlohmann::json& jwk) {
  if (!jwk.is_object()) return absl::InvalidArgumentError("is not an object");
  std::string kty, kid, n, e, why;
  Jwk out;
  if (!OptionalString(jwk, "kty", &kty, &why) || !OptionalString(jwk, "kid", &kid, &why) ||
      !OptionalString(jwk, "use", &out.use, &why) || !OptionalString(jwk, "alg", &out.alg, &why) ||
      !OptionalString(jwk, "n", &n, &why) || !OptionalString(jwk, "e", &e, &why)) {
    return absl::InvalidArgumentError(why);
  }
  if (kty != "RSA") {
    return absl::InvalidArgumentError(
        absl::StrCat("kty ", internal::JsonQuote(kty), " is not RSA"));
  }
  if (kid.empty()) return absl::InvalidArgumentError("has no kid");
  std::string n_bytes, e_bytes;
  if (!Base64UrlDecode(n, &n_bytes) || !Base64UrlDecode(e, &e_bytes) || n_bytes.empty() ||
      e_bytes.empty()) {
    return absl::InvalidArgumentError("n or e is missing or not base64url");
  }
  out.key = RsaPublicKey(n_bytes, e_bytes);
  out.rs256 = Rs256Check::For(out.key);
  if (out.rs256 == nullptr) return absl::InvalidArgumentError("n and e are not an RSA public key");
  return std::make_pair(std::move(kid), std::move(out));
}

class FileSource : public JwksSource {
 public:
  explicit FileSource(std::string path) : path_(std::move(path)) {}
  absl::StatusOr<std::string> Fetch(absl::Time) override {
    return internal::ReadFileToString(path_);
  }
  std::string Describe() const override { return path_; }
  bool is_file() const override { return true; }

 private:
  std::string path_;
};

class UrlSource : public JwksSource {
 public:
  explicit UrlSource(std::string url) : url_(std::move(url)) {}
  absl::StatusOr<std::string> Fetch(absl::Time deadline) override {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError(
          absl::StrCat("JWKS fetch from ", url_, " not started: the deadline has passed"));
    }
    internal::HttpCall call;
    call.url = url_;
    call.connect_timeout_ms = internal::TimeoutMs(std::min(absl::Seconds(1), left));
    call.total_timeout_ms = internal::TimeoutMs(std::min(absl::Seconds(3), left));
    call.max_body_bytes = 1 << 20;  // a JWKS is small: stop at 1 MiB
    absl::StatusOr<internal::HttpReply> reply = internal::HttpClient().Send(call);
    if (!reply.ok()) {
      // DeadlineExceeded stays itself: the caller tells a cut fetch apart.
      const absl::StatusCode code = reply.status().code() == absl::StatusCode::kDeadlineExceeded
                                        ? absl::StatusCode::kDeadlineExceeded
                                        : absl::StatusCode::kUnavailable;
      return absl::Status(
          code, absl::StrCat("JWKS fetch from ", url_, " failed: ", reply.status().message()));
    }
    if (reply->status != 200) {
      return absl::UnavailableError(
          absl::StrCat("JWKS fetch from ", url_, ": HTTP ", reply->status));
    }
    return std::move(reply->body);
  }
  std::string Describe() const override { return url_; }

 private:
  std::string url_;
};

}  // namespace

absl::StatusOr<KeySet> ParseJwks(std::string_view text, std::vector<std::string>* skipped) {
  absl::StatusOr<nlohmann::json> doc = internal::ParseStrictJson(text);
  if (!doc.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a JWKS: the document ", doc.status().message()));
  }
  if (!doc->is_object() || !doc->contains("keys") || !(*doc)["keys"].is_array()) {
    return absl::InvalidArgumentError("not a JWKS: expected {\"keys\": [...]}");
  }
  const nlohmann::json& keys_json = (*doc)["keys"];
  KeySet keys;
  // A kid that two keys share is ambiguous: neither is used, so a token
  // can never be checked against a key the issuer did not mean.
  absl::flat_hash_set<std::string> ambiguous;
  for (size_t i = 0; i < keys_json.size(); ++i) {
    absl::StatusOr<std::pair<std::string, Jwk>> key = ReadJwk(keys_json[i]);
    if (!key.ok()) {
      if (skipped != nullptr) {
        skipped->push_back(absl::StrCat("keys[", i, "] ", key.status().message(), "; skipped"));
      }
      continue;
    }
    if (ambiguous.contains(key->first) || keys.contains(key->first)) {
      if (skipped != nullptr) {
        skipped->push_back(absl::StrCat("keys[", i, "] has kid ", internal::JsonQuote(key->first),
                                        " as an earlier key does; both are skipped"));
      }
      keys.erase(key->first);
      ambiguous.insert(key->first);
      continue;
    }
    keys.emplace(std::move(key->first), std::move(key->second));
  }
  return keys;
}

absl::StatusOr<std::unique_ptr<JwksSource>> MakeJwksSource(const std::string& location,
                                                           const std::string& base_dir) {
  if (absl::StartsWith(location, "https://")) {
    return std::unique_ptr<JwksSource>(new UrlSource(location));
  }
  if (absl::StartsWith(location, "http://")) {
    std::string_view rest = std::string_view(location).substr(7);
    std::string_view host = rest.substr(0, rest.find_first_of(":/"));
    if (host != "127.0.0.1" && host != "localhost") {
      return absl::InvalidArgumentError(
          "a JWKS URL must be https:// (http:// only to 127.0.0.1, for tests)");
    }
    return std::unique_ptr<JwksSource>(new UrlSource(location));
  }
  if (location.find("://") != std::string::npos) {
    return absl::InvalidArgumentError("a JWKS location is a file path or an https:// URL");
  }
  std::string path = location;
  if (!path.empty() && path.front() != '/' && !base_dir.empty() && base_dir != ".") {
    path = absl::StrCat(base_dir, "/", location);
  }
  return std::unique_ptr<JwksSource>(new FileSource(path));
}

JwksCache::JwksCache(std::unique_ptr<JwksSource> source, JwksCacheOptions options)
    : source_(std::move(source)), options_(std::move(options)) {}

int JwksCache::fetches() const {
  std::lock_guard lock(mu_);
  return fetches_;
}

bool JwksCache::WaitForFetch(std::unique_lock<std::mutex>& lock, absl::Time deadline) {
  return internal::WaitUntil(fetched_, lock, deadline, [&] { return !fetching_; });
}

absl::Status JwksCache::FetchLocked(std::unique_lock<std::mutex>& lock, absl::Time deadline) {
  fetching_ = true;
  last_fetch_ = options_.now();
  ++fetches_;
  lock.unlock();
  // Whatever happens in the fetch or the parse, the in-progress state below
  // ends: a waiter must never wait for a fetch that is gone.
  absl::StatusOr<KeySet> parsed = absl::InternalError("JWKS fetch did not complete");
  try {
    absl::StatusOr<std::string> text = source_->Fetch(deadline);
    parsed = text.ok() ? ParseJwks(*text) : absl::StatusOr<KeySet>(text.status());
  } catch (...) {
    parsed = absl::InternalError(absl::StrCat("JWKS fetch from ", source_->Describe(), " failed"));
  }
  lock.lock();
  absl::Status status = parsed.status();
  if (parsed.ok()) {
    keys_ = std::make_shared<const KeySet>(*std::move(parsed));
    generation_.fetch_add(1, std::memory_order_acq_rel);
    last_error_.clear();
  } else {
    last_error_ = std::string(status.message());  // keep the last good set
  }
  fetching_ = false;
  fetched_.notify_all();
  return status;
}

absl::Status JwksCache::Load(absl::Time deadline) {
  std::unique_lock lock(mu_);
  if (!WaitForFetch(lock, deadline)) {
    return absl::DeadlineExceededError(
        absl::StrCat("the deadline passed while another fetch of ", source_->Describe(), " ran"));
  }
  return FetchLocked(lock, deadline);
}

absl::Status JwksCache::Prefetch(absl::Time deadline) {
  absl::Status status = Load(deadline);
  if (!status.ok()) {
    std::lock_guard lock(mu_);
    if (keys_ == nullptr) last_fetch_ = absl::InfinitePast();
  }
  return status;
}

absl::StatusOr<Jwk> JwksCache::Find(const std::string& kid, absl::Time deadline) {
  std::unique_lock lock(mu_);
  auto lookup = [&]() -> const Jwk* {
    if (keys_ == nullptr) return nullptr;
    auto it = keys_->find(kid);
    return it == keys_->end() ? nullptr : &it->second;
  };
  // The key with the generation of the set it is in, read under the same
  // lock as the set.
  auto found = [&](const Jwk& key) {
    Jwk out = key;
    out.generation = generation_.load(std::memory_order_relaxed);
    return out;
  };
  if (const Jwk* key = lookup()) return found(*key);
  absl::Status fetched;
  if (fetching_) {
    // Someone is refetching: their result answers us too.
    if (!WaitForFetch(lock, deadline)) {
      return absl::DeadlineExceededError(absl::StrCat(
          "the deadline passed while waiting for the JWKS fetch from ", source_->Describe()));
    }
  } else if (options_.now() - last_fetch_ >= options_.min_refetch_interval) {
    fetched = FetchLocked(lock, deadline);  // on failure the last good set stays
  }
  if (const Jwk* key = lookup()) return found(*key);
  if (fetched.code() == absl::StatusCode::kDeadlineExceeded) return fetched;
  if (keys_ == nullptr) {
    return absl::UnavailableError(absl::StrCat("no JWKS from ", source_->Describe(),
                                               last_error_.empty() ? "" : ": ", last_error_));
  }
  return absl::NotFoundError(absl::StrCat("kid \"", kid, "\" is not in the JWKS"));
}

}  // namespace rolesel::jwt
