// The s3:// source against moto_server as S3, with signature checking on
// (tests/tools/moto_s3.py): a signed GET, If-None-Match on the ETag.
#include "rolesel/source/s3_source.h"

#include <signal.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "subprocess.h"
#include "tools/cli_runner.h"

namespace rolesel::source {
namespace {

using ::testing::HasSubstr;

const std::string kTools = std::string(ROLESEL_SOURCE_DIR) + "/tests/tools";

class MotoS3 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    const std::string file = dir_->Write("v1.json", R"({"version": 1})");
    moto_ = new testing::Subprocess("python3 " + kTools +
                                    "/moto_s3.py serve rules-bucket prod/rules.json " + file);
    info_ = nlohmann::json::parse(moto_->FirstLine());
  }
  static void TearDownTestSuite() {
    kill(info_["pid"].get<int>(), SIGTERM);
    delete moto_;
    delete dir_;
  }
  static RulesSourceOptions Options(const std::string& secret = "") {
    RulesSourceOptions options;
    options.region = "us-east-1";
    options.s3_endpoint_url = "http://127.0.0.1:" + std::to_string(info_["port"].get<int>());
    options.credentials = std::make_shared<sts::StaticCredentialsProvider>(
        sts::AwsCredentials{info_["access_key_id"],
                            secret.empty() ? info_["secret_access_key"].get<std::string>() : secret,
                            "", absl::InfiniteFuture()});
    return options;
  }
  static void Put(const std::string& text) {
    const std::string file = dir_->Write("next.json", text);
    const std::string command = "S3_KEY=" + info_["access_key_id"].get<std::string>() +
                                " S3_SECRET=" + info_["secret_access_key"].get<std::string>() +
                                " python3 " + kTools + "/moto_s3.py put " +
                                std::to_string(info_["port"].get<int>()) +
                                " rules-bucket prod/rules.json " + file;
    ASSERT_EQ(std::system(command.c_str()), 0);
  }
  static testing::TempDir* dir_;
  static testing::Subprocess* moto_;
  static nlohmann::json info_;
};
testing::TempDir* MotoS3::dir_ = nullptr;
testing::Subprocess* MotoS3::moto_ = nullptr;
nlohmann::json MotoS3::info_;

TEST_F(MotoS3, ASignedGetReadsTheObjectAndAnUnchangedOneCostsA304) {
  auto source = OpenRulesSource("s3://rules-bucket/prod/rules.json", Options());
  ASSERT_TRUE(source.ok()) << source.status();
  auto first = (*source)->Fetch("");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->text, R"({"version": 1})");
  EXPECT_THAT((*first)->revision, ::testing::StartsWith("etag:"));
  auto same = (*source)->Fetch((*first)->revision);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_FALSE(same->has_value());
  Put(R"({"version": 1, "rules": []})");
  auto changed = (*source)->Fetch((*first)->revision);
  ASSERT_TRUE(changed.ok()) << changed.status();
  ASSERT_TRUE(changed->has_value());
  EXPECT_EQ((*changed)->text, R"({"version": 1, "rules": []})");
  EXPECT_NE((*changed)->revision, (*first)->revision);
}

TEST_F(MotoS3, AWrongSecretOrAMissingKeyIsAnErrorWithS3sCode) {
  auto wrong = OpenRulesSource("s3://rules-bucket/prod/rules.json", Options("not-the-secret"));
  auto refused = (*wrong)->Fetch("");
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("HTTP 403"));
  EXPECT_THAT(refused.status().message(), ::testing::Not(HasSubstr("not-the-secret")));
  auto missing = OpenRulesSource("s3://rules-bucket/prod/none.json", Options());
  EXPECT_THAT((*missing)->Fetch("").status().message(), HasSubstr("NoSuchKey"));
}

}  // namespace
}  // namespace rolesel::source
