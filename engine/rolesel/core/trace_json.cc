#include "rolesel/core/trace_json.h"

#include <iterator>
#include <string>
#include <utility>

namespace rolesel {

std::string_view TraceKindName(TraceStep::Kind kind) {
  // Indexed by Kind: kRequest, kDeny, kRule, kDefault, kRoleCheck,
  // kCredentials.
  constexpr std::string_view kNames[] = {"request", "deny",       "rule",
                                         "default", "role_check", "credentials"};
  static_assert(static_cast<int>(TraceStep::Kind::kCredentials) == 5, "a name per Kind");
  const auto index = static_cast<size_t>(kind);
  return index < std::size(kNames) ? kNames[index] : "unknown";
}

nlohmann::ordered_json TraceToJson(const Trace& trace) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const TraceStep& step : trace.steps) {
    nlohmann::ordered_json item;
    item["kind"] = std::string(TraceKindName(step.kind));
    if (step.index >= 0) item["index"] = step.index;
    item["id"] = step.id;
    item["matched"] = step.matched;
    item["why"] = step.why;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace rolesel
