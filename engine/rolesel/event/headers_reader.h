// ReadHeaders: the Authorization header and the requested-role header
// (Found::requested_role_header, when set) of an event's `headers` or
// `multiValueHeaders`, kept as JSON text until a decision needs them.
//
// Internal to event/. Header names are compared in any case. Both maps are
// read: two different values of either header anywhere refuse the event, as
// does one that is not a string (null is no header). Returns false when the
// document cannot be read further or is refused.
#ifndef ROLESEL_EVENT_HEADERS_READER_H_
#define ROLESEL_EVENT_HEADERS_READER_H_

#include <optional>
#include <string>
#include <string_view>

#include "rolesel/event/found.h"
#include "rolesel/event/json_walk.h"

namespace rolesel::event {

// `headers` (multi: false) or `multiValueHeaders` (multi: true).
bool ReadHeaders(od::value& value, bool multi, Found* found);

// The string a JSON string literal holds; nullopt when it does not decode.
std::optional<std::string> DecodeStringToken(std::string_view token);

}  // namespace rolesel::event

#endif  // ROLESEL_EVENT_HEADERS_READER_H_
