#include "rolesel/event/event_reader.h"

#include <fstream>
#include <sstream>
#include <tuple>

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
    EXPECT_FALSE(r.error.empty()) << bad;
  }
  for (const char* none : {R"("headers":{"Authorization":null})", R"("headers":null)",
                           R"("multiValueHeaders":{"Authorization":[]})",
                           R"("multiValueHeaders":{"Authorization":null})"}) {
    ASSERT_TRUE(ReadEvent(event(none), &r)) << none;
    EXPECT_FALSE(r.authorization.has_value()) << none;
  }
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

// ---- duplicates, escapes, shapes and trailing content (hostile events) ----

const char kRest[] =
    R"({"version":"1.0","httpMethod":"GET","path":"/pets","headers":{},"multiValueHeaders":{},)"
    R"("requestContext":{"stage":"prod","authorizer":{"claims":{"cognito:username":"alice"}}}})";

// `event` with `field` inserted first in the object that starts at `at`
// (the top level when `at` is 0).
std::string WithFieldFirst(std::string event, size_t at, const std::string& field) {
  return event.insert(at + 1, field + ",");
}

// A key spelled with an escape is the same key: beside its plain spelling
// it is a duplicate (a last-wins reader in the handler would see it).
TEST(ReadEvent, AKeySpelledWithAnEscapeIsTheSameKey) {
  ExtractedRequest r;
  for (const char* field : {R"("pat\u0068":"/admin")", R"("httpMetho\u0064":"DELETE")",
                            R"("\u0072equestContext":{})", R"("versio\u006e":"2.0")"}) {
    EXPECT_FALSE(ReadEvent(WithFieldFirst(kRest, 0, field), &r)) << field;
    EXPECT_EQ(r.error, "event has a duplicated field") << field;
  }
  // Alone, the escaped spelling is read as the key it spells.
  ASSERT_TRUE(ReadEvent(R"({"httpMetho\u0064":"GET","pat\u0068":"/x","requestContext":)"
                        R"({"authorize\u0072":{"claim\u0073":{"sub":"s"}}}})",
                        &r));
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/x");
  EXPECT_FALSE(r.claims_missing);
  ASSERT_TRUE(ReadEvent(R"({"version":"2.0","rawPat\u0068":"/y","requestContext":{"http":)"
                        R"({"metho\u0064":"PUT"},"authorizer":{"jw\u0074":{"claims":{}}}}})",
                        &r));
  EXPECT_EQ(r.method, "PUT");
  EXPECT_EQ(r.path, "/y");
  EXPECT_FALSE(r.claims_missing);
}

// A first occurrence of any type (null, a number) before the real one is a
// duplicate all the same, at every level the decision reads.
TEST(ReadEvent, EveryReadFieldAndEveryObjectOnTheWayMayAppearOnce) {
  const std::string http =
      R"({"version":"2.0","rawPath":"/pets","requestContext":{"stage":"$default",)"
      R"("http":{"method":"GET"},"authorizer":{"jwt":{"claims":{"sub":"s"}}}}})";
  const std::string direct = R"({"method":"GET","path":"/pets","claims":{"sub":"s"}})";
  const size_t context = std::string(kRest).find("{\"stage");
  const size_t authorizer = std::string(kRest).find("{\"claims");
  const size_t http_context = http.find("{\"stage");
  const size_t http_http = http.find("{\"method");
  const size_t http_jwt = http.find("{\"claims");
  ExtractedRequest r;
  for (const char* first : {"null", "7", "\"x\"", "{}", "[]"}) {
    const std::string f = first;
    for (const auto& [event, at, key] : std::vector<std::tuple<std::string, size_t, std::string>>{
             {kRest, 0, "httpMethod"},
             {kRest, 0, "path"},
             {kRest, 0, "requestContext"},
             {kRest, 0, "headers"},
             {kRest, 0, "multiValueHeaders"},
             {kRest, 0, "version"},
             {kRest, context, "authorizer"},
             {kRest, context, "stage"},
             {kRest, authorizer, "claims"},
             {http, 0, "rawPath"},
             {http, http_context, "http"},
             {http, http_http, "method"},
             {http, http_jwt, "claims"},
             {direct, 0, "method"},
             {direct, 0, "path"},
             {direct, 0, "claims"},
         }) {
      const std::string bad = WithFieldFirst(event, at, "\"" + key + "\":" + f);
      EXPECT_FALSE(ReadEvent(bad, &r)) << bad;
    }
  }
  // Two authorizer objects of which only one holds claims.
  EXPECT_FALSE(ReadEvent(R"({"httpMethod":"GET","path":"/pets","requestContext":{"authorizer":{},)"
                         R"("authorizer":{"claims":{"sub":"s"}}}})",
                         &r));
  EXPECT_FALSE(ReadEvent(R"({"version":"2.0","rawPath":"/","requestContext":{"http":{"method":)"
                         R"("GET"},"authorizer":{"jwt":{},"jwt":{"claims":{}}}}})",
                         &r));
}

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

std::string Nested(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A claim nested 70,000 levels deep (a 140 KB event) crashed the process
// while its text was written: refused, naming the limit, in every shape.
TEST(ReadEvent, DeeplyNestedClaimsAreRefusedNamingTheLimitInEveryShape) {
  for (size_t depth : {kMaxClaimDepth + 1, size_t{70000}}) {
    const std::string deep = Nested(depth);
    for (const std::string& event : {
             R"({"httpMethod":"GET","path":"/","requestContext":{"authorizer":{"claims":{"x":)" +
                 deep + "}}}}",
             R"({"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"},)"
             R"("authorizer":{"jwt":{"claims":{"x":)" +
                 deep + "}}}}}",
             R"({"method":"GET","path":"/","claims":{"x":)" + deep + "}}",
         }) {
      ExtractedRequest r;
      ASSERT_TRUE(ReadEvent(event, &r));
      ASSERT_FALSE(r.claims_missing);
      EXPECT_EQ(r.claims.limit_exceeded(), "claim x nests deeper than 32 levels");
    }
  }
  ExtractedRequest r;
  ASSERT_TRUE(ReadEvent(
      R"({"method":"GET","path":"/","claims":{"x":)" + Nested(kMaxClaimDepth) + "}}", &r));
  EXPECT_EQ(r.claims.limit_exceeded(), "");
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
