#include "rolesel/core/decision.h"

#include "gtest/gtest.h"
#include "rolesel/core/decision_json.h"

namespace rolesel {
namespace {

TEST(DenyReason, NamesRoundTrip) {
  for (DenyReason r : {DenyReason::kDenyRule, DenyReason::kNoMatch, DenyReason::kRoleNotAllowed,
                       DenyReason::kRoleDenied, DenyReason::kUnsafePath, DenyReason::kBadRequest,
                       DenyReason::kInvalidToken}) {
    auto name = DenyReasonName(r);
    ASSERT_FALSE(name.empty());
    EXPECT_EQ(DenyReasonFromName(name), r);
  }
  EXPECT_EQ(DenyReasonFromName("nope"), std::nullopt);
  EXPECT_EQ(DenyReasonName(DenyReason::kDenyRule), "deny_rule");
  EXPECT_EQ(DenyReasonName(DenyReason::kInvalidToken), "invalid_token");
}

TEST(Decision, AllowJsonHasTheSpecsKeysInOrder) {
  Decision d;
  d.allow = true;
  d.reason = DenyReason::kNone;
  d.role = "arn:aws:iam::123456789012:role/pets-admin";
  d.rule = "admins-manage";
  d.session_name = "alice";
  d.duration_seconds = 900;
  EXPECT_EQ(DecisionToJson(d).dump(),
            R"({"decision":"allow","role":"arn:aws:iam::123456789012:role/pets-admin",)"
            R"("rule":"admins-manage","session_name":"alice","duration_seconds":900})");
}

TEST(Decision, DenyJsonHasReasonAndRuleOnlyWhenSet) {
  EXPECT_EQ(DecisionToJson(Decision::Deny(DenyReason::kDenyRule, "suspended")).dump(),
            R"({"decision":"deny","reason":"deny_rule","rule":"suspended"})");
  EXPECT_EQ(DecisionToJson(Decision::Deny(DenyReason::kNoMatch)).dump(),
            R"({"decision":"deny","reason":"no_match"})");
}

TEST(Decision, DefaultConstructedIsADeny) {
  Decision d;
  EXPECT_FALSE(d.allow);
  EXPECT_EQ(d.reason, DenyReason::kBadRequest);
}

}  // namespace
}  // namespace rolesel
