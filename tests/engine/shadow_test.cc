#include "rolesel/shadow.h"

#include "gtest/gtest.h"
#include "test_util.h"

namespace rolesel {
namespace {

TEST(DecideShadow, ReportsWhatTheCandidateWouldChange) {
  auto enforced = testing::MustLoad(R"({"version": 1, "rules": [
    {"id": "r", "methods": ["GET"], "role": "arn:aws:iam::123456789012:role/a"}]})");
  auto candidate = testing::MustLoad(R"({"version": 1, "rules": [
    {"id": "r", "methods": ["GET"], "role": "arn:aws:iam::123456789012:role/b"}]})");
  ShadowResult get =
      DecideShadow(*enforced, *candidate, R"({"method":"GET","path":"/","claims":{}})");
  EXPECT_TRUE(get.enforced.allow);
  EXPECT_EQ(get.enforced.role, "arn:aws:iam::123456789012:role/a");
  EXPECT_EQ(get.candidate.role, "arn:aws:iam::123456789012:role/b");
  EXPECT_EQ(get.difference,
            "role arn:aws:iam::123456789012:role/a -> arn:aws:iam::123456789012:role/b");
  ShadowResult post =
      DecideShadow(*enforced, *candidate, R"({"method":"POST","path":"/","claims":{}})");
  EXPECT_FALSE(post.differs());
}

TEST(DescribeDifference, NamesTheKindOfChange) {
  Decision allow;
  allow.allow = true;
  allow.reason = DenyReason::kNone;
  allow.role = "r";
  Decision no_match = Decision::Deny(DenyReason::kNoMatch);
  Decision denied = Decision::Deny(DenyReason::kDenyRule, "x");
  EXPECT_EQ(DescribeDifference(allow, no_match), "allow -> deny (no_match)");
  EXPECT_EQ(DescribeDifference(no_match, allow), "deny (no_match) -> allow");
  EXPECT_EQ(DescribeDifference(no_match, denied), "reason no_match -> deny_rule");
  EXPECT_EQ(DescribeDifference(denied, Decision::Deny(DenyReason::kDenyRule, "y")), "")
      << "another deny entry, same outcome";
  Decision longer = allow;
  longer.duration_seconds = 900;
  EXPECT_EQ(DescribeDifference(allow, longer), "duration_seconds 0 -> 900");
  // Whatever shapes the credentials is a difference.
  Decision narrowed = allow;
  narrowed.session_policy = "{}";
  EXPECT_EQ(DescribeDifference(allow, narrowed), "session_policy none -> {}");
  narrowed = allow;
  narrowed.policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess"};
  EXPECT_EQ(DescribeDifference(allow, narrowed), "policy_arns differ");
  narrowed = allow;
  narrowed.session_tags = {{"t", "v"}};
  EXPECT_EQ(DescribeDifference(allow, narrowed), "session_tags differ");
  narrowed = allow;
  narrowed.source_identity = "alice";
  EXPECT_EQ(DescribeDifference(allow, narrowed), "source_identity  -> alice");
}

}  // namespace
}  // namespace rolesel
