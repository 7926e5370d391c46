#include "rolesel/core/decision_json.h"

#include "gtest/gtest.h"

namespace rolesel {
namespace {

TEST(DecisionToJson, AnAllowHasTheSpecsKeysInOrder) {
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

TEST(DecisionToJson, ADenyHasReasonAndRuleOnlyWhenSet) {
  EXPECT_EQ(DecisionToJson(Decision::Deny(DenyReason::kDenyRule, "suspended")).dump(),
            R"({"decision":"deny","reason":"deny_rule","rule":"suspended"})");
  EXPECT_EQ(DecisionToJson(Decision::Deny(DenyReason::kNoMatch)).dump(),
            R"({"decision":"deny","reason":"no_match"})");
}

}  // namespace
}  // namespace rolesel
