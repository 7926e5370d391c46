// Deterministic rule sets of any size with a realistic mix, for benchmarks
// and the comparison with the Python baseline: group conditions, path
// templates, "**", some regexes, claim matchers and deny entries. The
// request `MatchingRequest(n)` is allowed by a rule near the end.
#ifndef ROLESEL_BENCH_RULE_GENERATOR_H_
#define ROLESEL_BENCH_RULE_GENERATOR_H_

#include <string>

#include "nlohmann/json.hpp"

namespace rolesel::bench {

// A rules document with `n` rules (plus n/10 deny entries), as JSON text.
std::string GenerateRules(int n);

// A direct request object {"method","path","claims"} that the rule at
// position n-2 of GenerateRules(n) allows.
nlohmann::json MatchingRequest(int n);

// The same request as an API Gateway REST (payload 1.0) proxy event from a
// Cognito user pool authorizer: claims as strings, groups as "a,b,c", with
// the headers and request context a real event carries (~2.5 KB).
nlohmann::json MatchingRestEvent(int n);

}  // namespace rolesel::bench

#endif  // ROLESEL_BENCH_RULE_GENERATOR_H_
