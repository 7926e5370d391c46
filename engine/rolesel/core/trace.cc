#include "rolesel/core/trace.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace rolesel {

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
