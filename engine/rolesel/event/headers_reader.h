// ReadHeaders: the Authorization header and the requested-role header
// (Found::requested_role_header, when set) of an event's `headers` or
// `multiValueHeaders`, kept as JSON text until a decision needs them.
//
// Internal to event/, part of the kernel's walk (event_kernel.h): compiled
// once per kernel, in rolesel::event::ROLESEL_EVENT_KERNEL. Header names are compared in any case.
// Both maps are read: two different values of either header anywhere refuse the event, as does one
// that is not a string (null is no header). Returns false when the document cannot be read further
// or is refused.
#ifndef ROLESEL_EVENT_HEADERS_READER_H_
#define ROLESEL_EVENT_HEADERS_READER_H_

#include "rolesel/event/json_walk.h"

namespace rolesel::event::ROLESEL_EVENT_KERNEL {
namespace {

// `name` is `expected` in any case (HTTP header names are case-insensitive).
// Sizes first: an event carries dozens of headers, and the compare is a
// call into Abseil.
bool IsHeaderName(std::string_view name, std::string_view expected) {
  return name.size() == expected.size() &&
         absl::EqualsIgnoreCase(internal::Absl(name), internal::Absl(expected));
}

// A string value's JSON text, quotes included, not decoded; false when the
// value is not a string.
bool StringToken(od::value& value, std::string_view* token) {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS || type != od::json_type::string) return false;
  *token = TrimRight(value.raw_json_token());
  return true;
}

// A header the decision reads: Authorization, or the requested role's.
struct WatchedHeader {
  std::optional<std::string_view>* slot;  // its value, as JSON text
  const char* malformed;                  // why a value of the wrong type is refused
  const char* conflicting;                // why two different values are refused
};

// One value of a watched header, as JSON text. Every value the event
// carries (in `headers`, in `multiValueHeaders`, several in one list) must
// be the same: two that differ are refused, even when they would decode to
// the same string ("a" and "\u0061"): stricter, never looser.
bool AddValue(const WatchedHeader& header, std::string_view token, Found* found) {
  if (*header.slot && **header.slot != token) return found->Refuse(header.conflicting);
  *header.slot = token;
  return true;
}

}  // namespace

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
  const WatchedHeader authorization{&found->authorization_json,
                                    "event has a malformed Authorization header",
                                    "event has two different Authorization headers"};
  const WatchedHeader requested_role{&found->requested_role_json,
                                     "event has a malformed requested-role header",
                                     "event has two different requested-role headers"};
  return ForEachField(object, [&](std::string_view name, od::value& v) {
    const WatchedHeader* header = nullptr;
    if (IsHeaderName(name, "authorization")) {
      header = &authorization;
    } else if (!found->requested_role_header.empty() &&
               IsHeaderName(name, found->requested_role_header)) {
      header = &requested_role;
    }
    if (header == nullptr || IsNull(v)) return true;
    // Kept as JSON text: most events carry authorizer claims and never use
    // the Authorization header, which is the longest string in them (a
    // Cognito token is 1-1.5 KB), so it is not decoded while walking.
    std::string_view token;
    if (!multi) {
      if (!StringToken(v, &token)) return found->Refuse(header->malformed);
      return AddValue(*header, token, found);
    }
    od::array array;
    if (v.get_array().get(array) != simdjson::SUCCESS) return found->Refuse(header->malformed);
    for (auto element_result : array) {
      od::value element;
      if (element_result.get(element) != simdjson::SUCCESS) return false;
      if (!StringToken(element, &token)) return found->Refuse(header->malformed);
      if (!AddValue(*header, token, found)) return false;
    }
    return true;
  });
}

}  // namespace rolesel::event::ROLESEL_EVENT_KERNEL

#endif  // ROLESEL_EVENT_HEADERS_READER_H_
