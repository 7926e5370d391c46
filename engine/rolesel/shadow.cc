#include "rolesel/shadow.h"

#include "absl/strings/str_cat.h"
#include "rolesel/internal/absl_view.h"

namespace rolesel {

std::string DescribeDifference(const Decision& a, const Decision& b) {
  using internal::Absl;
  if (a.allow != b.allow) {
    return a.allow ? absl::StrCat("allow -> deny (", Absl(DenyReasonName(b.reason)), ")")
                   : absl::StrCat("deny (", Absl(DenyReasonName(a.reason)), ") -> allow");
  }
  if (!a.allow) {
    if (a.reason != b.reason) {
      return absl::StrCat("reason ", Absl(DenyReasonName(a.reason)), " -> ",
                          Absl(DenyReasonName(b.reason)));
    }
    return "";
  }
  if (a.role != b.role) return absl::StrCat("role ", a.role, " -> ", b.role);
  if (a.session_name != b.session_name) {
    return absl::StrCat("session_name ", a.session_name, " -> ", b.session_name);
  }
  if (a.duration_seconds != b.duration_seconds) {
    return absl::StrCat("duration_seconds ", a.duration_seconds, " -> ", b.duration_seconds);
  }
  // What else shapes the credentials.
  if (a.source_identity != b.source_identity) {
    return absl::StrCat("source_identity ", a.source_identity, " -> ", b.source_identity);
  }
  if (a.session_tags != b.session_tags) return "session_tags differ";
  if (a.transitive_tag_keys != b.transitive_tag_keys) return "transitive_tag_keys differ";
  if (a.session_policy != b.session_policy) {
    return absl::StrCat("session_policy ", a.session_policy.empty() ? "none" : a.session_policy,
                        " -> ", b.session_policy.empty() ? "none" : b.session_policy);
  }
  if (a.policy_arns != b.policy_arns) return "policy_arns differ";
  return "";
}

ShadowResult DecideShadow(const RuleSet& enforced, const RuleSet& candidate, EventBytes event,
                          EventShapeHint hint) {
  DecideOptions options;
  options.shape = hint;
  ShadowResult result;
  result.enforced = enforced.DecideEvent(event, options);
  result.candidate = candidate.DecideEvent(event, options);
  result.difference = DescribeDifference(result.enforced, result.candidate);
  return result;
}

}  // namespace rolesel
