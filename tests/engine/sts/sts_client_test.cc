// The built-in STS client against a fault-injecting server and moto_server,
// both on 127.0.0.1, both started here.
#include "rolesel/sts/sts_client.h"

#include <atomic>
#include <cstdlib>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
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
  // The last AssumeRole's parameters, decoded, in the order sent.
  std::vector<std::pair<std::string, std::string>> LastForm() const {
    std::vector<std::pair<std::string, std::string>> form;
    for (absl::string_view pair : absl::StrSplit(testing::Http(url_ + "/_last").body, '&')) {
      std::pair<std::string, std::string> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
      form.emplace_back(Decode(kv.first), Decode(kv.second));
    }
    return form;
  }

 private:
  static std::string Decode(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '%' && i + 2 < text.size()) {
        out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
        i += 2;
      } else {
        out.push_back(text[i]);
      }
    }
    return out;
  }

 public:
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

TEST(StsEndpointFor, IsRegionalAndKnowsChina) {
  auto eu = StsEndpointFor("eu-west-1", "regional");
  ASSERT_TRUE(eu.ok());
  EXPECT_EQ(eu->url, "https://sts.eu-west-1.amazonaws.com");
  EXPECT_EQ(eu->signing_region, "eu-west-1");
  EXPECT_EQ(StsEndpointFor("cn-north-1", "regional")->url,
            "https://sts.cn-north-1.amazonaws.com.cn");
}

TEST(StsEndpointFor, IsGlobalOnlyWhenAskedAndSignsItForUsEast1) {
  for (const char* region : {"us-east-1", "eu-west-1", "ap-northeast-1", "sa-east-1"}) {
    auto legacy = StsEndpointFor(region, "legacy");
    ASSERT_TRUE(legacy.ok());
    EXPECT_EQ(legacy->url, "https://sts.amazonaws.com") << region;
    EXPECT_EQ(legacy->signing_region, "us-east-1") << region;
    EXPECT_EQ(StsEndpointFor(region, "regional")->url,
              absl::StrCat("https://sts.", region, ".amazonaws.com"));
  }
  // Regions that came after the global endpoint stay regional even so.
  for (const char* region : {"af-south-1", "ap-east-1", "eu-south-1", "me-south-1"}) {
    EXPECT_EQ(StsEndpointFor(region, "legacy")->url,
              absl::StrCat("https://sts.", region, ".amazonaws.com"));
  }
  EXPECT_EQ(StsEndpointFor("aws-global", "regional")->url, "https://sts.amazonaws.com");
  EXPECT_EQ(StsEndpointFor("eu-west-1", "Legacy").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(StsClient, ReadsAwsStsRegionalEndpointsFromTheEnvironment) {
  const char* saved_sts = std::getenv("AWS_ENDPOINT_URL_STS");
  const char* saved_any = std::getenv("AWS_ENDPOINT_URL");
  ASSERT_EQ(saved_sts, nullptr);
  ASSERT_EQ(saved_any, nullptr);
  StsClientOptions options;
  options.region = "eu-west-1";
  auto provider = std::make_shared<StaticCredentialsProvider>(Caller());
  setenv("AWS_STS_REGIONAL_ENDPOINTS", "legacy", 1);
  auto legacy = StsClient::Create(options, provider);
  setenv("AWS_STS_REGIONAL_ENDPOINTS", "nonsense", 1);
  auto refused = StsClient::Create(options, provider);
  unsetenv("AWS_STS_REGIONAL_ENDPOINTS");
  auto regional = StsClient::Create(options, provider);
  ASSERT_TRUE(legacy.ok() && regional.ok());
  EXPECT_EQ((*legacy)->endpoint(), "https://sts.amazonaws.com/");
  EXPECT_EQ((*legacy)->signing_region(), "us-east-1");
  EXPECT_EQ((*regional)->endpoint(), "https://sts.eu-west-1.amazonaws.com/");
  EXPECT_EQ((*regional)->signing_region(), "eu-west-1");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("nonsense"));
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

TEST(StsClient, NothingIsSentOnceTheDeadlineHasPassed) {
  FakeSts sts("ok");
  AssumeRoleRequest request = Request();
  request.deadline = absl::Now() - absl::Milliseconds(1);
  auto credentials = Client(sts.url())->AssumeRole(request);
  EXPECT_EQ(credentials.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(std::string(credentials.status().message()), HasSubstr("not sent"));
  EXPECT_EQ(sts.Requests(), 0);
}

TEST(StsClient, AnAttemptIsCutAtTheDeadlineNotAtTheClientsOwnTimeout) {
  FakeSts sts("slow");  // answers after 3 s; the client's own timeout is 800 ms
  AssumeRoleRequest request = Request();
  const absl::Time start = absl::Now();
  request.deadline = start + absl::Milliseconds(250);
  auto credentials = Client(sts.url())->AssumeRole(request);
  EXPECT_EQ(credentials.status().code(), absl::StatusCode::kDeadlineExceeded)
      << credentials.status();
  // One attempt at most: none when the deadline passed before it could be
  // sent (seen under qemu on a loaded machine), and no retry after it.
  EXPECT_LE(sts.Requests(), 1) << "no retry after the deadline";
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(790)) << "ended by the deadline";
}

TEST(StsClient, NoBackoffSleepsPastTheDeadline) {
  FakeSts sts("500");
  StsClientOptions options;
  options.region = "us-east-1";
  options.endpoint_url = sts.url();
  options.base_backoff = options.max_backoff = absl::Seconds(5);
  options.max_attempts = 100;  // only the deadline ends the retries
  auto client = *StsClient::Create(options, std::make_shared<StaticCredentialsProvider>(Caller()));
  AssumeRoleRequest request = Request();
  request.deadline = absl::Now() + absl::Seconds(1);
  // The jitter may draw a short wait; retries go on only while they fit.
  auto credentials = client->AssumeRole(request);
  EXPECT_EQ(credentials.status().code(), absl::StatusCode::kDeadlineExceeded)
      << credentials.status();
  EXPECT_THAT(std::string(credentials.status().message()), HasSubstr("InternalFailure"))
      << "the last real error is kept";
  EXPECT_LE(absl::Now(), request.deadline + absl::Milliseconds(200));
}

TEST(StsClient, EveryAttemptTakesATokenOfTheSharedLimiter) {
  FakeSts sts("ok");
  TokenBucketOptions bucket;
  bucket.rate = 0.5;  // one more call every 2 s
  bucket.burst = 2;
  auto limiter = std::make_shared<TokenBucket>(bucket);
  StsClientOptions options;
  options.region = "us-east-1";
  options.endpoint_url = sts.url();
  options.rate_limiter = limiter;
  auto provider = std::make_shared<StaticCredentialsProvider>(Caller());
  auto first = *StsClient::Create(options, provider);
  auto second = *StsClient::Create(options, provider);  // the same bucket
  AssumeRoleRequest request = Request();
  request.deadline = absl::Now() + absl::Milliseconds(500);
  EXPECT_TRUE(first->AssumeRole(request).ok());
  EXPECT_TRUE(second->AssumeRole(request).ok());
  auto third = first->AssumeRole(request);
  EXPECT_EQ(third.status().code(), absl::StatusCode::kResourceExhausted) << third.status();
  EXPECT_THAT(std::string(third.status().message()), HasSubstr("rate limit"));
  EXPECT_EQ(sts.Requests(), 2) << "the refused call never reached STS";
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

AssumeRoleRequest NarrowedRequest() {
  AssumeRoleRequest r = Request();
  r.source_identity = "alice";
  r.tags = {{"tenant", "acme"}, {"team", "red"}};
  r.transitive_tag_keys = {"tenant"};
  r.policy = R"({"Statement":[{"Action":"s3:GetObject","Effect":"Allow",)"
             R"("Resource":"arn:aws:s3:::b/acme/*"}],"Version":"2012-10-17"})";
  r.policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess",
                   "arn:aws:iam::123456789012:policy/orders-read"};
  return r;
}

TEST(StsClient, SendsEveryParameterThatShapesTheCredentials) {
  FakeSts sts("ok");
  ASSERT_TRUE(Client(sts.url())->AssumeRole(NarrowedRequest()).ok());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Action", "AssumeRole"},
      {"Version", "2011-06-15"},
      {"RoleArn", "arn:aws:iam::123456789012:role/pets-reader"},
      {"RoleSessionName", "alice"},
      {"DurationSeconds", "900"},
      {"SourceIdentity", "alice"},
      {"Tags.member.1.Key", "tenant"},
      {"Tags.member.1.Value", "acme"},
      {"Tags.member.2.Key", "team"},
      {"Tags.member.2.Value", "red"},
      {"TransitiveTagKeys.member.1", "tenant"},
      {"Policy", NarrowedRequest().policy},
      {"PolicyArns.member.1.arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"},
      {"PolicyArns.member.2.arn", "arn:aws:iam::123456789012:policy/orders-read"}};
  EXPECT_EQ(sts.LastForm(), expected);
}

TEST(StsClient, PackedPolicyTooLargeIsNotRetriedAndGivesStsPercentage) {
  FakeSts sts("packed");
  auto assumed = Client(sts.url())->AssumeRole(NarrowedRequest());
  ASSERT_FALSE(assumed.ok());
  EXPECT_EQ(AwsErrorCode(assumed.status()), "PackedPolicyTooLarge");
  EXPECT_THAT(assumed.status().message(),
              HasSubstr("session tags take 112% of STS's packed size budget"));
  EXPECT_EQ(sts.Requests(), 1);
}

TEST(StsClient, WhatStsWouldRefuseIsRefusedWithoutACall) {
  FakeSts sts("ok");
  auto client = Client(sts.url());
  const auto refused = [&](AssumeRoleRequest r, const std::string& says) {
    auto assumed = client->AssumeRole(r);
    EXPECT_FALSE(assumed.ok());
    EXPECT_THAT(assumed.status().message(), HasSubstr(says));
    EXPECT_EQ(assumed.status().code(), absl::StatusCode::kInvalidArgument);
  };
  AssumeRoleRequest r = NarrowedRequest();
  r.tags.assign(51, {"k", "v"});
  refused(r, "at most 50 session tags");
  r = NarrowedRequest();
  r.tags = {{std::string(129, 'k'), "v"}};
  r.transitive_tag_keys.clear();
  refused(r, "is not 1 to 128 characters");
  r = NarrowedRequest();
  r.tags[0].second = std::string(257, 'v');
  refused(r, "longer than 256 characters");
  r = NarrowedRequest();
  r.transitive_tag_keys = {"nope"};
  refused(r, "not a key of the session tags");
  r = NarrowedRequest();
  r.policy = std::string(2049, ' ');
  refused(r, "2049 characters; STS allows at most 2048");
  r = NarrowedRequest();
  r.policy_arns.assign(11, "arn:aws:iam::aws:policy/ReadOnlyAccess");
  refused(r, "at most 10 policy ARNs");
  EXPECT_EQ(sts.Requests(), 0);
  r = NarrowedRequest();
  r.policy = std::string(2048, ' ');
  r.tags[0].second = std::string(256, 'v');
  EXPECT_TRUE(CheckStsLimits(r).ok());
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

TEST_F(Moto, AcceptsASessionPolicyPolicyArnsAndTransitiveTags) {
  auto client = Client(Url(), Keys());
  AssumeRoleRequest request = NarrowedRequest();
  request.role_arn = info_["role_arn"];
  auto assumed = client->AssumeRole(request);
  ASSERT_TRUE(assumed.ok()) << assumed.status();
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
