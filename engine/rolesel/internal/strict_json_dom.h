// The simdjson DOM side of ParseStrictJson (strict_json.h), for readers that
// take what they need from simdjson's DOM straight away (a token's header and
// payload, rolesel/jwt/token_parts.h) and build nlohmann::json only for the
// values that need it.
//
// A DOM reading stands for nlohmann's only where it is vouched for: the text
// passes DomTextIsVouchable(), simdjson parses it, and every value converted
// passes DomToJson(). Anything else is read by ParseStrictJsonReference(),
// which names the problem. Pure functions; thread-safe.
#ifndef ROLESEL_INTERNAL_STRICT_JSON_DOM_H_
#define ROLESEL_INTERNAL_STRICT_JSON_DOM_H_

#include <string_view>

#include "nlohmann/json.hpp"
// As everywhere simdjson is included (rolesel/event/json_walk.h): no
// exceptions, every result checked.
#define SIMDJSON_EXCEPTIONS 0
#include "simdjson.h"

namespace rolesel::internal {

// False for text with a "\u" escape: surrogate pairs are where JSON readers
// differ, so such text is read by nlohmann alone.
bool DomTextIsVouchable(std::string_view text);

// True when `text` may spell a "-0", which simdjson reads as the integer 0
// and nlohmann as a signed zero.
inline bool DomTextMayHoldMinusZero(std::string_view text) {
  return text.find("-0") != std::string_view::npos;
}

// `element`, at nesting `depth` (0 for a document's root), as
// nlohmann::json, as nlohmann's own parser builds it from the same text;
// false when this reading cannot vouch for that (a key twice, nesting past
// `max_depth`, a number with a fraction or an exponent or outside 64 bits,
// a zero that may be "-0"). May throw std::bad_alloc.
bool DomToJson(simdjson::dom::element element, int depth, int max_depth, bool may_hold_minus_zero,
               nlohmann::json* out);

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_STRICT_JSON_DOM_H_
