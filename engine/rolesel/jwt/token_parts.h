// The JSON parts of a bearer token, read: what TokenVerifier checks in its
// header (alg, kid, crit) and in its payload (iss, token_use, aud,
// client_id, exp, nbf, iat), and the payload's claims as a decision reads
// them.
//
// Both parts are read strictly (rolesel/internal/strict_json.h: no key
// twice, nesting at most internal::kMaxJsonDepth). From simdjson's DOM
// where that reading is vouched for (rolesel/internal/strict_json_dom.h),
// building no nlohmann::json but for structured claims other than arrays of
// strings; every other text from nlohmann's reading alone (the *Reference
// functions). Both give the same TokenHeader and TokenPayload, or the same
// error, for every text (tests/engine/jwt/token_parts_test.cc and the
// strict_json fuzz target check it).
//
// Failures are InvalidArgument: ParseStrictJson's message ("has the key
// \"iss\" twice in one object"), or "is not a JSON object". Never throws;
// thread-safe.
#ifndef ROLESEL_JWT_TOKEN_PARTS_H_
#define ROLESEL_JWT_TOKEN_PARTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rolesel/core/claims.h"

namespace rolesel::jwt {

struct TokenHeader {
  bool alg_is_rs256 = false;
  std::string alg_text;            // alg's JSON text ("none" when absent) unless RS256
  bool has_crit = false;           // "crit" is present, whatever its value
  std::optional<std::string> kid;  // when it is a string
};

// A NumericDate claim (RFC 7519 2) as read: a whole number of seconds in a
// 64-bit count, or why not.
struct TokenTime {
  enum class State { kAbsent, kSeconds, kOutOfRange, kNotWholeSeconds, kNotNumber };
  State state = State::kAbsent;
  int64_t seconds = 0;
};

struct TokenPayload {
  Claims claims;                       // as ClaimsFromJson() reads the payload
  std::optional<std::string> iss;      // when it is a string
  std::string iss_text;                // iss's JSON text ("null" when absent) when not a string
  std::string token_use;               // "" when absent or not a string
  std::vector<std::string> aud;        // the strings aud is or lists
  std::vector<std::string> client_id;  // likewise for client_id
  TokenTime exp, nbf, iat;
};

absl::StatusOr<TokenHeader> ReadTokenHeader(std::string_view text);
absl::StatusOr<TokenPayload> ReadTokenPayload(std::string_view text);

// The same readings from nlohmann's parser alone: what the two above must
// agree with.
absl::StatusOr<TokenHeader> ReadTokenHeaderReference(std::string_view text);
absl::StatusOr<TokenPayload> ReadTokenPayloadReference(std::string_view text);

}  // namespace rolesel::jwt

#endif  // ROLESEL_JWT_TOKEN_PARTS_H_
