#include "rolesel/lint/linter.h"

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rolesel/compile/compiled_rules.h"
#include "rolesel/internal/file_io.h"
#include "rolesel/load/document_loader.h"
#include "rolesel/matchers/claim_matcher.h"
#include "test_util.h"

namespace rolesel {
namespace {

using ::testing::HasSubstr;

constexpr char kAllowed[] = R"("allowed_roles": ["arn:aws:iam::123456789012:role/app-*"],
    "deny_roles": ["arn:aws:iam::*:role/*Admin*"])";

std::vector<Diagnostic> Lint(const std::string& text) { return LintRules(text, "t.json", "."); }

std::vector<Diagnostic> WithCheck(const std::vector<Diagnostic>& all, const std::string& check) {
  std::vector<Diagnostic> out;
  for (const auto& d : all) {
    if (d.check == check) out.push_back(d);
  }
  return out;
}

TEST(LintRules, TheBundledExampleIsClean) {
  auto text = internal::ReadFileToString(testing::SourceDir() + "/rules/examples/pets.rules.json");
  ASSERT_TRUE(text.ok());
  EXPECT_TRUE(Lint(*text).empty());
}

TEST(LintRules, ReportsEveryLoadErrorNotOnlyTheFirst) {
  auto findings = Lint(R"({"version": 1, "rules": [
    {"id": "a", "method": ["GET"], "role": "preferred"},
    {"id": "b", "role": "arn:aws:iam::1:role/x"}]})");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].check, "unknown-key");
  EXPECT_EQ(findings[1].check, "bad-arn");
}

TEST(LintRules, ALiteralRoleOutsideAllowedRolesIsAnError) {
  auto findings = WithCheck(Lint(std::string(R"({"version": 1, "settings": {)") + kAllowed + R"(},
    "rules": [{"id": "r",
      "role": "arn:aws:iam::123456789012:role/other"}]})"),
                            "role-not-allowed");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Diagnostic::Severity::kError);
  EXPECT_EQ(findings[0].location.line, 4);
  EXPECT_EQ(findings[0].location.column, 15);
  EXPECT_THAT(findings[0].message, HasSubstr("rule \"r\""));
}

TEST(LintRules, ALiteralRoleInDenyRolesIsAnError) {
  auto findings = WithCheck(Lint(std::string(R"({"version": 1, "settings": {)") + kAllowed +
                                 R"(, "default": "arn:aws:iam::123456789012:role/app-Admin"}})"),
                            "role-denied");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(findings[0].message, HasSubstr("settings.default"));
  EXPECT_THAT(findings[0].message, HasSubstr("*Admin*"));
}

TEST(LintRules, AFromTokenGlobThatCanNeverBeAllowedIsAWarning) {
  auto findings = WithCheck(Lint(std::string(R"({"version": 1, "settings": {)") + kAllowed + R"(},
    "rules": [{"id": "r", "role": {"from_token": [
      "arn:aws:iam::*:role/app-*", "arn:aws:iam::*:role/ops-*"]}}]})"),
                            "from-token-never-allowed");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_THAT(findings[0].message, HasSubstr("ops-*"));
  EXPECT_EQ(findings[0].location.line, 4);
}

TEST(LintRules, ASessionPolicyTooLargeWithoutItsPlaceholdersIsAnErrorWhereItIsWritten) {
  const auto policy = [](size_t resource_chars) {
    return R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
               "Resource": "arn:aws:s3:::)" +
           std::string(resource_chars, 'b') + R"(/{custom:tenant_id}"}})";
  };
  const std::string text = R"({"version": 1, "settings": {"session_policy": )" + policy(2100) +
                           R"(}, "rules": [
      {"id": "own", "role": "arn:aws:iam::123456789012:role/r", "session_policy": )" +
                           policy(2100) + R"(},
      {"id": "small", "role": "arn:aws:iam::123456789012:role/r", "session_policy": )" +
                           policy(10) + R"(},
      {"id": "inherits", "role": "arn:aws:iam::123456789012:role/r"}]})";
  std::vector<std::string> messages;
  for (const Diagnostic& d : Lint(text)) {
    if (d.check == "session-policy-too-large") {
      EXPECT_EQ(d.severity, Diagnostic::Severity::kError);
      messages.push_back(d.message);
    }
  }
  ASSERT_EQ(messages.size(), 2u) << "settings' and rule own's, not once per rule inheriting it";
  EXPECT_THAT(messages[0], HasSubstr("settings: session_policy is"));
  EXPECT_THAT(messages[1], HasSubstr("rule \"own\": session_policy is"));
  EXPECT_THAT(messages[1], HasSubstr("STS allows at most 2048"));
  EXPECT_TRUE(
      WithCheck(Lint(R"({"version": 1, "settings": {"session_policy": )" + policy(100) + "}}"),
                "session-policy-too-large")
          .empty());
}

TEST(LintRules, AnEntryAfterAnUnconditionalOneIsUnreachable) {
  auto findings = WithCheck(Lint(R"({"version": 1, "rules": [
    {"id": "all", "role": "arn:aws:iam::123456789012:role/a"},
    {"id": "later", "groups": ["x"], "role": "arn:aws:iam::123456789012:role/b"}]})"),
                            "unreachable");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(findings[0].message,
              HasSubstr("rules[1] \"later\" is unreachable: rules[0] \"all\""));
  EXPECT_EQ(findings[0].location.line, 3);
}

TEST(LintRules, ARuleAfterAPreferredRuleIsReachable) {
  // "preferred" may yield no role, so later rules can still be selected.
  EXPECT_TRUE(WithCheck(Lint(R"({"version": 1, "rules": [
    {"id": "pref", "role": "preferred"},
    {"id": "later", "role": "arn:aws:iam::123456789012:role/b"}]})"),
                        "unreachable")
                  .empty());
}

TEST(LintRules, ARuleCoveredByADenyEntryIsUnreachable) {
  auto findings = WithCheck(Lint(R"({"version": 1,
    "deny": [{"id": "blocked", "groups": ["blocked"]}],
    "rules": [{"id": "r", "all_groups": ["blocked", "x"],
               "role": "arn:aws:iam::123456789012:role/b"}]})"),
                            "unreachable");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(findings[0].message, HasSubstr("denies every request it would match"));
}

TEST(LintRules, SemanticChecksWaitUntilTheFileLoads) {
  // A rule whose path failed to load would look broader than it is.
  auto findings = Lint(R"({"version": 1, "rules": [
    {"id": "a", "path": "/x/{proxy+}/y", "role": "arn:aws:iam::123456789012:role/a"},
    {"id": "b", "path": "/x/z", "role": "arn:aws:iam::123456789012:role/b"}]})");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].check, "bad-path-pattern");
}

TEST(LintRules, ADenyEntryWithoutConditionsIsAWarning) {
  auto findings = WithCheck(Lint(R"({"version": 1, "deny": [{"id": "all"}]})"), "deny-all");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Diagnostic::Severity::kWarning);
}

TEST(ConditionCovers, BroaderOnGroupsMethodsAndPaths) {
  // Both entries in one file, so that their interned ids are one table's.
  auto covers = [](const std::string& broad, const std::string& narrow) {
    LoadResult r =
        LoadRulesDocument(R"({"version": 1, "deny": [)" + broad + "," + narrow + "]}", "t", ".");
    if (!r.document) throw testing::PreconditionFailed(broad + " / " + narrow + " did not load");
    auto compiled = CompiledRules::Compile(*std::move(r.document));
    if (!compiled.ok()) throw testing::PreconditionFailed(std::string(compiled.status().message()));
    return ConditionCovers((*compiled)->deny()[0].condition, (*compiled)->deny()[1].condition);
  };
  EXPECT_TRUE(covers(R"({"id":"a","groups":["x","y"]})", R"({"id":"b","groups":["x"]})"));
  EXPECT_FALSE(covers(R"({"id":"a","groups":["x"]})", R"({"id":"b","groups":["x","y"]})"));
  EXPECT_TRUE(covers(R"({"id":"a","groups":["x"]})", R"({"id":"b","all_groups":["x","y"]})"));
  EXPECT_TRUE(covers(R"({"id":"a","methods":["ANY"]})", R"({"id":"b","methods":["GET"]})"));
  EXPECT_TRUE(covers(R"({"id":"a","methods":["GET","PUT"]})", R"({"id":"b","methods":["GET"]})"));
  EXPECT_FALSE(covers(R"({"id":"a","methods":["GET"]})", R"({"id":"b"})"));
  EXPECT_TRUE(covers(R"({"id":"a","path":"/admin/**"})", R"({"id":"b","path":"/admin/x/{id}"})"));
  EXPECT_TRUE(covers(R"({"id":"a","path":"/pets/*"})", R"({"id":"b","path":"/pets/{id}"})"));
  EXPECT_FALSE(covers(R"({"id":"a","path":"/pets/*"})", R"({"id":"b","path":"/pets/**"})"));
  EXPECT_TRUE(covers(R"({"id":"a","path":"/f/{p+}"})", R"({"id":"b","path":"/f/a/**"})"));
  EXPECT_FALSE(covers(R"({"id":"a","path":"/f/{p+}"})", R"({"id":"b","path":"/f/**"})"));
  EXPECT_TRUE(covers(R"({"id":"a","path":"re:^/x$"})", R"({"id":"b","path":"re:^/x$"})"));
  EXPECT_FALSE(covers(R"({"id":"a","path":"re:^/.*$"})", R"({"id":"b","path":"/x"})"));
  EXPECT_TRUE(covers(R"({"id":"a","claims":{"t":{"exists":true}}})",
                     R"({"id":"b","claims":{"t":{"equals":"g"}}})"));
  EXPECT_FALSE(covers(R"({"id":"a","claims":{"t":{"equals":"g"}}})",
                      R"({"id":"b","claims":{"t":{"exists":true}}})"));
  EXPECT_TRUE(covers(R"({"id":"a","not_groups":["x"]})", R"({"id":"b","not_groups":["x","y"]})"));
  EXPECT_FALSE(covers(R"({"id":"a","not_groups":["x","y"]})", R"({"id":"b","not_groups":["x"]})"));
}

TEST(GlobsIntersect, DecidesWhetherTwoGlobsShareAString) {
  EXPECT_TRUE(GlobsIntersect("a*", "*b"));
  EXPECT_TRUE(GlobsIntersect("a?c", "*c"));
  EXPECT_FALSE(GlobsIntersect("a*", "b*"));
  EXPECT_FALSE(GlobsIntersect("a?", "a"));
  EXPECT_TRUE(GlobsIntersect("*", ""));
  EXPECT_FALSE(
      GlobsCanMatchSameRole("arn:aws:iam::*:role/ops-*", "arn:aws:iam::123456789012:role/app-*"));
  EXPECT_TRUE(
      GlobsCanMatchSameRole("arn:aws:iam::*:role/app-*", "arn:aws:iam::123456789012:role/*"));
  EXPECT_TRUE(GlobsCanMatchSameRole("*", "arn:aws:iam::1:role/x"));
}

// The schema in rules/schema accepts exactly the loader's keys, everywhere.
TEST(Schema, HasExactlyTheKeysTheLoaderAccepts) {
  std::ifstream in(testing::SourceDir() + "/rules/schema/rolesel-rules.schema.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto schema = nlohmann::json::parse(buffer.str());
  auto keys = [](const nlohmann::json& properties) {
    std::set<std::string> out;
    for (const auto& [key, value] : properties.items()) out.insert(key);
    return out;
  };
  auto set = [](const std::vector<std::string>& v) {
    return std::set<std::string>(v.begin(), v.end());
  };
  EXPECT_EQ(keys(schema["properties"]), set(kTopKeys));
  EXPECT_EQ(keys(schema["$defs"]["settings"]["properties"]), set(kSettingsKeys));
  EXPECT_EQ(keys(schema["$defs"]["jwt"]["properties"]), set(kJwtKeys));
  EXPECT_EQ(keys(schema["$defs"]["denyEntry"]["properties"]), set(kDenyKeys));
  EXPECT_EQ(keys(schema["$defs"]["rule"]["properties"]), set(kRuleKeys));
  EXPECT_EQ(keys(schema["$defs"]["claimMatcher"]["properties"]),
            set(ClaimMatcher::OperatorNames()));
}

TEST(LintChecks, EveryCheckIsDocumented) {
  auto docs = internal::ReadFileToString(testing::SourceDir() + "/docs/lint.md");
  ASSERT_TRUE(docs.ok());
  for (const LintCheck& check : LintChecks()) {
    EXPECT_THAT(*docs, HasSubstr("### `" + check.id + "`")) << check.id;
  }
}

std::string ManyRules(int n) {
  std::string text = R"({"version": 1, "rules": [)";
  for (int i = 0; i < n; ++i) {
    absl::StrAppend(&text, i ? "," : "", R"({"id": "r)", i, R"(", "groups": ["g)", i,
                    R"("], "role": "arn:aws:iam::123456789012:role/r"})");
  }
  return text + "]}";
}

// Comparing every pair of 100,000 entries took hours: the comparisons are
// budgeted, and lint names the entry where it stopped checking.
TEST(LintRules, ReachabilityIsBudgetedAndSaysWhereItStopped) {
  auto count = [](const std::vector<Diagnostic>& found, const std::string& check) {
    return std::count_if(found.begin(), found.end(),
                         [&](const Diagnostic& d) { return d.check == check; });
  };
  EXPECT_EQ(count(LintRules(ManyRules(1000), "f", "."), "unreachable-not-checked"), 0);
  std::vector<Diagnostic> found = LintRules(ManyRules(6000), "f", ".");
  ASSERT_EQ(count(found, "unreachable-not-checked"), 1);
  auto stop = std::find_if(found.begin(), found.end(), [](const Diagnostic& d) {
    return d.check == "unreachable-not-checked";
  });
  EXPECT_THAT(stop->message, HasSubstr("reachability not checked from rules[4472] \"r4472\" on"));
}

}  // namespace
}  // namespace rolesel
