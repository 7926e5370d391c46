// ReadTopLevel: the one pass over an event's top-level object (and the
// requestContext, authorizer and headers below it) that records what the
// decision reads into a Found.
//
// Internal to event/, part of the kernel's walk (event_kernel.h): compiled
// once per kernel, in rolesel::event::ROLESEL_EVENT_KERNEL. A field the decision reads, or an
// object on the way to one, twice in one object refuses the event. Returns false when the document
// cannot be read further or is refused (Found::unreadable says why when it is refused).
#ifndef ROLESEL_EVENT_EVENT_WALK_H_
#define ROLESEL_EVENT_EVENT_WALK_H_

#include "rolesel/event/claims_reader.h"
#include "rolesel/event/headers_reader.h"
#include "rolesel/event/json_walk.h"

namespace rolesel::event::ROLESEL_EVENT_KERNEL {
namespace {

// A string field the decision reads, which may appear once in its object.
bool ReadStringOnce(SeenFields& seen, uint32_t bit, od::value& value,
                    std::optional<std::string_view>* slot, Found* found) {
  if (!seen.First(bit, found)) return false;
  ReadString(value, slot);
  return true;
}

// Calls visit(key, value, seen) for each field of `value` when it is an
// object, after on_object(); anything else (null included) holds none of the
// fields a decision reads.
template <typename OnObject, typename Visit>
bool ForEachFieldOfObject(od::value& value, OnObject&& on_object, Visit&& visit) {
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return true;
  on_object();
  SeenFields seen;
  return ForEachField(object,
                      [&](std::string_view key, od::value& v) { return visit(key, v, seen); });
}

constexpr auto kNothing = [] {};

bool ReadJwtAuthorizer(od::value& value, Found* found) {
  return ForEachFieldOfObject(
      value, kNothing, [&](std::string_view key, od::value& v, SeenFields& seen) {
        if (!Is(key, "claims")) return true;
        return seen.First(1, found) && ReadClaims(v, &found->jwt_claims, found);
      });
}

bool ReadAuthorizer(od::value& value, Found* found) {
  return ForEachFieldOfObject(
      value, kNothing, [&](std::string_view key, od::value& v, SeenFields& seen) {
        if (Is(key, "claims")) {
          return seen.First(1, found) && ReadClaims(v, &found->authorizer_claims, found);
        }
        if (Is(key, "jwt")) return seen.First(2, found) && ReadJwtAuthorizer(v, found);
        return true;
      });
}

bool ReadHttp(od::value& value, Found* found) {
  return ForEachFieldOfObject(
      value, [&] { found->version_2 = true; },
      [&](std::string_view key, od::value& v, SeenFields& seen) {
        if (!Is(key, "method")) return true;
        return ReadStringOnce(seen, 1, v, &found->context_http_method, found);
      });
}

bool ReadRequestContext(od::value& value, Found* found) {
  return ForEachFieldOfObject(
      value, [&] { found->has_request_context = true; },
      [&](std::string_view key, od::value& v, SeenFields& seen) {
        if (Is(key, "stage")) return ReadStringOnce(seen, 1, v, &found->stage, found);
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
    kRequestedRole = 512,
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
      found->has_http_method_field = true;
      return ReadStringOnce(seen, kHttpMethod, v, &found->http_method, found);
    } else if (Is(key, "path")) {
      // REST `path`, and the direct object's.
      return ReadStringOnce(seen, kPath, v, &found->rest_path, found);
    } else if (Is(key, "rawPath")) {
      return ReadStringOnce(seen, kRawPath, v, &found->raw_path, found);
    } else if (Is(key, "method")) {
      return ReadStringOnce(seen, kMethod, v, &found->direct_method, found);
    } else if (Is(key, "claims")) {
      return seen.First(kClaims, found) && ReadClaims(v, &found->direct_claims, found);
    } else if (Is(key, "requestContext")) {
      return seen.First(kRequestContext, found) && ReadRequestContext(v, found);
    } else if (Is(key, "headers")) {
      return seen.First(kHeaders, found) && ReadHeaders(v, /*multi=*/false, found);
    } else if (Is(key, "multiValueHeaders")) {
      return seen.First(kMultiValueHeaders, found) && ReadHeaders(v, /*multi=*/true, found);
    } else if (Is(key, "requested_role")) {
      // The direct object's: a string, or null for none.
      if (!seen.First(kRequestedRole, found)) return false;
      if (IsNull(v)) return true;
      ReadString(v, &found->direct_requested_role);
      if (!found->direct_requested_role) return found->Refuse("requested_role is not a string");
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

static_assert(kEventPadding >= simdjson::SIMDJSON_PADDING, "kEventPadding is simdjson's padding");

// This kernel's EventKernel::walk. The parser is re-used, per thread, so
// that steady state allocates nothing.
const char* WalkEvent(const char* data, size_t length, size_t capacity, Found* found) {
  thread_local od::parser parser;
  od::document document;
  if (parser.iterate(data, length, capacity).get(document) != simdjson::SUCCESS) {
    return "event is not valid JSON";
  }
  od::object object;
  if (document.get_object().get(object) != simdjson::SUCCESS) {
    return "event is not a valid JSON object";
  }
  const bool read = ReadTopLevel(object, found);
  if (found->unreadable != nullptr) return found->unreadable;
  if (!read) return "event is not valid JSON";
  // A second document after the first ("{...} {...}") would be read by
  // some parsers and not by others; only whitespace may follow.
  if (!DocumentEnd::AtEnd(document)) return "event has content after its JSON object";
  return nullptr;
}

}  // namespace rolesel::event::ROLESEL_EVENT_KERNEL

#endif  // ROLESEL_EVENT_EVENT_WALK_H_
