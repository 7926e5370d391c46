#include "rolesel/jwt/verifier.h"

#include <openssl/evp.h>

#include <cmath>
#include <limits>
#include <map>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"

namespace rolesel::jwt {
namespace {

absl::Status Refuse(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("token refused: ", why));
}

bool VerifyRs256(EVP_PKEY* key, std::string_view signed_part, const std::string& signature) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return false;
  bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(signed_part.data()),
                       signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

// A NumericDate claim (RFC 7519 2): absent is fine unless required. It must
// be a whole number of seconds that a 64-bit count holds: 1.5, 1e19 and
// 1e300 are refused (casting them would be undefined behaviour), as is any
// other type.
bool ReadTime(const nlohmann::json& payload, const char* name, bool required,
              std::optional<absl::Time>* out, std::string* why) {
  const auto it = payload.find(name);
  if (it == payload.end()) {
    if (required) *why = absl::StrCat(name, " is missing");
    return !required;
  }
  const nlohmann::json& v = *it;
  int64_t seconds = 0;
  if (v.is_number_integer() && !v.is_number_unsigned()) {
    seconds = v.get<int64_t>();
  } else if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      *why = absl::StrCat(name, " is out of range");
      return false;
    }
    seconds = static_cast<int64_t>(u);
  } else if (v.is_number_float()) {
    const double d = v.get<double>();
    // 2^63 is exactly representable; every double below it in magnitude
    // converts without overflow.
    constexpr double kLimit = 9223372036854775808.0;
    if (!std::isfinite(d) || d >= kLimit || d < -kLimit) {
      *why = absl::StrCat(name, " is out of range");
      return false;
    }
    if (std::trunc(d) != d) {
      *why = absl::StrCat(name, " is not a whole number of seconds");
      return false;
    }
    seconds = static_cast<int64_t>(d);
  } else {
    *why = absl::StrCat(name, " is not a number");
    return false;
  }
  *out = absl::FromUnixSeconds(seconds);
  return true;
}

// Strict base64url (RFC 7515 2, RFC 4648 5): only [A-Za-z0-9_-], no padding,
// no whitespace, and the canonical encoding of what it decodes to (unused
// low bits zero), so that one token has one spelling.
bool StrictBase64UrlDecode(absl::string_view in, std::string* out) {
  if (in.size() % 4 == 1) return false;
  for (char c : in) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  if (!absl::WebSafeBase64Unescape(in, out)) return false;
  return absl::WebSafeBase64Escape(*out) == in;
}

}  // namespace

TokenVerifier::TokenVerifier(JwtSettings settings, std::shared_ptr<JwksCache> jwks,
                             std::function<absl::Time()> now)
    : settings_(std::move(settings)), jwks_(std::move(jwks)), now_(std::move(now)) {}

absl::Status TokenVerifier::PrefetchKeys(absl::Time deadline) const {
  return jwks_->is_file() ? absl::OkStatus() : jwks_->Prefetch(deadline);
}

absl::StatusOr<nlohmann::json> TokenVerifier::Verify(std::string_view authorization,
                                                     absl::Time deadline) const {
  if (authorization.size() > kMaxTokenBytes + 7) {
    return Refuse(absl::StrCat("longer than ", kMaxTokenBytes, " bytes"));
  }
  std::string_view token = authorization;
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (token.size() >= 7 && absl::EqualsIgnoreCase(absl::string_view(token.data(), 7), "bearer ")) {
    token.remove_prefix(7);
  }
  while (!token.empty() && (token.back() == ' ' || token.front() == ' ')) {
    token = token.back() == ' ' ? token.substr(0, token.size() - 1) : token.substr(1);
  }
  if (token.size() > kMaxTokenBytes) {
    return Refuse(absl::StrCat("longer than ", kMaxTokenBytes, " bytes"));
  }
  std::vector<absl::string_view> parts =
      absl::StrSplit(absl::string_view(token.data(), token.size()), '.');
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty() || parts[2].empty()) {
    return Refuse("not three base64url parts");
  }
  std::string header_text, payload_text, signature;
  if (!StrictBase64UrlDecode(parts[0], &header_text) ||
      !StrictBase64UrlDecode(parts[1], &payload_text) ||
      !StrictBase64UrlDecode(parts[2], &signature)) {
    return Refuse("a part is not strict base64url");
  }
  // Strict: a key twice in the header or the payload (two "iss", two
  // "cognito:groups") could read one way here and another way elsewhere.
  absl::StatusOr<nlohmann::json> parsed_header = internal::ParseStrictJson(header_text);
  if (!parsed_header.ok()) {
    return Refuse(absl::StrCat("the header ", parsed_header.status().message()));
  }
  absl::StatusOr<nlohmann::json> parsed_payload = internal::ParseStrictJson(payload_text);
  if (!parsed_payload.ok()) {
    return Refuse(absl::StrCat("the payload ", parsed_payload.status().message()));
  }
  nlohmann::json header = *std::move(parsed_header);
  nlohmann::json payload = *std::move(parsed_payload);
  if (!header.is_object()) return Refuse("the header is not a JSON object");
  if (!payload.is_object()) return Refuse("the payload is not a JSON object");
  if (!header.contains("alg") || header["alg"] != "RS256") {
    return Refuse(absl::StrCat("alg must be RS256, got ", header.contains("alg")
                                                              ? internal::JsonText(header["alg"])
                                                              : "none"));
  }
  // RFC 7515 4.1.11: a recipient must refuse a token whose "crit" names an
  // extension it does not understand, and rolesel understands none.
  if (header.contains("crit")) return Refuse("the header has crit (no extension is understood)");
  if (!header.contains("kid") || !header["kid"].is_string()) return Refuse("kid is missing");
  // jku / x5u / x5c are never followed: keys come only from settings.jwt.jwks.
  absl::StatusOr<Jwk> key = jwks_->Find(header["kid"].get<std::string>(), deadline);
  if (!key.ok()) return Refuse(key.status().message());
  if (!key->use.empty() && key->use != "sig") return Refuse("the key's use is not sig");
  if (!key->alg.empty() && key->alg != "RS256") return Refuse("the key's alg is not RS256");
  const std::string_view signed_part(token.data(), parts[0].size() + 1 + parts[1].size());
  if (!VerifyRs256(key->key.get(), signed_part, signature)) {
    return Refuse("signature does not verify");
  }
  if (!payload.contains("iss") || payload["iss"] != settings_.issuer) {
    return Refuse(absl::StrCat("iss ", internal::JsonText(payload.value("iss", nlohmann::json())),
                               " is not ", settings_.issuer));
  }
  const std::string token_use = payload.contains("token_use") && payload["token_use"].is_string()
                                    ? payload["token_use"].get<std::string>()
                                    : "";
  if (settings_.token_use == "any" ? (token_use != "id" && token_use != "access")
                                   : token_use != settings_.token_use) {
    return Refuse(
        absl::StrCat("token_use \"", token_use, "\" is not ",
                     settings_.token_use == "any" ? "id or access" : settings_.token_use));
  }
  const char* audience_claim = token_use == "id" ? "aud" : "client_id";
  bool audience_ok = false;
  if (payload.contains(audience_claim)) {
    const auto& aud = payload[audience_claim];
    auto listed = [&](const nlohmann::json& v) {
      return v.is_string() && std::find(settings_.client_ids.begin(), settings_.client_ids.end(),
                                        v.get<std::string>()) != settings_.client_ids.end();
    };
    audience_ok = aud.is_array() ? std::any_of(aud.begin(), aud.end(), listed) : listed(aud);
  }
  if (!audience_ok) return Refuse(absl::StrCat(audience_claim, " is not one of client_ids"));
  std::string why;
  std::optional<absl::Time> exp, nbf, iat;
  if (!ReadTime(payload, "exp", true, &exp, &why) || !ReadTime(payload, "nbf", false, &nbf, &why) ||
      !ReadTime(payload, "iat", false, &iat, &why)) {
    return Refuse(why);
  }
  const absl::Time now = now_();
  const absl::Duration leeway = absl::Seconds(settings_.leeway_seconds);
  if (now > *exp + leeway) return Refuse("expired (exp)");
  if (nbf && now < *nbf - leeway) return Refuse("not valid yet (nbf)");
  if (iat && *iat > now + leeway) return Refuse("issued in the future (iat)");
  return payload;
}

absl::StatusOr<std::shared_ptr<JwksCache>> SharedJwksCache(const std::string& location,
                                                           const std::string& base_dir) {
  static std::mutex* mu = new std::mutex;
  static auto* caches = new std::map<std::string, std::weak_ptr<JwksCache>>;
  absl::StatusOr<std::unique_ptr<JwksSource>> source = MakeJwksSource(location, base_dir);
  if (!source.ok()) return source.status();
  const std::string key = (*source)->Describe();
  std::lock_guard<std::mutex> lock(*mu);
  if (auto existing = (*caches)[key].lock()) return existing;
  auto cache = std::make_shared<JwksCache>(*std::move(source));
  (*caches)[key] = cache;
  return cache;
}

}  // namespace rolesel::jwt
