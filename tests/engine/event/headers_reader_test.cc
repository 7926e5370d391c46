// The walk of rolesel/event/headers_reader.h (part of every kernel, event_kernel.h),
// through ReadEvent; CTest runs these once per kernel the CPU runs.
#include <tuple>

#include "gtest/gtest.h"
#include "read_test_util.h"
#include "rolesel/event/event_reader.h"

// Through ReadEvent, which drives this part of the reader.
namespace rolesel {
namespace {

using namespace ::rolesel::testing;  // NOLINT: the reader's test helpers (read_test_util.h)

TEST(ReadEvent, AuthorizationHeaderIsCapturedOnlyWithoutClaims) {
  json event = RestEvent(nullptr);
  event["requestContext"]["authorizer"] = {{"principalId", "x"}};
  event["headers"] = {{"AUTHORIZATION", "Bearer abc"}};
  auto r = Read(event);
  EXPECT_TRUE(r.claims_missing);
  EXPECT_EQ(r.authorization, "Bearer abc");
  json with_claims = RestEvent(json::object());
  with_claims["headers"] = {{"authorization", "Bearer abc"}};
  EXPECT_FALSE(Read(with_claims).authorization.has_value());
}

TEST(ReadEvent, MultiValueAuthorizationHeaderIsCaptured) {
  json event = RestEvent(nullptr);
  event["requestContext"].erase("authorizer");
  event["headers"] = nullptr;
  event["multiValueHeaders"] = {{"Authorization", {"tok"}}};
  EXPECT_EQ(Read(event).authorization, "tok");
}

// The header is kept as JSON text while walking and decoded only when it
// is used (no authorizer claims).
TEST(ReadEvent, AnEscapedAuthorizationHeaderIsDecodedWhenUsed) {
  const std::string event = R"({"httpMethod":"GET","path":"/a","requestContext":{},)"
                            R"("headers":{"Authorization":"Bearer a\u0062c \"q\" \\"}})";
  ExtractedRequest r;
  ASSERT_TRUE(ReadEvent(event, &r));
  EXPECT_EQ(r.authorization, "Bearer abc \"q\" \\");
}

TEST(ReadEvent, AnAuthorizationHeaderThatDoesNotDecodeIsNoHeader) {
  const std::string event = R"({"httpMethod":"GET","path":"/a","requestContext":{},)"
                            R"("headers":{"Authorization":"Bearer \x"}})";
  ExtractedRequest r;
  ASSERT_TRUE(ReadEvent(event, &r));
  EXPECT_FALSE(r.authorization.has_value());
}

TEST(ReadEvent, TwoDifferentAuthorizationHeadersAreRefused) {
  const auto event = [](const std::string& headers) {
    return R"({"httpMethod":"GET","path":"/a","requestContext":{},"headers":{)" + headers + "}}";
  };
  ExtractedRequest r;
  EXPECT_TRUE(ReadEvent(event(R"("Authorization":"t","authorization":"t")"), &r));
  EXPECT_EQ(r.authorization, "t");
  EXPECT_FALSE(ReadEvent(event(R"("Authorization":"t","authorization":"u")"), &r));
  EXPECT_EQ(r.error, "event has two different Authorization headers");
  // Compared as written: two spellings of one string are refused as well.
  EXPECT_FALSE(ReadEvent(event(R"("Authorization":"t","authorization":"\u0074")"), &r));
  // A header name spelled with an escape is that header.
  EXPECT_FALSE(ReadEvent(event(R"("Authorization":"t","Authorizatio\u006e":"u")"), &r));
  // Even when the event has claims, which the header then does not matter to.
  EXPECT_FALSE(
      ReadEvent(R"({"httpMethod":"GET","path":"/a","requestContext":{"authorizer":{"claims":{}}},)"
                R"("headers":{"Authorization":"t","authorization":"u"}})",
                &r));
}

// headers and multiValueHeaders are both read, in either order, and every
// value they hold must be the same one.
TEST(ReadEvent, EveryAuthorizationValueOfTheEventMustAgree) {
  const auto event = [](const std::string& rest) {
    return R"({"httpMethod":"GET","path":"/a","requestContext":{},)" + rest + "}";
  };
  ExtractedRequest r;
  ASSERT_TRUE(ReadEvent(
      event(R"("headers":{"Authorization":"t"},"multiValueHeaders":{"Authorization":["t"]})"), &r));
  EXPECT_EQ(r.authorization, "t");
  EXPECT_FALSE(ReadEvent(
      event(R"("headers":{"Authorization":"t"},"multiValueHeaders":{"Authorization":["u"]})"), &r));
  EXPECT_FALSE(ReadEvent(
      event(R"("multiValueHeaders":{"Authorization":["u"]},"headers":{"Authorization":"t"})"), &r));
  EXPECT_FALSE(
      ReadEvent(event(R"("headers":null,"multiValueHeaders":{"authorization":["t","u"]})"), &r));
  EXPECT_EQ(r.error, "event has two different Authorization headers");
  ASSERT_TRUE(
      ReadEvent(event(R"("headers":null,"multiValueHeaders":{"Authorization":["t","t"]})"), &r));
  EXPECT_EQ(r.authorization, "t");
}

TEST(ReadEvent, AnAuthorizationValueThatIsNotAStringIsRefusedAndNullIsNone) {
  const auto event = [](const std::string& headers) {
    return R"({"httpMethod":"GET","path":"/a","requestContext":{},)" + headers + "}";
  };
  ExtractedRequest r;
  for (const char* bad :
       {R"("headers":{"Authorization":5})", R"("headers":{"Authorization":["t"]})",
        R"("multiValueHeaders":{"Authorization":"t"})",
        R"("multiValueHeaders":{"Authorization":[1]})",
        R"("multiValueHeaders":{"Authorization":[null,"t"]})", R"("headers":"Authorization: t")"}) {
    EXPECT_FALSE(ReadEvent(event(bad), &r)) << bad;
    EXPECT_EQ(r.error, std::string_view(bad).find("\"headers\":\"") == 0
                           ? "event headers are not an object"
                           : "event has a malformed Authorization header")
        << bad;
  }
  for (const char* none : {R"("headers":{"Authorization":null})", R"("headers":null)",
                           R"("multiValueHeaders":{"Authorization":[]})",
                           R"("multiValueHeaders":{"Authorization":null})"}) {
    ASSERT_TRUE(ReadEvent(event(none), &r)) << none;
    EXPECT_FALSE(r.authorization.has_value()) << none;
  }
}

bool ReadWithRole(const std::string& event, ExtractedRequest* r,
                  std::string_view header = "X-Rolesel-Role") {
  return ReadEvent(event, r, EventShapeHint::kDetect, header);
}

std::string RestWithHeaders(const std::string& headers, const std::string& multi = "null") {
  return R"({"httpMethod":"GET","path":"/a","requestContext":{"authorizer":{"claims":{}}},)"
         R"("headers":)" +
         headers + R"(,"multiValueHeaders":)" + multi + "}";
}

TEST(ReadEvent, TheRequestedRoleHeaderIsReadInAnyCaseOnlyWhenNamed) {
  ExtractedRequest r;
  ASSERT_TRUE(ReadWithRole(RestWithHeaders(R"({"x-ROLESEL-role":"arn:r"})"), &r));
  EXPECT_EQ(r.requested_role, "arn:r");
  EXPECT_EQ(r.AsRequest().requested_role, "arn:r");
  ASSERT_TRUE(ReadWithRole(RestWithHeaders(R"({"X-Team-Role":"arn:r"})"), &r, "x-team-role"));
  EXPECT_EQ(r.requested_role, "arn:r");
  // Without a header name (no rule has a requested role) it is not looked for.
  ASSERT_TRUE(ReadWithRole(RestWithHeaders(R"({"X-Rolesel-Role":"arn:r"})"), &r, ""));
  EXPECT_FALSE(r.requested_role.has_value());
  ASSERT_TRUE(ReadWithRole(RestWithHeaders(R"({"X-Rolesel-Role":null})"), &r));
  EXPECT_FALSE(r.requested_role.has_value());
  ASSERT_TRUE(ReadWithRole(RestWithHeaders(R"({"X-Rolesel-Role":"arn:\u0072"})"), &r));
  EXPECT_EQ(r.requested_role, "arn:r");
}

TEST(ReadEvent, EveryRequestedRoleValueOfTheEventMustAgree) {
  ExtractedRequest r;
  EXPECT_TRUE(ReadWithRole(
      RestWithHeaders(R"({"X-Rolesel-Role":"a"})", R"({"x-rolesel-role":["a","a"]})"), &r));
  EXPECT_EQ(r.requested_role, "a");
  EXPECT_FALSE(ReadWithRole(
      RestWithHeaders(R"({"X-Rolesel-Role":"a"})", R"({"X-Rolesel-Role":["a","b"]})"), &r));
  EXPECT_EQ(r.error, "event has two different requested-role headers");
  EXPECT_FALSE(ReadWithRole(RestWithHeaders("null", R"({"X-Rolesel-Role":["b"]})"), &r) &&
               r.requested_role == "a");
  EXPECT_FALSE(ReadWithRole(RestWithHeaders(R"({"X-Rolesel-Role":"a","x-rolesel-role":"b"})"), &r));
  EXPECT_FALSE(ReadWithRole(RestWithHeaders(R"({"X-Rolesel-Role":7})"), &r));
  EXPECT_EQ(r.error, "event has a malformed requested-role header");
  EXPECT_FALSE(ReadWithRole(RestWithHeaders("{}", R"({"X-Rolesel-Role":"a"})"), &r));
  EXPECT_EQ(r.error, "event has a malformed requested-role header");
}

TEST(ReadEvent, ADirectRequestNamesItsRoleInRequestedRole) {
  ExtractedRequest r;
  const std::string base = R"({"method":"GET","path":"/","claims":{})";
  ASSERT_TRUE(
      ReadEvent(base + R"(,"requested_role":"arn:r"})", &r, EventShapeHint::kDirectRequest));
  EXPECT_EQ(r.requested_role, "arn:r");
  ASSERT_TRUE(ReadEvent(base + R"(,"requested_role":null})", &r, EventShapeHint::kDirectRequest));
  EXPECT_FALSE(r.requested_role.has_value());
  EXPECT_FALSE(
      ReadEvent(base + R"(,"requested_role":["arn:r"]})", &r, EventShapeHint::kDirectRequest));
  EXPECT_EQ(r.error, "requested_role is not a string");
  EXPECT_FALSE(ReadEvent(base + R"(,"requested_role":"a","requested_role":"a"})", &r,
                         EventShapeHint::kDirectRequest));
  EXPECT_EQ(r.error, "event has a duplicated field");
}

}  // namespace
}  // namespace rolesel
