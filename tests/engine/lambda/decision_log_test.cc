#include "rolesel/lambda/decision_log.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolesel/event/event_reader.h"
#include "test_util.h"

namespace rolesel::lambda {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kToken[] = "eyJraWQiOiJrMSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

TEST(DecisionLogLine, NamesTheDecisionAndOnlyTheLoggedClaims) {
  auto rules = testing::MustLoad(R"({"version": 1, "settings": {"log_claims": ["custom:tenant"]},
    "rules": [{"id": "r", "role": "arn:aws:iam::123456789012:role/x"}]})",
                                 "r7");
  ExtractedRequest read;
  const json event = {{"httpMethod", "GET"},
                      {"path", "/a/b"},
                      {"headers", {{"Authorization", kToken}}},
                      {"requestContext",
                       {{"authorizer",
                         {{"claims",
                           {{"custom:tenant", "acme"},
                            {"email", "alice@example.com"},
                            {"cognito:username", "alice"}}}}}}}};
  DecideOptions options;
  options.read = &read;
  const Decision decision = rules->DecideEvent(event.dump(), options);
  const std::string line =
      DecisionLogLine(absl::FromUnixSeconds(0), "req-1", decision, read, rules->log_claims());
  json parsed = json::parse(line);
  EXPECT_EQ(parsed["event"], "decision");
  EXPECT_EQ(parsed["request_id"], "req-1");
  EXPECT_EQ(parsed["revision"], "r7");
  EXPECT_EQ(parsed["decision"], "allow");
  EXPECT_EQ(parsed["rule"], "r");
  EXPECT_EQ(parsed["session_name"], "alice");
  EXPECT_EQ(parsed["path"], "/a/b");
  EXPECT_EQ(parsed["claims"], json({{"custom:tenant", "acme"}}));
  EXPECT_THAT(line, Not(HasSubstr("alice@example.com")));
  EXPECT_THAT(line, Not(HasSubstr("eyJ"))) << "never a token";
}

TEST(DecisionMetricLine, CountsTheDecisionAndTheStsOutcome) {
  Decision deny = Decision::Deny(DenyReason::kNoMatch);
  json parsed = json::parse(DecisionMetricLine(absl::UnixEpoch(), "q", deny, {}));
  EXPECT_EQ(parsed["Decision"], "deny");
  EXPECT_EQ(parsed["Reason"], "no_match");
  EXPECT_EQ(parsed["Rule"], "-");
  EXPECT_FALSE(parsed.contains("StsCalls"));
  Decision allow;
  allow.allow = true;
  allow.reason = DenyReason::kNone;
  allow.rule = "r";
  sts::CacheOutcome miss{true, false, true, absl::Milliseconds(12)};
  parsed = json::parse(DecisionMetricLine(absl::UnixEpoch(), "q", allow, miss));
  EXPECT_EQ(parsed["Reason"], "none");
  EXPECT_EQ(parsed["CacheMisses"], 1);
  EXPECT_EQ(parsed["StsCalls"], 1);
  EXPECT_EQ(parsed["StsLatency"], 12.0);
}

}  // namespace
}  // namespace rolesel::lambda
