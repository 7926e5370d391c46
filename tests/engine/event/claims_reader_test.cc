// The walk of rolesel/event/claims_reader.h (part of every kernel, event_kernel.h),
// through ReadEvent; CTest runs these once per kernel the CPU runs.
#include <cstdio>
#include <tuple>

#include "gtest/gtest.h"
#include "read_test_util.h"
#include "rolesel/event/event_reader.h"

// Through ReadEvent, which drives this part of the reader.
namespace rolesel {
namespace {

using namespace ::rolesel::testing;  // NOLINT: the reader's test helpers (read_test_util.h)

TEST(ReadEvent, EmptyClaimsObjectIsReadable) {
  auto r = Read(RestEvent(json::object()));
  EXPECT_FALSE(r.claims_missing);
  EXPECT_TRUE(r.claims.empty());
}

TEST(ReadEvent, ClaimsOfTheWrongTypeAreMissing) {
  EXPECT_TRUE(Read(RestEvent("alice")).claims_missing);
  EXPECT_TRUE(Read({{"method", "GET"}, {"path", "/"}, {"claims", json::array()}}).claims_missing);
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

// A string with an escape reads as the same string written without it, at
// every length around eight-byte steps and with the escape at every
// position, in claim names, claim values and the path.
TEST(ReadEvent, EscapedAndPlainStringsReadTheSame) {
  for (size_t n = 1; n <= 20; ++n) {
    std::string plain;
    for (size_t i = 0; i < n; ++i) plain += static_cast<char>('a' + i % 26);
    for (size_t at = 0; at < n; ++at) {
      // The character at `at` written as \u00XX.
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", plain[at]);
      const std::string escaped = plain.substr(0, at) + escape + plain.substr(at + 1);
      for (const std::string& text : {plain, escaped}) {
        const std::string event = R"({"method":"G)" + text.substr(0, 0) + R"(ET","path":"/)" +
                                  text + R"(","claims":{")" + text + R"(":")" + text + R"("}})";
        ExtractedRequest r;
        ASSERT_TRUE(ReadEvent(event, &r)) << event << ": " << r.error;
        EXPECT_EQ(r.path, "/" + plain) << event;
        ASSERT_NE(r.claims.Find(plain), nullptr) << event;
        EXPECT_EQ(r.claims.Find(plain)->text(), plain) << event;
      }
    }
  }
  ExtractedRequest r;
  ASSERT_TRUE(
      ReadEvent(R"({"method":"\u0047ET","path":"/a\"b\\c","claims":{"q":"say \"hi\""}})", &r));
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/a\"b\\c");
  EXPECT_EQ(r.claims.Find("q")->text(), "say \"hi\"");
}

// What no reading may pass through as a string: a raw control character or
// bytes that are not UTF-8 inside a claim name, a claim value or the path
// refuse the event, as does a bad escape in a claim; a bad escape in the
// path leaves the path missing (a bad_request deny), as a path that is not
// a string does.
TEST(ReadEvent, StringsThatAreNotJsonStringsAreNeverRead) {
  for (const std::string bad :
       {std::string("a\x01z"), std::string("a\nz"), std::string("a\xffz"), std::string("caf\xc3"),
        std::string("a\\qz"), std::string("a\\u12z")}) {
    const bool bad_escape = bad.find('\\') != std::string::npos;
    for (const std::string& event : {
             R"({"method":"GET","path":"/x","claims":{"k":")" + bad + R"("}})",
             R"({"method":"GET","path":"/x","claims":{")" + bad + R"(":"v"}})",
         }) {
      ExtractedRequest r;
      EXPECT_FALSE(ReadEvent(event, &r)) << event;
      EXPECT_EQ(r.error, "event is not valid JSON") << event;
    }
    const std::string in_path = R"({"method":"GET","path":"/)" + bad + R"(","claims":{"k":"v"}})";
    ExtractedRequest r;
    EXPECT_EQ(ReadEvent(in_path, &r), bad_escape) << in_path;
    EXPECT_TRUE(r.path_missing) << in_path;
    EXPECT_EQ(r.error, bad_escape ? "" : "event is not valid JSON") << in_path;
  }
}

}  // namespace
}  // namespace rolesel
