#include "rolesel/event/event_reader.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/bytes.h"
#include "rolesel/internal/strict_json.h"
// No exceptions: every simdjson result must be checked, or this file does not
// compile. (With exceptions on, an unchecked field.key() on a malformed
// document threw out of the never-throwing decide path; the fuzzer found it,
// tests/fuzz/regressions/event/.)
#define SIMDJSON_EXCEPTIONS 0
#include "simdjson.h"

namespace rolesel {
namespace {

namespace od = simdjson::ondemand;

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// What one pass over the document found; shapes are decided at the end.
struct Found {
  bool version_2 = false;
  bool has_request_context = false;
  bool has_http_method_field = false;
  // Strings point into the parser's buffer (valid until its next document).
  std::optional<std::string_view> http_method;  // REST httpMethod
  std::optional<std::string_view> rest_path;    // REST path, or the direct object's
  std::optional<std::string_view> raw_path;     // HTTP API rawPath
  std::optional<std::string_view> context_http_method;
  std::optional<std::string_view> stage;
  std::optional<std::string_view> direct_method;
  // Each place claims can come from is kept apart: only the detected
  // shape's own place is used (spec section 7).
  struct ClaimsSource {
    explicit ClaimsSource(Claims* into) : claims(into) {}
    bool found = false;
    bool malformed = false;
    Claims* claims;  // cleared; not owned; null until found (see ClaimsFor)
  };
  ClaimsSource authorizer_claims;  // requestContext.authorizer.claims
  ClaimsSource jwt_claims;         // requestContext.authorizer.jwt.claims
  ClaimsSource direct_claims;      // top-level claims
  // The Authorization header's JSON text (quotes included): decoded only
  // when the event has no authorizer claims to decide on.
  std::optional<std::string_view> authorization_json;
  // Why the event cannot be read (a duplicated field, two Authorization
  // values, ...); the first reason found.
  const char* unreadable = nullptr;

  // The authorizer's two places share two Claims objects: the first place
  // found reads straight into the result (an event has one of them), the
  // second aside; so no swap is needed for either shape's usual event.
  Found(Claims* result, Claims* aside, Claims* direct)
      : authorizer_claims(nullptr),
        jwt_claims(nullptr),
        direct_claims(direct),
        result_(result),
        aside_(aside) {}

  Claims* ClaimsFor(ClaimsSource* source) {
    if (source->claims == nullptr) {
      source->claims = result_free_ ? result_ : aside_;
      result_free_ = false;
    }
    return source->claims;
  }

  // Returns false, so that walks can `return found->Refuse(...)`.
  bool Refuse(const char* why) {
    if (unreadable == nullptr) unreadable = why;
    return false;
  }

 private:
  Claims* result_;
  Claims* aside_;
  bool result_free_ = true;
};

// Which of an object's fields have been seen: a field the decision reads,
// or an object on the way to one, may appear once. A second occurrence is
// refused whatever either holds (a null or a number before the real value
// included): a last-wins parser in the handler would read the other one.
class SeenFields {
 public:
  // False (and the document refused) when field `bit` was seen before.
  bool First(uint32_t bit, Found* found) {
    if ((seen_ & bit) != 0) return found->Refuse("event has a duplicated field");
    seen_ |= bit;
    return true;
  }

 private:
  uint32_t seen_ = 0;
};

// The field an object iteration yields, used where it is: copying it out
// of its simdjson_result (`.get(field)`, `field.value().get(v)`) made GCC
// store the value iterator member by member and load it back whole, a
// store-forwarding stall on every field walked (perf annotate).
od::field* FieldOrNull(simdjson::simdjson_result<od::field>& result) {
  if (result.error() != simdjson::SUCCESS) return nullptr;
  od::field&& field = std::move(result).value_unsafe();
  return &field;
}

// The field's key as its value reads, escapes decoded: "pat\u0068" is the
// key "path", as every other JSON reader sees it. A key without a backslash
// (every real one) is a view of the document's bytes; one with is unescaped
// into the parser's string buffer, where it stays valid. The key's raw
// bytes are a validated JSON string, so its closing quote is there.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool KeyOf(od::field* field, std::string_view* key) {
  const char* const raw = field->key().raw();
  // Eight bytes at a time: the document is padded (kEventPadding), so
  // reading past the key's end stays inside the buffer. A byte equal to '"'
  // or '\\' shows as a high bit in `hits` (the classic has-zero-byte test
  // on the bytes XORed with the character).
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  for (const char* p = raw;; p += 8) {
    const uint64_t word = internal::Load64(p);
    const uint64_t quotes = word ^ (kOnes * '"'), slashes = word ^ (kOnes * '\\');
    const uint64_t hits = (((quotes - kOnes) & ~quotes) | ((slashes - kOnes) & ~slashes)) & kHighs;
    if (hits == 0) continue;
    // The first hit, in memory order: the lowest set byte on little-endian.
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the scan reads little-endian words");
    const size_t at = static_cast<size_t>(__builtin_ctzll(hits)) / 8;
    if (p[at] == '\\') return field->unescaped_key().get(*key) == simdjson::SUCCESS;
    *key = std::string_view(raw, static_cast<size_t>(p + at - raw));
    return true;
  }
}

// `key` is the literal: short compares without a call to memcmp (perf put
// a tenth of an event's time in the compares of keys against the names).
template <size_t N>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool Is(std::string_view key, const char (&literal)[N]) {
  return internal::SameBytes(key, std::string_view(literal, N - 1));
}

// Calls visit(key, value) for each field of `object`, keys unescaped;
// false when the document cannot be read further or `visit` says so.
template <typename Visit>
bool ForEachField(od::object& object, Visit&& visit) {
  for (auto field_result : object) {
    od::field* field = FieldOrNull(field_result);
    if (field == nullptr) return false;
    std::string_view key;
    if (!KeyOf(field, &key)) return false;
    if (!visit(key, field->value())) return false;
  }
  return true;
}

// Reads a string field; anything else marks it missing (bad_request).
void ReadString(od::value& value, std::optional<std::string_view>* slot) {
  std::string_view s;
  if (value.get_string().get(s) == simdjson::SUCCESS) slot->emplace(s);
}

// True only for a readable JSON null.
bool IsNull(od::value& value) {
  bool null = false;
  return value.is_null().get(null) == simdjson::SUCCESS && null;
}

// One claim value into `claims`.
enum class ClaimRead { kAdded, kNull, kDuplicate, kMalformed };
ClaimRead Added(bool added) { return added ? ClaimRead::kAdded : ClaimRead::kDuplicate; }

ClaimRead ReadClaim(std::string_view name, od::value& value, Claims* claims) {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return ClaimRead::kMalformed;
  switch (type) {
    case od::json_type::null:
      if (!IsNull(value)) return ClaimRead::kMalformed;
      return AddJsonClaim(*claims, name, nullptr) ? ClaimRead::kNull : ClaimRead::kDuplicate;
    case od::json_type::string: {
      std::string_view s;
      if (value.get_string().get(s) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      return Added(claims->AddString(name, s));
    }
    case od::json_type::number:
    case od::json_type::boolean: {
      std::string_view raw = value.raw_json_token();
      // Validate the token while we are here.
      if (type == od::json_type::boolean) {
        bool b;
        if (value.get_bool().get(b) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      } else {
        double d;
        if (value.get_double().get(d) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      }
      return Added(claims->AddJsonScalar(name, TrimRight(raw)));
    }
    case od::json_type::array:
    case od::json_type::object: {
      std::string_view raw;
      if (type == od::json_type::array) {
        od::array array;
        if (value.get_array().get(array) != simdjson::SUCCESS) return ClaimRead::kMalformed;
        if (array.raw_json().get(raw) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      } else {
        od::object object;
        if (value.get_object().get(object) != simdjson::SUCCESS) return ClaimRead::kMalformed;
        if (object.raw_json().get(raw) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      }
      if (claims->Find(name) != nullptr) return ClaimRead::kDuplicate;
      // Structured claims are rare; let nlohmann build the exact views. One
      // nesting too deep, or with a key twice in an object, refuses the
      // request naming the claim (it is not added, so the walk goes on).
      absl::StatusOr<nlohmann::json> parsed =
          internal::ParseStrictJson(raw, static_cast<int>(kMaxClaimDepth));
      if (!parsed.ok()) {
        const absl::string_view why = parsed.status().message();
        claims->RefuseValue(name, std::string_view(why.data(), why.size()));
        return ClaimRead::kAdded;
      }
      return Added(AddJsonClaim(*claims, name, *parsed));
    }
  }
  return ClaimRead::kMalformed;
}

// Returns false when the document cannot be read further; a claims value of
// the wrong type only marks the source malformed.
bool ReadClaims(od::value& value, Found::ClaimsSource* source, Found* found) {
  source->found = true;
  Claims* claims = found->ClaimsFor(source);
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    source->malformed = true;
    return true;
  }
  // A null claim is absent, so it is not stored; its name is kept here so
  // that a second field of that name is a duplicate all the same.
  absl::InlinedVector<std::string_view, 4> null_names;
  for (auto field_result : object) {
    od::field* field = FieldOrNull(field_result);
    if (field == nullptr) return false;
    std::string_view name;
    if (field->unescaped_key().get(name) != simdjson::SUCCESS) return false;
    if (!null_names.empty() &&
        std::find(null_names.begin(), null_names.end(), name) != null_names.end()) {
      return found->Refuse("event has a duplicated claim");
    }
    od::value& v = field->value();
    switch (ReadClaim(name, v, claims)) {
      case ClaimRead::kAdded:
        break;
      case ClaimRead::kNull:
        null_names.push_back(name);
        break;
      case ClaimRead::kDuplicate:
        return found->Refuse("event has a duplicated claim");
      case ClaimRead::kMalformed:
        // A repeated name is a duplicate whatever its second value holds.
        if (claims->Find(name) != nullptr) return found->Refuse("event has a duplicated claim");
        source->malformed = true;
        return false;
    }
  }
  return true;
}

// "authorization" in any case (HTTP header names are case-insensitive).
bool IsAuthorizationName(std::string_view name) {
  constexpr std::string_view kName = "authorization";
  if (name.size() != kName.size()) return false;
  for (size_t i = 0; i < kName.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(name[i])) != kName[i]) return false;
  }
  return true;
}

// A string value's JSON text, quotes included, not decoded; false when the
// value is not a string.
bool StringToken(od::value& value, std::string_view* token) {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS || type != od::json_type::string) return false;
  *token = TrimRight(value.raw_json_token());
  return true;
}

// The string a JSON string literal holds; nullopt when it does not decode.
std::optional<std::string> DecodeStringToken(std::string_view token) {
  if (token.size() < 2) return std::nullopt;  // StringToken never gives one
  const std::string_view inner = token.substr(1, token.size() - 2);
  if (inner.find('\\') == std::string_view::npos) return std::string(inner);
  nlohmann::json decoded = nlohmann::json::parse(token, nullptr, /*allow_exceptions=*/false);
  if (!decoded.is_string()) return std::nullopt;
  return decoded.get<std::string>();
}

// One Authorization value, as JSON text. Every value the event carries (in
// `headers`, in `multiValueHeaders`, several in one list) must be the same:
// two that differ are refused, even when they would decode to the same
// string ("a" and "\u0061"): stricter, never looser.
bool AddAuthorization(std::string_view token, Found* found) {
  if (found->authorization_json && *found->authorization_json != token) {
    return found->Refuse("event has two different Authorization headers");
  }
  found->authorization_json = token;
  return true;
}

// `headers` (multi: false) or `multiValueHeaders` (multi: true). Both are
// read, whichever comes first: a value in one that the other contradicts
// is refused. A null value (API Gateway's "none") is no header; any other
// value that is not a string (or a list of strings) is refused.
bool ReadHeaders(od::value& value, bool multi, Found* found) {
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    if (IsNull(value)) return true;  // headers: null is how API Gateway sends "none"
    return found->Refuse("event headers are not an object");
  }
  return ForEachField(object, [&](std::string_view name, od::value& v) {
    if (!IsAuthorizationName(name) || IsNull(v)) return true;
    // Kept as JSON text: most events carry authorizer claims and never use
    // the header, which is the longest string in them (a Cognito token is
    // 1-1.5 KB), so it is not decoded while walking.
    std::string_view header;
    if (!multi) {
      if (!StringToken(v, &header)) {
        return found->Refuse("event has a malformed Authorization header");
      }
      return AddAuthorization(header, found);
    }
    od::array array;
    if (v.get_array().get(array) != simdjson::SUCCESS) {
      return found->Refuse("event has a malformed Authorization header");
    }
    for (auto element_result : array) {
      od::value element;
      if (element_result.get(element) != simdjson::SUCCESS) return false;
      if (!StringToken(element, &header)) {
        return found->Refuse("event has a malformed Authorization header");
      }
      if (!AddAuthorization(header, found)) return false;
    }
    return true;
  });
}

bool ReadJwtAuthorizer(od::value& value, Found* found) {
  od::object jwt;
  if (value.get_object().get(jwt) != simdjson::SUCCESS) return true;  // null etc.
  SeenFields seen;
  return ForEachField(jwt, [&](std::string_view key, od::value& v) {
    if (!Is(key, "claims")) return true;
    return seen.First(1, found) && ReadClaims(v, &found->jwt_claims, found);
  });
}

bool ReadAuthorizer(od::value& value, Found* found) {
  od::object authorizer;
  if (value.get_object().get(authorizer) != simdjson::SUCCESS) return true;  // null etc.
  SeenFields seen;
  return ForEachField(authorizer, [&](std::string_view key, od::value& v) {
    if (Is(key, "claims")) {
      return seen.First(1, found) && ReadClaims(v, &found->authorizer_claims, found);
    }
    if (Is(key, "jwt")) return seen.First(2, found) && ReadJwtAuthorizer(v, found);
    return true;
  });
}

bool ReadHttp(od::value& value, Found* found) {
  od::object http;
  if (value.get_object().get(http) != simdjson::SUCCESS) return true;
  found->version_2 = true;
  SeenFields seen;
  return ForEachField(http, [&](std::string_view key, od::value& v) {
    if (!Is(key, "method")) return true;
    if (!seen.First(1, found)) return false;
    ReadString(v, &found->context_http_method);
    return true;
  });
}

bool ReadRequestContext(od::value& value, Found* found) {
  od::object context;
  if (value.get_object().get(context) != simdjson::SUCCESS) return true;
  found->has_request_context = true;
  SeenFields seen;
  return ForEachField(context, [&](std::string_view key, od::value& v) {
    if (Is(key, "stage")) {
      if (!seen.First(1, found)) return false;
      ReadString(v, &found->stage);
      return true;
    }
    if (Is(key, "http")) return seen.First(2, found) && ReadHttp(v, found);
    if (Is(key, "authorizer")) return seen.First(4, found) && ReadAuthorizer(v, found);
    return true;
  });
}

bool ReadTopLevel(od::object object, Found* found) {
  enum : uint32_t {
    kVersion = 1,
    kHttpMethod = 2,
    kPath = 4,
    kRawPath = 8,
    kMethod = 16,
    kClaims = 32,
    kRequestContext = 64,
    kHeaders = 128,
    kMultiValueHeaders = 256,
  };
  SeenFields seen;
  return ForEachField(object, [&](std::string_view key, od::value& v) {
    if (Is(key, "version")) {
      if (!seen.First(kVersion, found)) return false;
      std::string_view version;
      if (v.get_string().get(version) == simdjson::SUCCESS && version == "2.0") {
        found->version_2 = true;
      }
    } else if (Is(key, "httpMethod")) {
      if (!seen.First(kHttpMethod, found)) return false;
      found->has_http_method_field = true;
      ReadString(v, &found->http_method);
    } else if (Is(key, "path")) {
      if (!seen.First(kPath, found)) return false;
      ReadString(v, &found->rest_path);  // REST `path`, and the direct object's
    } else if (Is(key, "rawPath")) {
      if (!seen.First(kRawPath, found)) return false;
      ReadString(v, &found->raw_path);
    } else if (Is(key, "method")) {
      if (!seen.First(kMethod, found)) return false;
      ReadString(v, &found->direct_method);
    } else if (Is(key, "claims")) {
      return seen.First(kClaims, found) && ReadClaims(v, &found->direct_claims, found);
    } else if (Is(key, "requestContext")) {
      return seen.First(kRequestContext, found) && ReadRequestContext(v, found);
    } else if (Is(key, "headers")) {
      return seen.First(kHeaders, found) && ReadHeaders(v, /*multi=*/false, found);
    } else if (Is(key, "multiValueHeaders")) {
      return seen.First(kMultiValueHeaders, found) && ReadHeaders(v, /*multi=*/true, found);
    }
    return true;
  });
}

// simdjson 3.0 keeps the document's iterator, and so the question "is
// anything left after the root value?", protected; newer versions answer it
// with document::at_end(). A pointer to the member, taken in a derived
// class, is the standard way to reach it without a cast.
struct DocumentEnd : od::document {
  static bool AtEnd(od::document& document) { return (document.*(&DocumentEnd::iter)).at_end(); }
};

void Fail(ExtractedRequest* out, std::string why) {
  out->Clear();
  out->error = std::move(why);
}

}  // namespace

static_assert(kEventPadding >= simdjson::SIMDJSON_PADDING, "kEventPadding is simdjson's padding");

bool ReadEvent(EventBytes bytes, ExtractedRequest* out, EventShapeHint hint) {
  out->Clear();
  const std::string_view json = bytes.json();
  if (json.size() > kMaxEventBytes) {
    Fail(out, absl::StrCat("event is larger than ", kMaxEventBytes, " bytes"));
    return false;
  }
  // The on-demand parser reads past the end: bytes without that padding are
  // copied into a per-thread buffer first. The buffer and the parser are
  // re-used so that steady state allocates nothing here. The direct
  // object's claims are read aside (authorizer claims go straight to
  // out->claims) until the shape is known.
  thread_local std::string padded;
  thread_local od::parser parser;
  thread_local Claims aside_claims;
  thread_local Claims direct_claims;
  aside_claims.Clear();
  direct_claims.Clear();
  const char* data = json.data();
  size_t capacity = json.size() + bytes.padding();
  if (bytes.padding() < kEventPadding) {
    padded.assign(json.data(), json.size());
    padded.append(kEventPadding, '\0');
    data = padded.data();
    capacity = padded.size();
  }
  od::document document;
  if (parser.iterate(data, json.size(), capacity).get(document) != simdjson::SUCCESS) {
    Fail(out, "event is not valid JSON");
    return false;
  }
  od::object object;
  if (document.get_object().get(object) != simdjson::SUCCESS) {
    Fail(out, "event is not a valid JSON object");
    return false;
  }
  Found found(&out->claims, &aside_claims, &direct_claims);
  const bool read = ReadTopLevel(object, &found);
  if (found.unreadable != nullptr) {
    Fail(out, found.unreadable);
    return false;
  }
  if (!read) {
    Fail(out, "event is not valid JSON");
    return false;
  }
  // A second document after the first ("{...} {...}") would be read by
  // some parsers and not by others; only whitespace may follow.
  if (!DocumentEnd::AtEnd(document)) {
    Fail(out, "event has content after its JSON object");
    return false;
  }

  const bool direct = hint == EventShapeHint::kDirectRequest;
  // An event carrying the method or path fields of both API Gateway shapes
  // (API Gateway never sends one) could be routed by the handler on the
  // fields rolesel did not decide on.
  const bool rest_fields = found.http_method.has_value() || found.rest_path.has_value();
  if (!direct && ((found.version_2 && rest_fields) ||
                  (!found.version_2 && found.has_http_method_field && found.raw_path))) {
    Fail(out, "event has the method or path fields of both the REST and the HTTP API shape");
    return false;
  }
  if (!direct && found.version_2) {
    out->shape = ExtractedRequest::Shape::kHttpV2;
    if (found.context_http_method) {
      out->method.assign(*found.context_http_method);
      out->method_missing = false;
    }
    if (found.raw_path) {
      std::string_view path = *found.raw_path;
      if (found.stage && !found.stage->empty() && *found.stage != "$default") {
        // "/{stage}" as a whole leading segment: "/prod" or "/prod/...".
        std::string_view stage = *found.stage;
        const size_t prefix = stage.size() + 1;
        if (path.size() >= prefix && path[0] == '/' && path.compare(1, stage.size(), stage) == 0) {
          if (path.size() == prefix) {
            path = "/";
          } else if (path[prefix] == '/') {
            path.remove_prefix(prefix);
          }
        }
      }
      out->path.assign(path);
      out->path_missing = false;
    }
  } else if (!direct && (found.has_http_method_field || found.has_request_context)) {
    out->shape = ExtractedRequest::Shape::kRestV1;
    if (found.http_method) {
      out->method.assign(*found.http_method);
      out->method_missing = false;
    }
    if (found.rest_path) {
      out->path.assign(*found.rest_path);
      out->path_missing = false;
    }
  } else {
    out->shape = ExtractedRequest::Shape::kDirect;
    if (found.direct_method) {
      out->method.assign(*found.direct_method);
      out->method_missing = false;
    }
    if (found.rest_path) {
      out->path.assign(*found.rest_path);
      out->path_missing = false;
    }
    const Found::ClaimsSource& source = found.direct_claims;
    out->claims_missing = !source.found || source.malformed;
    std::swap(out->claims, direct_claims);  // keeps both objects' storage
    if (out->claims_missing) out->claims.Clear();
    return true;
  }
  // An HTTP API (2.0) event carries claims only at authorizer.jwt.claims; a
  // payload 1.0 event at authorizer.claims or, from an HTTP API with a JWT
  // authorizer, authorizer.jwt.claims; both at once is refused.
  if (out->shape == ExtractedRequest::Shape::kRestV1 && found.authorizer_claims.found &&
      found.jwt_claims.found) {
    Fail(out, "event has claims at both requestContext.authorizer.claims and .jwt.claims");
    return false;
  }
  const bool from_jwt = out->shape == ExtractedRequest::Shape::kHttpV2 ||
                        (found.jwt_claims.found && !found.authorizer_claims.found);
  const Found::ClaimsSource& source = from_jwt ? found.jwt_claims : found.authorizer_claims;
  if (source.claims != nullptr && source.claims != &out->claims) {
    std::swap(out->claims, *source.claims);  // keeps both objects' storage
  }
  out->claims_missing = !source.found || source.malformed;
  if (out->claims_missing) out->claims.Clear();
  // Authorizer claims win over a header (API Gateway verified them); claims
  // of the wrong type are a malformed event, not a reason to try the header.
  // A header that does not decode (a bad escape) is no header, as it was
  // when headers were decoded while walking.
  if (!source.found && found.authorization_json) {
    out->authorization = DecodeStringToken(*found.authorization_json);
  }
  return true;
}

}  // namespace rolesel
