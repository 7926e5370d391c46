#include "cli/fixtures.h"

#include "cli_runner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rolesel/core/decision_json.h"

namespace rolesel::cli {
namespace {

using ::rolesel::testing::TempDir;
using ::testing::HasSubstr;

constexpr char kRules[] = R"({"version": 1, "rules": [
  {"id": "admins", "groups": ["admins"], "role": "arn:aws:iam::123456789012:role/admin"}]})";

TEST(LoadFixtureFile, ResolvesRulesAndEventFilesAgainstTheFixtureFile) {
  TempDir dir;
  dir.Write("r.json", kRules);
  std::system(("mkdir -p " + dir.path() + "/ev").c_str());
  dir.Write("ev/e.json", R"({"method": "GET", "path": "/", "claims": {}})");
  std::string path = dir.Write("f.json", R"({"rules": "r.json", "cases": [
    {"name": "from a file", "event": "ev/e.json", "expect": {"decision": "deny"}},
    {"name": "inline", "event": {"method": "GET", "path": "/", "claims": {}},
     "expect": {"reason": "no_match"}},
    {"name": "request", "request": {"method": "GET", "path": "/", "claims": {}},
     "expect": {"decision": "deny"}}]})");
  auto file = LoadFixtureFile(path);
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->rules_path, dir.path() + "/r.json");
  ASSERT_EQ(file->cases.size(), 3u);
  EXPECT_FALSE(file->cases[0].is_request);
  EXPECT_TRUE(file->cases[2].is_request);
}

TEST(LoadFixtureFile, RefusesMalformedCasesWithTheirPosition) {
  TempDir dir;
  struct Case {
    const char* text;
    const char* says;
  } cases[] = {
      {R"({"cases": []})", "\"rules\""},
      {R"({"rules": "r.json"})", "\"cases\""},
      {R"({"rules": "r.json", "cases": [{"request": {}, "expect": {"decision": "deny"}}]})",
       "\"name\""},
      {R"({"rules": "r.json", "cases": [{"name": "n", "expect": {"decision": "deny"}}]})",
       "exactly one of"},
      {R"({"rules": "r.json", "cases": [{"name": "n", "request": {}, "event": {},
          "expect": {"decision": "deny"}}]})",
       "exactly one of"},
      {R"({"rules": "r.json", "cases": [{"name": "n", "request": {}}]})", "needs \"expect\""},
      {R"({"rules": "r.json", "cases": [{"name": "n", "request": {}, "expect": {"decison": "deny"}}]})",
       "unknown key \"decison\""},
      {R"({"rules": "r.json", "cases": [{"name": "n", "request": {}, "expect": {"reason": "nope"}}]})",
       "expect.reason"},
      {R"({"rules": "r.json", "cases": [{"name": "n", "request": {}, "expect": {"decision": "yes"}}]})",
       "expect.decision"},
      {R"({"rules": "r.json", "cases": [{"name": "n", "event": "missing.json", "expect": {"decision": "deny"}}]})",
       "missing.json"},
      {R"({"rules": "r.json", "cases": [], "extra": 1})", "unknown key \"extra\""},
      {R"({"rules": "r.json", "cases": [],})", "trailing comma"},
  };
  for (const auto& c : cases) {
    auto file = LoadFixtureFile(dir.Write("f.json", c.text));
    ASSERT_FALSE(file.ok()) << c.text;
    EXPECT_THAT(std::string(file.status().message()), HasSubstr(c.says)) << c.text;
    EXPECT_THAT(std::string(file.status().message()), HasSubstr("f.json:")) << c.text;
  }
}

TEST(RunCase, ComparesOnlyTheExpectedKeys) {
  auto rules = RuleSet::FromString(kRules);
  ASSERT_TRUE(rules.ok());
  FixtureCase c;
  c.name = "admin";
  c.is_request = true;
  c.input = R"({"method": "GET", "path": "/", "claims": {"cognito:groups": ["admins"],
                "cognito:username": "al"}})";
  c.expect = {{"decision", "allow"}, {"rule", "admins"}};
  EXPECT_TRUE(RunCase(**rules, c).passed);
  c.expect = {{"decision", "allow"},
              {"session_name", "al"},
              {"duration_seconds", 3600},
              {"role", "arn:aws:iam::123456789012:role/admin"}};
  EXPECT_TRUE(RunCase(**rules, c).passed);
  c.expect = {{"decision", "allow"}, {"rule", "other"}};
  CaseResult failed = RunCase(**rules, c);
  EXPECT_FALSE(failed.passed);
  EXPECT_EQ(failed.mismatched_keys, std::vector<std::string>{"rule"});
  c.expect = {{"reason", "no_match"}};
  EXPECT_FALSE(RunCase(**rules, c).passed) << "an allow has no reason";
}

TEST(LoadFixtureFile, AKeyTwiceOutsideAnInlineInputIsAnErrorNamingBoth) {
  TempDir dir;
  dir.Write("r.json", kRules);
  auto file = LoadFixtureFile(dir.Write("f.json", R"({"rules": "r.json", "cases": [
    {"name": "n", "request": {}, "expect": {"decision": "deny", "decision": "allow"}}]})"));
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(std::string(file.status().message()), HasSubstr("duplicate key \"decision\""));
  EXPECT_THAT(std::string(file.status().message()), HasSubstr("first at line 2"));
  // A case's own key twice is no inline input.
  EXPECT_FALSE(LoadFixtureFile(dir.Write("g.json", R"({"rules": "r.json", "cases": [
    {"name": "n", "request": {}, "request": {}, "expect": {"decision": "deny"}}]})"))
                   .ok());
}

// An inline request or event reaches the engine as written: a hostile case
// whose event holds a field twice is decided (refused) by the engine, and
// numbers keep their spelling.
TEST(LoadFixtureFile, InlineInputsReachTheEngineAsWritten) {
  TempDir dir;
  dir.Write("r.json", R"({"version": 1, "rules": [{"id": "gold",
    "claims": {"custom:tier": {"equals": "1.50"}}, "role": "arn:aws:iam::123456789012:role/g"}]})");
  auto file = LoadFixtureFile(dir.Write("f.json", R"({"rules": "r.json", "cases": [
    {"name": "twice", "event": {"httpMethod": "GET", "path": "/admin", // a comment
       "path": "/pets", "requestContext": {"authorizer": {"claims": {}}}},
     "expect": {"decision": "deny", "reason": "bad_request"}},
    {"name": "as written", "request": {"method": "GET", "path": "/", /* c */
       "claims": {"custom:tier": 1.50}}, "expect": {"decision": "allow"}}]})"));
  ASSERT_TRUE(file.ok()) << file.status().message();
  auto rules = RuleSet::FromFile(dir.path() + "/r.json");
  ASSERT_TRUE(rules.ok());
  for (const FixtureCase& c : file->cases) {
    CaseResult result = RunCase(**rules, c);
    EXPECT_TRUE(result.passed) << c.name << ": " << DecisionToJson(result.got).dump();
  }
}

TEST(RunCase, DecidesWithAndWithoutATraceAndComparesThem) {
  Decision a = Decision::Deny(DenyReason::kNoMatch, "", "why");
  Decision b = Decision::Deny(DenyReason::kNoMatch, "", "another detail");
  EXPECT_TRUE(SameDecision(a, b)) << "detail is an explanation, not the decision";
  b.reason = DenyReason::kBadRequest;
  EXPECT_FALSE(SameDecision(a, b));
  Decision allow;
  allow.allow = true;
  allow.reason = DenyReason::kNone;
  allow.role = "arn:aws:iam::123456789012:role/r";
  Decision other = allow;
  EXPECT_TRUE(SameDecision(allow, other));
  other.session_tags.emplace_back("k", "v");
  EXPECT_FALSE(SameDecision(allow, other));
  other = allow;
  other.session_name = "x";
  EXPECT_FALSE(SameDecision(allow, other));
}

// Every bundled case, conformance and hostile, decides the same way traced
// (as `rolesel test` and `eval --explain` do) and untraced (as production).
TEST(RunCase, EveryBundledCaseDecidesTheSameTracedAndUntraced) {
  const std::string examples = std::string(ROLESEL_SOURCE_DIR) + "/rules/examples/";
  int cases = 0;
  for (const char* name : {"pets.fixtures.json", "pets.adversarial.fixtures.json"}) {
    auto file = LoadFixtureFile(examples + name);
    ASSERT_TRUE(file.ok()) << file.status().message();
    auto rules = RuleSet::FromFile(file->rules_path);
    ASSERT_TRUE(rules.ok());
    for (const FixtureCase& c : file->cases) {
      CaseResult result = RunCase(**rules, c);
      EXPECT_FALSE(result.untraced.has_value())
          << name << ": " << c.name << ": traced " << DecisionToJson(result.got).dump()
          << ", untraced " << DecisionToJson(*result.untraced).dump();
      ++cases;
    }
  }
  EXPECT_GT(cases, 100);
}

}  // namespace
}  // namespace rolesel::cli
