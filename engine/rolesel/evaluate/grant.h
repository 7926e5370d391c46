// FillGrant: what an allow carries beyond its role and rule, rendered from
// the caller's claims (spec section 6 and rolesel's extensions): the
// session name and duration, the source identity, the session tags and
// which are transitive, the session policy and the managed policy ARNs.
//
// Internal to evaluate/. Fails (a deny for the caller to give) when any of
// it cannot be sent to STS as it is: a tag value over 256 characters, or a
// session policy that does not render (rolesel/matchers/policy_template.h).
// Writes into the Decision's own strings: no allocation once they have
// grown. Thread-compatible (the settings are immutable).
#ifndef ROLESEL_EVALUATE_GRANT_H_
#define ROLESEL_EVALUATE_GRANT_H_

#include <string>
#include <string_view>

#include "rolesel/compile/compiled_entry.h"
#include "rolesel/core/claims.h"
#include "rolesel/core/decision.h"
#include "rolesel/core/sts_limits.h"

namespace rolesel {

// Why FillGrant failed: the part ("session_tags", "session_policy") and a
// message naming the tag or claim, or the size.
struct GrantRefusal {
  std::string_view part;
  std::string why;
};

// Fills those fields of *out (an allow being made); false with *refusal
// set when they cannot be sent.
bool FillGrant(const CompiledSettings& settings, const Narrowing& narrowing, const Claims& claims,
               Decision* out, GrantRefusal* refusal);

}  // namespace rolesel

#endif  // ROLESEL_EVALUATE_GRANT_H_
