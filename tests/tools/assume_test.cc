// `rolesel assume` through the real binary, against moto_server on 127.0.0.1.
#include "cli_runner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "subprocess.h"

namespace rolesel {
namespace {

using nlohmann::json;
using ::rolesel::testing::CliResult;
using ::rolesel::testing::RunCli;
using ::testing::HasSubstr;

const std::string kTools = std::string(ROLESEL_SOURCE_DIR) + "/tests/tools";
constexpr char kRules[] = R"({"version": 1, "settings": {"duration_seconds": 900},
  "rules": [{"id": "readers", "groups": ["readers"],
             "role": "arn:aws:iam::123456789012:role/pets-reader"}]})";

class Assume : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    moto_ = new testing::Subprocess("python3 " + kTools + "/moto_env.py");
    info_ = json::parse(moto_->FirstLine());
    dir_ = new testing::TempDir();
    rules_ = dir_->Write("r.rules.json", kRules);
  }
  static void TearDownTestSuite() {
    kill(info_["pid"].get<int>(), SIGTERM);
    delete moto_;
    delete dir_;
  }
  static std::string Env(const std::string& secret) {
    return "AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=" + info_["access_key_id"].get<std::string>() +
           " AWS_SECRET_ACCESS_KEY='" + secret + "' AWS_SESSION_TOKEN= ";
  }
  static std::string Args(const std::string& groups) {
    return "assume --rules " + rules_ +
           " --endpoint-url http://127.0.0.1:" + std::to_string(info_["port"].get<int>()) +
           " --request '{\"method\":\"GET\",\"path\":\"/pets\",\"claims\":{"
           "\"cognito:username\":\"alice\",\"cognito:groups\":" +
           groups + "}}'";
  }
  static testing::Subprocess* moto_;
  static testing::TempDir* dir_;
  static json info_;
  static std::string rules_;
};
testing::Subprocess* Assume::moto_ = nullptr;
testing::TempDir* Assume::dir_ = nullptr;
json Assume::info_;
std::string Assume::rules_;

TEST_F(Assume, AllowedPrintsCredentialProcessJson) {
  CliResult r = RunCli(Args("[\"readers\"]"), "", Env(info_["secret_access_key"]));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json creds = json::parse(r.out);
  EXPECT_EQ(creds["Version"], 1);
  EXPECT_THAT(creds["AccessKeyId"].get<std::string>(), ::testing::StartsWith("ASIA"));
  EXPECT_FALSE(creds["SecretAccessKey"].get<std::string>().empty());
  EXPECT_FALSE(creds["SessionToken"].get<std::string>().empty());
  EXPECT_THAT(creds["Expiration"].get<std::string>(),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"));
}

TEST_F(Assume, DeniedPrintsTheDecisionAndExitsThree) {
  CliResult r = RunCli(Args("[\"nobody\"]"), "", Env(info_["secret_access_key"]));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(json::parse(r.out)["reason"], "no_match");
}

TEST_F(Assume, AWrongSecretExitsFourNamingSignatureDoesNotMatch) {
  CliResult r = RunCli(Args("[\"readers\"]"), "", Env("wrong-secret"));
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("SignatureDoesNotMatch"));
  EXPECT_EQ(r.err.find("wrong-secret"), std::string::npos) << "no secret on stderr";
  EXPECT_TRUE(r.out.empty());
}

TEST(AssumeUsage, MissingCredentialsOrRegionExitTwo) {
  testing::TempDir dir;
  std::string rules = dir.Write("r.rules.json", kRules);
  std::string args = "assume --rules " + rules +
                     " --request '{\"method\":\"GET\",\"path\":\"/\",\"claims\":"
                     "{\"cognito:groups\":[\"readers\"]}}'";
  EXPECT_EQ(
      RunCli(args, "", "env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY AWS_REGION=us-east-1 ")
          .exit_code,
      2);
  EXPECT_EQ(RunCli(args, "", "env -u AWS_REGION -u AWS_DEFAULT_REGION ").exit_code, 2);
  EXPECT_EQ(RunCli("assume --rules " + rules).exit_code, 2);
}

}  // namespace
}  // namespace rolesel
