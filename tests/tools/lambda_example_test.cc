// The example function end to end, as the README's Lambda section runs it:
// package.sh makes the zip; run_local.py unzips it, starts moto (STS, IAM,
// Cognito; signatures checked) and the Runtime API emulator, runs the zip's
// bootstrap and invokes it with REST, HTTP API, bearer-token and malformed
// events. CTest runs both once, as fixtures (tests/CMakeLists.txt); these
// tests read the report run_local.py wrote.
#include <map>
#include <set>
#include <sstream>

#include "cli_runner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "http_client.h"
#include "nlohmann/json.hpp"
#include "rolesel/event/event_reader.h"
#include "subprocess.h"

namespace rolesel {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

const std::string kSource = ROLESEL_SOURCE_DIR;
// The build this test belongs to: ROLESEL_BINARY is BUILD/bin/rolesel.
std::string BuildDir() {
  std::string binary = ROLESEL_BINARY;
  return binary.substr(0, binary.rfind("/bin/"));
}

class LambdaExample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string report = testing::Slurp(BuildDir() + "/lambda/run_local.json");
    if (report.empty()) return;  // each case then fails in SetUp
    report_ = new json(json::parse(report));
    for (const json& result : (*report_)["results"]) {
      (*responses_)[result["case"].get<std::string>()] = result["response"];
    }
  }
  // Here rather than in SetUpTestSuite: a failure there makes GoogleTest
  // report the cases as skipped, which CTest counts as passed.
  void SetUp() override {
    ASSERT_NE(report_, nullptr) << "run_local.json missing: run the CTest fixture "
                                   "lambda_example_run_local first";
  }
  static void TearDownTestSuite() {
    delete report_;
    report_ = nullptr;
  }
  static const json& Response(const std::string& name) {
    auto it = responses_->find(name);
    EXPECT_NE(it, responses_->end()) << name;
    static const json kNone;
    return it == responses_->end() ? kNone : it->second;
  }
  static json Body(const std::string& name) {
    return json::parse(Response(name)["body"].get<std::string>());
  }
  static json* report_;
  static std::map<std::string, json>* responses_;
};
json* LambdaExample::report_ = nullptr;
std::map<std::string, json>* LambdaExample::responses_ = new std::map<std::string, json>();

TEST_F(LambdaExample, AnAllowedRestCallAnswers200ActingAsTheGroupsRole) {
  for (const char* name : {"rest-admin-delete.json #1", "rest-admin-delete.json #3"}) {
    EXPECT_EQ(Response(name)["statusCode"], 200) << Response(name);
    json body = Body(name);
    EXPECT_EQ(body["rule"], "admins-manage");
    // The credentials are real: STS (moto) says who the handler is.
    EXPECT_EQ(body["caller"], "arn:aws:sts::123456789012:assumed-role/pets-admin/alice");
    EXPECT_EQ(Response(name)["isBase64Encoded"], false);
  }
}

TEST_F(LambdaExample, AnHttpApiCallAnswers200WithTheStageRemoved) {
  EXPECT_EQ(Response("http-reader-get.json #2")["statusCode"], 200);
  json body = Body("http-reader-get.json #2");
  EXPECT_EQ(body["path"], "/pets/42");
  EXPECT_EQ(body["caller"], "arn:aws:sts::123456789012:assumed-role/pets-reader/bob");
}

TEST_F(LambdaExample, DeniedCallsAnswer403WithTheReasonOnly) {
  std::map<std::string, std::string> expected = {
      {"rest-suspended.json", "deny_rule"},
      {"rest-foreign-role.json", "role_not_allowed"},
      {"http-encoded-slash.json", "unsafe_path"},
      {"bearer token with a forged payload", "invalid_token"}};
  for (const auto& [name, reason] : expected) {
    EXPECT_EQ(Response(name)["statusCode"], 403) << name;
    EXPECT_EQ(Body(name), json({{"message", "Forbidden"}, {"reason", reason}})) << name;
  }
}

TEST_F(LambdaExample, AVerifiedBearerTokenFromCognitoIsDecidedOnItsClaims) {
  EXPECT_EQ(Response("bearer ID token from moto Cognito")["statusCode"], 200);
  EXPECT_EQ(Body("bearer ID token from moto Cognito")["caller"],
            "arn:aws:sts::123456789012:assumed-role/pets-reader/alice");
}

TEST_F(LambdaExample, AMalformedEventAnswers400) {
  EXPECT_EQ(Response("not JSON")["statusCode"], 400);
  EXPECT_EQ(Body("not JSON")["reason"], "bad_request");
}

TEST_F(LambdaExample, StsIsCalledOncePerRoleAndSessionAcrossRepeatedCalls) {
  std::map<std::string, int> calls;
  for (const json& call : (*report_)["assume_role_calls"]) {
    calls[call["role"].get<std::string>() + " " + call["session"].get<std::string>()] =
        call["count"];
  }
  // Three calls each for alice (admin) and bob (reader), one bearer call for
  // alice (reader): three sessions, each assumed once.
  EXPECT_EQ(calls,
            (std::map<std::string, int>{{"arn:aws:iam::123456789012:role/pets-admin alice", 1},
                                        {"arn:aws:iam::123456789012:role/pets-reader alice", 1},
                                        {"arn:aws:iam::123456789012:role/pets-reader bob", 1}}));
}

TEST_F(LambdaExample, EveryInvocationIsAnsweredThroughTheRuntimeApi) {
  const json& invocations = (*report_)["invocations"];
  EXPECT_EQ(invocations.size(), (*report_)["results"].size());
  std::set<std::string> ids;
  for (const json& invocation : invocations) {
    EXPECT_TRUE(invocation["response"].is_string()) << invocation;
    ids.insert(invocation["request_id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), invocations.size());
  EXPECT_TRUE((*report_)["init_error"].is_null());
  // The function's log is JSON lines only, each naming the rules' revision.
  std::istringstream log((*report_)["function_log"].get<std::string>());
  int decisions = 0;
  bool init = false;
  for (std::string line; std::getline(log, line);) {
    if (line.empty()) continue;
    json parsed = json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(parsed.is_object()) << "not a JSON line: " << line;
    const bool metric = parsed.contains("_aws");
    EXPECT_TRUE(parsed.contains(metric ? "Revision" : "revision")) << line;
    if (parsed.value("event", "") == "decision") ++decisions;
    if (parsed.value("event", "") == "init") {
      init = true;
      EXPECT_EQ(parsed["runtime_client"], "built-in");
      EXPECT_EQ(parsed["event_kernel"], std::string(EventReaderKernel()));
      EXPECT_EQ(parsed["jwks"], "prefetched") << "moto's user pool keys, fetched at init";
      EXPECT_THAT(parsed["revision"].get<std::string>(), ::testing::StartsWith("sha256:"));
    }
  }
  EXPECT_TRUE(init);
  EXPECT_GE(decisions, 1);
  // The run decided a real Cognito ID token and fetched session credentials:
  // neither shows in the log.
  const std::string all = (*report_)["function_log"].get<std::string>();
  EXPECT_THAT(all, ::testing::Not(HasSubstr("eyJ"))) << "no token";
  EXPECT_THAT(all, ::testing::Not(HasSubstr("ASIA"))) << "no session credentials";
  EXPECT_THAT(all, ::testing::Not(HasSubstr("SessionToken")));
}

TEST(LambdaExampleInit, RulesThatDoNotLoadFailTheInitAndNothingIsServed) {
  testing::TempDir dir;
  std::string rules = dir.Write("bad.rules.json", "{\"version\": 1, \"rules\": [{\"id\": 1}]}");
  testing::Subprocess emulator(
      "env ROLESEL_RULES=" + rules +
      " AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=x "
      "python3 " +
      kSource + "/tools/lambda_example/emulator.py -- " + BuildDir() + "/lambda/stage/bootstrap");
  json info = json::parse(emulator.FirstLine());
  std::string base = "http://127.0.0.1:" + std::to_string(info["port"].get<int>());
  testing::HttpReply reply =
      testing::HttpPost(base + "/2015-03-31/functions/function/invocations", "{}");
  json error = json::parse(reply.body);
  EXPECT_EQ(error["type"], "Rolesel.RulesLoadError") << reply.body;
  EXPECT_THAT(error["body"]["errorMessage"].get<std::string>(), HasSubstr("bad.rules.json:1:"));
  EXPECT_TRUE(json::parse(testing::Http(base + "/test/log").body).empty())
      << "no invocation was answered";
}

TEST(LambdaExampleInit, AnInvocationWithLessTimeThanTheMarginAnswers504) {
  // A 0.3 s function timeout: every deadline is inside the 500 ms margin,
  // so an allowed call is answered 504 before STS is asked (the endpoint
  // below does not even listen).
  testing::Subprocess emulator(
      "env AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=x "
      "AWS_ENDPOINT_URL_STS=http://127.0.0.1:9 python3 " +
      kSource + "/tools/lambda_example/emulator.py --timeout 0.3 -- " + BuildDir() +
      "/lambda/stage/bootstrap");
  json info = json::parse(emulator.FirstLine());
  std::string base = "http://127.0.0.1:" + std::to_string(info["port"].get<int>());
  testing::HttpReply reply =
      testing::HttpPost(base + "/2015-03-31/functions/function/invocations",
                        testing::Slurp(kSource + "/rules/examples/events/rest-admin-delete.json"));
  json response = json::parse(reply.body);
  EXPECT_EQ(response["statusCode"], 504) << reply.body;
  EXPECT_EQ(json::parse(response["body"].get<std::string>()),
            json({{"message", "Gateway Timeout"}, {"error", "deadline_exceeded"}}));
}

TEST(LambdaExampleInit, AJwksThatCannotBeFetchedAtInitDoesNotFailTheInit) {
  testing::TempDir dir;
  // Keys on a port nothing listens on (9, discard): the prefetch fails.
  std::string rules =
      dir.Write("jwt.rules.json",
                R"({"version": 1, "settings": {"jwt": {"issuer": "https://issuer.example",
          "client_ids": ["c"], "jwks": "http://127.0.0.1:9/jwks.json"}},
          "rules": [{"id": "r", "groups": ["g"], "role": "arn:aws:iam::123456789012:role/r"}]})");
  std::string log_file = dir.path() + "/function.log";
  testing::Subprocess emulator(
      "env ROLESEL_RULES=" + rules +
      " AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=x "
      "python3 " +
      kSource + "/tools/lambda_example/emulator.py --function-log " + log_file + " -- " +
      BuildDir() + "/lambda/stage/bootstrap");
  json info = json::parse(emulator.FirstLine());
  std::string base = "http://127.0.0.1:" + std::to_string(info["port"].get<int>());
  const std::string event =
      R"({"resource":"/pets","path":"/pets","httpMethod":"GET",)"
      R"("headers":{"Authorization":"Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.e30.c2ln"},)"
      R"("requestContext":{"stage":"prod","authorizer":{"principalId":"x"}}})";
  testing::HttpReply reply =
      testing::HttpPost(base + "/2015-03-31/functions/function/invocations", event);
  json response = json::parse(reply.body);
  EXPECT_EQ(response["statusCode"], 403) << reply.body;
  EXPECT_THAT(response["body"].get<std::string>(), HasSubstr("invalid_token"));
  EXPECT_TRUE(json::parse(testing::Http(base + "/test/init-error").body).is_null());
  const std::string log = testing::Slurp(log_file);
  EXPECT_THAT(log, HasSubstr("\"event\":\"jwks_prefetch_failed\""));
  EXPECT_THAT(log, HasSubstr("\"jwks\":\"failed\""));
}

}  // namespace
}  // namespace rolesel
