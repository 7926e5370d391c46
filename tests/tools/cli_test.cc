// The CLI's contract (spec sections 8 and 9), through the real binary.
#include "cli_runner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolesel/event/event_kernel.h"
#include "rolesel/rule_set.h"

namespace rolesel {
namespace {

using nlohmann::json;
using ::rolesel::testing::CliResult;
using ::rolesel::testing::RunCli;
using ::rolesel::testing::TempDir;
using ::testing::EndsWith;
using ::testing::HasSubstr;

const std::string kExamples = std::string(ROLESEL_SOURCE_DIR) + "/rules/examples";
const std::string kPets = kExamples + "/pets.rules.json";

TEST(CliEval, PrintsOneJsonDecisionAndExitsZeroForAnAllow) {
  CliResult r =
      RunCli("eval --rules " + kPets + " --event " + kExamples + "/events/rest-admin-delete.json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"decision\":\"allow\",\"role\":\"arn:aws:iam::123456789012:role/pets-admin\","
            "\"rule\":\"admins-manage\",\"session_name\":\"alice\",\"duration_seconds\":900}\n");
}

TEST(CliEval, ADenyIsADecisionToo) {
  CliResult r =
      RunCli("eval --rules " + kPets + " --event " + kExamples + "/events/rest-suspended.json");
  EXPECT_EQ(r.exit_code, 0);
  json d = json::parse(r.out);
  EXPECT_EQ(d["decision"], "deny");
  EXPECT_EQ(d["reason"], "deny_rule");
  EXPECT_EQ(d["rule"], "suspended");
}

TEST(CliEval, ReadsARequestInlineFromAFileOrFromStandardInput) {
  const std::string request =
      R"({"method":"GET","path":"/pets","claims":{"cognito:username":"bob",)"
      R"("cognito:roles":["arn:aws:iam::123456789012:role/pets-reader"]}})";
  CliResult inline_arg = RunCli("eval --rules " + kPets + " --request '" + request + "'");
  EXPECT_EQ(inline_arg.exit_code, 0) << inline_arg.err;
  EXPECT_EQ(json::parse(inline_arg.out)["rule"], "readers");
  CliResult from_stdin = RunCli("eval --rules " + kPets + " --request -", request);
  EXPECT_EQ(from_stdin.out, inline_arg.out);
  TempDir dir;
  CliResult from_file =
      RunCli("eval --rules " + kPets + " --request " + dir.Write("q.json", request));
  EXPECT_EQ(from_file.out, inline_arg.out);
}

TEST(CliEval, RulesFromStandardInput) {
  CliResult r =
      RunCli("eval --rules - --request '{\"method\":\"GET\",\"path\":\"/\",\"claims\":{}}'",
             R"({"version": 1})");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["reason"], "no_match");
}

TEST(CliEval, ExplainAddsTheTrace) {
  CliResult r = RunCli("eval --explain --rules " + kPets + " --event " + kExamples +
                       "/events/http-reader-get.json");
  ASSERT_EQ(r.exit_code, 0);
  json d = json::parse(r.out);
  ASSERT_TRUE(d.contains("trace"));
  EXPECT_EQ(d["input"]["shape"], "http");
  EXPECT_EQ(d["input"]["path"], "/pets/42");
  bool saw_suspended = false, saw_readers_match = false;
  for (const auto& step : d["trace"]) {
    if (step["id"] == "suspended" && step["matched"] == false) saw_suspended = true;
    if (step["id"] == "readers" && step["matched"] == true) saw_readers_match = true;
  }
  EXPECT_TRUE(saw_suspended);
  EXPECT_TRUE(saw_readers_match);
}

// The kernel that reads events: the version says it, --explain's input
// says the same, and forcing simdjson's scalar kernel makes it the builtin
// one (fallback on x86-64; arm64 has no scalar walk, its builtin is arm64).
TEST(Cli, TheVersionAndTheExplanationNameTheKernelThatReadsEvents) {
  for (const std::string env : {"", "SIMDJSON_FORCE_IMPLEMENTATION=fallback "}) {
    CliResult version = RunCli("--version", "", env);
    ASSERT_EQ(version.exit_code, 0);
    const std::string marker = "event reader kernel: ";
    const size_t at = version.out.find(marker);
    ASSERT_NE(at, std::string::npos) << version.out;
    const std::string kernel =
        version.out.substr(at + marker.size(), version.out.find('\n', at) - at - marker.size());
    EXPECT_TRUE(kernel == "icelake" || kernel == "haswell" || kernel == "arm64" ||
                kernel == "fallback")
        << kernel;
    if (!env.empty()) EXPECT_EQ(kernel, event::BuiltinEventKernel().name);
    CliResult eval = RunCli("eval --explain --rules " + kPets + " --event " + kExamples +
                                "/events/rest-admin-delete.json",
                            "", env);
    ASSERT_EQ(eval.exit_code, 0);
    json d = json::parse(eval.out);
    EXPECT_EQ(d["input"]["kernel"], kernel);
    EXPECT_EQ(d["decision"], "allow");
  }
}

TEST(CliEval, AnUnreadableEventIsDecidedAsBadRequest) {
  TempDir dir;
  CliResult r = RunCli("eval --rules " + kPets + " --event " + dir.Write("e.json", "{oops"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(json::parse(r.out)["reason"], "bad_request");
}

TEST(CliEval, ErrorsExitTwo) {
  EXPECT_EQ(RunCli("eval --rules " + kPets).exit_code, 2) << "no input";
  EXPECT_EQ(RunCli("eval --event x.json").exit_code, 2) << "no rules";
  EXPECT_EQ(RunCli("eval --rules " + kPets + " --event /nonexistent.json").exit_code, 2);
  EXPECT_EQ(RunCli("eval --rules /nonexistent.json --event x").exit_code, 2);
  EXPECT_EQ(RunCli("eval --rules " + kPets + " --bogus").exit_code, 2);
  TempDir dir;
  std::string bad = dir.Write("bad.json", "{\"version\": 1,\n  \"rulez\": []}");
  CliResult r = RunCli("eval --rules " + bad + " --request '{}'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad.json:2:3: error: unknown key \"rulez\""));
  EXPECT_TRUE(r.out.empty());
}

TEST(CliTest, BundledFixturesPass) {
  CliResult r = RunCli("test " + kExamples + "/pets.fixtures.json");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, EndsWith(" passed, 0 failed\n"));
}

TEST(CliTest, AFailingCaseIsOneLineAndExitsOne) {
  TempDir dir;
  dir.Write("r.json", R"({"version": 1})");
  std::string f = dir.Write("f.fixtures.json", R"({"rules": "r.json", "cases": [
    {"name": "passes", "request": {"method": "GET", "path": "/", "claims": {}},
     "expect": {"decision": "deny", "reason": "no_match"}},
    {"name": "fails", "request": {"method": "GET", "path": "/", "claims": {}},
     "expect": {"decision": "allow"}}]})");
  CliResult r = RunCli("test " + f);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "FAIL " + f +
                ": \"fails\": expected {\"decision\":\"allow\"}, got "
                "{\"decision\":\"deny\",\"reason\":\"no_match\",\"detail\":\"no rule matched\"}\n"
                "1 passed, 1 failed\n");
  // The failing case's trace goes to standard error; --quiet drops it.
  EXPECT_THAT(r.err, HasSubstr("  trace of \"fails\":\n"));
  EXPECT_THAT(r.err, HasSubstr("    default: no rule matched and settings.default is \"deny\"\n"));
  EXPECT_EQ(RunCli("test --quiet " + f).err, "");
}

TEST(CliTest, UnloadableFilesExitTwoNamingTheFile) {
  TempDir dir;
  CliResult missing = RunCli("test " + dir.path() + "/none.json");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("none.json"));
  std::string f = dir.Write("f.json", R"({"rules": "r.json", "cases": []})");
  dir.Write("r.json", "{\"version\": 1, \"rules\": [{\"id\": \"x\"}]}");
  CliResult bad_rules = RunCli("test " + f);
  EXPECT_EQ(bad_rules.exit_code, 2);
  EXPECT_THAT(bad_rules.err, HasSubstr("r.json:1:26: error: rules[0] is missing required key "
                                       "\"role\""));
  EXPECT_THAT(bad_rules.out, EndsWith("0 passed, 0 failed\n"));
}

TEST(CliTest, ReadsAFixtureFromStandardInput) {
  CliResult r = RunCli("test -", R"({"rules": ")" + kPets + R"(", "cases": [
    {"name": "x", "request": {"method": "GET", "path": "//", "claims": {}},
     "expect": {"reason": "unsafe_path"}}]})");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "1 passed, 0 failed\n");
}

TEST(Cli, HelpForEveryCommand) {
  for (const char* args : {"--help", "eval --help", "test --help"}) {
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << args;
    EXPECT_THAT(r.out, HasSubstr("usage: rolesel")) << args;
  }
  EXPECT_EQ(RunCli("").exit_code, 2);
  EXPECT_EQ(RunCli("frobnicate").exit_code, 2);
}

}  // namespace
}  // namespace rolesel

namespace rolesel {
namespace {

TEST(CliLint, CleanFilesExitZeroWithNoOutput) {
  CliResult r = RunCli("lint " + kPets);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CliLint, FindingsAreCompilerStyleLinesSortedByPosition) {
  TempDir dir;
  std::string f = dir.Write("bad.rules.json",
                            "{\"version\": 1,\n"
                            " \"rules\": [{\"id\": \"r\", \"method\": [\"GET\"], "
                            "\"role\": \"arn:aws:iam::1:role/x\"}],\n"
                            " \"settings\": {\"duration_seconds\": 60}}\n");
  CliResult r = RunCli("lint " + f);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, f +
                       ":2:24: error: unknown key \"method\" in a rule; did you mean \"methods\"? "
                       "[unknown-key]\n" +
                       f +
                       ":2:51: error: bad role \"arn:aws:iam::1:role/x\": the account must be 12 "
                       "digits (a role is an IAM role ARN, \"preferred\" or {\"from_token\": "
                       "[globs]}) [bad-arn]\n" +
                       f +
                       ":3:35: error: settings.duration_seconds is 60; must be 900..43200 "
                       "[bad-duration]\n");
}

TEST(CliLint, SemanticWarningsOnALoadableFile) {
  TempDir dir;
  std::string f =
      dir.Write("w.rules.json",
                "{\"version\": 1,\n"
                " \"deny\": [{\"id\": \"all\"}, {\"id\": \"later\", \"groups\": [\"x\"]}]}\n");
  CliResult r = RunCli("lint " + f);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            f +
                ":2:11: warning: deny entry \"all\" has no conditions: it denies every request "
                "[deny-all]\n" +
                f +
                ":2:26: warning: deny[1] \"later\" is unreachable: deny[0] \"all\" matches "
                "every request it would match, and comes first [unreachable]\n");
}

TEST(CliLint, WarningsOnlyExitZeroUnlessStrict) {
  TempDir dir;
  std::string f = dir.Write("w.rules.json", R"({"version": 1, "deny": [{"id": "all"}]})");
  EXPECT_EQ(RunCli("lint " + f).exit_code, 0);
  EXPECT_EQ(RunCli("lint --strict " + f).exit_code, 1);
}

TEST(CliLint, UnreadableFileExitsTwo) {
  CliResult r = RunCli("lint /nonexistent.rules.json " + kPets);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent.rules.json"));
}

TEST(CliLint, JsonAndSarifCarryTheSameFindings) {
  TempDir dir;
  std::string f = dir.Write("bad.rules.json", "{\"version\": 2}");
  json findings = json::parse(RunCli("lint --format json " + f).out);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0]["check"], "bad-version");
  EXPECT_EQ(findings[0]["line"], 1);
  EXPECT_EQ(findings[0]["column"], 13);
  EXPECT_EQ(findings[0]["severity"], "error");
  CliResult sarif_run = RunCli("lint --format sarif " + f);
  EXPECT_EQ(sarif_run.exit_code, 1);
  json sarif = json::parse(sarif_run.out);
  EXPECT_EQ(sarif["version"], "2.1.0");
  const json& result = sarif["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "bad-version");
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startColumn"], 13);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], f);
}

TEST(CliLint, SyntaxErrorsAreErrorsWithTheirPosition) {
  TempDir dir;
  std::string f = dir.Write("s.rules.json", "{\"version\": 1,\n \"rules\": [],\n}");
  CliResult r = RunCli("lint " + f);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, f + ":2:13: error: JSON syntax error: trailing comma is not allowed [syntax]\n");
}

// A path that decodes to bytes that are not UTF-8 is unsafe_path, traced or
// not; --explain used to abort writing it as JSON.
TEST(CliEval, ExplainWritesAnyBytesAndDecidesAsWithoutATrace) {
  for (const char* path : {"/pets/%ff", "/pets/%c0%ae", "/secret/%C3"}) {
    const std::string request =
        std::string(R"({"method":"GET","path":")") + path +
        R"(","claims":{"cognito:username":"u","cognito:groups":["readers"]}})";
    CliResult plain = RunCli("eval --rules " + kPets + " --request -", request);
    CliResult traced = RunCli("eval --rules " + kPets + " --request - --explain", request);
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    ASSERT_EQ(traced.exit_code, 0) << traced.err;
    json a = json::parse(plain.out), b = json::parse(traced.out);
    EXPECT_EQ(a["reason"], "unsafe_path") << path;
    b.erase("trace");
    b.erase("input");  // what --explain read
    EXPECT_EQ(a, b) << path;
  }
}

TEST(CliLint, ReportsJwksKeysTheVerifierSkipsAndAJwksThatIsNone) {
  TempDir dir;
  const std::string rules = dir.Write("r.json", R"({"version": 1, "settings": {"jwt": {
    "issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X", "client_ids": ["c"],
    "jwks": "jwks.json"}}, "rules": [{"id": "r", "role": "preferred"}]})");
  dir.Write("jwks.json", R"({"keys": [{"kty": "RSA", "kid": "k", "alg": 5, "n": "AQAB",
    "e": "AQAB"}, {"kty": null}]})");
  CliResult r = RunCli("lint " + rules);
  EXPECT_EQ(r.exit_code, 0) << "warnings only";
  EXPECT_THAT(r.out, HasSubstr("keys[0] alg is not a string; skipped [jwks-key-skipped]"));
  EXPECT_THAT(r.out, HasSubstr("keys[1] kty is not a string; skipped [jwks-key-skipped]"));
  EXPECT_THAT(r.out, HasSubstr("has no usable key"));
  // The rules still load for `rolesel test` (no abort, a summary).
  dir.Write("f.json", R"({"rules": "r.json", "cases": [{"name": "n",
    "request": {"method": "GET", "path": "/", "claims": {}}, "expect": {"decision": "deny"}}]})");
  CliResult t = RunCli("test " + dir.path() + "/f.json");
  EXPECT_EQ(t.exit_code, 0) << t.err;
  EXPECT_THAT(t.out, HasSubstr("1 passed, 0 failed"));
  dir.Write("jwks.json", R"({"keys": [], "keys": []})");
  CliResult broken = RunCli("lint " + rules);
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_THAT(broken.out, HasSubstr("[jwks]"));
}

TEST(CliLint, AKeyTwiceInARulesFileIsAnErrorNamingBothPositions) {
  TempDir dir;
  const std::string rules = dir.Write("r.json", R"({"version": 1, "deny": [
  {"id": "admin", "path": "/admin/**",
   "path": "/nothing"}]})");
  CliResult r = RunCli("lint " + rules);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("r.json:3:4: error: duplicate key \"path\" (first at line 2, "
                               "column 19)"));
  EXPECT_FALSE(RuleSet::FromFile(rules).ok());
}

}  // namespace
}  // namespace rolesel
