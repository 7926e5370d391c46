#include "rolesel/jwt/verifier.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <map>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"
#include "rolesel/jwt/token_parts.h"

namespace rolesel::jwt {
namespace {

absl::Status Refuse(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("token refused: ", why));
}

// Why a NumericDate claim is refused; nullptr when it is usable (or absent
// and not required).
const char* TimeProblem(const TokenTime& time, bool required) {
  switch (time.state) {
    case TokenTime::State::kSeconds:
      return nullptr;
    case TokenTime::State::kAbsent:
      return required ? " is missing" : nullptr;
    case TokenTime::State::kOutOfRange:
      return " is out of range";
    case TokenTime::State::kNotWholeSeconds:
      return " is not a whole number of seconds";
    case TokenTime::State::kNotNumber:
      return " is not a number";
  }
  return " is not a number";
}

std::optional<absl::Time> TimeOf(const TokenTime& time) {
  if (time.state != TokenTime::State::kSeconds) return std::nullopt;
  return absl::FromUnixSeconds(time.seconds);
}

// Strict base64url (RFC 7515 2, RFC 4648 5): only [A-Za-z0-9_-], no padding,
// no whitespace, and the canonical encoding of what it decodes to (the
// unused low bits of the last character zero), so that one token has one
// spelling. Four characters to three bytes at a time: a character at a
// time cost a twentieth of a bearer decision (callgrind).
constexpr uint8_t kNotBase64Url = 0xFF;
constexpr std::array<uint8_t, 256> Base64UrlValues() {
  std::array<uint8_t, 256> value{};
  for (auto& v : value) v = kNotBase64Url;
  for (int i = 0; i < 26; ++i) {
    value['A' + i] = static_cast<uint8_t>(i);
    value['a' + i] = static_cast<uint8_t>(26 + i);
  }
  for (int i = 0; i < 10; ++i) value['0' + i] = static_cast<uint8_t>(52 + i);
  value['-'] = 62;
  value['_'] = 63;
  return value;
}

bool StrictBase64UrlDecode(absl::string_view in, std::string* out) {
  static constexpr std::array<uint8_t, 256> kValue = Base64UrlValues();
  const size_t tail = in.size() % 4;
  if (tail == 1) return false;  // six bits never make a byte
  out->resize(in.size() / 4 * 3 + (tail == 0 ? 0 : tail - 1));
  const auto* from = reinterpret_cast<const unsigned char*>(in.data());
  auto* to = reinterpret_cast<unsigned char*>(out->data());
  // A character outside the alphabet is 0xFF, which sets bit 7 of `bad`
  // (valid ones are below 64).
  uint32_t bad = 0;
  for (size_t i = 0; i + 4 <= in.size(); i += 4, from += 4, to += 3) {
    const uint32_t a = kValue[from[0]], b = kValue[from[1]], c = kValue[from[2]],
                   d = kValue[from[3]];
    bad |= a | b | c | d;
    const uint32_t bits = a << 18 | b << 12 | c << 6 | d;
    to[0] = static_cast<unsigned char>(bits >> 16);
    to[1] = static_cast<unsigned char>(bits >> 8);
    to[2] = static_cast<unsigned char>(bits);
  }
  if (tail == 2) {
    const uint32_t a = kValue[from[0]], b = kValue[from[1]];
    bad |= a | b;
    to[0] = static_cast<unsigned char>(a << 2 | (b & 0x3F) >> 4);
    if ((b & 0x0F) != 0) return false;  // bits the last character leaves unused
  } else if (tail == 3) {
    const uint32_t a = kValue[from[0]], b = kValue[from[1]], c = kValue[from[2]];
    bad |= a | b | c;
    const uint32_t bits = a << 10 | (b & 0x3F) << 4 | (c & 0x3F) >> 2;
    to[0] = static_cast<unsigned char>(bits >> 8);
    to[1] = static_cast<unsigned char>(bits);
    if ((c & 0x03) != 0) return false;
  }
  return (bad & 0x80) == 0;
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

absl::StatusOr<TokenPayload> TokenVerifier::VerifySignedToken(std::string_view token,
                                                              absl::Time deadline,
                                                              TokenTimes* times,
                                                              uint64_t* key_generation,
                                                              std::string* payload_json) const {
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
  absl::StatusOr<TokenHeader> header = ReadTokenHeader(header_text);
  if (!header.ok()) return Refuse(absl::StrCat("the header ", header.status().message()));
  absl::StatusOr<TokenPayload> payload = ReadTokenPayload(payload_text);
  if (!payload.ok()) return Refuse(absl::StrCat("the payload ", payload.status().message()));
  if (!header->alg_is_rs256)
    return Refuse(absl::StrCat("alg must be RS256, got ", header->alg_text));
  // RFC 7515 4.1.11: a recipient must refuse a token whose "crit" names an
  // extension it does not understand, and rolesel understands none.
  if (header->has_crit) return Refuse("the header has crit (no extension is understood)");
  if (!header->kid) return Refuse("kid is missing");
  // jku / x5u / x5c are never followed: keys come only from settings.jwt.jwks.
  absl::StatusOr<Jwk> key = jwks_->Find(*header->kid, deadline);
  if (!key.ok()) return Refuse(key.status().message());
  if (!key->use.empty() && key->use != "sig") return Refuse("the key's use is not sig");
  if (!key->alg.empty() && key->alg != "RS256") return Refuse("the key's alg is not RS256");
  const std::string_view signed_part(token.data(), parts[0].size() + 1 + parts[1].size());
  if (key->rs256 == nullptr || !key->rs256->Verify(signed_part, signature)) {
    return Refuse("signature does not verify");
  }
  *key_generation = key->generation;
  if (!payload->iss || *payload->iss != settings_.issuer) {
    return Refuse(
        absl::StrCat("iss ", payload->iss ? internal::JsonQuote(*payload->iss) : payload->iss_text,
                     " is not ", settings_.issuer));
  }
  const std::string& token_use = payload->token_use;
  if (settings_.token_use == "any" ? (token_use != "id" && token_use != "access")
                                   : token_use != settings_.token_use) {
    return Refuse(
        absl::StrCat("token_use \"", token_use, "\" is not ",
                     settings_.token_use == "any" ? "id or access" : settings_.token_use));
  }
  const bool id_token = token_use == "id";
  const std::vector<std::string>& audiences = id_token ? payload->aud : payload->client_id;
  const bool audience_ok = std::any_of(audiences.begin(), audiences.end(), [&](const auto& a) {
    return std::find(settings_.client_ids.begin(), settings_.client_ids.end(), a) !=
           settings_.client_ids.end();
  });
  if (!audience_ok) {
    return Refuse(absl::StrCat(id_token ? "aud" : "client_id", " is not one of client_ids"));
  }
  const std::pair<const char*, const TokenTime*> registered_times[] = {
      {"exp", &payload->exp}, {"nbf", &payload->nbf}, {"iat", &payload->iat}};
  for (const auto& [name, time] : registered_times) {
    if (const char* problem = TimeProblem(*time, /*required=*/time == &payload->exp)) {
      return Refuse(absl::StrCat(name, problem));
    }
  }
  times->exp = *TimeOf(payload->exp);
  times->nbf = TimeOf(payload->nbf);
  times->iat = TimeOf(payload->iat);
  absl::Status in_time = CheckTimes(*times);
  if (!in_time.ok()) return in_time;
  if (payload_json != nullptr) *payload_json = std::move(payload_text);
  return payload;
}

absl::StatusOr<nlohmann::json> TokenVerifier::Verify(std::string_view authorization,
                                                     absl::Time deadline) const {
  absl::StatusOr<std::string_view> token = TokenText(authorization);
  if (!token.ok()) return token.status();
  TokenTimes times;
  uint64_t key_generation = 0;
  std::string payload_json;
  absl::StatusOr<TokenPayload> verified =
      VerifySignedToken(*token, deadline, &times, &key_generation, &payload_json);
  if (!verified.ok()) return verified.status();
  // The text was just read strictly, so it reads again.
  return internal::ParseStrictJson(payload_json);
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
  absl::StatusOr<TokenPayload> payload =
      VerifySignedToken(*token, deadline, &verified->times, &generation, nullptr);
  if (!payload.ok()) return payload.status();
  verified->claims = std::move(payload->claims);
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
