// JsonText: JSON writing that never throws.
//
// nlohmann::json::dump() throws (type_error 316) on a string that is not
// valid UTF-8, and such strings reach the project's output: a percent-decoded
// path, a claim given through the C++ API, a fixture's name. Every JSON the
// project writes (decisions, traces, lint findings, test reports, responses)
// goes through these, which write each invalid byte as U+FFFD (the Unicode
// replacement character) instead of throwing. Valid UTF-8 is written as
// dump() writes it. Thread-safe; allocate only for the returned string.
#ifndef ROLESEL_INTERNAL_JSON_TEXT_H_
#define ROLESEL_INTERNAL_JSON_TEXT_H_

#include <string>
#include <string_view>

#include "absl/types/span.h"
#include "nlohmann/json.hpp"

namespace rolesel::internal {

// dump(indent) with invalid UTF-8 replaced; indent -1 is one line.
std::string JsonText(const nlohmann::json& value, int indent = -1) noexcept;
std::string JsonText(const nlohmann::ordered_json& value, int indent = -1) noexcept;

// `s` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view s) noexcept;
// `values` as a JSON array of strings on one line: ["a","b"].
std::string JsonQuoteAll(absl::Span<const std::string> values) noexcept;

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_JSON_TEXT_H_
