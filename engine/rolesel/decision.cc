#include "rolesel/decision.h"

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
  d.allow = false;
  d.reason = reason;
  d.rule = std::string(rule);
  d.detail = std::string(detail);
  return d;
}

nlohmann::ordered_json Decision::ToJson() const {
  nlohmann::ordered_json ordered;
  if (allow) {
    ordered["decision"] = "allow";
    ordered["role"] = role;
    ordered["rule"] = rule;
    ordered["session_name"] = session_name;
    ordered["duration_seconds"] = duration_seconds;
    if (!source_identity.empty()) ordered["source_identity"] = source_identity;
    if (!session_tags.empty()) {
      nlohmann::ordered_json tags = nlohmann::ordered_json::object();
      for (const auto& [key, value] : session_tags) tags[key] = value;
      ordered["session_tags"] = std::move(tags);
    }
  } else {
    ordered["decision"] = "deny";
    ordered["reason"] = std::string(DenyReasonName(reason));
    if (!rule.empty()) ordered["rule"] = rule;
    if (!role.empty()) ordered["role"] = role;
    if (!detail.empty()) ordered["detail"] = detail;
  }
  return ordered;
}

}  // namespace rolesel
