// The layer with a RoleAssumer test double (the real STS client is covered
// end to end against moto in tests/tools/lambda_example_test.cc).
#include "rolesel/lambda/authorized_handler.h"

#include <atomic>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolesel/sts/credential_cache.h"
#include "settable_source.h"
#include "test_util.h"

namespace rolesel::lambda {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kRules[] = R"({"version": 1, "settings": {"session_name": "{cognito:username}"},
  "deny": [{"id": "suspended", "groups": ["suspended"]}],
  "rules": [{"id": "readers", "groups": ["readers"],
             "role": "arn:aws:iam::123456789012:role/pets-reader"}]})";

class RecordingAssumer : public sts::RoleAssumer {
 public:
  absl::StatusOr<sts::AwsCredentials> AssumeRole(const sts::AssumeRoleRequest& request) override {
    ++calls;
    last = request;
    if (!fail.ok()) return fail;
    sts::AwsCredentials credentials;
    credentials.access_key_id = "ASIATESTKEY";
    credentials.secret_access_key = "secret-for-" + request.session_name;
    return credentials;
  }
  std::atomic<int> calls{0};
  sts::AssumeRoleRequest last;
  absl::Status fail = absl::OkStatus();
};

std::string Event(const std::string& name) {
  std::ifstream in(testing::SourceDir() + "/rules/examples/events/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json RestEvent(const std::string& groups, const std::string& token = "") {
  json event = {
      {"resource", "/pets"},
      {"path", "/pets"},
      {"httpMethod", "GET"},
      {"headers", json::object()},
      {"requestContext",
       {{"stage", "prod"},
        {"authorizer",
         {{"claims",
           {{"cognito:username", "alice"}, {"cognito:groups", groups}, {"token_use", "id"}}}}}}}};
  if (!token.empty()) event["headers"]["Authorization"] = token;
  return event;
}

class AuthorizedHandlerTest : public ::testing::Test {
 protected:
  AuthorizedHandlerTest() : rules_(testing::MustLoad(kRules)) {}

  json Handle(const std::string& event, UserHandler handler = nullptr) {
    if (!handler) {
      handler = [this](const AuthorizedRequest& r) -> absl::StatusOr<ProxyResponse> {
        ++handler_calls_;
        json body = {{"role", r.decision.role},
                     {"key", r.credentials.access_key_id},
                     {"path", r.request.path},
                     {"request_id", r.invocation.request_id},
                     {"v2", r.payload_version == PayloadVersion::kV2}};
        return ProxyResponse::Json(200, body.dump());
      };
    }
    AuthorizedHandler layer(
        rules_.get(), &assumer_, std::move(handler),
        [this](std::string_view line) { log_ += std::string(line) + "\n"; }, options_);
    Invocation invocation;
    invocation.request_id = "req-1";
    invocation.deadline = deadline_;
    invocation.payload = event;
    return json::parse(layer.Handle(invocation));
  }

  // Every line of the log, each of which must be one JSON object.
  std::vector<json> LogLines() const {
    std::vector<json> lines;
    std::istringstream in(log_);
    for (std::string line; std::getline(in, line);) {
      json parsed = json::parse(line, nullptr, /*allow_exceptions=*/false);
      EXPECT_TRUE(parsed.is_object()) << "not a JSON line: " << line;
      lines.push_back(std::move(parsed));
    }
    return lines;
  }
  // The first line whose "event" is `event` (decision lines are "decision").
  json LogEvent(const std::string& event) const {
    for (const json& line : LogLines()) {
      if (line.value("event", "") == event) return line;
    }
    return nullptr;
  }
  json MetricLine() const {
    for (const json& line : LogLines()) {
      if (line.contains("_aws")) return line;
    }
    return nullptr;
  }

  std::unique_ptr<RuleSet> rules_;
  RecordingAssumer assumer_;
  int handler_calls_ = 0;
  std::string log_;
  absl::Time deadline_ = absl::InfiniteFuture();  // the invocation's
  HandlerOptions options_;
};

json Body(const json& response) { return json::parse(response["body"].get<std::string>()); }

TEST_F(AuthorizedHandlerTest, StsIsAskedToAnswerByTheDeadlineLessTheMargin) {
  deadline_ = absl::Now() + absl::Seconds(10);
  options_.deadline_margin = absl::Milliseconds(700);
  EXPECT_EQ(Handle(RestEvent("readers").dump())["statusCode"], 200);
  EXPECT_EQ(assumer_.last.deadline, deadline_ - absl::Milliseconds(700));
}

TEST_F(AuthorizedHandlerTest, WithoutADeadlineStsHasNoneEither) {
  EXPECT_EQ(Handle(RestEvent("readers").dump())["statusCode"], 200);
  EXPECT_EQ(assumer_.last.deadline, absl::InfiniteFuture());
}

TEST_F(AuthorizedHandlerTest, AnInvocationWhoseBudgetIsGoneIs504AndNothingIsCalled) {
  deadline_ = absl::Now() + absl::Milliseconds(100);  // inside the 500 ms margin
  json response = Handle(RestEvent("readers").dump());
  EXPECT_EQ(response["statusCode"], 504);
  EXPECT_EQ(Body(response), json({{"message", "Gateway Timeout"}, {"error", "deadline_exceeded"}}));
  EXPECT_EQ(assumer_.calls, 0);
  EXPECT_EQ(handler_calls_, 0);
  EXPECT_THAT(LogEvent("deadline_exceeded")["detail"].get<std::string>(),
              HasSubstr("before STS was asked"));
}

TEST_F(AuthorizedHandlerTest, AnStsCallCutByTheDeadlineIs504NotAnStsFailure) {
  deadline_ = absl::Now() + absl::Seconds(10);
  assumer_.fail = absl::DeadlineExceededError("STS AssumeRole failed: the deadline passed");
  json response = Handle(RestEvent("readers").dump());
  EXPECT_EQ(response["statusCode"], 504);
  EXPECT_EQ(Body(response)["error"], "deadline_exceeded");
  EXPECT_EQ(handler_calls_, 0);
  EXPECT_THAT(LogEvent("sts_failed")["detail"].get<std::string>(), HasSubstr("deadline"));
}

TEST_F(AuthorizedHandlerTest, ADenyReachedAfterTheBudgetRanOutIs504) {
  // The clock says the budget is over once the decision is made: a deny then
  // may come from a token whose keys could not be fetched in time.
  deadline_ = absl::Now() + absl::Seconds(10);
  options_.now = [this] { return deadline_; };
  json response = Handle(RestEvent("suspended").dump());
  EXPECT_EQ(response["statusCode"], 504);
  EXPECT_EQ(assumer_.calls, 0);
  EXPECT_THAT(LogEvent("deadline_exceeded")["detail"].get<std::string>(),
              HasSubstr("while deciding"));
}

TEST_F(AuthorizedHandlerTest, ADenyWithinTheBudgetIsStill403) {
  deadline_ = absl::Now() + absl::Seconds(10);
  EXPECT_EQ(Handle(RestEvent("suspended").dump())["statusCode"], 403);
}

TEST_F(AuthorizedHandlerTest, TheHandlerIsNotCalledWhenStsUsedUpTheBudget) {
  deadline_ = absl::Now() + absl::Seconds(10);
  int clock_reads = 0;
  // Inside the budget before STS is asked; past it once STS has answered.
  options_.now = [&] { return ++clock_reads <= 1 ? absl::Now() : deadline_; };
  json response = Handle(RestEvent("readers").dump());
  EXPECT_EQ(response["statusCode"], 504);
  EXPECT_EQ(assumer_.calls, 1);
  EXPECT_EQ(handler_calls_, 0);
  EXPECT_THAT(LogEvent("deadline_exceeded")["detail"].get<std::string>(),
              HasSubstr("before the handler was called"));
}

TEST_F(AuthorizedHandlerTest, AnAllowedCallReachesTheHandlerWithTheRolesCredentials) {
  json response = Handle(RestEvent("readers").dump());
  ASSERT_EQ(response["statusCode"], 200) << response;
  json body = json::parse(response["body"].get<std::string>());
  EXPECT_EQ(body["role"], "arn:aws:iam::123456789012:role/pets-reader");
  EXPECT_EQ(body["key"], "ASIATESTKEY");
  EXPECT_EQ(body["request_id"], "req-1");
  EXPECT_EQ(body["v2"], false);
  EXPECT_EQ(assumer_.calls, 1);
  EXPECT_EQ(assumer_.last.role_arn, "arn:aws:iam::123456789012:role/pets-reader");
  EXPECT_EQ(assumer_.last.session_name, "alice");
}

TEST_F(AuthorizedHandlerTest, AHttpApiEventIsAnsweredInPayloadTwoShape) {
  json event = json::parse(Event("http-reader-get.json"));
  event["requestContext"]["authorizer"]["jwt"]["claims"]["cognito:groups"] = "[readers]";
  json response = Handle(event.dump());
  ASSERT_EQ(response["statusCode"], 200) << response;
  EXPECT_EQ(json::parse(response["body"].get<std::string>())["v2"], true);
  EXPECT_EQ(json::parse(response["body"].get<std::string>())["path"], "/pets/42")
      << "the stage is removed from the path the handler sees";
}

TEST_F(AuthorizedHandlerTest, ADenyIs403WithTheReasonAndNeverCallsStsOrTheHandler) {
  json response = Handle(RestEvent("suspended").dump());
  EXPECT_EQ(response["statusCode"], 403);
  EXPECT_EQ(json::parse(response["body"].get<std::string>()),
            json({{"message", "Forbidden"}, {"reason", "deny_rule"}}));
  EXPECT_EQ(assumer_.calls, 0);
  EXPECT_EQ(handler_calls_, 0);
  const json line = LogEvent("decision");
  EXPECT_EQ(line["request_id"], "req-1");
  EXPECT_EQ(line["decision"], "deny");
  EXPECT_EQ(line["reason"], "deny_rule");
  EXPECT_EQ(line["rule"], "suspended");
}

TEST_F(AuthorizedHandlerTest, NoMatchingRuleIs403NoMatch) {
  json response = Handle(RestEvent("strangers").dump());
  EXPECT_EQ(response["statusCode"], 403);
  EXPECT_EQ(json::parse(response["body"].get<std::string>())["reason"], "no_match");
}

TEST_F(AuthorizedHandlerTest, AMalformedEventIs400InPayloadOneShape) {
  for (const char* event : {"", "not json", "[1,2]", "{\"httpMethod\": ", "{}"}) {
    json response = Handle(event);
    EXPECT_EQ(response["statusCode"], 400) << event;
    EXPECT_EQ(json::parse(response["body"].get<std::string>())["reason"], "bad_request");
    EXPECT_TRUE(response.contains("isBase64Encoded"));
  }
  EXPECT_EQ(handler_calls_, 0);
}

TEST_F(AuthorizedHandlerTest, AnUnverifiedBearerTokenIs403InvalidTokenAndNotLogged) {
  json event = RestEvent("readers", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
  event["requestContext"].erase("authorizer");
  json response = Handle(event.dump());
  EXPECT_EQ(response["statusCode"], 403);
  EXPECT_EQ(json::parse(response["body"].get<std::string>())["reason"], "invalid_token");
  EXPECT_THAT(log_, Not(HasSubstr("eyJ")));
}

TEST_F(AuthorizedHandlerTest, AnStsFailureIs502WithoutTheAwsMessage) {
  assumer_.fail = sts::WithAwsErrorCode(
      absl::PermissionDeniedError("AccessDenied: not authorized on pets-reader"), "AccessDenied");
  json response = Handle(RestEvent("readers").dump());
  EXPECT_EQ(response["statusCode"], 502);
  std::string body = response["body"];
  EXPECT_EQ(json::parse(body), json({{"message", "Bad Gateway"}, {"error", "sts_failed"}}));
  EXPECT_EQ(handler_calls_, 0);
  EXPECT_THAT(LogEvent("sts_failed")["detail"].get<std::string>(), HasSubstr("AccessDenied"))
      << "the reason is in the log";
}

TEST_F(AuthorizedHandlerTest, AHandlerErrorIs500AndItsMessageStaysInTheLog) {
  json response = Handle(RestEvent("readers").dump(), [](const AuthorizedRequest&) {
    return absl::StatusOr<ProxyResponse>(absl::InternalError("table pets is gone"));
  });
  EXPECT_EQ(response["statusCode"], 500);
  EXPECT_THAT(response["body"].get<std::string>(), Not(HasSubstr("table pets")));
  EXPECT_THAT(log_, HasSubstr("table pets is gone"));
}

TEST_F(AuthorizedHandlerTest, AHandlerExceptionIs500) {
  json response = Handle(RestEvent("readers").dump(),
                         [](const AuthorizedRequest&) -> absl::StatusOr<ProxyResponse> {
                           throw std::runtime_error("boom");
                         });
  EXPECT_EQ(response["statusCode"], 500);
  EXPECT_EQ(json::parse(response["body"].get<std::string>())["error"], "handler_failed");
  EXPECT_THAT(log_, HasSubstr("boom"));
}

TEST_F(AuthorizedHandlerTest, TheHandlersOwnStatusAndHeadersPassThrough) {
  json response = Handle(RestEvent("readers").dump(), [](const AuthorizedRequest&) {
    ProxyResponse created;
    created.status_code = 201;
    created.headers = {{"Location", "/pets/9"}};
    created.body = "made";
    return absl::StatusOr<ProxyResponse>(created);
  });
  EXPECT_EQ(response["statusCode"], 201);
  EXPECT_EQ(response["headers"]["Location"], "/pets/9");
  EXPECT_EQ(response["body"], "made");
}

TEST_F(AuthorizedHandlerTest, EveryDecisionIsOneJsonLineWithOnlyTheLoggedClaims) {
  rules_ = testing::MustLoad(R"({"version": 1, "settings": {"log_claims": ["cognito:username"]},
    "rules": [{"id": "readers", "groups": ["readers"],
               "role": "arn:aws:iam::123456789012:role/pets-reader"}]})");
  json allowed = RestEvent("readers");
  allowed["path"] = "/pets/%61/";
  allowed["requestContext"]["authorizer"]["claims"]["email"] = "alice@example.com";
  Handle(allowed.dump());
  json line = LogEvent("decision");
  EXPECT_EQ(line["decision"], "allow");
  EXPECT_EQ(line["role"], "arn:aws:iam::123456789012:role/pets-reader");
  EXPECT_EQ(line["rule"], "readers");
  EXPECT_EQ(line["session_name"], "alice");
  EXPECT_EQ(line["method"], "GET");
  EXPECT_EQ(line["path"], "/pets/a") << "the normalized path";
  EXPECT_EQ(line["claims"], json({{"cognito:username", "alice"}}));
  EXPECT_THAT(log_, Not(HasSubstr("alice@example.com")));
  EXPECT_THAT(log_, Not(HasSubstr("secret-for-alice"))) << "no credential is ever logged";
  EXPECT_TRUE(line.contains("time") && line.contains("revision"));
  log_.clear();
  json unsafe = RestEvent("readers");
  unsafe["path"] = "/pets/%2e%2e/admin";
  Handle(unsafe.dump());
  EXPECT_TRUE(LogEvent("decision")["path"].is_null());
}

TEST_F(AuthorizedHandlerTest, EachDecisionHasAnEmbeddedMetricLine) {
  Handle(RestEvent("readers").dump());
  json metric = MetricLine();
  ASSERT_TRUE(metric.is_object()) << log_;
  const json& definition = metric["_aws"]["CloudWatchMetrics"][0];
  EXPECT_EQ(definition["Namespace"], "rolesel");
  EXPECT_EQ(definition["Dimensions"], json({{"Decision"}, {"Decision", "Reason"}, {"Rule"}}));
  EXPECT_EQ(metric["Decision"], "allow");
  EXPECT_EQ(metric["Rule"], "readers");
  EXPECT_EQ(metric["Decisions"], 1);
  EXPECT_TRUE(metric["_aws"]["Timestamp"].is_number_integer());
  // Every metric the definition names has a value in the line.
  for (const json& m : definition["Metrics"]) EXPECT_TRUE(metric.contains(m["Name"])) << m;
  log_.clear();
  Handle(RestEvent("suspended").dump());
  EXPECT_EQ(MetricLine()["Reason"], "deny_rule");
  EXPECT_FALSE(MetricLine().contains("StsCalls")) << "a deny fetches no credentials";
}

TEST_F(AuthorizedHandlerTest, TheMetricLineSaysWhetherTheCacheServedTheCredentials) {
  sts::CachingRoleAssumer cache(&assumer_);
  AuthorizedHandler layer(
      rules_.get(), &cache,
      [](const AuthorizedRequest&) {
        return absl::StatusOr<ProxyResponse>(ProxyResponse::Json(200, "{}"));
      },
      [this](std::string_view line) { log_ += std::string(line) + "\n"; });
  Invocation invocation;
  invocation.request_id = "req-1";
  invocation.payload = RestEvent("readers").dump();
  layer.Handle(invocation);
  EXPECT_EQ(MetricLine()["StsCalls"], 1);
  EXPECT_EQ(MetricLine()["CacheMisses"], 1);
  EXPECT_TRUE(MetricLine().contains("StsLatency"));
  log_.clear();
  layer.Handle(invocation);
  EXPECT_EQ(MetricLine()["StsCalls"], 0);
  EXPECT_EQ(MetricLine()["CacheHits"], 1);
  EXPECT_EQ(assumer_.calls, 1);
}

using ::rolesel::testing::SettableSource;

constexpr char kReadersOnly[] = R"({"version": 1, "rules": [{"id": "readers",
  "groups": ["readers"], "role": "arn:aws:iam::123456789012:role/pets-reader"}]})";
constexpr char kStrangersToo[] = R"({"version": 1, "rules": [{"id": "everyone",
  "role": "arn:aws:iam::123456789012:role/pets-reader"}]})";

TEST_F(AuthorizedHandlerTest,
       AShadowedCandidateDecidesBesideTheEnforcedRulesAndDiffersOnlyInTheLog) {
  auto owned = std::make_unique<SettableSource>();
  SettableSource* source = owned.get();
  source->Set(kReadersOnly, "r1");
  absl::Time now = absl::FromUnixSeconds(1000);
  LiveRulesOptions options;
  options.shadow = absl::Seconds(60);
  options.now = [&] { return now; };
  options.log = [this](std::string_view line) { log_ += std::string(line) + "\n"; };
  auto live = LiveRules::Create(std::move(owned), options);
  ASSERT_TRUE(live.ok()) << live.status();
  AuthorizedHandler layer(
      live->get(), &assumer_,
      [](const AuthorizedRequest&) {
        return absl::StatusOr<ProxyResponse>(ProxyResponse::Json(200, "{}"));
      },
      [this](std::string_view line) { log_ += std::string(line) + "\n"; });
  Invocation invocation;
  invocation.request_id = "req-9";
  invocation.payload = RestEvent("strangers").dump();

  source->Set(kStrangersToo, "r2");
  (*live)->PollOnce();
  ASSERT_NE((*live)->Current().candidate, nullptr);
  log_.clear();
  EXPECT_EQ(json::parse(layer.Handle(invocation))["statusCode"], 403) << "the enforced rules act";
  EXPECT_EQ((*live)->shadow_differences(), 1);
  json difference = LogEvent("shadow_difference");
  EXPECT_EQ(difference["revision"], "r1");
  EXPECT_EQ(difference["candidate_revision"], "r2");
  EXPECT_EQ(difference["difference"], "deny (no_match) -> allow");

  now += absl::Seconds(61);
  (*live)->PollOnce();
  EXPECT_EQ((*live)->Current().candidate, nullptr);
  EXPECT_EQ((*live)->Current().enforced->revision(), "r2");
  log_.clear();
  EXPECT_EQ(json::parse(layer.Handle(invocation))["statusCode"], 200) << "promoted";
  EXPECT_EQ(LogEvent("decision")["revision"], "r2");
}

}  // namespace
}  // namespace rolesel::lambda
