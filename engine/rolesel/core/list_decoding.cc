#include "rolesel/core/list_decoding.h"

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "rolesel/core/claims.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"

namespace rolesel {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(internal::Absl(s));
  return std::string_view(trimmed.data(), trimmed.size());
}

// What can start a JSON value inside an array: a string, a number, a
// literal, a nested array or object, or the array's end.
bool MayStartJsonValue(std::string_view inner) {
  if (inner.empty()) return false;
  const char c = inner.front();
  if (c == '"' || c == ']' || c == '[' || c == '{' || c == '-' || (c >= '0' && c <= '9')) {
    return true;
  }
  for (std::string_view literal : {"true", "false", "null"}) {
    if (inner.substr(0, literal.size()) == literal) return true;
  }
  return false;
}

// Characters that say an HTTP API form element is really a piece of JSON
// ("[\"suspended\" x]" is neither a JSON array nor a list of names): the
// list is malformed rather than read as names that match nothing. A table,
// so the split loop tests each byte as it passes it.
struct JsonPunctuation {
  bool is[256] = {};
  constexpr JsonPunctuation() {
    for (char c : {'"', '[', ']', '{', '}'}) is[static_cast<unsigned char>(c)] = true;
  }
};
constexpr JsonPunctuation kJsonPunctuation;

// The JSON text of a scalar, as the spec compares numbers and booleans.
std::string ScalarText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return internal::JsonText(value);
}

}  // namespace

// The one reading of a JSON array, whether it arrived as an array or inside
// a string, so that both read the same.
bool ForEachJsonArrayElement(const nlohmann::json& array,
                             absl::FunctionRef<void(std::string_view)> add) {
  bool well_formed = true;
  for (const auto& element : array) {
    if (element.is_structured()) {
      well_formed = false;
      add(internal::JsonText(element));
    } else if (!element.is_null()) {
      add(ScalarText(element));
    }
  }
  return well_formed;
}

bool ForEachListElement(std::string_view value, absl::FunctionRef<void(std::string_view)> add) {
  std::string_view trimmed = TrimSpaces(value);
  if (trimmed.empty()) return true;
  if (trimmed.front() == '[' && trimmed.back() == ']') {
    // A JSON array inside the string, e.g. "[\"admins\",\"users\"]", reads
    // exactly as the same array would. Only tried when what follows the "["
    // can start a JSON value: the HTTP API form "[admins users]" is the
    // common case, and a failed parse costs more than this test.
    if (MayStartJsonValue(TrimSpaces(trimmed.substr(1)))) {
      bool refused = false;
      absl::StatusOr<nlohmann::json> parsed =
          internal::ParseStrictJson(trimmed, static_cast<int>(kMaxClaimDepth), &refused);
      if (parsed.ok()) return ForEachJsonArrayElement(*parsed, add);
      // JSON refused (a duplicated key, too deep) is malformed, never re-read
      // as the HTTP API form. (Were it read so, its brackets or braces would
      // make that form malformed too.)
      if (refused) return false;
    }
    // The HTTP API JWT authorizer form: "[admins users]". Every HTTP API
    // request's groups come this way; a plain loop, because absl::StrSplit
    // with ByAnyChar built its character set anew on every call.
    const std::string_view inner = trimmed.substr(1, trimmed.size() - 2);
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    bool punctuation = false;
    for (size_t i = 0; i < inner.size();) {
      while (i < inner.size() && is_space(inner[i])) ++i;
      const size_t start = i;
      while (i < inner.size() && !is_space(inner[i])) {
        punctuation |= kJsonPunctuation.is[static_cast<unsigned char>(inner[i])];
        ++i;
      }
      if (i > start) add(inner.substr(start, i - start));
    }
    return !punctuation;
  }
  // The REST authorizer form: "admins,users". Every REST request's groups
  // come this way; a plain loop, not absl::StrSplit (docs/performance.md).
  for (size_t start = 0;;) {
    const size_t comma = trimmed.find(',', start);
    const size_t end = comma == std::string_view::npos ? trimmed.size() : comma;
    std::string_view element = TrimSpaces(trimmed.substr(start, end - start));
    if (!element.empty()) add(element);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return true;
}

std::vector<std::string> DecodeStringList(std::string_view value, bool* well_formed) {
  std::vector<std::string> out;
  const bool ok =
      ForEachListElement(value, [&](std::string_view element) { out.emplace_back(element); });
  if (well_formed != nullptr) *well_formed = ok;
  return out;
}

}  // namespace rolesel
