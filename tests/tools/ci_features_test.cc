// `rolesel test` CI extras and `rolesel diff`, through the real binary.
#include "cli_runner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "pugixml.hpp"

namespace rolesel {
namespace {

using nlohmann::json;
using ::rolesel::testing::CliResult;
using ::rolesel::testing::RunCli;
using ::rolesel::testing::TempDir;
using ::testing::EndsWith;
using ::testing::HasSubstr;

constexpr char kRules[] = R"({"version": 1,
  "deny": [{"id": "blocked", "groups": ["blocked"]},
           {"id": "never-used", "groups": ["nobody"]}],
  "rules": [{"id": "admins", "groups": ["admins"], "role": "arn:aws:iam::123456789012:role/admin"},
            {"id": "readers", "methods": ["GET"], "role": "arn:aws:iam::123456789012:role/reader"},
            {"id": "unused", "users": ["ghost"], "role": "arn:aws:iam::123456789012:role/ghost"}]})";

std::string Case(const std::string& name, const std::string& method, const std::string& groups,
                 const std::string& expect) {
  return R"({"name": ")" + name + R"(", "request": {"method": ")" + method +
         R"(", "path": "/x", "claims": {"cognito:groups": )" + groups + R"(}}, "expect": )" +
         expect + "}";
}

class CiFeatures : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("r.rules.json", kRules);
    fixtures_ = dir_.Write(
        "f.fixtures.json",
        R"({"rules": "r.rules.json", "cases": [)" +
            Case("admin writes", "PUT", R"(["admins"])", R"({"rule": "admins"})") + "," +
            Case("blocked admin", "PUT", R"(["admins","blocked"])", R"({"rule": "blocked"})") +
            "," + Case("reader reads", "GET", "[]", R"({"rule": "readers"})") + "," +
            Case("reader writes (wrong)", "PUT", "[]", R"({"decision": "allow"})") + "]}");
  }
  TempDir dir_;
  std::string fixtures_;
};

TEST_F(CiFeatures, CoverageCountsDecidedCasesAndNamesUncoveredEntries) {
  CliResult r = RunCli("test --quiet --coverage " + fixtures_);
  EXPECT_EQ(r.exit_code, 1) << "one case fails";
  EXPECT_THAT(r.out, HasSubstr("  deny[0] \"blocked\": 1 case\n"));
  EXPECT_THAT(r.out, HasSubstr("  rules[0] \"admins\": 1 case\n"));
  EXPECT_THAT(r.out, HasSubstr("  rules[1] \"readers\": 1 case\n"));
  EXPECT_THAT(r.out, HasSubstr("  decided no case: never-used unused\n"));
  EXPECT_THAT(r.out, HasSubstr("coverage: 3 of 5 entries decided at least one case (60.0%)\n"));
  EXPECT_THAT(r.out, EndsWith("3 passed, 1 failed\n"));
}

TEST_F(CiFeatures, MinCoverageFailsTheRunBelowTheThreshold) {
  CliResult low =
      RunCli("test --quiet --run '^(admin|blocked|reader reads)' --min-coverage 70 " + fixtures_);
  EXPECT_EQ(low.exit_code, 1);
  EXPECT_THAT(low.err, HasSubstr("below --min-coverage 70"));
  EXPECT_THAT(low.out, EndsWith("3 passed, 0 failed\n"));
  CliResult met =
      RunCli("test --quiet --run '^(admin|blocked|reader reads)' --min-coverage 60 " + fixtures_);
  EXPECT_EQ(met.exit_code, 0) << met.err;
}

TEST_F(CiFeatures, RunFiltersCasesByName) {
  CliResult r = RunCli("test --run 'reader' " + fixtures_);
  EXPECT_THAT(r.out, EndsWith("1 passed, 1 failed\n"));
  CliResult none = RunCli("test --run 'nothing matches' " + fixtures_);
  EXPECT_EQ(none.out, "0 passed, 0 failed\n");
  EXPECT_EQ(RunCli("test --run '(' " + fixtures_).exit_code, 2);
}

TEST_F(CiFeatures, JUnitHasOneTestcasePerCaseAndFailuresWithExpectedAndGot) {
  std::string xml_path = dir_.path() + "/junit.xml";
  CliResult r = RunCli("test --quiet --junit " + xml_path + " " + fixtures_);
  EXPECT_EQ(r.exit_code, 1);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(xml_path.c_str())) << "valid XML";
  pugi::xml_node suites = doc.child("testsuites");
  EXPECT_EQ(suites.attribute("tests").as_int(), 4);
  EXPECT_EQ(suites.attribute("failures").as_int(), 1);
  pugi::xml_node suite = suites.child("testsuite");
  EXPECT_EQ(std::string(suite.attribute("name").value()), fixtures_);
  int testcases = 0, failures = 0;
  for (pugi::xml_node tc : suite.children("testcase")) {
    ++testcases;
    if (pugi::xml_node failure = tc.child("failure")) {
      ++failures;
      EXPECT_EQ(std::string(tc.attribute("name").value()), "reader writes (wrong)");
      EXPECT_THAT(failure.attribute("message").value(),
                  HasSubstr("expected {\"decision\":\"allow\"}, got {\"decision\":\"deny\""));
      EXPECT_THAT(failure.text().get(), HasSubstr("rules[1] \"readers\": methods:"));
    }
  }
  EXPECT_EQ(testcases, 4);
  EXPECT_EQ(failures, 1);
}

TEST_F(CiFeatures, JsonFormatIsOneObjectThenTheClosingLine) {
  CliResult r = RunCli("test --quiet --format json --coverage " + fixtures_);
  EXPECT_EQ(r.exit_code, 1);
  size_t newline = r.out.find('\n');
  json report = json::parse(r.out.substr(0, newline));
  EXPECT_EQ(report["passed"], 3);
  EXPECT_EQ(report["failed"], 1);
  ASSERT_EQ(report["cases"].size(), 4u);
  EXPECT_EQ(report["cases"][3]["passed"], false);
  EXPECT_TRUE(report["cases"][3].contains("trace"));
  EXPECT_EQ(report["coverage"]["covered"], 3);
  EXPECT_EQ(r.out.substr(newline + 1), "3 passed, 1 failed\n");
}

TEST_F(CiFeatures, DiffListsExactlyTheChangedCases) {
  std::string changed = dir_.Write("new.rules.json", R"({"version": 1,
    "deny": [{"id": "blocked", "groups": ["blocked"]}],
    "rules": [{"id": "admins-renamed", "groups": ["admins"],
               "role": "arn:aws:iam::123456789012:role/admin"},
              {"id": "readers", "methods": ["GET"],
               "role": "arn:aws:iam::123456789012:role/reader2"}]})");
  CliResult r =
      RunCli("diff " + dir_.path() + "/r.rules.json " + changed + " --fixtures " + fixtures_);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "CHANGED " + fixtures_ +
                ": \"reader reads\": role arn:aws:iam::123456789012:role/reader -> "
                "arn:aws:iam::123456789012:role/reader2: "
                "{\"decision\":\"allow\",\"role\":\"arn:aws:iam::123456789012:role/reader\","
                "\"rule\":\"readers\",\"session_name\":\"rolesel\",\"duration_seconds\":3600} -> "
                "{\"decision\":\"allow\",\"role\":\"arn:aws:iam::123456789012:role/reader2\","
                "\"rule\":\"readers\",\"session_name\":\"rolesel\",\"duration_seconds\":3600}\n"
                "4 cases, 1 changed\n")
      << "the renamed rule alone is not a change";
}

TEST_F(CiFeatures, DiffOfIdenticalRulesExitsZeroAndTakesEventsAndRequests) {
  std::string rules = dir_.path() + "/r.rules.json";
  std::string event = dir_.Write("e.json", R"({"httpMethod": "GET", "path": "/x",
    "requestContext": {"authorizer": {"claims": {"cognito:groups": "admins"}}}})");
  CliResult same = RunCli("diff " + rules + " " + rules + " --fixtures " + fixtures_ + " --event " +
                          event + " --request '{\"method\":\"GET\",\"path\":\"/\",\"claims\":{}}'");
  EXPECT_EQ(same.exit_code, 0);
  EXPECT_EQ(same.out, "6 cases, 0 changed\n");
  std::string deny_all = dir_.Write("deny.rules.json", R"({"version": 1})");
  CliResult changed = RunCli("diff " + rules + " " + deny_all + " --event " + event);
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_THAT(changed.out,
              HasSubstr("CHANGED --event: \"" + event + "\": allow -> deny (no_match)"));
}

TEST(CliDiff, UsageErrorsExitTwo) {
  EXPECT_EQ(RunCli("diff a.json").exit_code, 2);
  EXPECT_EQ(RunCli("diff /nonexistent1 /nonexistent2 --request '{}'").exit_code, 2);
}

}  // namespace
}  // namespace rolesel
