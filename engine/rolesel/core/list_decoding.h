// List decoding: the elements of a list claim (spec section 7) that arrived
// as a string ("a,b", "[a b]", "[\"a\",\"b\"]") or as a JSON array.
//
// One reading for every encoding, so that a list reads the same element for
// element however it arrived: Claims uses these when a claim is added, and
// the tests compare encodings through them. Pure functions; thread-safe.
// `add` is called once per element, in order; a false return means the list
// is malformed (its elements were still all passed to `add`).
#ifndef ROLESEL_CORE_LIST_DECODING_H_
#define ROLESEL_CORE_LIST_DECODING_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "nlohmann/json.hpp"

namespace rolesel {

// A list claim given as a string: empty (no elements), a JSON array inside
// the string, the HTTP API form "[a b c]", or the REST form "a,b,c".
bool ForEachListElement(std::string_view value, absl::FunctionRef<void(std::string_view)> add);

// The elements of a JSON array as a list claim reads them: a scalar's text,
// a nested array's or object's JSON text (which makes the list malformed);
// nulls are left out.
bool ForEachJsonArrayElement(const nlohmann::json& array,
                             absl::FunctionRef<void(std::string_view)> add);

// ForEachListElement() collected; sets `*well_formed` (when given).
std::vector<std::string> DecodeStringList(std::string_view value, bool* well_formed = nullptr);

}  // namespace rolesel

#endif  // ROLESEL_CORE_LIST_DECODING_H_
