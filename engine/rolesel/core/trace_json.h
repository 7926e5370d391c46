// TraceToJson: a Trace as the list `rolesel eval --explain` prints, one
// object per step: {"kind","index"(when any),"id","matched","why"}.
//
// Apart from trace.h so that the engine's public headers pull in no JSON
// library. Never throws.
#ifndef ROLESEL_CORE_TRACE_JSON_H_
#define ROLESEL_CORE_TRACE_JSON_H_

#include <string_view>

#include "nlohmann/json.hpp"
#include "rolesel/core/trace.h"

namespace rolesel {

nlohmann::ordered_json TraceToJson(const Trace& trace);

// "request", "deny", "rule", "default" or "role_check".
std::string_view TraceKindName(TraceStep::Kind kind);

}  // namespace rolesel

#endif  // ROLESEL_CORE_TRACE_JSON_H_
