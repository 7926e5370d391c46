// The walk of rolesel/event/event_walk.h (part of every kernel, event_kernel.h),
// through ReadEvent; CTest runs these once per kernel the CPU runs.
#include <tuple>

#include "gtest/gtest.h"
#include "read_test_util.h"
#include "rolesel/event/event_reader.h"

// Through ReadEvent, which drives this part of the reader.
namespace rolesel {
namespace {

using namespace ::rolesel::testing;  // NOLINT: the reader's test helpers (read_test_util.h)

TEST(ReadEvent, EscapedStringsAreUnescaped) {
  auto r = Read({{"method", "GET"},
                 {"path", "/caf\xc3\xa9"},
                 {"claims", {{"q\"k", "line\nbreak \xe2\x9c\x93"}}}});
  EXPECT_EQ(r.path, "/caf\xc3\xa9");
  EXPECT_EQ(r.claims.Find("q\"k")->text(), "line\nbreak \xe2\x9c\x93");
}

TEST(ReadEvent, DuplicatedFieldsThatMatterAreRefused) {
  ExtractedRequest r;
  EXPECT_FALSE(ReadEvent(R"({"method":"GET","path":"/a","path":"/b","claims":{}})", &r));
  EXPECT_FALSE(ReadEvent(R"({"method":"GET","path":"/a","claims":{"sub":"a","sub":"b"}})", &r));
  EXPECT_NE(r.error.find("duplicated"), std::string::npos);
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

}  // namespace
}  // namespace rolesel
