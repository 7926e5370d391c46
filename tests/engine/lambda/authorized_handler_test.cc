// The layer with a RoleAssumer test double (the real STS client is covered
// end to end against moto in tests/tools/lambda_example_test.cc).
#include "rolesel/lambda/authorized_handler.h"

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
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
    AuthorizedHandler layer(rules_.get(), &assumer_, std::move(handler),
                            [this](std::string_view line) { log_ += std::string(line) + "\n"; });
    Invocation invocation;
    invocation.request_id = "req-1";
    invocation.payload = event;
    return json::parse(layer.Handle(invocation));
  }

  std::unique_ptr<RuleSet> rules_;
  RecordingAssumer assumer_;
  int handler_calls_ = 0;
  std::string log_;
};

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
  EXPECT_THAT(log_, HasSubstr("req-1 deny deny_rule rule=suspended"));
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
  EXPECT_THAT(log_, HasSubstr("AccessDenied")) << "the reason is in the log";
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

}  // namespace
}  // namespace rolesel::lambda
