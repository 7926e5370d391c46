#include "rolesel/jwt/verifier.h"

#include <openssl/evp.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"

namespace rolesel::jwt {
namespace {

absl::Status Refuse(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("token refused: ", why));
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
// no whitespace, and the canonical encoding of what it decodes to (the
// unused low bits of the last character zero), so that one token has one
// spelling. One pass: decoding and re-encoding to compare cost a tenth of a
// bearer decision (perf).
constexpr std::array<int8_t, 256> Base64UrlValues() {
  std::array<int8_t, 256> value{};
  for (auto& v : value) v = -1;
  for (int i = 0; i < 26; ++i) {
    value['A' + i] = static_cast<int8_t>(i);
    value['a' + i] = static_cast<int8_t>(26 + i);
  }
  for (int i = 0; i < 10; ++i) value['0' + i] = static_cast<int8_t>(52 + i);
  value['-'] = 62;
  value['_'] = 63;
  return value;
}

bool StrictBase64UrlDecode(absl::string_view in, std::string* out) {
  static constexpr std::array<int8_t, 256> kValue = Base64UrlValues();
  if (in.size() % 4 == 1) return false;
  out->resize(in.size() / 4 * 3 + (in.size() % 4 == 0 ? 0 : in.size() % 4 - 1));
  char* to = out->data();
  uint32_t bits = 0;  // not yet written, the newest in the low `count` bits
  int count = 0;
  for (const char c : in) {
    const int v = kValue[static_cast<unsigned char>(c)];
    if (v < 0) return false;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      *to++ = static_cast<char>((bits >> count) & 0xFF);
      bits &= (1u << count) - 1;
    }
  }
  return bits == 0;  // the unused low bits of a last partial group
}

// "Bearer " and surrounding spaces off, or why the text is no token.
absl::StatusOr<std::string_view> TokenText(std::string_view authorization) {
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
  return token;
}

}  // namespace

TokenVerifier::TokenVerifier(JwtSettings settings, std::shared_ptr<JwksCache> jwks,
                             std::function<absl::Time()> now)
    : settings_(std::move(settings)),
      jwks_(std::move(jwks)),
      now_(std::move(now)),
      cache_(std::make_shared<VerifiedTokenCache>()) {}

absl::Status TokenVerifier::PrefetchKeys(absl::Time deadline) const {
  return jwks_->is_file() ? absl::OkStatus() : jwks_->Prefetch(deadline);
}

absl::Status TokenVerifier::CheckTimes(const TokenTimes& times) const {
  const absl::Time now = now_();
  const absl::Duration leeway = absl::Seconds(settings_.leeway_seconds);
  if (now > times.exp + leeway) return Refuse("expired (exp)");
  if (times.nbf && now < *times.nbf - leeway) return Refuse("not valid yet (nbf)");
  if (times.iat && *times.iat > now + leeway) return Refuse("issued in the future (iat)");
  return absl::OkStatus();
}

absl::StatusOr<nlohmann::json> TokenVerifier::VerifySignedToken(std::string_view token,
                                                                absl::Time deadline,
                                                                TokenTimes* times,
                                                                uint64_t* key_generation) const {
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
  if (key->rs256 == nullptr || !key->rs256->Verify(signed_part, signature)) {
    return Refuse("signature does not verify");
  }
  *key_generation = key->generation;
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
  std::optional<absl::Time> exp;
  if (!ReadTime(payload, "exp", true, &exp, &why) ||
      !ReadTime(payload, "nbf", false, &times->nbf, &why) ||
      !ReadTime(payload, "iat", false, &times->iat, &why)) {
    return Refuse(why);
  }
  times->exp = *exp;
  absl::Status in_time = CheckTimes(*times);
  if (!in_time.ok()) return in_time;
  return payload;
}

absl::StatusOr<nlohmann::json> TokenVerifier::Verify(std::string_view authorization,
                                                     absl::Time deadline) const {
  absl::StatusOr<std::string_view> token = TokenText(authorization);
  if (!token.ok()) return token.status();
  TokenTimes times;
  uint64_t key_generation = 0;
  return VerifySignedToken(*token, deadline, &times, &key_generation);
}

absl::StatusOr<std::shared_ptr<const VerifiedToken>> TokenVerifier::VerifyToken(
    std::string_view authorization, absl::Time deadline) const {
  absl::StatusOr<std::string_view> token = TokenText(authorization);
  if (!token.ok()) return token.status();
  const bool cache = settings_.cache_verified_tokens;
  if (std::shared_ptr<const VerifiedToken> cached =
          cache ? cache_->Find(*token, jwks_->generation()) : nullptr) {
    absl::Status in_time = CheckTimes(cached->times);
    if (in_time.ok()) return cached;
    cache_->Erase(*token);
    return in_time;
  }
  auto verified = std::make_shared<VerifiedToken>();
  // Filed under the key set that verified it: if the keys are replaced
  // meanwhile, the entry belongs to the older set and is dropped.
  uint64_t generation = 0;
  absl::StatusOr<nlohmann::json> payload =
      VerifySignedToken(*token, deadline, &verified->times, &generation);
  if (!payload.ok()) return payload.status();
  absl::StatusOr<Claims> claims = ClaimsFromJson(*payload);
  if (!claims.ok()) return claims.status();
  verified->payload = *std::move(payload);
  verified->claims = *std::move(claims);
  if (cache) cache_->Insert(*token, generation, verified);
  return verified;
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
