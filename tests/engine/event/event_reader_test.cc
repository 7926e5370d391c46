#include "rolesel/event/event_reader.h"

#include <tuple>

#include "gtest/gtest.h"
#include "read_test_util.h"

namespace rolesel {
namespace {

using namespace ::rolesel::testing;  // NOLINT: the reader's test helpers (read_test_util.h)

TEST(ReadEvent, RestPayloadOneReadsHttpMethodPathAndAuthorizerClaims) {
  auto r = Read(RestEvent({{"cognito:username", "alice"}, {"cognito:groups", "admins,users"}}));
  EXPECT_EQ(r.shape, ExtractedRequest::Shape::kRestV1);
  EXPECT_EQ(r.method, "DELETE");
  EXPECT_EQ(r.path, "/pets/7");
  ASSERT_FALSE(r.claims_missing);
  EXPECT_EQ(r.claims.Find("cognito:username")->text(), "alice");
  EXPECT_EQ(testing::Vec(r.claims.Find("cognito:groups")->list()), (Strings{"admins", "users"}));
  EXPECT_FALSE(r.authorization.has_value());
}

TEST(ReadEvent, HttpApiStripsANamedStageFromRawPath) {
  EXPECT_EQ(Read(HttpEvent("prod", "/prod/pets/42", json::object())).path, "/pets/42");
  EXPECT_EQ(Read(HttpEvent("prod", "/prod", json::object())).path, "/");
  EXPECT_EQ(Read(HttpEvent("prod", "/prod/", json::object())).path, "/");
  EXPECT_EQ(Read(HttpEvent("prod", "/production/x", json::object())).path, "/production/x")
      << "only a whole leading segment is the stage";
  EXPECT_EQ(Read(HttpEvent("prod", "/pets/42", json::object())).path, "/pets/42");
  EXPECT_EQ(Read(HttpEvent("$default", "/$default/x", json::object())).path, "/$default/x");
  auto r = Read(HttpEvent("$default", "/pets/1", {{"cognito:groups", "[a b]"}}));
  EXPECT_EQ(r.shape, ExtractedRequest::Shape::kHttpV2);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/pets/1");
  EXPECT_EQ(testing::Vec(r.claims.Find("cognito:groups")->list()), (Strings{"a", "b"}));
}

TEST(ReadEvent, HttpApiIsRecognisedByRequestContextHttpWithoutVersion) {
  json event = HttpEvent("$default", "/x", json::object());
  event.erase("version");
  EXPECT_EQ(Read(event).shape, ExtractedRequest::Shape::kHttpV2);
}

TEST(ReadEvent, DirectRequestObject) {
  auto r = Read({{"method", "GET"}, {"path", "/a"}, {"claims", {{"sub", "s"}}}});
  EXPECT_EQ(r.shape, ExtractedRequest::Shape::kDirect);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/a");
  EXPECT_EQ(r.claims.Find("sub")->text(), "s");
}

TEST(ReadEvent, ARequestHintIgnoresEventShapedKeys) {
  json request = {{"method", "GET"},
                  {"path", "/a"},
                  {"claims", json::object()},
                  {"httpMethod", "DELETE"},
                  {"requestContext", {{"stage", "x"}}}};
  auto r = Read(request, EventShapeHint::kDirectRequest);
  EXPECT_EQ(r.shape, ExtractedRequest::Shape::kDirect);
  EXPECT_EQ(r.method, "GET");
}

TEST(ReadEvent, ClaimsOnlyComeFromTheDetectedShapesOwnPlace) {
  json event = RestEvent(nullptr);
  event["requestContext"]["authorizer"] = {{"principalId", "x"}};
  event["claims"] = {{"cognito:groups", {"admins"}}};  // not where REST claims live
  auto r = Read(event);
  EXPECT_TRUE(r.claims_missing);
}

TEST(ReadEvent, NonStringMethodOrPathIsMissing) {
  auto r = Read({{"method", 7}, {"path", json::array()}, {"claims", json::object()}});
  EXPECT_TRUE(r.method_missing);
  EXPECT_TRUE(r.path_missing);
  EXPECT_FALSE(r.claims_missing);
}

TEST(ReadEvent, UnreadableDocumentsReadAsNothing) {
  for (const char* text :
       {"", "not json", "[1,2]", "\"s\"", "{\"method\": \"GET\",", "{}x", "{} {}", "{}]", "{}}"}) {
    ExtractedRequest r;
    ReadEvent(text, &r);
    EXPECT_TRUE(r.method_missing && r.path_missing && r.claims_missing) << text;
  }
  ExtractedRequest r;
  EXPECT_FALSE(ReadEvent("nope", &r));
  EXPECT_EQ(r.error, "event is not a valid JSON object");
}

TEST(ReadEvent, OversizedEventsAreRefused) {
  std::string big = "{\"method\":\"GET\",\"path\":\"/\",\"claims\":{},\"pad\":\"" +
                    std::string(kMaxEventBytes, 'x') + "\"}";
  ExtractedRequest r;
  EXPECT_FALSE(ReadEvent(big, &r));
  EXPECT_NE(r.error.find("larger"), std::string::npos);
}

TEST(ReadEvent, BundledExampleEventsReadAsTheirShapes) {
  ExtractedRequest rest;
  ASSERT_TRUE(ReadEvent(Example("rest-admin-delete.json"), &rest));
  EXPECT_EQ(rest.shape, ExtractedRequest::Shape::kRestV1);
  EXPECT_EQ(rest.method, "DELETE");
  EXPECT_EQ(rest.path, "/pets/7");
  EXPECT_EQ(testing::Vec(rest.claims.Find("cognito:groups")->list()), (Strings{"admins", "users"}));
  ExtractedRequest http;
  ASSERT_TRUE(ReadEvent(Example("http-reader-get.json"), &http));
  EXPECT_EQ(http.shape, ExtractedRequest::Shape::kHttpV2);
  EXPECT_EQ(http.path, "/pets/42");
  EXPECT_EQ(testing::Vec(http.claims.Find("cognito:roles")->list()).size(), 2u);
  ExtractedRequest lambda;
  ASSERT_TRUE(ReadEvent(Example("rest-lambda-authorizer.json"), &lambda));
  EXPECT_TRUE(lambda.claims_missing);
  ASSERT_TRUE(lambda.authorization.has_value());
}

// `json` in a std::string whose spare capacity (read in place, as the
// padding) is filled with `fill`.
std::string WithRoomFilledWith(std::string_view json, char fill) {
  std::string s(json.size() + kEventPadding, fill);
  s.replace(0, json.size(), json);
  s.resize(json.size());
  return s;
}

void ExpectSameReading(const ExtractedRequest& a, const ExtractedRequest& b,
                       const std::string& what) {
  EXPECT_EQ(a.shape, b.shape) << what;
  EXPECT_EQ(a.method, b.method) << what;
  EXPECT_EQ(a.path, b.path) << what;
  EXPECT_EQ(a.method_missing, b.method_missing) << what;
  EXPECT_EQ(a.path_missing, b.path_missing) << what;
  EXPECT_EQ(a.claims_missing, b.claims_missing) << what;
  EXPECT_EQ(a.error, b.error) << what;
  EXPECT_EQ(a.authorization, b.authorization) << what;
  EXPECT_EQ(a.claims.size(), b.claims.size()) << what;
  for (const char* name : {"cognito:groups", "cognito:username", "sub", "email"}) {
    const ClaimValue* x = a.claims.Find(name);
    const ClaimValue* y = b.claims.Find(name);
    ASSERT_EQ(x == nullptr, y == nullptr) << what << " " << name;
    if (x != nullptr) EXPECT_EQ(x->text(), y->text()) << what << " " << name;
  }
}

// A std::string with kEventPadding spare bytes is read where it is; what
// those bytes hold must not matter, even bytes that would close an
// unterminated string or object.
TEST(ReadEvent, AStringWithRoomPastItsEndReadsAsACopyWould) {
  std::vector<std::string> documents = {Example("rest-admin-delete.json"),
                                        Example("http-reader-get.json"),
                                        Example("rest-lambda-authorizer.json"),
                                        R"({"method": "GET", "path": "/x)",
                                        R"({"method": "GET", "path": "/x", "claims": {"sub": "a")",
                                        R"({"method": "GET")",
                                        "{",
                                        ""};
  for (const std::string& document : documents) {
    ExtractedRequest copied;
    const bool copied_ok = ReadEvent(std::string_view(document), &copied);
    for (char fill : {'"', '}', '\0', ' '}) {
      const std::string in_place = WithRoomFilledWith(document, fill);
      ASSERT_GE(in_place.capacity() - in_place.size(), kEventPadding);
      ExtractedRequest read;
      EXPECT_EQ(ReadEvent(in_place, &read), copied_ok) << document.substr(0, 40);
      ExpectSameReading(read, copied, document.substr(0, 40) + " fill " + fill);
    }
  }
}

// DecideEvent re-uses one ExtractedRequest per thread: what one event left
// behind must never show in the next.
TEST(ReadEvent, ReadingIntoAUsedRequestLeavesNothingOfThePreviousEvent) {
  ExtractedRequest reused;
  ReadEvent(RestEvent({{"cognito:groups", "admins"}, {"custom:x", "1"}}).dump(), &reused);
  json direct = {{"method", "GET"}, {"path", "/d"}, {"claims", {{"custom:y", "2"}}}};
  ReadEvent(direct.dump(), &reused, EventShapeHint::kDirectRequest);
  EXPECT_EQ(reused.shape, ExtractedRequest::Shape::kDirect);
  EXPECT_EQ(reused.claims.Find("custom:x"), nullptr);
  EXPECT_EQ(reused.claims.Find("cognito:groups"), nullptr);
  ASSERT_NE(reused.claims.Find("custom:y"), nullptr);

  json bearer = {{"httpMethod", "GET"},
                 {"path", "/pets"},
                 {"headers", {{"Authorization", "Bearer abc"}}},
                 {"requestContext", {{"stage", "prod"}}}};
  ReadEvent(bearer.dump(), &reused);
  EXPECT_TRUE(reused.claims_missing);
  EXPECT_TRUE(reused.claims.empty());
  ASSERT_TRUE(reused.authorization.has_value());

  for (const json& event :
       {RestEvent({{"sub", "s"}}), HttpEvent("$default", "/a", {{"sub", "t"}}), direct}) {
    ExtractedRequest fresh;
    ReadEvent(event.dump(), &fresh, EventShapeHint::kDetect);
    ReadEvent(event.dump(), &reused, EventShapeHint::kDetect);
    EXPECT_EQ(reused.shape, fresh.shape) << event;
    EXPECT_EQ(reused.method, fresh.method) << event;
    EXPECT_EQ(reused.path, fresh.path) << event;
    EXPECT_EQ(reused.claims_missing, fresh.claims_missing) << event;
    EXPECT_EQ(reused.claims.size(), fresh.claims.size()) << event;
    EXPECT_EQ(reused.authorization, fresh.authorization) << event;
    EXPECT_EQ(reused.error, fresh.error) << event;
  }
  ReadEvent("not json", &reused);
  EXPECT_TRUE(reused.method_missing && reused.path_missing && reused.claims_missing);
  EXPECT_TRUE(reused.method.empty() && reused.path.empty() && reused.claims.empty());
  EXPECT_EQ(reused.error, "event is not a valid JSON object");
}

// ---- duplicates, escapes, shapes and trailing content (hostile events) ----

// An HTTP API (2.0) event carries its claims at authorizer.jwt.claims; the
// REST place means nothing there.
TEST(ReadEvent, HttpApiClaimsComeOnlyFromAuthorizerJwtClaims) {
  ExtractedRequest r;
  ASSERT_TRUE(ReadEvent(R"({"version":"2.0","rawPath":"/pets","requestContext":{"http":)"
                        R"({"method":"GET"},"authorizer":{"claims":{"cognito:groups":"admins"}}}})",
                        &r));
  EXPECT_EQ(r.shape, ExtractedRequest::Shape::kHttpV2);
  EXPECT_TRUE(r.claims_missing);
  // With a header, the token is what decides (after verification).
  ASSERT_TRUE(ReadEvent(R"({"version":"2.0","rawPath":"/pets","headers":{"authorization":"t"},)"
                        R"("requestContext":{"http":{"method":"GET"},"authorizer":{"claims":)"
                        R"({"cognito:groups":"admins"}}}})",
                        &r));
  EXPECT_TRUE(r.claims_missing);
  EXPECT_EQ(r.authorization, "t");
  // Payload 1.0 reads either place, but not both at once.
  ASSERT_TRUE(ReadEvent(R"({"httpMethod":"GET","path":"/","requestContext":{"authorizer":)"
                        R"({"jwt":{"claims":{"sub":"s"}}}}})",
                        &r));
  EXPECT_FALSE(r.claims_missing);
  EXPECT_FALSE(ReadEvent(R"({"httpMethod":"GET","path":"/","requestContext":{"authorizer":)"
                         R"({"claims":{"sub":"a"},"jwt":{"claims":{"sub":"b"}}}}})",
                         &r));
}

TEST(ReadEvent, NothingButWhitespaceMayFollowTheEvent) {
  ExtractedRequest r;
  const std::string event = kRest;
  ASSERT_TRUE(ReadEvent(event + " \n\t\r ", &r));
  for (const std::string trailer :
       {std::string(" {\"path\":\"/admin\"}"), std::string("x"), std::string("]"), std::string("}"),
        std::string(" 1"), std::string(" null"), std::string("\"s\"")}) {
    EXPECT_FALSE(ReadEvent(event + trailer, &r)) << trailer;
    EXPECT_TRUE(r.method_missing && r.path_missing && r.claims_missing) << trailer;
  }
  EXPECT_FALSE(ReadEvent(event + "{}", &r));
  EXPECT_EQ(r.error, "event has content after its JSON object");
}

// API Gateway never sends both shapes' fields; a handler routing on the one
// rolesel did not read would serve another request.
TEST(ReadEvent, AnEventWithTheFieldsOfBothShapesIsRefused) {
  ExtractedRequest r;
  for (const char* event : {
           R"({"version":"2.0","rawPath":"/pets","path":"/admin","requestContext":)"
           R"({"http":{"method":"GET"},"authorizer":{"jwt":{"claims":{}}}}})",
           R"({"version":"2.0","rawPath":"/pets","httpMethod":"DELETE","requestContext":)"
           R"({"http":{"method":"GET"},"authorizer":{"jwt":{"claims":{}}}}})",
           R"({"httpMethod":"GET","path":"/pets","rawPath":"/admin","requestContext":)"
           R"({"authorizer":{"claims":{}}}})",
       }) {
    EXPECT_FALSE(ReadEvent(event, &r)) << event;
    EXPECT_EQ(r.error,
              "event has the method or path fields of both the REST and the HTTP API shape");
  }
  // A direct request object is read as such, whatever else it holds.
  EXPECT_TRUE(ReadEvent(R"({"method":"GET","path":"/","claims":{},"rawPath":"/x"})", &r,
                        EventShapeHint::kDirectRequest));
}

}  // namespace
}  // namespace rolesel
