#include "rolesel/lambda/proxy_response.h"

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolesel::lambda {
namespace {

using nlohmann::json;

TEST(ProxyResponse, PayloadOneHasStatusHeadersBodyAndBase64Flag) {
  ProxyResponse response = ProxyResponse::Json(200, R"({"ok":true})");
  json out = json::parse(Serialize(response, PayloadVersion::kV1));
  EXPECT_EQ(out["statusCode"], 200);
  EXPECT_EQ(out["headers"]["Content-Type"], "application/json");
  EXPECT_EQ(out["body"], R"({"ok":true})");
  EXPECT_EQ(out["isBase64Encoded"], false);
  EXPECT_FALSE(out.contains("cookies")) << "payload 1.0 has no cookies field";
}

TEST(ProxyResponse, CookiesAreAFieldInPayloadTwoAndSetCookieHeadersInPayloadOne) {
  ProxyResponse response;
  response.cookies = {"a=1", "b=2"};
  json v2 = json::parse(Serialize(response, PayloadVersion::kV2));
  EXPECT_EQ(v2["cookies"], json({"a=1", "b=2"}));
  json v1 = json::parse(Serialize(response, PayloadVersion::kV1));
  EXPECT_FALSE(v1.contains("cookies"));
  EXPECT_EQ(v1["multiValueHeaders"]["Set-Cookie"], json({"a=1", "b=2"}));
}

TEST(ProxyResponse, ABodyThatIsNotUtf8StillSerializes) {
  ProxyResponse response;
  response.body = std::string("caf\xe9", 4);
  json out = json::parse(Serialize(response, PayloadVersion::kV2));
  EXPECT_EQ(out["body"], "caf\xEF\xBF\xBD");  // U+FFFD
}

TEST(DenyResponse, ADenyIs403WithTheReasonCodeOnly) {
  Decision deny = Decision::Deny(DenyReason::kDenyRule, "suspended", "group suspended matched");
  ProxyResponse response = DenyResponse(deny);
  EXPECT_EQ(response.status_code, 403);
  json body = json::parse(response.body);
  EXPECT_EQ(body, json({{"message", "Forbidden"}, {"reason", "deny_rule"}}))
      << "no rule id or detail leaves the function";
}

TEST(DenyResponse, EveryDenyReasonButBadRequestIs403) {
  for (DenyReason reason :
       {DenyReason::kNoMatch, DenyReason::kRoleNotAllowed, DenyReason::kRoleDenied,
        DenyReason::kUnsafePath, DenyReason::kInvalidToken}) {
    ProxyResponse response = DenyResponse(Decision::Deny(reason));
    EXPECT_EQ(response.status_code, 403) << DenyReasonName(reason);
    EXPECT_EQ(json::parse(response.body)["reason"], std::string(DenyReasonName(reason)));
  }
}

TEST(DenyResponse, AnUnreadableEventIs400) {
  ProxyResponse response = DenyResponse(Decision::Deny(DenyReason::kBadRequest));
  EXPECT_EQ(response.status_code, 400);
  EXPECT_EQ(json::parse(response.body)["reason"], "bad_request");
}

TEST(DenyResponse, AnAllowPassedByMistakeIsStillRefused) {
  Decision allow;
  allow.allow = true;
  allow.reason = DenyReason::kNone;
  EXPECT_EQ(DenyResponse(allow).status_code, 403);
}

TEST(ErrorResponse, CarriesTheCodeAndMessage) {
  ProxyResponse response = ErrorResponse(502, "Bad Gateway", "sts_failed");
  EXPECT_EQ(response.status_code, 502);
  EXPECT_EQ(json::parse(response.body),
            json({{"message", "Bad Gateway"}, {"error", "sts_failed"}}));
}

}  // namespace
}  // namespace rolesel::lambda
