#include "rolesel/event/event_reader.h"

#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "test_util.h"

namespace rolesel {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

ExtractedRequest Read(const json& event, EventShapeHint hint = EventShapeHint::kDetect) {
  ExtractedRequest out;
  ReadEvent(event.dump(), &out, hint);
  return out;
}

std::string Example(const std::string& name) {
  std::ifstream in(testing::SourceDir() + "/rules/examples/events/" + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

json RestEvent(json claims) {
  return {{"resource", "/pets/{petId}"},
          {"path", "/pets/7"},
          {"httpMethod", "DELETE"},
          {"headers", {{"Host", "x"}}},
          {"requestContext", {{"stage", "prod"}, {"authorizer", {{"claims", claims}}}}}};
}

json HttpEvent(const std::string& stage, const std::string& raw_path, json claims) {
  return {{"version", "2.0"},
          {"rawPath", raw_path},
          {"headers", {{"host", "x"}}},
          {"requestContext",
           {{"stage", stage},
            {"http", {{"method", "GET"}, {"path", raw_path}}},
            {"authorizer", {{"jwt", {{"claims", claims}, {"scopes", nullptr}}}}}}}};
}

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

TEST(ReadEvent, EmptyClaimsObjectIsReadable) {
  auto r = Read(RestEvent(json::object()));
  EXPECT_FALSE(r.claims_missing);
  EXPECT_TRUE(r.claims.empty());
}

TEST(ReadEvent, ClaimsOfTheWrongTypeAreMissing) {
  EXPECT_TRUE(Read(RestEvent("alice")).claims_missing);
  EXPECT_TRUE(Read({{"method", "GET"}, {"path", "/"}, {"claims", json::array()}}).claims_missing);
}

TEST(ReadEvent, NonStringMethodOrPathIsMissing) {
  auto r = Read({{"method", 7}, {"path", json::array()}, {"claims", json::object()}});
  EXPECT_TRUE(r.method_missing);
  EXPECT_TRUE(r.path_missing);
  EXPECT_FALSE(r.claims_missing);
}

TEST(ReadEvent, EveryClaimTypeKeepsItsReading) {
  auto r = Read({{"method", "GET"},
                 {"path", "/"},
                 {"claims",
                  {{"n", 42},
                   {"b", true},
                   {"null", nullptr},
                   {"arr", {"x", 1}},
                   {"obj", {{"k", "v"}}},
                   {"s", "Doe, John"}}}});
  EXPECT_EQ(r.claims.Find("n")->text(), "42");
  EXPECT_EQ(r.claims.Find("b")->text(), "true");
  EXPECT_EQ(r.claims.Find("null"), nullptr);
  EXPECT_EQ(testing::Vec(r.claims.Find("arr")->elements()), (Strings{"x", "1"}));
  EXPECT_TRUE(r.claims.Find("obj")->malformed_as_list());
  EXPECT_EQ(testing::Vec(r.claims.Find("s")->elements()), Strings{"Doe, John"});
}

TEST(ReadEvent, EscapedStringsAreUnescaped) {
  auto r = Read({{"method", "GET"},
                 {"path", "/caf\xc3\xa9"},
                 {"claims", {{"q\"k", "line\nbreak \xe2\x9c\x93"}}}});
  EXPECT_EQ(r.path, "/caf\xc3\xa9");
  EXPECT_EQ(r.claims.Find("q\"k")->text(), "line\nbreak \xe2\x9c\x93");
}

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
  EXPECT_NE(r.error.find("duplicated"), std::string::npos);
  // Compared as written: two spellings of one string are refused as well.
  EXPECT_FALSE(ReadEvent(event(R"("Authorization":"t","authorization":"\u0074")"), &r));
  // Even when the event has claims, which the header then does not matter to.
  EXPECT_FALSE(
      ReadEvent(R"({"httpMethod":"GET","path":"/a","requestContext":{"authorizer":{"claims":{}}},)"
                R"("headers":{"Authorization":"t","authorization":"u"}})",
                &r));
}

TEST(ReadEvent, AMultiValueHeaderGivesItsFirstString) {
  const auto event = [](const std::string& values) {
    return R"({"httpMethod":"GET","path":"/a","requestContext":{},"headers":null,)"
           R"("multiValueHeaders":{"Authorization":)" +
           values + "}}";
  };
  ExtractedRequest r;
  ASSERT_TRUE(ReadEvent(event(R"([1, null, "tok", "other"])"), &r));
  EXPECT_EQ(r.authorization, "tok");
  ASSERT_TRUE(ReadEvent(event(R"([1])"), &r));
  EXPECT_EQ(r.authorization, "") << "an array without a string is an empty header";
  ASSERT_TRUE(ReadEvent(event(R"("tok")"), &r));
  EXPECT_FALSE(r.authorization.has_value()) << "not an array: no header";
}

TEST(ReadEvent, UnreadableDocumentsReadAsNothing) {
  for (const char* text : {"", "not json", "[1,2]", "\"s\"", "{\"method\": \"GET\",", "{}x"}) {
    ExtractedRequest r;
    ReadEvent(text, &r);
    EXPECT_TRUE(r.method_missing && r.path_missing && r.claims_missing) << text;
  }
  ExtractedRequest r;
  EXPECT_FALSE(ReadEvent("nope", &r));
  EXPECT_FALSE(r.error.empty());
}

TEST(ReadEvent, DuplicatedFieldsThatMatterAreRefused) {
  ExtractedRequest r;
  EXPECT_FALSE(ReadEvent(R"({"method":"GET","path":"/a","path":"/b","claims":{}})", &r));
  EXPECT_FALSE(ReadEvent(R"({"method":"GET","path":"/a","claims":{"sub":"a","sub":"b"}})", &r));
  EXPECT_NE(r.error.find("duplicated"), std::string::npos);
}

TEST(ReadEvent, AClaimNamedTwiceIsRefusedWhateverItsValues) {
  // A null claim is absent, but its name was used: null then a value (or
  // the other way round) says two things as much as two values do.
  const std::string values[] = {"\"x\"", "7", "true", "[\"a\"]", "{\"k\":1}", "null", "01"};
  for (const std::string& first : values) {
    if (first == "01") continue;  // not a valid value to start with
    for (const std::string& second : values) {
      // "cognito:groups" has a fixed slot, "custom:x" does not.
      for (const std::string name : {"cognito:groups", "custom:x"}) {
        const std::string event = R"({"method":"GET","path":"/a","claims":{")" + name +
                                  "\":" + first + R"(,"sub":"s",")" + name + "\":" + second + "}}";
        ExtractedRequest r;
        EXPECT_FALSE(ReadEvent(event, &r)) << event;
        EXPECT_NE(r.error.find("duplicated"), std::string::npos) << event;
      }
    }
  }
  ExtractedRequest r;
  ASSERT_TRUE(
      ReadEvent(R"({"method":"GET","path":"/a","claims":{"sub":null,"x":null,"y":"1"}})", &r));
  EXPECT_FALSE(r.claims_missing);
  EXPECT_EQ(r.claims.Find("sub"), nullptr);
  EXPECT_EQ(r.claims.Find("x"), nullptr);
  EXPECT_EQ(r.claims.size(), 1u);
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
  EXPECT_FALSE(reused.error.empty());
}

}  // namespace
}  // namespace rolesel
