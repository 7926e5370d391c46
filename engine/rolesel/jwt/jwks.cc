#include "rolesel/jwt/jwks.h"

#include <curl/curl.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "rolesel/internal/curl_api.h"
#include "rolesel/rule_set.h"

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

class FileSource : public JwksSource {
 public:
  explicit FileSource(std::string path) : path_(std::move(path)) {}
  absl::StatusOr<std::string> Fetch() override { return ReadFileToString(path_); }
  std::string Describe() const override { return path_; }
  bool is_file() const override { return true; }

 private:
  std::string path_;
};

size_t Collect(char* data, size_t size, size_t n, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() + size * n > (1 << 20)) return 0;  // a JWKS is small: stop at 1 MiB
  body->append(data, size * n);
  return size * n;
}

class UrlSource : public JwksSource {
 public:
  explicit UrlSource(std::string url) : url_(std::move(url)) {}
  absl::StatusOr<std::string> Fetch() override {
    absl::StatusOr<const internal::CurlApi*> loaded = internal::Curl();
    if (!loaded.ok()) return loaded.status();
    const internal::CurlApi& curl_api = **loaded;
    std::string body;
    long status = 0;
    CURL* curl = curl_api.easy_init();
    if (curl == nullptr) return absl::InternalError("curl_easy_init failed");
    curl_api.easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
    curl_api.easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
    curl_api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, 3000L);
    curl_api.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // never follow elsewhere
    curl_api.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode code = curl_api.easy_perform(curl);
    curl_api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_api.easy_cleanup(curl);
    if (code != CURLE_OK) {
      return absl::UnavailableError(
          absl::StrCat("JWKS fetch from ", url_, " failed: ", curl_api.easy_strerror(code)));
    }
    if (status != 200) {
      return absl::UnavailableError(absl::StrCat("JWKS fetch from ", url_, ": HTTP ", status));
    }
    return body;
  }
  std::string Describe() const override { return url_; }

 private:
  std::string url_;
};

}  // namespace

absl::StatusOr<KeySet> ParseJwks(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
    return absl::InvalidArgumentError("not a JWKS: expected {\"keys\": [...]}");
  }
  KeySet keys;
  for (const auto& jwk : doc["keys"]) {
    if (!jwk.is_object() || jwk.value("kty", "") != "RSA") continue;
    if (!jwk.contains("kid") || !jwk["kid"].is_string() || !jwk.contains("n") ||
        !jwk["n"].is_string() || !jwk.contains("e") || !jwk["e"].is_string()) {
      continue;
    }
    std::string n, e;
    if (!Base64UrlDecode(jwk["n"], &n) || !Base64UrlDecode(jwk["e"], &e) || n.empty() ||
        e.empty()) {
      continue;
    }
    std::shared_ptr<EVP_PKEY> key = RsaPublicKey(n, e);
    if (key == nullptr) continue;
    Jwk out;
    out.key = std::move(key);
    out.use = jwk.value("use", "");
    out.alg = jwk.value("alg", "");
    keys.insert_or_assign(jwk["kid"].get<std::string>(), std::move(out));
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

absl::Status JwksCache::FetchLocked(std::unique_lock<std::mutex>& lock) {
  fetching_ = true;
  last_fetch_ = options_.now();
  ++fetches_;
  lock.unlock();
  absl::StatusOr<std::string> text = source_->Fetch();
  absl::StatusOr<KeySet> parsed =
      text.ok() ? ParseJwks(*text) : absl::StatusOr<KeySet>(text.status());
  lock.lock();
  absl::Status status = parsed.status();
  if (parsed.ok()) {
    keys_ = std::make_shared<const KeySet>(*std::move(parsed));
    last_error_.clear();
  } else {
    last_error_ = std::string(status.message());  // keep the last good set
  }
  fetching_ = false;
  fetched_.notify_all();
  return status;
}

absl::Status JwksCache::Load() {
  std::unique_lock lock(mu_);
  fetched_.wait(lock, [&] { return !fetching_; });
  return FetchLocked(lock);
}

absl::StatusOr<Jwk> JwksCache::Find(const std::string& kid) {
  std::unique_lock lock(mu_);
  auto lookup = [&]() -> const Jwk* {
    if (keys_ == nullptr) return nullptr;
    auto it = keys_->find(kid);
    return it == keys_->end() ? nullptr : &it->second;
  };
  if (const Jwk* key = lookup()) return *key;
  if (fetching_) {
    // Someone is refetching: their result answers us too.
    fetched_.wait(lock, [&] { return !fetching_; });
  } else if (options_.now() - last_fetch_ >= options_.min_refetch_interval) {
    FetchLocked(lock).IgnoreError();  // on failure the last good set stays
  }
  if (const Jwk* key = lookup()) return *key;
  if (keys_ == nullptr) {
    return absl::UnavailableError(absl::StrCat("no JWKS from ", source_->Describe(),
                                               last_error_.empty() ? "" : ": ", last_error_));
  }
  return absl::NotFoundError(absl::StrCat("kid \"", kid, "\" is not in the JWKS"));
}

}  // namespace rolesel::jwt
