// RunInvocationLoop over the built-in Runtime API client, against
// tools/lambda_example/emulator.py on 127.0.0.1.
#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "http_client.h"
#include "nlohmann/json.hpp"
#include "rolesel/lambda/runtime.h"
#include "subprocess.h"
#include "test_util.h"

namespace rolesel::lambda {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// Counts calls; the loop must not reach STS for a denied request.
class CountingAssumer : public sts::RoleAssumer {
 public:
  absl::StatusOr<sts::AwsCredentials> AssumeRole(const sts::AssumeRoleRequest&) override {
    ++calls;
    return absl::UnavailableError("not in this test");
  }
  std::atomic<int> calls{0};
};

TEST(BuiltinLoop, ServesInvocationsInTurnAndStopsWhenTheRuntimeApiIsGone) {
  auto emulator = std::make_unique<testing::Subprocess>(
      "python3 " + testing::SourceDir() + "/tools/lambda_example/emulator.py --timeout 5");
  const json info = json::parse(emulator->FirstLine());
  const std::string endpoint = "127.0.0.1:" + std::to_string(info["port"].get<int>());
  // No rule: every request is a deny (no_match), answered 403 without STS.
  std::unique_ptr<RuleSet> rules = testing::MustLoad(R"({"version": 1})");
  CountingAssumer assumer;
  std::atomic<int> handled{0};
  AuthorizedHandler handler(
      rules.get(), &assumer,
      [&](const AuthorizedRequest&) -> absl::StatusOr<ProxyResponse> {
        ++handled;
        return ProxyResponse::Json(200, "{}");
      },
      [](std::string_view) {});
  std::future<int> loop =
      std::async(std::launch::async, [&] { return RunInvocationLoop(handler, endpoint); });
  const std::string url = "http://" + endpoint + "/2015-03-31/functions/function/invocations";
  const std::string event =
      R"({"httpMethod":"GET","path":"/pets","requestContext":{"authorizer":{"claims":{"sub":"a"}}}})";
  for (int i = 0; i < 3; ++i) {
    testing::HttpReply reply = testing::HttpPost(url, event);
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json response = json::parse(reply.body);
    EXPECT_EQ(response["statusCode"], 403) << reply.body;
    EXPECT_THAT(response["body"].get<std::string>(), HasSubstr("no_match"));
  }
  emulator.reset();  // the Runtime API goes away while the loop waits in next
  ASSERT_EQ(loop.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(loop.get(), 1);  // Lambda restarts a runtime that exits
  EXPECT_EQ(handled.load(), 0);
  EXPECT_EQ(assumer.calls.load(), 0);
}

}  // namespace
}  // namespace rolesel::lambda
