#include "rolesel/trace.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace rolesel {
namespace {

std::string_view KindName(TraceStep::Kind kind) {
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

}  // namespace

std::string TraceStep::Label() const {
  switch (kind) {
    case Kind::kDeny:
      return absl::StrCat("deny[", index, "] \"", id, "\"");
    case Kind::kRule:
      return absl::StrCat("rules[", index, "] \"", id, "\"");
    default:
      return id;
  }
}

void Trace::Add(TraceStep::Kind kind, int index, std::string id, bool matched, std::string why) {
  steps.push_back(TraceStep{kind, index, std::move(id), matched, std::move(why)});
}

nlohmann::ordered_json Trace::ToJson() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const TraceStep& step : steps) {
    nlohmann::ordered_json item;
    item["kind"] = std::string(KindName(step.kind));
    if (step.index >= 0) item["index"] = step.index;
    item["id"] = step.id;
    item["matched"] = step.matched;
    item["why"] = step.why;
    out.push_back(std::move(item));
  }
  return out;
}

std::string Trace::ToText() const {
  std::string out;
  for (const TraceStep& step : steps) absl::StrAppend(&out, step.ToText(), "\n");
  return out;
}

std::string TraceStep::ToText() const {
  // A non-match reads as the condition that failed; a match says so.
  if (!matched) return absl::StrCat(Label(), ": ", why.empty() ? "no match" : why);
  return absl::StrCat(Label(), ": matched", why.empty() ? "" : " (", why, why.empty() ? "" : ")");
}

}  // namespace rolesel
