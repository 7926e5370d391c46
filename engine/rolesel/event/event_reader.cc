#include "rolesel/event/event_reader.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rolesel/event/event_kernel.h"
#include "rolesel/event/found.h"
#include "rolesel/internal/strict_json.h"

namespace rolesel {
namespace {

using event::Found;

// A header value's JSON text (quotes included, as the walk keeps it)
// decoded; nullopt when it does not decode (a bad escape).
std::optional<std::string> DecodeStringToken(std::string_view token) {
  if (token.size() < 2) return std::nullopt;  // the walk never keeps one
  const std::string_view inner = token.substr(1, token.size() - 2);
  if (inner.find('\\') == std::string_view::npos) return std::string(inner);
  absl::StatusOr<nlohmann::json> decoded = internal::ParseStrictJson(token);
  if (!decoded.ok() || !decoded->is_string()) return std::nullopt;
  return decoded->get<std::string>();
}

// A field that was found (a string) goes into the request; one that was
// not leaves it missing.
void Take(std::optional<std::string_view> found, std::string* into, bool* missing) {
  if (!found) return;
  into->assign(found->data(), found->size());
  *missing = false;
}

void Fail(ExtractedRequest* out, std::string why) {
  out->Clear();
  out->error = std::move(why);
}

}  // namespace

std::string_view EventReaderKernel() { return event::ActiveEventKernel().name; }

bool ReadEvent(EventBytes bytes, ExtractedRequest* out, EventShapeHint hint,
               std::string_view requested_role_header) {
  return event::ReadEventOnKernel(event::ActiveEventKernel(), bytes, out, hint,
                                  requested_role_header);
}

bool event::ReadEventOnKernel(const EventKernel& kernel, EventBytes bytes, ExtractedRequest* out,
                              EventShapeHint hint, std::string_view requested_role_header) {
  out->Clear();
  const std::string_view json = bytes.json();
  if (json.size() > kMaxEventBytes) {
    Fail(out, absl::StrCat("event is larger than ", kMaxEventBytes, " bytes"));
    return false;
  }
  // The on-demand parser reads past the end: bytes without that padding are
  // copied into a per-thread buffer first. The buffer (and each kernel's
  // parser) is re-used so that steady state allocates nothing here. The
  // direct object's claims are read aside (authorizer claims go straight to
  // out->claims) until the shape is known.
  thread_local std::string padded;
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
  Found found(&out->claims, &aside_claims, &direct_claims);
  found.requested_role_header = requested_role_header;
  if (const char* unreadable = kernel.walk(data, json.size(), capacity, &found)) {
    Fail(out, unreadable);
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
    Take(found.context_http_method, &out->method, &out->method_missing);
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
      Take(path, &out->path, &out->path_missing);
    }
  } else if (!direct && (found.has_http_method_field || found.has_request_context)) {
    out->shape = ExtractedRequest::Shape::kRestV1;
    Take(found.http_method, &out->method, &out->method_missing);
    Take(found.rest_path, &out->path, &out->path_missing);
  } else {
    out->shape = ExtractedRequest::Shape::kDirect;
    Take(found.direct_method, &out->method, &out->method_missing);
    Take(found.rest_path, &out->path, &out->path_missing);
    const Found::ClaimsSource& source = found.direct_claims;
    out->claims_missing = !source.found || source.malformed;
    std::swap(out->claims, direct_claims);  // keeps both objects' storage
    if (out->claims_missing) out->claims.Clear();
    if (found.direct_requested_role) out->requested_role.emplace(*found.direct_requested_role);
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
  // The requested role comes only from the header in an API Gateway event.
  if (found.requested_role_json) {
    out->requested_role = DecodeStringToken(*found.requested_role_json);
    if (!out->requested_role) {
      Fail(out, "event has a malformed requested-role header");
      return false;
    }
  }
  return true;
}

}  // namespace rolesel
