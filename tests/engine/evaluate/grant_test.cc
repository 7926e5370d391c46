// What an allow carries beyond its role, through RuleSet (FillGrant is the
// evaluator's last step).
#include "rolesel/evaluate/grant.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace rolesel {
namespace {

using nlohmann::json;
using namespace ::rolesel::testing;  // NOLINT: the tests' helpers
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

json Req(json claims) { return {{"method", "GET"}, {"path", "/"}, {"claims", std::move(claims)}}; }

constexpr char kRules[] = R"({"version": 1,
  "settings": {
    "session_tags": {"tenant": "{custom:tenant_id}", "team": "{custom:team}"},
    "transitive_tag_keys": ["team", "tenant"],
    "session_policy": {"Version": "2012-10-17",
      "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/{custom:tenant_id}/*"}},
    "policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    "default": "arn:aws:iam::123456789012:role/fallback"},
  "rules": [
    {"id": "own", "groups": ["own"], "role": "arn:aws:iam::123456789012:role/own",
     "session_policy": {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}},
     "policy_arns": []},
    {"id": "none", "groups": ["none"], "role": "arn:aws:iam::123456789012:role/none",
     "session_policy": null},
    {"id": "inherit", "groups": ["inherit"], "role": "arn:aws:iam::123456789012:role/inherit"}]})";

TEST(FillGrant, TheSettingsNarrowingAppliesToRulesAndTheDefault) {
  auto rules = MustLoad(kRules);
  for (const char* group : {"inherit", "nobody"}) {
    Decision d =
        DecideRequest(*rules, Req({{"cognito:groups", {group}}, {"custom:tenant_id", "t1"}}));
    ASSERT_TRUE(d.allow) << d.detail;
    EXPECT_EQ(json::parse(d.session_policy)["Statement"]["Resource"], "arn:aws:s3:::b/t1/*");
    EXPECT_THAT(d.policy_arns, ElementsAre("arn:aws:iam::aws:policy/ReadOnlyAccess"));
  }
}

TEST(FillGrant, ARuleReplacesOrRemovesTheSettingsNarrowing) {
  auto rules = MustLoad(kRules);
  Decision own = DecideRequest(*rules, Req({{"cognito:groups", {"own"}}}));
  ASSERT_TRUE(own.allow) << own.detail;  // its policy needs no claim
  EXPECT_EQ(json::parse(own.session_policy)["Statement"]["Effect"], "Deny");
  EXPECT_TRUE(own.policy_arns.empty());
  Decision none = DecideRequest(*rules, Req({{"cognito:groups", {"none"}}}));
  ASSERT_TRUE(none.allow) << none.detail;
  EXPECT_EQ(none.session_policy, "");
  EXPECT_THAT(none.policy_arns, ElementsAre("arn:aws:iam::aws:policy/ReadOnlyAccess"));
}

TEST(FillGrant, TransitiveKeysAreOnlyThoseOfTagsPresent) {
  auto rules = MustLoad(kRules);
  Decision d = DecideRequest(*rules, Req({{"cognito:groups", {"none"}}, {"custom:team", "red"}}));
  ASSERT_TRUE(d.allow);
  EXPECT_THAT(d.session_tags, ElementsAre(Pair("team", "red")));
  EXPECT_THAT(d.transitive_tag_keys, ElementsAre("team"));
}

TEST(FillGrant, ATagValueOverStsLimitIsADenyNamingTheTagNeverCut) {
  auto rules = MustLoad(kRules);
  Decision at_limit = DecideRequest(
      *rules, Req({{"cognito:groups", {"none"}}, {"custom:team", std::string(256, 'x')}}));
  ASSERT_TRUE(at_limit.allow);
  EXPECT_EQ(at_limit.session_tags[0].second.size(), 256u);
  Trace trace;
  Decision over = DecideRequest(
      *rules, Req({{"cognito:groups", {"none"}}, {"custom:team", std::string(257, 'x')}}), &trace);
  EXPECT_FALSE(over.allow);
  EXPECT_EQ(over.reason, DenyReason::kBadRequest);
  EXPECT_EQ(over.detail, "session tag \"team\" is 257 characters; STS allows at most 256");
  EXPECT_TRUE(over.session_tags.empty());
  EXPECT_EQ(trace.steps.back().kind, TraceStep::Kind::kCredentials);
  EXPECT_EQ(trace.steps.back().id, "session_tags");
  // Multi-byte characters count once each once sanitized.
  Decision wide = DecideRequest(*rules, Req({{"cognito:groups", {"none"}},
                                             {"custom:team", std::string(100, 'x') + "\xC3\xA9"}}));
  EXPECT_TRUE(wide.allow);
}

TEST(FillGrant, APolicyThatDoesNotRenderIsABadRequestNamingTheClaim) {
  auto rules = MustLoad(kRules);
  Trace trace;
  Decision d = DecideRequest(
      *rules, Req({{"cognito:groups", {"inherit"}}, {"custom:tenant_id", "*"}}), &trace);
  EXPECT_FALSE(d.allow);
  EXPECT_EQ(d.reason, DenyReason::kBadRequest);
  EXPECT_THAT(d.detail, HasSubstr("claim custom:tenant_id"));
  EXPECT_EQ(d.rule, "");
  EXPECT_EQ(d.role, "");
  EXPECT_TRUE(d.session_policy.empty());
  EXPECT_EQ(trace.steps.back().id, "session_policy");
  Decision absent = DecideRequest(*rules, Req({{"cognito:groups", {"inherit"}}}));
  EXPECT_EQ(absent.detail, "session_policy: claim custom:tenant_id is absent");
}

TEST(FillGrant, ADeciderReUsedForADenyKeepsNothingOfTheAllow) {
  auto rules = MustLoad(kRules);
  Decision d;
  rules->DecideEvent(Req({{"cognito:groups", {"inherit"}}, {"custom:tenant_id", "t"}}).dump(), &d,
                     {nullptr, EventShapeHint::kDirectRequest});
  ASSERT_TRUE(d.allow);
  rules->DecideEvent(Req({{"cognito:groups", {"inherit"}}, {"custom:tenant_id", "*"}}).dump(), &d,
                     {nullptr, EventShapeHint::kDirectRequest});
  EXPECT_FALSE(d.allow);
  EXPECT_TRUE(d.session_policy.empty());
  EXPECT_TRUE(d.policy_arns.empty());
  EXPECT_TRUE(d.transitive_tag_keys.empty());
}

}  // namespace
}  // namespace rolesel
