// ParseStrictJson: JSON from outside the process (tokens, JWKS documents,
// claim values, fixture events), read so that no two readers can disagree
// about what it says.
//
// JSON leaves duplicate object keys undefined: nlohmann keeps the last,
// other parsers the first, so a document with two "iss" or two "kid" keys
// can say one thing to rolesel and another to whoever reads it next. These
// documents are refused instead, as are documents nesting containers deeper
// than a limit (every later walk of the DOM, dump() among them, recurses).
// Keys are compared after unescaping, so "k" and "\u006b" are one key.
//
// Read with simdjson's DOM where it can vouch for the result (no key twice,
// within the depth, every number an integer of 64 bits, no "\u" escape),
// converted to nlohmann::json; every other text is read by nlohmann's parser
// (ParseStrictJsonReference), which gives the same value or names the
// problem. The two agree on every input (tests/fuzz/strict_json_fuzzer.cc).
//
// Never throws; thread-safe.
#ifndef ROLESEL_INTERNAL_STRICT_JSON_H_
#define ROLESEL_INTERNAL_STRICT_JSON_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace rolesel::internal {

// How deeply a document (a token's header or payload, a JWKS, a rules or
// fixture file) may nest arrays and objects: `{}` nests 1 deep, `{"a":[]}`
// 2. Real ones nest under 10.
inline constexpr int kMaxJsonDepth = 128;

// One JSON value and nothing but whitespace after it. InvalidArgument naming
// the problem: not JSON, a duplicated key (named), or nesting deeper than
// `max_depth`. `*refused` (when given) says which: true for a duplicated key
// or too deep a nesting, false for text that is not JSON.
absl::StatusOr<nlohmann::json> ParseStrictJson(std::string_view text, int max_depth = kMaxJsonDepth,
                                               bool* refused = nullptr) noexcept;

// The same reading by nlohmann's parser alone: what ParseStrictJson must
// agree with (for tests and the differential fuzz target).
absl::StatusOr<nlohmann::json> ParseStrictJsonReference(std::string_view text,
                                                        int max_depth = kMaxJsonDepth,
                                                        bool* refused = nullptr) noexcept;

// How deeply `value` nests arrays and objects (0 for a scalar), walked
// without recursion; stops counting at `limit` + 1.
int JsonDepth(const nlohmann::json& value, int limit);

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_STRICT_JSON_H_
