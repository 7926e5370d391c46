// Trace: the record of how a decision was reached, for `--explain`, failing
// test cases and logs.
//
// The evaluator writes to a Trace only when one is passed (a null Trace*
// costs one pointer test per entry). Each step names what was looked at
// (a deny entry, a rule, the default, a role check, the request itself),
// whether it matched, and for a non-match the first condition that failed.
// Its JSON form is written by rolesel/core/trace_json.h.
#ifndef ROLESEL_CORE_TRACE_H_
#define ROLESEL_CORE_TRACE_H_

#include <string>
#include <vector>

namespace rolesel {

struct TraceStep {
  // kCredentials: what an allow carries beyond its role (session tags, the
  // session policy), checked last.
  enum class Kind { kRequest, kDeny, kRule, kDefault, kRoleCheck, kCredentials };
  Kind kind = Kind::kRule;
  int index = -1;  // position in `deny` or `rules`; -1 otherwise
  std::string id;  // entry id, or the check's name
  bool matched = false;
  std::string why;  // e.g. `groups: caller is in none of ["admins"]`

  // `deny[0] "suspended"`, `rules[3] "gold"`, `default`, or the check name.
  std::string Label() const;
  // `rules[3] "gold": claims.custom:tier: "silver" not in ["gold"]`, or
  // `rules[4] "readers": matched (every condition holds)`.
  std::string ToText() const;
};

struct Trace {
  std::vector<TraceStep> steps;

  void Add(TraceStep::Kind kind, int index, std::string id, bool matched, std::string why);
  // One line per step, as printed under a failing test case.
  std::string ToText() const;
};

}  // namespace rolesel

#endif  // ROLESEL_CORE_TRACE_H_
