// The built-in Lambda Runtime API client against tools/lambda_example/
// emulator.py on 127.0.0.1.
#include "rolesel/lambda/runtime_api_client.h"

#include <cstdlib>
#include <future>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "http_client.h"
#include "nlohmann/json.hpp"
#include "subprocess.h"
#include "test_util.h"

namespace rolesel::lambda {
namespace {

using nlohmann::json;
using ::rolesel::testing::Http;
using ::rolesel::testing::HttpPost;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class RuntimeApiClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator_ = std::make_unique<testing::Subprocess>(
        "python3 " + testing::SourceDir() + "/tools/lambda_example/emulator.py --timeout 5");
    json info = json::parse(emulator_->FirstLine());
    endpoint_ = "127.0.0.1:" + std::to_string(info["port"].get<int>());
  }
  std::future<testing::HttpReply> Invoke(const std::string& event) {
    std::string url = "http://" + endpoint_ + "/2015-03-31/functions/function/invocations";
    return std::async(std::launch::async, [url, event] { return HttpPost(url, event); });
  }
  json TestLog() { return json::parse(Http("http://" + endpoint_ + "/test/log").body); }

  std::unique_ptr<testing::Subprocess> emulator_;
  std::string endpoint_;
};

TEST_F(RuntimeApiClientTest, NextReadsTheEventAndTheInvocationHeaders) {
  auto reply = Invoke(R"({"path":"/pets"})");
  RuntimeApiClient client(endpoint_);
  absl::StatusOr<Invocation> invocation = client.Next();
  ASSERT_TRUE(invocation.ok()) << invocation.status();
  EXPECT_EQ(invocation->payload, R"({"path":"/pets"})");
  EXPECT_EQ(invocation->request_id.size(), 36u) << invocation->request_id;
  EXPECT_THAT(invocation->invoked_function_arn, StartsWith("arn:aws:lambda:"));
  EXPECT_THAT(invocation->trace_id, StartsWith("Root=1-"));
  // The emulator's function timeout is 5 s.
  EXPECT_GT(invocation->remaining(), absl::Seconds(3));
  EXPECT_LE(invocation->remaining(), absl::Seconds(5));
  const char* trace = std::getenv("_X_AMZN_TRACE_ID");
  ASSERT_NE(trace, nullptr) << "the X-Ray trace id is handed on to SDKs";
  EXPECT_EQ(trace, invocation->trace_id);
  ASSERT_TRUE(client.PostResponse(invocation->request_id, R"({"statusCode":200})").ok());
  EXPECT_EQ(reply.get().body, R"({"statusCode":200})");
}

TEST_F(RuntimeApiClientTest, ResponsesGoToTheirOwnInvocation) {
  RuntimeApiClient client(endpoint_);
  for (int i = 0; i < 3; ++i) {
    auto reply = Invoke("{\"n\":" + std::to_string(i) + "}");
    absl::StatusOr<Invocation> invocation = client.Next();
    ASSERT_TRUE(invocation.ok()) << invocation.status();
    ASSERT_TRUE(client.PostResponse(invocation->request_id, "r" + invocation->payload).ok());
    EXPECT_EQ(reply.get().body, "r{\"n\":" + std::to_string(i) + "}");
  }
  json log = TestLog();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_NE(log[0]["request_id"], log[1]["request_id"]);
  EXPECT_NE(log[0]["trace_id"], log[1]["trace_id"]);
}

TEST_F(RuntimeApiClientTest, AnInvocationErrorCarriesItsTypeAndMessage) {
  auto reply = Invoke("{}");
  RuntimeApiClient client(endpoint_);
  absl::StatusOr<Invocation> invocation = client.Next();
  ASSERT_TRUE(invocation.ok()) << invocation.status();
  ASSERT_TRUE(client.PostError(invocation->request_id, "too big", "Rolesel.ResponseRejected").ok());
  json error = json::parse(reply.get().body);
  EXPECT_EQ(error["errorType"], "Rolesel.ResponseRejected");
  EXPECT_EQ(error["errorMessage"], "too big");
  EXPECT_EQ(TestLog()[0]["error_type"], "Rolesel.ResponseRejected");
}

TEST_F(RuntimeApiClientTest, AResponseForAnUnknownRequestIdIsAnError) {
  RuntimeApiClient client(endpoint_);
  absl::Status status = client.PostResponse("no-such-id", "{}");
  EXPECT_TRUE(absl::IsInternal(status)) << status;
  EXPECT_THAT(status.message(), HasSubstr("HTTP 400"));
}

TEST_F(RuntimeApiClientTest, AnInitErrorIsPosted) {
  RuntimeApiClient client(endpoint_);
  ASSERT_TRUE(client.PostInitError("rules x: bad", "Rolesel.RulesLoadError").ok());
  json init_error = json::parse(Http("http://" + endpoint_ + "/test/init-error").body);
  EXPECT_EQ(init_error["type"], "Rolesel.RulesLoadError");
  EXPECT_EQ(init_error["body"]["errorMessage"], "rules x: bad");
}

TEST(RuntimeApiClient, AnUnreachableRuntimeApiIsUnavailable) {
  RuntimeApiClient client("127.0.0.1:1");
  absl::StatusOr<Invocation> invocation = client.Next();
  EXPECT_TRUE(absl::IsUnavailable(invocation.status())) << invocation.status();
}

}  // namespace
}  // namespace rolesel::lambda

namespace rolesel::lambda {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

Headers Good() {
  return {{"lambda-runtime-aws-request-id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd"},
          {"lambda-runtime-deadline-ms", "1542409706888"},
          {"lambda-runtime-invoked-function-arn", "arn:aws:lambda:us-east-1:1:function:f"},
          {"lambda-runtime-trace-id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700"}};
}

TEST(ReadInvocation, ReadsTheRequestIdDeadlineAndTheRest) {
  auto invocation = ReadInvocation(Good(), "{}");
  ASSERT_TRUE(invocation.ok()) << invocation.status();
  EXPECT_EQ(invocation->request_id, "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
  EXPECT_EQ(invocation->deadline, absl::FromUnixMillis(1542409706888));
  EXPECT_EQ(invocation->invoked_function_arn, "arn:aws:lambda:us-east-1:1:function:f");
  EXPECT_EQ(invocation->trace_id, "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700");
  EXPECT_EQ(invocation->payload, "{}");
}

TEST(ReadInvocation, RefusesARequestIdThatIsMissingTwiceOrUnsafeInAUrl) {
  Headers missing = Good();
  missing.erase(missing.begin());
  Headers twice = Good();
  twice.push_back({"lambda-runtime-aws-request-id", "another"});
  EXPECT_EQ(ReadInvocation(missing, "").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(ReadInvocation(twice, "").status().code(), absl::StatusCode::kDataLoss);
  for (const std::string& id :
       std::vector<std::string>{"", "../../init/error", "a b", "a?x=1", "a%2f", "a/b", "a\r\nX: y",
                                std::string(129, 'a'), std::string("a\0b", 3)}) {
    Headers bad = Good();
    bad[0].second = id;
    EXPECT_EQ(ReadInvocation(bad, "").status().code(), absl::StatusCode::kDataLoss) << id;
  }
  Headers longest = Good();
  longest[0].second = std::string(128, 'a');
  EXPECT_TRUE(ReadInvocation(longest, "").ok());
}

TEST(ReadInvocation, AnUnusableDeadlineIsUnknownNotAGuess) {
  for (const char* deadline :
       {"soon", "", "-5", "0", "1e12", "99999999999999999999", "4102444800000", "12 34"}) {
    Headers bad = Good();
    bad[1].second = deadline;
    auto invocation = ReadInvocation(bad, "");
    ASSERT_TRUE(invocation.ok()) << deadline;
    EXPECT_EQ(invocation->deadline, absl::InfiniteFuture()) << deadline;
  }
  Headers twice = Good();
  twice.push_back({"lambda-runtime-deadline-ms", "1542409700000"});
  EXPECT_EQ(ReadInvocation(twice, "")->deadline, absl::InfiniteFuture());
}

}  // namespace
}  // namespace rolesel::lambda
