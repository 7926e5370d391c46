#include "rolesel/jwt/token_parts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"
#include "rolesel/internal/strict_json_dom.h"

namespace rolesel::jwt {
namespace {

namespace dom = simdjson::dom;

absl::Status NotAnObject() { return absl::InvalidArgumentError("is not a JSON object"); }

absl::Status OutOfMemory() {
  return absl::ResourceExhaustedError("out of memory while parsing JSON");
}

// ---- The reference readings, from nlohmann::json ----

TokenHeader HeaderFromJson(const nlohmann::json& header) {
  TokenHeader out;
  const auto alg = header.find("alg");
  if (alg == header.end()) {
    out.alg_text = "none";
  } else if (alg->is_string() && alg->get_ref<const std::string&>() == "RS256") {
    out.alg_is_rs256 = true;
  } else {
    out.alg_text = internal::JsonText(*alg);
  }
  out.has_crit = header.contains("crit");
  const auto kid = header.find("kid");
  if (kid != header.end() && kid->is_string()) out.kid = kid->get<std::string>();
  return out;
}

// What the verifier may compare with client_ids: the string a claim is, or
// the strings an array claim lists.
std::vector<std::string> AudiencesFromJson(const nlohmann::json& payload, const char* name) {
  std::vector<std::string> out;
  const auto it = payload.find(name);
  if (it == payload.end()) return out;
  if (it->is_string()) out.push_back(it->get<std::string>());
  if (it->is_array()) {
    for (const nlohmann::json& element : *it) {
      if (element.is_string()) out.push_back(element.get<std::string>());
    }
  }
  return out;
}

// 1.5, 1e19 and 1e300 are not a 64-bit count of seconds: casting them would
// be undefined behaviour.
TokenTime TimeFromJson(const nlohmann::json& payload, const char* name) {
  TokenTime out;
  const auto it = payload.find(name);
  if (it == payload.end()) return out;
  const nlohmann::json& v = *it;
  if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      out.state = TokenTime::State::kOutOfRange;
      return out;
    }
    out.seconds = static_cast<int64_t>(u);
  } else if (v.is_number_integer()) {
    out.seconds = v.get<int64_t>();
  } else if (v.is_number_float()) {
    const double d = v.get<double>();
    // 2^63 is exactly representable; every double below it in magnitude
    // converts without overflow.
    constexpr double kLimit = 9223372036854775808.0;
    if (!std::isfinite(d) || d >= kLimit || d < -kLimit) {
      out.state = TokenTime::State::kOutOfRange;
      return out;
    }
    if (std::trunc(d) != d) {
      out.state = TokenTime::State::kNotWholeSeconds;
      return out;
    }
    out.seconds = static_cast<int64_t>(d);
  } else {
    out.state = TokenTime::State::kNotNumber;
    return out;
  }
  out.state = TokenTime::State::kSeconds;
  return out;
}

absl::StatusOr<TokenPayload> PayloadFromJson(const nlohmann::json& payload) {
  if (!payload.is_object()) return NotAnObject();
  absl::StatusOr<Claims> claims = ClaimsFromJson(payload);
  if (!claims.ok()) return claims.status();
  TokenPayload out;
  out.claims = *std::move(claims);
  const auto iss = payload.find("iss");
  if (iss != payload.end() && iss->is_string()) {
    out.iss = iss->get<std::string>();
  } else {
    out.iss_text = internal::JsonText(iss == payload.end() ? nlohmann::json() : *iss);
  }
  const auto token_use = payload.find("token_use");
  if (token_use != payload.end() && token_use->is_string()) {
    out.token_use = token_use->get<std::string>();
  }
  out.aud = AudiencesFromJson(payload, "aud");
  out.client_id = AudiencesFromJson(payload, "client_id");
  out.exp = TimeFromJson(payload, "exp");
  out.nbf = TimeFromJson(payload, "nbf");
  out.iat = TimeFromJson(payload, "iat");
  return out;
}

// ---- The DOM readings: false declines, and the reference reads ----

// Shared by both parts: the header's reading is copied out before the
// payload is parsed.
dom::parser& Parser() {
  thread_local dom::parser parser;
  return parser;
}

// The root object of `text`, when simdjson reads it and may stand for
// nlohmann.
bool RootObject(std::string_view text, dom::object* object) {
  if (!internal::DomTextIsVouchable(text)) return false;
  dom::element root;
  if (Parser().parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) return false;
  return root.get_object().get(*object) == simdjson::SUCCESS;
}

// A value nothing reads is still vouched for, as the reference would refuse
// a key twice or too deep a nesting inside it.
bool Vouched(dom::element value, bool may_hold_minus_zero) {
  if (value.type() == dom::element_type::STRING) return true;
  nlohmann::json ignored;
  return internal::DomToJson(value, 1, internal::kMaxJsonDepth, may_hold_minus_zero, &ignored);
}

bool ReadHeaderFast(std::string_view text, TokenHeader* out) {
  dom::object object;
  if (!RootObject(text, &object)) return false;
  const bool minus_zero = internal::DomTextMayHoldMinusZero(text);
  absl::InlinedVector<std::string_view, 8> keys;
  bool has_alg = false;
  for (dom::key_value_pair field : object) {
    if (std::find(keys.begin(), keys.end(), field.key) != keys.end()) return false;
    keys.push_back(field.key);
    if (!Vouched(field.value, minus_zero)) return false;
    std::string_view s;
    const bool is_string = field.value.get_string().get(s) == simdjson::SUCCESS;
    if (field.key == "alg") {
      if (!is_string) return false;  // its JSON text is the reference's to write
      has_alg = true;
      out->alg_is_rs256 = s == "RS256";
      if (!out->alg_is_rs256) out->alg_text = internal::JsonQuote(s);
    } else if (field.key == "kid") {
      if (is_string) out->kid.emplace(s);
    } else if (field.key == "crit") {
      out->has_crit = true;
    }
  }
  if (!has_alg) out->alg_text = "none";
  return true;
}

void ReadAudiences(dom::element value, std::vector<std::string>* out) {
  std::string_view s;
  if (value.get_string().get(s) == simdjson::SUCCESS) {
    out->emplace_back(s);
    return;
  }
  dom::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) return;
  for (dom::element element : array) {
    if (element.get_string().get(s) == simdjson::SUCCESS) out->emplace_back(s);
  }
}

// Only integers reach here (a fraction or an exponent declines the reading).
TokenTime ReadTime(dom::element value) {
  TokenTime out;
  int64_t seconds = 0;
  uint64_t unsigned_seconds = 0;
  if (value.get_int64().get(seconds) == simdjson::SUCCESS) {
    out.state = TokenTime::State::kSeconds;
    out.seconds = seconds;
  } else if (value.get_uint64().get(unsigned_seconds) == simdjson::SUCCESS) {
    out.state = TokenTime::State::kOutOfRange;  // above int64's range
  } else {
    out.state = TokenTime::State::kNotNumber;
  }
  return out;
}

// One claim into `claims`, as ClaimsFromJson() writes the same JSON value;
// false declines (a name already there among them).
bool ReadClaim(std::string_view name, dom::element value, bool minus_zero, Claims& claims) {
  switch (value.type()) {
    case dom::element_type::STRING: {
      std::string_view s;
      if (value.get_string().get(s) != simdjson::SUCCESS) return false;
      return claims.AddString(name, s);
    }
    case dom::element_type::INT64: {
      int64_t v = 0;
      if (value.get_int64().get(v) != simdjson::SUCCESS) return false;
      if (v == 0 && minus_zero) return false;  // "-0" is nlohmann's signed zero
      return claims.AddJsonScalar(name, absl::StrCat(v));
    }
    case dom::element_type::UINT64: {
      uint64_t v = 0;
      if (value.get_uint64().get(v) != simdjson::SUCCESS) return false;
      return claims.AddJsonScalar(name, absl::StrCat(v));
    }
    case dom::element_type::BOOL: {
      bool v = false;
      if (value.get_bool().get(v) != simdjson::SUCCESS) return false;
      return claims.AddJsonScalar(name, v ? "true" : "false");
    }
    case dom::element_type::NULL_VALUE:
      // A null claim is absent, so Claims cannot tell a second one of its
      // name: rare in tokens, and left to the reference.
      return false;
    case dom::element_type::DOUBLE:
      return false;  // nlohmann writes fractions its own way
    case dom::element_type::ARRAY: {
      // cognito:groups, cognito:roles, a list aud: an array of strings gets
      // its views without a JSON value in between.
      dom::array array;
      if (value.get_array().get(array) != simdjson::SUCCESS) return false;
      absl::InlinedVector<std::string_view, 8> strings;
      bool all_strings = true;
      for (dom::element element : array) {
        std::string_view s;
        if (element.get_string().get(s) != simdjson::SUCCESS) {
          all_strings = false;
          break;
        }
        strings.push_back(s);
      }
      if (all_strings) return AddStringArrayClaim(claims, name, strings);
      break;
    }
    case dom::element_type::OBJECT:
      break;
  }
  nlohmann::json json;
  if (!internal::DomToJson(value, 1, internal::kMaxJsonDepth, minus_zero, &json)) return false;
  return AddJsonClaim(claims, name, json);
}

bool ReadPayloadFast(std::string_view text, TokenPayload* out) {
  dom::object object;
  if (!RootObject(text, &object)) return false;
  const bool minus_zero = internal::DomTextMayHoldMinusZero(text);
  bool has_iss = false;
  for (dom::key_value_pair field : object) {
    const std::string_view name = field.key;
    const dom::element value = field.value;
    // Claims refuses a name twice (the reference names the key).
    if (!ReadClaim(name, value, minus_zero, out->claims)) return false;
    if (name == "iss") {
      std::string_view s;
      if (value.get_string().get(s) != simdjson::SUCCESS) return false;  // the reference writes it
      has_iss = true;
      out->iss.emplace(s);
    } else if (name == "token_use") {
      std::string_view s;
      if (value.get_string().get(s) == simdjson::SUCCESS) out->token_use.assign(s);
    } else if (name == "aud") {
      ReadAudiences(value, &out->aud);
    } else if (name == "client_id") {
      ReadAudiences(value, &out->client_id);
    } else if (name == "exp") {
      out->exp = ReadTime(value);
    } else if (name == "nbf") {
      out->nbf = ReadTime(value);
    } else if (name == "iat") {
      out->iat = ReadTime(value);
    }
  }
  // Claims are written in document order here, in key order by the
  // reference (nlohmann's objects are std::map): which limit is named first
  // would differ, so a payload that breaks one is the reference's.
  if (!out->claims.limit_exceeded().empty()) return false;
  if (!has_iss) out->iss_text = "null";
  return true;
}

}  // namespace

absl::StatusOr<TokenHeader> ReadTokenHeaderReference(std::string_view text) {
  absl::StatusOr<nlohmann::json> parsed = internal::ParseStrictJsonReference(text);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->is_object()) return NotAnObject();
  try {
    return HeaderFromJson(*parsed);
  } catch (...) {
    return OutOfMemory();
  }
}

absl::StatusOr<TokenPayload> ReadTokenPayloadReference(std::string_view text) {
  absl::StatusOr<nlohmann::json> parsed = internal::ParseStrictJsonReference(text);
  if (!parsed.ok()) return parsed.status();
  try {
    return PayloadFromJson(*parsed);
  } catch (...) {
    return OutOfMemory();
  }
}

namespace {

// The DOM reading when it vouches for `text`, else the reference's.
template <typename Part>
absl::StatusOr<Part> FastOrReference(std::string_view text, bool (*fast)(std::string_view, Part*),
                                     absl::StatusOr<Part> (*reference)(std::string_view)) {
  try {
    Part part;
    if (fast(text, &part)) return part;
  } catch (...) {
    return OutOfMemory();
  }
  return reference(text);
}

}  // namespace

absl::StatusOr<TokenHeader> ReadTokenHeader(std::string_view text) {
  return FastOrReference<TokenHeader>(text, ReadHeaderFast, ReadTokenHeaderReference);
}

absl::StatusOr<TokenPayload> ReadTokenPayload(std::string_view text) {
  return FastOrReference<TokenPayload>(text, ReadPayloadFast, ReadTokenPayloadReference);
}

}  // namespace rolesel::jwt
