// Bearer tokens end to end, through `rolesel eval`: real tokens from moto's
// Cognito IDP, and self-signed ones against a JWKS file.
#include <signal.h>

#include "cli_runner.h"
#include "engine/jwt/token_maker.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolesel/core/decision_json.h"
#include "rolesel/rule_set.h"
#include "subprocess.h"

namespace rolesel {
namespace {

using nlohmann::json;
using ::rolesel::testing::CliResult;
using ::rolesel::testing::RunCli;
using ::rolesel::testing::TempDir;
using ::testing::HasSubstr;

const std::string kTools = std::string(ROLESEL_SOURCE_DIR) + "/tests/tools";

json Rules(const std::string& issuer, const std::string& client, const std::string& jwks) {
  return {{"version", 1},
          {"settings", {{"jwt", {{"issuer", issuer}, {"client_ids", {client}}, {"jwks", jwks}}}}},
          {"rules",
           {{{"id", "readers"},
             {"groups", {"readers"}},
             {"role", "arn:aws:iam::123456789012:role/pets-reader"}}}}};
}

// A REST event from an API with a Lambda authorizer: no claims, a token.
json RestEvent(const std::string& authorization) {
  return {{"resource", "/pets"},
          {"path", "/pets"},
          {"httpMethod", "GET"},
          {"headers", {{"Authorization", authorization}}},
          {"requestContext", {{"stage", "prod"}, {"authorizer", {{"principalId", "x"}}}}}};
}

// An HTTP API event: lower-case header names.
json HttpEvent(const std::string& authorization) {
  return {{"version", "2.0"},
          {"rawPath", "/pets"},
          {"headers", {{"authorization", authorization}}},
          {"requestContext", {{"stage", "$default"}, {"http", {{"method", "GET"}}}}}};
}

class MotoCognito : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    moto_ = new testing::Subprocess("python3 " + kTools + "/moto_cognito.py");
    info_ = json::parse(moto_->FirstLine());
    dir_ = new TempDir();
    rules_ = dir_->Write("r.rules.json",
                         Rules(info_["issuer"], info_["client_id"], info_["jwks_url"]).dump());
  }
  static void TearDownTestSuite() {
    kill(info_["pid"].get<int>(), SIGTERM);
    delete moto_;
    delete dir_;
  }
  static json Eval(const json& event) {
    CliResult r =
        RunCli("eval --rules " + rules_ + " --event " + dir_->Write("e.json", event.dump()));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }
  static testing::Subprocess* moto_;
  static TempDir* dir_;
  static json info_;
  static std::string rules_;
};
testing::Subprocess* MotoCognito::moto_ = nullptr;
TempDir* MotoCognito::dir_ = nullptr;
json MotoCognito::info_;
std::string MotoCognito::rules_;

TEST_F(MotoCognito, AValidIdTokenIsAllowedWithTheRightRoleAndSessionName) {
  json d = Eval(RestEvent("Bearer " + info_["id_token"].get<std::string>()));
  EXPECT_EQ(d["decision"], "allow");
  EXPECT_EQ(d["role"], "arn:aws:iam::123456789012:role/pets-reader");
  EXPECT_EQ(d["session_name"], "alice");
  json http = Eval(HttpEvent(info_["id_token"]));
  EXPECT_EQ(http["decision"], "allow") << "no Bearer prefix, lower-case header";
}

TEST_F(MotoCognito, ForgedOrWrongTokensAreInvalidToken) {
  std::string token = info_["id_token"];
  size_t first = token.find('.'), second = token.find('.', first + 1);
  json payload = json::parse([&] {
    std::string decoded;
    absl::WebSafeBase64Unescape(token.substr(first + 1, second - first - 1), &decoded);
    return decoded;
  }());
  payload["cognito:groups"] = {"readers", "admins"};
  std::string swapped =
      token.substr(0, first + 1) + testing::B64(payload.dump()) + token.substr(second);
  EXPECT_EQ(Eval(RestEvent("Bearer " + swapped))["reason"], "invalid_token");
  EXPECT_EQ(Eval(RestEvent("Bearer " + info_["access_token"].get<std::string>()))["reason"],
            "invalid_token")
      << "an access token where an ID token is required";
  EXPECT_EQ(Eval(RestEvent("Bearer garbage"))["reason"], "invalid_token");
}

// The claims of an ID token for bob (group readers) from `issuer` for client
// c1, valid for ten minutes from `now`.
json BobsIdToken(const std::string& issuer, int64_t now) {
  return {{"iss", issuer},
          {"aud", "c1"},
          {"token_use", "id"},
          {"sub", "s"},
          {"cognito:username", "bob"},
          {"cognito:groups", {"readers"}},
          {"iat", now},
          {"exp", now + 600}};
}

TEST(BearerToken, SelfSignedTokensAgainstAJwksFile) {
  TempDir dir;
  testing::TestKey key("k1");
  const std::string issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Self";
  dir.Write("jwks.json", json{{"keys", {key.Jwk()}}}.dump());
  std::string rules = dir.Write("r.rules.json", Rules(issuer, "c1", "jwks.json").dump());
  const int64_t now = time(nullptr);
  json claims = BobsIdToken(issuer, now);
  auto eval = [&](const json& event) {
    CliResult r =
        RunCli("eval --explain --rules " + rules + " --event " + dir.Write("e.json", event.dump()));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  };
  json allowed = eval(RestEvent("Bearer " + key.Token(claims)));
  EXPECT_EQ(allowed["decision"], "allow");
  EXPECT_EQ(allowed["session_name"], "bob");
  json expired = claims;
  expired["exp"] = now - 3600;
  json refused = eval(RestEvent("Bearer " + key.Token(expired)));
  EXPECT_EQ(refused["reason"], "invalid_token");
  EXPECT_THAT(refused["detail"].get<std::string>(), HasSubstr("expired"));
  bool traced = false;
  for (const auto& step : refused["trace"]) {
    if (step["id"] == "token" && step["matched"] == false) traced = true;
  }
  EXPECT_TRUE(traced) << "a trace entry says which check failed";
}

// The verified-token cache changes what a repeated token costs, not what it
// decides: the first decision (a full check), the repeat (a cache hit), and
// both traced, are one decision; a forged variant of the token stays refused
// however often the good one was seen.
TEST(BearerToken, ARepeatedTokenDecidesExactlyAsTheFirstTimeTracedOrNot) {
  TempDir dir;
  testing::TestKey key("k1");
  const std::string issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Self";
  dir.Write("jwks.json", json{{"keys", {key.Jwk()}}}.dump());
  auto rules =
      RuleSet::FromFile(dir.Write("r.rules.json", Rules(issuer, "c1", "jwks.json").dump()));
  ASSERT_TRUE(rules.ok()) << rules.status();
  const std::string token = key.Token(BobsIdToken(issuer, time(nullptr)));
  const std::string event = RestEvent("Bearer " + token).dump();
  const auto decided = [&](const std::string& bytes, bool traced) {
    Trace trace;
    DecideOptions options;
    if (traced) options.trace = &trace;
    return DecisionToJson((*rules)->DecideEvent(bytes, options)).dump();
  };
  const std::string first = decided(event, false);
  EXPECT_THAT(first, HasSubstr("\"allow\""));
  EXPECT_EQ(decided(event, false), first);
  EXPECT_EQ(decided(event, true), first);
  std::string forged = token;
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(decided(RestEvent("Bearer " + forged).dump(), i == 1), HasSubstr("invalid_token"));
  }
  EXPECT_EQ(decided(event, true), first);
}

TEST(BearerToken, AMissingJwksFileFailsTheLoad) {
  TempDir dir;
  std::string rules = dir.Write("r.rules.json", Rules("https://x", "c", "nope.json").dump());
  CliResult r = RunCli("eval --rules " + rules + " --request '{}'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("settings.jwt.jwks"));
}

}  // namespace
}  // namespace rolesel
