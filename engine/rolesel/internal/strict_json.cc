#include "rolesel/internal/strict_json.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json_dom.h"

namespace rolesel::internal {

namespace dom = simdjson::dom;

bool DomTextIsVouchable(std::string_view text) {
  return text.find("\\u") == std::string_view::npos;
}

bool DomToJson(dom::element element, int depth, int max_depth, bool may_hold_minus_zero,
               nlohmann::json* out) {
  switch (element.type()) {
    case dom::element_type::OBJECT: {
      if (depth + 1 > max_depth) return false;
      dom::object object;
      if (element.get_object().get(object) != simdjson::SUCCESS) return false;
      *out = nlohmann::json::object();
      for (dom::key_value_pair field : object) {
        std::string key(field.key);
        if (out->contains(key)) return false;  // a key twice (unescaped)
        if (!DomToJson(field.value, depth + 1, max_depth, may_hold_minus_zero,
                       &(*out)[std::move(key)]))
          return false;
      }
      return true;
    }
    case dom::element_type::ARRAY: {
      if (depth + 1 > max_depth) return false;
      dom::array array;
      if (element.get_array().get(array) != simdjson::SUCCESS) return false;
      *out = nlohmann::json::array();
      for (dom::element child : array) {
        out->push_back(nullptr);
        if (!DomToJson(child, depth + 1, max_depth, may_hold_minus_zero, &out->back()))
          return false;
      }
      return true;
    }
    case dom::element_type::STRING: {
      std::string_view value;
      if (element.get_string().get(value) != simdjson::SUCCESS) return false;
      *out = std::string(value);
      return true;
    }
    case dom::element_type::INT64: {
      // nlohmann reads an integer without a sign as unsigned, one with a
      // minus sign as signed.
      int64_t value = 0;
      if (element.get_int64().get(value) != simdjson::SUCCESS) return false;
      // simdjson reads "-0" as 0, nlohmann as a signed 0.
      if (value == 0 && may_hold_minus_zero) return false;
      if (value >= 0) {
        *out = static_cast<uint64_t>(value);
      } else {
        *out = value;
      }
      return true;
    }
    case dom::element_type::UINT64: {
      uint64_t value = 0;
      if (element.get_uint64().get(value) != simdjson::SUCCESS) return false;
      *out = value;
      return true;
    }
    case dom::element_type::DOUBLE:
      // nlohmann keeps "-0" an integer and "1.0" a float; simdjson's kinds
      // differ at such edges: read the slow way.
      return false;
    case dom::element_type::BOOL: {
      bool value = false;
      if (element.get_bool().get(value) != simdjson::SUCCESS) return false;
      *out = value;
      return true;
    }
    case dom::element_type::NULL_VALUE:
      *out = nullptr;
      return true;
  }
  return false;
}

namespace {

// The fast reading: simdjson's DOM (validated, UTF-8 checked, indexed with
// the CPU's SIMD kernel), converted. Only text it fully vouches for: none
// with a "\u" escape (surrogate pairs are where JSON readers differ), and
// none that simdjson refuses or ToJson declines; everything else is read by
// nlohmann below, which gives the same value or names the problem.
bool ParseFast(std::string_view text, int max_depth, nlohmann::json* out) {
  if (!DomTextIsVouchable(text)) return false;
  thread_local dom::parser parser;
  dom::element root;
  if (parser.parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) return false;
  return DomToJson(root, 0, max_depth, DomTextMayHoldMinusZero(text), out);
}

}  // namespace

absl::StatusOr<nlohmann::json> ParseStrictJson(std::string_view text, int max_depth,
                                               bool* refused) noexcept {
  try {
    nlohmann::json fast;
    if (ParseFast(text, max_depth, &fast)) {
      if (refused != nullptr) *refused = false;
      return fast;
    }
  } catch (...) {
    return absl::ResourceExhaustedError("out of memory while parsing JSON");
  }
  return ParseStrictJsonReference(text, max_depth, refused);
}

absl::StatusOr<nlohmann::json> ParseStrictJsonReference(std::string_view text, int max_depth,
                                                        bool* refused) noexcept {
  if (refused != nullptr) *refused = false;
  try {
    using Event = nlohmann::json::parse_event_t;
    // The keys seen so far in each open container (empty for arrays).
    std::vector<absl::flat_hash_set<std::string>> open;
    std::string problem;
    auto callback = [&](int depth, Event event, nlohmann::json& parsed) -> bool {
      if (!problem.empty()) return false;  // discard the rest; the parse is refused
      switch (event) {
        case Event::object_start:
        case Event::array_start:
          // `depth` counts the containers already open around this one.
          if (depth + 1 > max_depth) {
            problem = absl::StrCat("nests deeper than ", max_depth, " levels");
            return false;
          }
          open.emplace_back();
          return true;
        case Event::object_end:
        case Event::array_end:
          if (!open.empty()) open.pop_back();
          return true;
        case Event::key: {
          if (open.empty() || !parsed.is_string()) return true;
          const std::string& key = parsed.get_ref<const std::string&>();
          if (!open.back().insert(key).second) {
            problem = absl::StrCat("has the key ", JsonQuote(key), " twice in one object");
            return false;
          }
          return true;
        }
        case Event::value:
          return true;
      }
      return true;
    };
    nlohmann::json parsed =
        nlohmann::json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
    if (!problem.empty()) {
      if (refused != nullptr) *refused = true;
      return absl::InvalidArgumentError(problem);
    }
    if (parsed.is_discarded()) return absl::InvalidArgumentError("is not valid JSON");
    return parsed;
  } catch (...) {
    // Allocation failure: nothing to parse with.
    return absl::ResourceExhaustedError("out of memory while parsing JSON");
  }
}

int JsonDepth(const nlohmann::json& value, int limit) {
  // Each stack entry: a container and how deeply it sits.
  std::vector<std::pair<const nlohmann::json*, int>> stack;
  int deepest = 0;
  if (value.is_structured()) stack.emplace_back(&value, 1);
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const nlohmann::json& child : *node) {
      if (child.is_structured()) stack.emplace_back(&child, depth + 1);
    }
  }
  return deepest;
}

}  // namespace rolesel::internal
