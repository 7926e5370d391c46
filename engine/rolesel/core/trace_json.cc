#include "rolesel/core/trace_json.h"

#include <string>
#include <utility>

namespace rolesel {

std::string_view TraceKindName(TraceStep::Kind kind) {
  switch (kind) {
    case TraceStep::Kind::kRequest:
      return "request";
    case TraceStep::Kind::kDeny:
      return "deny";
    case TraceStep::Kind::kRule:
      return "rule";
    case TraceStep::Kind::kDefault:
      return "default";
    case TraceStep::Kind::kRoleCheck:
      return "role_check";
  }
  return "unknown";
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
