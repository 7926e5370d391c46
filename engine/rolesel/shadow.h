// Shadow evaluation: decide with the enforced rules, also decide with a
// candidate rule set, and report whether (and how) the candidate would
// decide differently, so a handler can log what a new rule set would change
// before enforcing it, and `rolesel diff` can compare two rule sets offline.
//
// Two decisions differ when their outcome differs: allow vs deny, the role,
// the deny reason, or anything that shapes the credentials (session name,
// duration, source identity, session tags and transitive keys, session
// policy, policy ARNs). Which entry decided
// (`rule`) is reported but is not by itself a difference, so renaming an
// entry changes nothing. Thread-safe like RuleSet; never throws.
#ifndef ROLESEL_SHADOW_H_
#define ROLESEL_SHADOW_H_

#include <string>
#include <string_view>

#include "rolesel/core/decision.h"
#include "rolesel/core/event_input.h"
#include "rolesel/rule_set.h"

namespace rolesel {

// "" when `a` and `b` decide the same; else e.g. "allow -> deny (no_match)",
// "role arn:...:role/a -> arn:...:role/b", "reason deny_rule -> no_match".
std::string DescribeDifference(const Decision& a, const Decision& b);

struct ShadowResult {
  Decision enforced;       // act on this one
  Decision candidate;      // what the candidate rules would have decided
  std::string difference;  // DescribeDifference(enforced, candidate)
  bool differs() const { return !difference.empty(); }
};

// Decides `event` with both rule sets (each reads it; the shadow path is for
// tools and sampled requests, not the hot path).
ShadowResult DecideShadow(const RuleSet& enforced, const RuleSet& candidate, EventBytes event,
                          EventShapeHint hint = EventShapeHint::kDetect);

}  // namespace rolesel

#endif  // ROLESEL_SHADOW_H_
