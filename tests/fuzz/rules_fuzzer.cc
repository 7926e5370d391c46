// Rules text -> load + validate + compile, then lint and a few decisions.
// Oracles: nothing crashes or leaks; every decision is well-formed and the
// same traced and untraced.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_oracles.h"
#include "nlohmann/json.hpp"
#include "rolesel/core/trace.h"
#include "rolesel/lint/linter.h"
#include "rolesel/rule_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rules = rolesel::RuleSet::FromString(text, "fuzz.rules.json", "/nonexistent");
  if (!rules.ok()) return 0;
  rolesel::LintRules(text, "fuzz.rules.json", "/nonexistent");
  static const char* kRequests[] = {
      R"({"method":"GET","path":"/pets/7","claims":{"cognito:username":"alice",
          "cognito:groups":["admins","readers"],
          "cognito:preferred_role":"arn:aws:iam::123456789012:role/pets-admin",
          "custom:tier":"gold","email_verified":"true"}})",
      R"({"method":"DELETE","path":"/admin/users/9","claims":{"cognito:username":"bob",
          "cognito:groups":"staff,vets","custom:teams":"search,ops"}})",
      R"({"method":"POST","path":"/","claims":{}})",
  };
  for (const char* request : kRequests) {
    rolesel::Decision untraced =
        (*rules)->DecideEvent(request, {nullptr, rolesel::EventShapeHint::kDirectRequest});
    rolesel::fuzz::CheckWellFormed(untraced);
    rolesel::Trace trace;
    rolesel::fuzz::CheckSameDecision(
        (*rules)->DecideEvent(request, {&trace, rolesel::EventShapeHint::kDirectRequest}),
        untraced);
  }
  return 0;
}
