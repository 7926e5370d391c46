// The built-in STS client against a fault-injecting server and moto_server,
// both on 127.0.0.1, both started here.
#include "rolesel/sts/sts_client.h"

#include <atomic>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "http_client.h"
#include "nlohmann/json.hpp"
#include "rolesel/sts/credential_cache.h"
#include "subprocess.h"

namespace rolesel::sts {
namespace {

using ::testing::HasSubstr;

const std::string kTools = std::string(ROLESEL_SOURCE_DIR) + "/tests/tools";

class FakeSts {
 public:
  explicit FakeSts(const std::string& behaviours)
      : process_("timeout 120 /usr/bin/python3 " + kTools + "/fake_sts.py " + behaviours),
        url_("http://127.0.0.1:" + process_.FirstLine()) {}
  const std::string& url() const { return url_; }
  int Requests() const { return std::stoi(testing::Http(url_ + "/_count").body); }

 private:
  testing::Subprocess process_;
  std::string url_;
};

AwsCredentials Caller() {
  return AwsCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "",
                        absl::InfiniteFuture()};
}

std::unique_ptr<StsClient> Client(const std::string& url, AwsCredentials caller = Caller()) {
  StsClientOptions options;
  options.region = "us-east-1";
  options.endpoint_url = url;
  options.request_timeout = absl::Milliseconds(800);
  options.base_backoff = absl::Milliseconds(10);
  options.max_backoff = absl::Milliseconds(50);
  auto client = StsClient::Create(options, std::make_shared<StaticCredentialsProvider>(caller));
  EXPECT_TRUE(client.ok()) << client.status();
  return *std::move(client);
}

AssumeRoleRequest Request() {
  AssumeRoleRequest r;
  r.role_arn = "arn:aws:iam::123456789012:role/pets-reader";
  r.session_name = "alice";
  r.duration_seconds = 900;
  return r;
}

TEST(DefaultStsEndpoint, IsRegionalAndKnowsChina) {
  EXPECT_EQ(DefaultStsEndpoint("eu-west-1"), "https://sts.eu-west-1.amazonaws.com");
  EXPECT_EQ(DefaultStsEndpoint("cn-north-1"), "https://sts.cn-north-1.amazonaws.com.cn");
}

TEST(StsClient, RefusesBadEndpointsAndMissingRegion) {
  auto caller = std::make_shared<StaticCredentialsProvider>(Caller());
  StsClientOptions bad;
  bad.region = "us-east-1";
  bad.endpoint_url = "ftp://x";
  EXPECT_FALSE(StsClient::Create(bad, caller).ok());
  bad.endpoint_url = "http://x/path";
  EXPECT_FALSE(StsClient::Create(bad, caller).ok());
}

TEST(StsClient, AssumesARole) {
  FakeSts sts("ok");
  auto credentials = Client(sts.url())->AssumeRole(Request());
  ASSERT_TRUE(credentials.ok()) << credentials.status();
  EXPECT_EQ(credentials->access_key_id, "ASIAFAKEFAKEFAKE1234");
  EXPECT_GT(credentials->expiration, absl::Now());
  EXPECT_EQ(sts.Requests(), 1);
}

TEST(StsClient, RetriesThrottlingThenSucceeds) {
  FakeSts sts("throttle throttle ok");
  auto credentials = Client(sts.url())->AssumeRole(Request());
  ASSERT_TRUE(credentials.ok()) << credentials.status();
  EXPECT_EQ(sts.Requests(), 3);
}

TEST(StsClient, GivesUpOn5xxAfterTheAttemptBound) {
  FakeSts sts("500");
  auto credentials = Client(sts.url())->AssumeRole(Request());
  EXPECT_EQ(credentials.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(AwsErrorCode(credentials.status()), "InternalFailure");
  EXPECT_THAT(std::string(credentials.status().message()), HasSubstr("after 4 attempts"));
  EXPECT_EQ(sts.Requests(), 4);
}

TEST(StsClient, TimesOutASlowResponseAndRetries) {
  FakeSts sts("slow ok");
  auto credentials = Client(sts.url())->AssumeRole(Request());
  ASSERT_TRUE(credentials.ok()) << credentials.status();
  EXPECT_EQ(sts.Requests(), 2);
}

TEST(StsClient, RetriesADroppedConnection) {
  FakeSts sts("drop ok");
  ASSERT_TRUE(Client(sts.url())->AssumeRole(Request()).ok());
  EXPECT_EQ(sts.Requests(), 2);
}

TEST(StsClient, RetriesMalformedAndTruncatedResponses) {
  FakeSts sts("malformed truncated ok");
  ASSERT_TRUE(Client(sts.url())->AssumeRole(Request()).ok());
  EXPECT_EQ(sts.Requests(), 3);
  FakeSts always("truncated");
  auto failed = Client(always.url())->AssumeRole(Request());
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(failed.status().message()), HasSubstr("malformed STS response"));
  EXPECT_EQ(always.Requests(), 4);
}

TEST(StsClient, RefusesAlreadyExpiredCredentialsWithoutRetrying) {
  FakeSts sts("expired");
  auto credentials = Client(sts.url())->AssumeRole(Request());
  EXPECT_EQ(credentials.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(credentials.status().message()), HasSubstr("already expired"));
  EXPECT_EQ(sts.Requests(), 1);
}

TEST(StsClient, DoesNotRetryAccessDenied) {
  FakeSts sts("denied");
  auto credentials = Client(sts.url())->AssumeRole(Request());
  EXPECT_EQ(credentials.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(AwsErrorCode(credentials.status()), "AccessDenied");
  EXPECT_THAT(std::string(credentials.status().message()),
              HasSubstr("AccessDenied: User is not authorized (HTTP 403)"));
  EXPECT_EQ(sts.Requests(), 1);
}

TEST(StsClient, NoSecretInAnyErrorMessage) {
  FakeSts sts("denied");
  auto credentials = Client(sts.url())->AssumeRole(Request());
  EXPECT_EQ(std::string(credentials.status().message()).find("wJalr"), std::string::npos);
}

TEST(StsClient, CacheMakesOneCallWhen16ThreadsMissAtOnce) {
  FakeSts sts("slowok");
  auto client = Client(sts.url());
  CachingRoleAssumer cache(client.get());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] { ok += cache.AssumeRole(Request()).ok() ? 1 : 0; });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 16);
  EXPECT_EQ(sts.Requests(), 1);
}

// moto_server with SigV4 checking on (docs/testing.md, "moto").
class Moto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new testing::Subprocess("python3 " + kTools + "/moto_env.py");
    info_ = nlohmann::json::parse(env_->FirstLine());
  }
  static void TearDownTestSuite() {
    kill(info_["pid"].get<int>(), SIGTERM);
    delete env_;
  }
  static std::string Url() {
    return "http://127.0.0.1:" + std::to_string(info_["port"].get<int>());
  }
  static AwsCredentials Keys() {
    return {info_["access_key_id"], info_["secret_access_key"], "", absl::InfiniteFuture()};
  }
  static testing::Subprocess* env_;
  static nlohmann::json info_;
};
testing::Subprocess* Moto::env_ = nullptr;
nlohmann::json Moto::info_;

TEST_F(Moto, AssumedCredentialsWorkForAFurtherSignedCall) {
  auto client = Client(Url(), Keys());
  AssumeRoleRequest request = Request();
  request.role_arn = info_["role_arn"];
  auto assumed = client->AssumeRole(request);
  ASSERT_TRUE(assumed.ok()) << assumed.status();
  EXPECT_THAT(assumed->access_key_id, ::testing::StartsWith("ASIA"));
  auto caller = client->GetCallerIdentity(*assumed);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(*caller, "arn:aws:sts::123456789012:assumed-role/pets-reader/alice");
}

TEST_F(Moto, AWrongSecretIsSignatureDoesNotMatch) {
  AwsCredentials wrong = Keys();
  wrong.secret_access_key += "x";
  auto assumed = Client(Url(), wrong)->AssumeRole(Request());
  ASSERT_FALSE(assumed.ok());
  EXPECT_EQ(AwsErrorCode(assumed.status()), "SignatureDoesNotMatch");
  EXPECT_EQ(assumed.status().code(), absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace rolesel::sts
