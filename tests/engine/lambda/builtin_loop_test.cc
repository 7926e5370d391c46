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

// Retries quick enough for a test: 10 ms doubling to 80 ms, 8 in a row.
RuntimeBackoffOptions Quick() {
  RuntimeBackoffOptions options;
  options.first = absl::Milliseconds(10);
  options.cap = absl::Milliseconds(80);
  options.max_failures = 8;
  return options;
}

const char kDeniedEvent[] =
    R"({"httpMethod":"GET","path":"/pets","requestContext":{"authorizer":{"claims":{"sub":"a"}}}})";

// The loop over an emulator started with `faults`, answering with no rule
// (every request a deny, no_match) and counting handler and STS calls.
class FaultyRuntimeApi {
 public:
  explicit FaultyRuntimeApi(const std::string& faults)
      : emulator_(std::make_unique<testing::Subprocess>(
            "python3 " + testing::SourceDir() + "/tools/lambda_example/emulator.py --timeout 5 " +
            faults)),
        endpoint_("127.0.0.1:" +
                  std::to_string(json::parse(emulator_->FirstLine())["port"].get<int>())),
        rules_(testing::MustLoad(R"({"version": 1})")),
        handler_(rules_.get(), &assumer_, nullptr, [](std::string_view) {}),
        loop_(std::async(std::launch::async,
                         [this] { return RunInvocationLoop(handler_, endpoint_, Quick()); })) {}
  ~FaultyRuntimeApi() {
    emulator_.reset();
    loop_.wait();
  }
  json Invoke() {
    testing::HttpReply reply = testing::HttpPost(
        "http://" + endpoint_ + "/2015-03-31/functions/function/invocations", kDeniedEvent);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
  json Stats() { return json::parse(testing::Http("http://" + endpoint_ + "/test/stats").body); }
  bool LoopRunning() {
    return loop_.wait_for(std::chrono::seconds(0)) == std::future_status::timeout;
  }
  CountingAssumer& assumer() { return assumer_; }

 private:
  std::unique_ptr<testing::Subprocess> emulator_;
  std::string endpoint_;
  std::unique_ptr<RuleSet> rules_;
  CountingAssumer assumer_;
  AuthorizedHandler handler_;
  std::future<int> loop_;
};

void ExpectDeniedNoMatch(const json& response) {
  EXPECT_EQ(response["statusCode"], 403) << response;
  EXPECT_THAT(response["body"].get<std::string>(), HasSubstr("no_match"));
}

TEST(BuiltinLoop, SurvivesRuntimeApiErrorsAndDroppedConnectionsOnNext) {
  FaultyRuntimeApi api("--fault 500:3 --fault reset:2");
  ExpectDeniedNoMatch(api.Invoke());
  ExpectDeniedNoMatch(api.Invoke());
  const json stats = api.Stats();
  EXPECT_EQ(stats["faults_served"], json({{"500", 3}, {"reset", 2}}));
  // The faults, the two answers, and (perhaps already) the wait for a third.
  EXPECT_GE(stats["next_calls"].get<int>(), 3 + 2 + 2);
  EXPECT_LE(stats["next_calls"].get<int>(), 3 + 2 + 2 + 1);
  EXPECT_TRUE(api.LoopRunning());
}

TEST(BuiltinLoop, AnInvocationWithoutAUsableRequestIdIsSkippedAndTheNextOneServed) {
  FaultyRuntimeApi api("--fault no-request-id --fault two-request-ids --fault no-headers");
  ExpectDeniedNoMatch(api.Invoke());  // handed out a fourth time, with its id
  EXPECT_EQ(api.Stats()["faults_served"],
            json({{"no-request-id", 1}, {"two-request-ids", 1}, {"no-headers", 1}}));
  EXPECT_TRUE(api.LoopRunning());
}

TEST(BuiltinLoop, AMalformedDeadlineOrASlowNextStillGetsItsAnswer) {
  FaultyRuntimeApi api("--fault bad-deadline --fault slow");
  ExpectDeniedNoMatch(api.Invoke());
  ExpectDeniedNoMatch(api.Invoke());  // handed out after 2 s
  EXPECT_EQ(api.Stats()["faults_served"], json({{"bad-deadline", 1}, {"slow", 1}}));
  EXPECT_TRUE(api.LoopRunning());
}

TEST(BuiltinLoop, FailuresAreRetriedWithGrowingWaitsNotInAHotLoop) {
  FaultyRuntimeApi api("--fault 500:6");
  ExpectDeniedNoMatch(api.Invoke());
  const json times = api.Stats()["next_times"];
  ASSERT_GE(times.size(), 7u);
  RuntimeBackoff schedule(Quick());
  for (int failure = 1; failure <= 6; ++failure) {
    const double gap = times[failure].get<double>() - times[failure - 1].get<double>();
    // Never shorter than the fixed half of that step (5, 10, 20, 40, 40, 40 ms).
    EXPECT_GE(gap, absl::ToDoubleSeconds(schedule.MinimumWait(failure)) - 0.001)
        << "after failure " << failure;
  }
}

TEST(BuiltinLoop, ARuntimeApiThatKeepsFailingEndsTheLoopAfterTheBound) {
  FaultyRuntimeApi api("--fault 500:1000");
  absl::SleepFor(absl::Seconds(1));  // 8 failures take 5+10+20+40*5 ms at least, 470 at most
  EXPECT_FALSE(api.LoopRunning());
  EXPECT_EQ(api.Stats()["next_calls"], 8);
}

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
      std::async(std::launch::async, [&] { return RunInvocationLoop(handler, endpoint, Quick()); });
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
