#include "rolesel/sts/role_assumer.h"

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"

namespace rolesel::sts {
namespace {

Decision Allow() {
  Decision d;
  d.allow = true;
  d.reason = DenyReason::kNone;
  d.role = "arn:aws:iam::123456789012:role/pets-admin";
  d.session_name = "alice";
  d.duration_seconds = 900;
  d.source_identity = "alice";
  d.session_tags = {{"team", "pets"}};
  return d;
}

TEST(AssumeRoleRequest, ForDecisionTakesWhatTheAllowAsksFor) {
  const AssumeRoleRequest request = AssumeRoleRequest::ForDecision(Allow());
  EXPECT_EQ(request.role_arn, "arn:aws:iam::123456789012:role/pets-admin");
  EXPECT_EQ(request.session_name, "alice");
  EXPECT_EQ(request.duration_seconds, 900);
  EXPECT_EQ(request.source_identity, "alice");
  EXPECT_EQ(request.tags, (std::vector<std::pair<std::string, std::string>>{{"team", "pets"}}));
  EXPECT_TRUE(request.policy.empty());
  Decision narrowed = Allow();
  narrowed.session_policy = R"({"Version":"2012-10-17","Statement":[]})";
  narrowed.policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess"};
  narrowed.transitive_tag_keys = {"team"};
  const AssumeRoleRequest with = AssumeRoleRequest::ForDecision(narrowed);
  EXPECT_EQ(with.policy, narrowed.session_policy);
  EXPECT_EQ(with.policy_arns, narrowed.policy_arns);
  EXPECT_EQ(with.transitive_tag_keys, narrowed.transitive_tag_keys);
}

TEST(AssumeRoleRequest, CacheKeysDifferWheneverTheCredentialsWould) {
  const AssumeRoleRequest base = AssumeRoleRequest::ForDecision(Allow());
  absl::flat_hash_set<std::string> keys = {base.CacheKey()};
  auto differs = [&](AssumeRoleRequest changed) { return keys.insert(changed.CacheKey()).second; };
  AssumeRoleRequest r = base;
  r.session_name = "bob";
  EXPECT_TRUE(differs(r));
  r = base;
  r.duration_seconds = 3600;
  EXPECT_TRUE(differs(r));
  r = base;
  r.tags = {{"team", "vets"}};
  EXPECT_TRUE(differs(r));
  r = base;
  r.policy = "{}";
  EXPECT_TRUE(differs(r));
  r = base;
  r.policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess"};
  EXPECT_TRUE(differs(r));
  r = base;
  r.transitive_tag_keys = {"team"};
  EXPECT_TRUE(differs(r));
  r = base;
  r.role_arn = "arn:aws:iam::123456789012:role/pets-reader";
  EXPECT_TRUE(differs(r));
  r = base;
  r.source_identity = "bob";
  EXPECT_TRUE(differs(r));
  // Counted lists: a policy ARN is not a tag, nor a transitive key.
  AssumeRoleRequest arn = base, key = base;
  arn.policy_arns = {"team"};
  key.transitive_tag_keys = {"team"};
  EXPECT_NE(arn.CacheKey(), key.CacheKey());
  EXPECT_FALSE(arn == key);
  // Length-prefixed fields: moving bytes from one field to the next is not
  // the same key, whatever separator a value holds.
  AssumeRoleRequest a = base, b = base;
  a.session_name = "al;";
  a.source_identity = "ice";
  b.session_name = "al";
  b.source_identity = ";ice";
  EXPECT_NE(a.CacheKey(), b.CacheKey());
  EXPECT_EQ(base.CacheKey(), AssumeRoleRequest::ForDecision(Allow()).CacheKey());
}

TEST(AwsErrorCode, RidesOnTheStatusAndReadsBack) {
  const absl::Status status =
      WithAwsErrorCode(absl::PermissionDeniedError("STS AssumeRole failed"), "AccessDenied");
  EXPECT_EQ(AwsErrorCode(status), "AccessDenied");
  EXPECT_EQ(status.message(), "STS AssumeRole failed");
  EXPECT_EQ(AwsErrorCode(absl::UnavailableError("x")), "");
}

}  // namespace
}  // namespace rolesel::sts
