// DecisionToJson: a Decision in the spec's JSON form, as `rolesel eval`
// prints it and fixtures compare it.
//
// Apart from decision.h so that the engine's public headers pull in no JSON
// library; include this where decisions are written out. Never throws for
// any Decision (strings that are not UTF-8 are the caller's to avoid: the
// engine's own are).
#ifndef ROLESEL_CORE_DECISION_JSON_H_
#define ROLESEL_CORE_DECISION_JSON_H_

#include "nlohmann/json.hpp"
#include "rolesel/core/decision.h"

namespace rolesel {

// {"decision":"allow","role":...} or {"decision":"deny","reason":...};
// `detail` is included when non-empty.
nlohmann::ordered_json DecisionToJson(const Decision& decision);

}  // namespace rolesel

#endif  // ROLESEL_CORE_DECISION_JSON_H_
