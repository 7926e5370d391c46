#include "rolesel/load/entry_loader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loader_test_util.h"

// Through LoadRulesDocument, which drives this stage (rolesel/load/).
namespace rolesel {
namespace {

using namespace ::rolesel::testing;  // NOLINT: the loader's test helpers
using ::testing::HasSubstr;

TEST(LoadRulesDocument, IdAndRoleAreRequired) {
  ExpectOneError("{\"version\": 1, \"rules\": [{\"role\": \"preferred\"}]}", "{\"role\"",
                 "missing-key", "\"id\"");
  ExpectOneError("{\"version\": 1, \"rules\": [{\"id\": \"r\"}]}", "{\"id\"", "missing-key",
                 "\"role\"");
}

TEST(LoadRulesDocument, IdsMustBeWellFormedAndUniqueAcrossDenyAndRules) {
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"has space\"}]}", "\"has space\"", "bad-id",
                 "bad id");
  const std::string long_id = "\"" + std::string(65, 'a') + "\"";
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": " + long_id + "}]}", long_id, "bad-id",
                 "1 to 64");
  ExpectOneError(
      "{\"version\": 1,\n \"deny\": [{\"id\": \"x\"}],\n"
      " \"rules\": [{\"id\": \"x\", \"role\": \"preferred\"}]}",
      "\"x\"", "duplicate-id", "first used at line 2, column 18", /*nth=*/1);
}

TEST(LoadRulesDocument, BadRoleArnsNameWhatIsWrong) {
  ExpectOneError(
      "{\"version\": 1, \"rules\": [{\"id\": \"r\", \"role\": \"arn:aws:iam::1:role/x\"}]}",
      "\"arn:", "bad-arn", "12 digits");
  ExpectOneError(
      "{\"version\": 1, \"rules\": [{\"id\": \"r\", \"role\": "
      "\"arn:aws:iam::123456789012:user/x\"}]}",
      "\"arn:", "bad-arn", "role/");
  ExpectOneError("{\"version\": 1, \"settings\": {\"default\": \"allow\"}}", "\"allow\"", "bad-arn",
                 "\"deny\" or a role ARN");
  ExpectOneError("{\"version\": 1, \"rules\": [{\"id\": \"r\", \"role\": 7}]}", "7", "wrong-type",
                 "preferred");
}

TEST(LoadRulesDocument, BadGlobsPathsRegexesAndMethods) {
  ExpectOneError("{\"version\": 1, \"settings\": {\"allowed_roles\": [\"pets-*\"]}}", "\"pets-*\"",
                 "bad-glob", "arn:");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"path\": \"/a/{proxy+}/b\"}]}",
                 "\"/a/", "bad-path-pattern", "last segment");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"path\": [\"/ok\", \"/x**\"]}]}",
                 "\"/x**\"", "bad-path-pattern", "whole segment");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"path\": \"re:(\"}]}",
                 "\"re:", "bad-regex", "missing )");
  ExpectOneError(
      "{\"version\": 1, \"deny\": [{\"id\": \"d\", \"claims\": {\"x\": {\"regex\": \"[a\"}}}]}",
      "\"[a\"", "bad-regex", "missing ]");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"methods\": [\"get\"]}]}", "\"get\"",
                 "bad-method", "upper-case");
}

TEST(LoadRulesDocument, ClaimMatchersNeedExactlyOneKnownOperator) {
  ExpectOneError(
      "{\"version\": 1, \"deny\": [{\"id\": \"d\", \"claims\": {\"x\": {\"equal\": \"a\"}}}]}",
      "\"equal\"", "bad-operator", "did you mean \"equals\"?");
  ExpectOneError(
      "{\"version\": 1, \"deny\": [{\"id\": \"d\", \"claims\": {\"x\": {\"equals\": \"a\", "
      "\"in\": []}}}]}",
      "{\"equals\"", "bad-operator", "exactly one operator");
  ExpectOneError(
      "{\"version\": 1, \"deny\": [{\"id\": \"d\", \"claims\": {\"x\": {\"in\": \"a\"}}}]}",
      "\"a\"}", "wrong-type", "array of strings");
}

TEST(LoadRulesDocument, EmptyConditionArraysAreWarningsNotErrors) {
  LoadResult result =
      LoadRulesDocument("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"groups\": []}]}", "t", ".");
  ASSERT_TRUE(result.document.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(result.diagnostics[0].check, "empty-array");
}

TEST(LoadRulesDocument, ARequestedRoleActionHoldsGlobs) {
  LoadResult result = LoadRulesDocument(R"({"version": 1, "rules": [{"id": "r",
      "role": {"requested": ["arn:aws:iam::123456789012:role/orders-*"]}}]})",
                                        "t.json", ".");
  ASSERT_TRUE(result.document.has_value());
  const RoleAction& role = *result.document->rules[0].role;
  EXPECT_EQ(role.kind, RoleAction::Kind::kRequested);
  EXPECT_EQ(role.globs, std::vector<std::string>{"arn:aws:iam::123456789012:role/orders-*"});
  ExpectOneError(R"({"version": 1, "rules": [{"id": "r", "role": {"requested": ["x"]}}]})", "\"x\"",
                 "bad-glob", "arn:");
  ExpectOneError(R"({"version": 1, "rules": [{"id": "r", "role": {"requested": ["arn:*"],
                     "from_token": ["arn:*"]}}]})",
                 "{\"requested\"", "wrong-type", "not both");
}

TEST(LoadRulesDocument, ARuleReplacesOrRemovesTheSettingsNarrowing) {
  LoadResult result = LoadRulesDocument(R"({"version": 1, "rules": [
      {"id": "none", "role": "arn:aws:iam::123456789012:role/r", "session_policy": null,
       "policy_arns": []},
      {"id": "own", "role": "arn:aws:iam::123456789012:role/r",
       "session_policy": {"Version": "2012-10-17", "Statement": {"Effect": "Deny"}},
       "policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]},
      {"id": "inherit", "role": "arn:aws:iam::123456789012:role/r"}]})",
                                        "t.json", ".");
  ASSERT_TRUE(result.document.has_value()) << result.diagnostics.size();
  const auto& rules = result.document->rules;
  EXPECT_TRUE(rules[0].has_session_policy);
  EXPECT_FALSE(rules[0].session_policy.has_value());
  EXPECT_EQ(rules[0].policy_arns, std::vector<std::string>{});
  EXPECT_TRUE(rules[1].session_policy.has_value());
  EXPECT_EQ(rules[1].policy_arns->size(), 1u);
  EXPECT_FALSE(rules[2].has_session_policy);
  EXPECT_FALSE(rules[2].policy_arns.has_value());
  ExpectOneError(R"({"version": 1, "deny": [{"id": "d", "session_policy": null}]})",
                 "\"session_policy\"", "unknown-key", "session_policy");
}

}  // namespace
}  // namespace rolesel
