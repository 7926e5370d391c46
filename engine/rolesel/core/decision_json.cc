#include "rolesel/core/decision_json.h"

#include <string>
#include <utility>

namespace rolesel {

nlohmann::ordered_json DecisionToJson(const Decision& decision) {
  nlohmann::ordered_json ordered;
  if (decision.allow) {
    ordered["decision"] = "allow";
    ordered["role"] = decision.role;
    ordered["rule"] = decision.rule;
    ordered["session_name"] = decision.session_name;
    ordered["duration_seconds"] = decision.duration_seconds;
    if (!decision.source_identity.empty()) ordered["source_identity"] = decision.source_identity;
    if (!decision.session_tags.empty()) {
      nlohmann::ordered_json tags = nlohmann::ordered_json::object();
      for (const auto& [key, value] : decision.session_tags) tags[key] = value;
      ordered["session_tags"] = std::move(tags);
    }
    if (!decision.transitive_tag_keys.empty()) {
      ordered["transitive_tag_keys"] = decision.transitive_tag_keys;
    }
    if (!decision.session_policy.empty()) {
      // The engine renders valid JSON; a hand-made Decision's text that is
      // not is shown as the string it is rather than thrown on.
      nlohmann::ordered_json policy =
          nlohmann::ordered_json::parse(decision.session_policy, nullptr, /*allow_exceptions=*/false);
      ordered["session_policy"] =
          policy.is_discarded() ? nlohmann::ordered_json(decision.session_policy) : policy;
    }
    if (!decision.policy_arns.empty()) ordered["policy_arns"] = decision.policy_arns;
  } else {
    ordered["decision"] = "deny";
    ordered["reason"] = std::string(DenyReasonName(decision.reason));
    if (!decision.rule.empty()) ordered["rule"] = decision.rule;
    if (!decision.role.empty()) ordered["role"] = decision.role;
    if (!decision.detail.empty()) ordered["detail"] = decision.detail;
  }
  return ordered;
}

}  // namespace rolesel
