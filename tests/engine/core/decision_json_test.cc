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

TEST(DecisionToJson, WhatNarrowsTheCredentialsFollowsWhenSet) {
  Decision d;
  d.allow = true;
  d.reason = DenyReason::kNone;
  d.role = "arn:aws:iam::123456789012:role/orders";
  d.rule = "tenant";
  d.session_name = "alice";
  d.duration_seconds = 900;
  d.session_tags = {{"tenant", "acme"}};
  d.transitive_tag_keys = {"tenant"};
  d.session_policy = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow"}})";
  d.policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess"};
  EXPECT_EQ(DecisionToJson(d).dump(),
            R"({"decision":"allow","role":"arn:aws:iam::123456789012:role/orders","rule":"tenant",)"
            R"("session_name":"alice","duration_seconds":900,"session_tags":{"tenant":"acme"},)"
            R"("transitive_tag_keys":["tenant"],)"
            R"("session_policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow"}},)"
            R"("policy_arns":["arn:aws:iam::aws:policy/ReadOnlyAccess"]})");
  // A hand-made policy that is not JSON is shown as the text it is.
  d.session_policy = "{nope";
  EXPECT_EQ(DecisionToJson(d)["session_policy"], "{nope");
}

TEST(DecisionToJson, ADenyHasReasonAndRuleOnlyWhenSet) {
  EXPECT_EQ(DecisionToJson(Decision::Deny(DenyReason::kDenyRule, "suspended")).dump(),
            R"({"decision":"deny","reason":"deny_rule","rule":"suspended"})");
  EXPECT_EQ(DecisionToJson(Decision::Deny(DenyReason::kNoMatch)).dump(),
            R"({"decision":"deny","reason":"no_match"})");
}

}  // namespace
}  // namespace rolesel
