// Evaluate: one decision over compiled rules (spec section 2).
//
// Order: request checks (missing or wrongly typed method, path or claims;
// then the path normalization; then the method's form), deny entries in
// order, rules in order (a rule whose role action yields no role does not
// match), the default, then the checks on the selected role, then allow.
//
// Never throws, never fails open: every outcome is written to `*out`, and
// anything unexpected is a deny. Allocates nothing when `trace` is null and
// `*out` is re-used (its strings keep their capacity). Thread-safe: the
// compiled rules are only read.
#ifndef ROLESEL_EVALUATE_EVALUATOR_H_
#define ROLESEL_EVALUATE_EVALUATOR_H_

#include "rolesel/compile/compiled_rules.h"
#include "rolesel/core/decision.h"
#include "rolesel/core/request.h"
#include "rolesel/core/trace.h"

namespace rolesel {

void Evaluate(const CompiledRules& rules, const Request& request, Decision* out,
              Trace* trace) noexcept;

}  // namespace rolesel

#endif  // ROLESEL_EVALUATE_EVALUATOR_H_
