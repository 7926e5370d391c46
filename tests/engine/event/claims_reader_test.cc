// The walk of rolesel/event/claims_reader.h (part of every kernel, event_kernel.h),
// through ReadEvent; CTest runs these once per kernel the CPU runs.
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

}  // namespace
}  // namespace rolesel
