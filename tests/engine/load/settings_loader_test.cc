#include "rolesel/load/settings_loader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loader_test_util.h"

// Through LoadRulesDocument, which drives this stage (rolesel/load/).
namespace rolesel {
namespace {

using namespace ::rolesel::testing;  // NOLINT: the loader's test helpers
using ::testing::HasSubstr;

TEST(LoadRulesDocument, DefaultsWhenSettingsAreAbsent) {
  LoadResult result = LoadRulesDocument(R"({"version": 1})", "t.json", ".");
  ASSERT_TRUE(result.document.has_value());
  const Settings& s = result.document->settings;
  EXPECT_EQ(s.duration_seconds, 3600);
  EXPECT_FALSE(s.default_role.has_value());
  EXPECT_FALSE(s.allowed_roles.has_value());
  EXPECT_EQ(s.session_name, "{cognito:username}");
}

TEST(LoadRulesDocument, DurationAndSessionNameAreChecked) {
  ExpectOneError("{\"version\": 1, \"settings\": {\"duration_seconds\": 899}}", "899",
                 "bad-duration", "900..43200");
  ExpectOneError("{\"version\": 1, \"settings\": {\"duration_seconds\": 43201}}", "43201",
                 "bad-duration", "900..43200");
  EXPECT_TRUE(Errors("{\"version\": 1, \"settings\": {\"duration_seconds\": 43200}}").empty());
  EXPECT_TRUE(Errors("{\"version\": 1, \"settings\": {\"duration_seconds\": 900}}").empty());
  ExpectOneError("{\"version\": 1, \"settings\": {\"session_name\": \"{sub\"}}", "\"{sub\"",
                 "bad-session-name", "'{'");
}

TEST(LoadRulesDocument, IncompleteJwtSettingsAreErrors) {
  ExpectOneError("{\"version\": 1, \"settings\": {\"jwt\": {\"issuer\": \"https://x\"}}}",
                 "{\"issuer\"", "jwt-incomplete", "client_ids");
  EXPECT_TRUE(Errors("{\"version\": 1, \"settings\": {\"jwt\": {\"issuer\": \"https://x\", "
                     "\"client_ids\": [\"c\"]}}}")
                  .empty());
}

TEST(LoadSettings, SessionTagKeysStartingWithAwsAreRefused) {
  ExpectOneError(R"({"version": 1, "settings": {"session_tags": {"aws:x": "{sub}"}}})", "\"aws:x\"",
                 "bad-session-tag", "not aws:");
}

const char kPolicy[] =
    R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::b/{custom:tenant_id}/*"}})";

std::string WithSettings(const std::string& settings) {
  return R"({"version": 1, "settings": {)" + settings + "}}";
}

TEST(LoadRulesDocument, CachingVerifiedTokensIsOnUnlessTurnedOff) {
  const std::string jwt = R"("jwt": {"issuer": "https://x", "client_ids": ["c"])";
  LoadResult on = LoadRulesDocument(WithSettings(jwt + "}"), "t.json", ".");
  ASSERT_TRUE(on.document.has_value());
  EXPECT_TRUE(on.document->settings.jwt->cache_verified_tokens);
  LoadResult off =
      LoadRulesDocument(WithSettings(jwt + R"(, "cache_verified_tokens": false})"), "t.json", ".");
  ASSERT_TRUE(off.document.has_value());
  EXPECT_FALSE(off.document->settings.jwt->cache_verified_tokens);
  ExpectOneError(WithSettings(jwt + R"(, "cache_verified_tokens": "no"})"), "\"no\"", "wrong-type",
                 "true or false");
}

TEST(LoadRulesDocument, ASessionPolicyIsKeptAsWritten) {
  LoadResult result = LoadRulesDocument(
      WithSettings(std::string(R"("session_policy": )") + kPolicy), "t.json", ".");
  ASSERT_TRUE(result.document.has_value());
  ASSERT_TRUE(result.document->settings.session_policy.has_value());
  EXPECT_EQ(result.document->settings.session_policy->document["Version"], "2012-10-17");
}

TEST(LoadRulesDocument, ASessionPolicyMustBeAPolicyDocumentWithGoodPlaceholders) {
  ExpectOneError(WithSettings(R"("session_policy": [1])"), "[1]", "bad-session-policy",
                 "an object");
  ExpectOneError(WithSettings(R"("session_policy": {"Statement": {}})"), "{\"Statement\"",
                 "bad-session-policy", "no \"Version\"");
  ExpectOneError(WithSettings(R"("session_policy": {"Version": "2012-10-17"})"), "{\"Version\"",
                 "bad-session-policy", "no \"Statement\"");
  ExpectOneError(WithSettings(R"("session_policy": {"Version": "2012-10-17",
                     "Statement": {"Resource": "arn:aws:s3:::b/{}"}})"),
                 "{\"Version\"", "bad-session-policy", "empty \"{}\"");
  ExpectOneError(WithSettings(R"("session_policy": {"Version": "2012-10-17",
                     "Statement": {"Resource": "arn:aws:s3:::b/{custom:t"}})"),
                 "{\"Version\"", "bad-session-policy", "without a matching '}'");
}

TEST(LoadRulesDocument, PolicyArnsAreManagedPolicyArnsAtMostTenAndDistinct) {
  EXPECT_TRUE(Errors(WithSettings(R"("policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess",
      "arn:aws:iam::123456789012:policy/team/orders-read"])"))
                  .empty());
  ExpectOneError(WithSettings(R"("policy_arns": ["arn:aws:iam::aws:role/x"])"),
                 "\"arn:aws:iam::aws:role/x\"", "bad-policy-arn", "\"policy/\"");
  ExpectOneError(WithSettings(R"("policy_arns": ["arn:aws:iam::1:policy/x"])"),
                 "\"arn:aws:iam::1:policy/x\"", "bad-policy-arn", "12 digits or \"aws\"");
  ExpectOneError(WithSettings(R"("policy_arns": ["arn:aws:iam::aws:policy/*"])"),
                 "\"arn:aws:iam::aws:policy/*\"", "bad-policy-arn", "letters, digits");
  ExpectOneError(
      WithSettings(R"("policy_arns": ["arn:aws:iam::aws:policy/a", "arn:aws:iam::aws:policy/a"])"),
      "\"arn:aws:iam::aws:policy/a\"", "bad-policy-arn", "listed twice", 1);
  std::string eleven;
  for (int i = 0; i < 11; ++i) {
    eleven +=
        (i ? ", " : "") + std::string("\"arn:aws:iam::aws:policy/p") + std::to_string(i) + "\"";
  }
  ExpectOneError(WithSettings("\"policy_arns\": [" + eleven + "]"), "[\"arn", "bad-policy-arn",
                 "at most 10");
}

TEST(LoadRulesDocument, TransitiveTagKeysMustBeSessionTagKeys) {
  EXPECT_TRUE(Errors(WithSettings(R"("session_tags": {"tenant": "{t}"},
                                     "transitive_tag_keys": ["tenant"])"))
                  .empty());
  ExpectOneError(WithSettings(R"("session_tags": {"tenant": "{t}"},
                                 "transitive_tag_keys": ["team"])"),
                 "\"team\"", "bad-session-tag", "not a key of settings.session_tags");
}

TEST(LoadRulesDocument, TheRequestedRoleHeaderIsAHeaderNameButNotAuthorization) {
  LoadResult result =
      LoadRulesDocument(WithSettings(R"("requested_role_header": "X-Role")"), "t.json", ".");
  ASSERT_TRUE(result.document.has_value());
  EXPECT_EQ(result.document->settings.requested_role_header, "X-Role");
  EXPECT_EQ(LoadRulesDocument(R"({"version": 1})", "t.json", ".")
                .document->settings.requested_role_header,
            "X-Rolesel-Role");
  ExpectOneError(WithSettings(R"("requested_role_header": "X Role")"), "\"X Role\"", "wrong-type",
                 "HTTP header name");
  ExpectOneError(WithSettings(R"("requested_role_header": "")"), "\"\"", "wrong-type",
                 "HTTP header name");
  ExpectOneError(WithSettings(R"("requested_role_header": "AUTHORIZATION")"), "\"AUTHORIZATION\"",
                 "wrong-type", "must not be Authorization");
}

}  // namespace
}  // namespace rolesel
