#include "rolesel/event/event_walk.h"

#include "rolesel/event/claims_reader.h"
#include "rolesel/event/headers_reader.h"

namespace rolesel::event {
namespace {

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

}  // namespace

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

}  // namespace rolesel::event
