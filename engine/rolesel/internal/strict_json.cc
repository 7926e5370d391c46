#include "rolesel/internal/strict_json.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "rolesel/internal/json_text.h"

namespace rolesel::internal {

absl::StatusOr<nlohmann::json> ParseStrictJson(std::string_view text, int max_depth,
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
