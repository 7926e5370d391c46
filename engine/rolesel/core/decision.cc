#include "rolesel/core/decision.h"

#include <array>
#include <utility>

namespace rolesel {
namespace {

constexpr std::array<std::pair<DenyReason, std::string_view>, 7> kReasonNames = {{
    {DenyReason::kDenyRule, "deny_rule"},
    {DenyReason::kNoMatch, "no_match"},
    {DenyReason::kRoleNotAllowed, "role_not_allowed"},
    {DenyReason::kRoleDenied, "role_denied"},
    {DenyReason::kUnsafePath, "unsafe_path"},
    {DenyReason::kBadRequest, "bad_request"},
    {DenyReason::kInvalidToken, "invalid_token"},
}};

}  // namespace

std::string_view DenyReasonName(DenyReason reason) {
  for (const auto& [value, name] : kReasonNames) {
    if (value == reason) return name;
  }
  return "";
}

std::optional<DenyReason> DenyReasonFromName(std::string_view name) {
  for (const auto& [value, known] : kReasonNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

Decision Decision::Deny(DenyReason reason, std::string_view rule, std::string_view detail) {
  Decision d;
  d.ResetToDeny(reason, rule, detail);
  return d;
}

void Decision::ResetToDeny(DenyReason deny_reason, std::string_view deny_rule,
                           std::string_view deny_detail) {
  allow = false;
  reason = deny_reason;
  // clear() then append() keeps the capacity and skips assign()'s check for
  // a source inside the string; `deny_rule` and `deny_detail` never point
  // into this Decision.
  rule.clear();
  rule.append(deny_rule.data(), deny_rule.size());
  // A refused role stays: it is what the deny is about (see `role`).
  if (deny_reason != DenyReason::kRoleNotAllowed && deny_reason != DenyReason::kRoleDenied) {
    role.clear();
  }
  session_name.clear();
  duration_seconds = 0;
  source_identity.clear();
  session_tags.clear();
  session_policy.clear();
  policy_arns.clear();
  transitive_tag_keys.clear();
  detail.clear();
  detail.append(deny_detail.data(), deny_detail.size());
}

}  // namespace rolesel
