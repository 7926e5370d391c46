#include "rolesel/event/event_reader.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rolesel/internal/absl_view.h"
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
  bool bad_field = false;  // a field we need is of the wrong type
  // direct request object
  bool direct_method_present = false, direct_path_present = false, direct_claims_present = false;
  std::optional<std::string_view> direct_method;
  // Authorizer claims (REST / HTTP API) and top-level claims (direct) are
  // kept apart: only the detected shape's own source is used.
  struct ClaimsSource {
    explicit ClaimsSource(Claims* into) : claims(into) {}
    bool found = false;
    bool malformed = false;
    Claims* claims;  // cleared; not owned
  };
  ClaimsSource authorizer_claims;
  ClaimsSource direct_claims;
  // The Authorization header's JSON text (quotes included): decoded only
  // when the event has no authorizer claims to decide on.
  std::optional<std::string_view> authorization_json;
  bool headers_read = false;
  bool duplicate = false;

  Found(Claims* authorizer, Claims* direct)
      : authorizer_claims(authorizer), direct_claims(direct) {}
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

// Reads a string field once; a second occurrence or a non-string marks the
// document as bad for that field.
bool ReadString(od::value& value, std::optional<std::string_view>* slot, Found* found) {
  if (slot->has_value()) {
    found->duplicate = true;
    return false;
  }
  std::string_view s;
  if (value.get_string().get(s) != simdjson::SUCCESS) {
    found->bad_field = true;
    return false;
  }
  slot->emplace(s);
  return true;
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
      return claims->AddJson(name, nullptr) ? ClaimRead::kNull : ClaimRead::kDuplicate;
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
      // Structured claims are rare; let nlohmann build the exact views.
      nlohmann::json parsed = nlohmann::json::parse(raw, nullptr, false);
      if (parsed.is_discarded()) return ClaimRead::kMalformed;
      return Added(claims->AddJson(name, parsed));
    }
  }
  return ClaimRead::kMalformed;
}

// Returns false when the document cannot be read further; a claims value of
// the wrong type only marks the source malformed.
bool ReadClaims(od::value& value, Found::ClaimsSource* source, Found* found) {
  if (source->found) {
    found->duplicate = true;
    return false;
  }
  source->found = true;
  Claims* claims = source->claims;
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
    // Unescaped into the parser's string buffer, where it stays valid.
    std::string_view name;
    if (field->unescaped_key().get(name) != simdjson::SUCCESS) return false;
    if (!null_names.empty() &&
        std::find(null_names.begin(), null_names.end(), name) != null_names.end()) {
      found->duplicate = true;
      return false;
    }
    od::value& v = field->value();
    switch (ReadClaim(name, v, claims)) {
      case ClaimRead::kAdded:
        break;
      case ClaimRead::kNull:
        null_names.push_back(name);
        break;
      case ClaimRead::kDuplicate:
        found->duplicate = true;
        return false;
      case ClaimRead::kMalformed:
        // A repeated name is a duplicate whatever its second value holds.
        if (claims->Find(name) != nullptr) {
          found->duplicate = true;
        } else {
          source->malformed = true;
        }
        return false;
    }
  }
  return true;
}

// The raw (still escaped) key is "authorization" in any case. Reading 14
// bytes from a key's start stays inside the padded buffer.
bool IsAuthorizationKey(od::raw_json_string key) {
  constexpr std::string_view kName = "authorization";
  const char* raw = key.raw();
  for (size_t i = 0; i < kName.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(raw[i])) != kName[i]) return false;
  }
  return raw[kName.size()] == '"';
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

bool ReadHeaders(od::value& value, bool multi, Found* found) {
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    return IsNull(value);  // headers: null is how API Gateway sends "none"
  }
  if (!multi) found->headers_read = true;
  for (auto field_result : object) {
    od::field* field = FieldOrNull(field_result);
    if (field == nullptr) return false;
    const od::raw_json_string key = field->key();
    if (!IsAuthorizationKey(key)) continue;
    od::value& v = field->value();
    // Kept as JSON text: most events carry authorizer claims and never use
    // the header, which is the longest string in them (a Cognito token is
    // 1-1.5 KB), so it is not decoded while walking.
    std::string_view header;
    if (multi) {
      od::array array;
      if (v.get_array().get(array) != simdjson::SUCCESS) continue;
      // The first string element; an array without one reads as an empty
      // header (which no token verifies).
      header = "\"\"";
      for (auto element_result : array) {
        od::value element;
        if (element_result.get(element) != simdjson::SUCCESS) return false;
        if (StringToken(element, &header)) break;
      }
    } else if (!StringToken(v, &header)) {
      continue;
    }
    // Two headers whose JSON texts differ are refused, even when they would
    // decode to the same string ("a" and "\u0061"): stricter, never looser.
    if (found->authorization_json && *found->authorization_json != header) {
      found->duplicate = true;
      return false;
    }
    found->authorization_json = header;
  }
  return true;
}

bool ReadAuthorizer(od::value& value, Found* found) {
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return true;  // null etc.
  for (auto field_result : object) {
    od::field* field = FieldOrNull(field_result);
    if (field == nullptr) return false;
    const od::raw_json_string key = field->key();
    od::value& v = field->value();
    if (key == "claims") {
      if (!ReadClaims(v, &found->authorizer_claims, found)) return false;
    } else if (key == "jwt") {
      od::object jwt;
      if (v.get_object().get(jwt) != simdjson::SUCCESS) continue;
      for (auto jwt_field_result : jwt) {
        od::field* jwt_field = FieldOrNull(jwt_field_result);
        if (jwt_field == nullptr) return false;
        const od::raw_json_string jwt_key = jwt_field->key();
        if (!(jwt_key == "claims")) continue;
        od::value& claims_value = jwt_field->value();
        if (!ReadClaims(claims_value, &found->authorizer_claims, found)) return false;
      }
    }
  }
  return true;
}

bool ReadRequestContext(od::value& value, Found* found) {
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return true;
  found->has_request_context = true;
  for (auto field_result : object) {
    od::field* field = FieldOrNull(field_result);
    if (field == nullptr) return false;
    const od::raw_json_string key = field->key();
    od::value& v = field->value();
    if (key == "stage") {
      ReadString(v, &found->stage, found);
    } else if (key == "http") {
      od::object http;
      if (v.get_object().get(http) != simdjson::SUCCESS) continue;
      found->version_2 = true;
      for (auto http_field_result : http) {
        od::field* http_field = FieldOrNull(http_field_result);
        if (http_field == nullptr) return false;
        const od::raw_json_string http_key = http_field->key();
        if (!(http_key == "method")) continue;
        od::value& method = http_field->value();
        ReadString(method, &found->context_http_method, found);
      }
    } else if (key == "authorizer") {
      if (!ReadAuthorizer(v, found)) return false;
    }
  }
  return true;
}

bool ReadTopLevel(od::object object, Found* found) {
  for (auto field_result : object) {
    // Raw keys: the ones we look for have no escapes, and the ones we skip
    // are never unescaped. An escaped spelling of a key we need is not
    // recognized, so the field reads as missing (bad_request).
    od::field* field = FieldOrNull(field_result);
    if (field == nullptr) return false;
    const od::raw_json_string key = field->key();
    od::value& v = field->value();
    if (key == "version") {
      std::string_view version;
      if (v.get_string().get(version) == simdjson::SUCCESS && version == "2.0") {
        found->version_2 = true;
      }
    } else if (key == "httpMethod") {
      found->has_http_method_field = true;
      ReadString(v, &found->http_method, found);
    } else if (key == "path") {
      found->direct_path_present = true;
      // Serves as REST `path` and the direct object's `path`.
      ReadString(v, &found->rest_path, found);
    } else if (key == "rawPath") {
      ReadString(v, &found->raw_path, found);
    } else if (key == "method") {
      found->direct_method_present = true;
      ReadString(v, &found->direct_method, found);
    } else if (key == "claims") {
      found->direct_claims_present = true;
      if (!ReadClaims(v, &found->direct_claims, found)) return false;
    } else if (key == "requestContext") {
      if (!ReadRequestContext(v, found)) return false;
    } else if (key == "headers") {
      if (!ReadHeaders(v, /*multi=*/false, found)) return false;
    } else if (key == "multiValueHeaders" && !found->headers_read) {
      // REST events repeat every header here; only needed without `headers`.
      if (!ReadHeaders(v, /*multi=*/true, found)) return false;
    }
  }
  return true;
}

void Fail(ExtractedRequest* out, std::string why) {
  out->Clear();
  out->error = std::move(why);
}

}  // namespace

Request ExtractedRequest::AsRequest() const {
  Request request;
  request.method = method;
  request.path = path;
  request.claims = claims_missing ? nullptr : &claims;
  request.method_missing = method_missing;
  request.path_missing = path_missing;
  return request;
}

void ExtractedRequest::Clear() {
  shape = Shape::kUnknown;
  method.clear();
  path.clear();
  claims.Clear();
  method_missing = path_missing = claims_missing = true;
  authorization.reset();
  error.clear();
}

std::string_view ShapeName(ExtractedRequest::Shape shape) {
  switch (shape) {
    case ExtractedRequest::Shape::kRestV1:
      return "rest";
    case ExtractedRequest::Shape::kHttpV2:
      return "http";
    case ExtractedRequest::Shape::kDirect:
      return "request";
    case ExtractedRequest::Shape::kUnknown:
      break;
  }
  return "unknown";
}

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
  thread_local Claims direct_claims;
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
  Found found(&out->claims, &direct_claims);
  bool read = ReadTopLevel(object, &found);
  if (!read || found.duplicate) {
    Fail(out, found.duplicate ? "event has a duplicated field" : "event is not valid JSON");
    return false;
  }

  const bool direct = hint == EventShapeHint::kDirectRequest;
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
  const Found::ClaimsSource& source = found.authorizer_claims;
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
