#include "rolesel/internal/strict_json.h"

#include "gtest/gtest.h"

namespace rolesel::internal {
namespace {

std::string Problem(std::string_view text) {
  auto parsed = ParseStrictJson(text);
  EXPECT_FALSE(parsed.ok()) << text;
  return std::string(parsed.status().message());
}

TEST(ParseStrictJson, ReadsOrdinaryJson) {
  auto parsed = ParseStrictJson(R"({"a": [1, {"b": "c"}], "d": null})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)["a"][1]["b"], "c");
  // The same key in two different objects is no duplicate.
  EXPECT_TRUE(ParseStrictJson(R"({"a": {"k": 1}, "b": {"k": 2}})").ok());
  EXPECT_TRUE(ParseStrictJson(R"([{"k": 1}, {"k": 2}])").ok());
}

TEST(ParseStrictJson, RefusesAKeyTwiceInOneObjectAfterUnescaping) {
  EXPECT_EQ(Problem(R"({"iss": "a", "iss": "b"})"), "has the key \"iss\" twice in one object");
  EXPECT_EQ(Problem(R"({"kid": "a", "ki\u0064": "b"})"), "has the key \"kid\" twice in one object");
  EXPECT_EQ(Problem(R"({"o": {"x": 1, "y": 2, "x": 3}})"), "has the key \"x\" twice in one object");
  EXPECT_EQ(Problem(R"([{"a": 1}, {"b": 1, "b": null}])"), "has the key \"b\" twice in one object");
}

TEST(ParseStrictJson, RefusesNestingPastTheLimitAtItsBoundary) {
  const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(ParseStrictJson(nested(kMaxJsonDepth)).ok());
  EXPECT_EQ(Problem(nested(kMaxJsonDepth + 1)), "nests deeper than 128 levels");
  EXPECT_EQ(Problem(nested(100000)), "nests deeper than 128 levels");
  EXPECT_TRUE(ParseStrictJson(nested(3), 3).ok());
  EXPECT_FALSE(ParseStrictJson(nested(4), 3).ok());
}

TEST(ParseStrictJson, RefusesWhatIsNotOneJsonValue) {
  EXPECT_EQ(Problem(""), "is not valid JSON");
  EXPECT_EQ(Problem("{} {}"), "is not valid JSON");
  EXPECT_EQ(Problem("{\"a\": 1,}"), "is not valid JSON");
  EXPECT_EQ(Problem("\"\xff\""), "is not valid JSON");
  EXPECT_TRUE(ParseStrictJson(" {} \n").ok());
}

// Callers that fall back to another reading for text that is not JSON must
// not fall back for JSON that was refused.
TEST(ParseStrictJson, SaysWhetherTheTextWasRefusedOrIsNotJson) {
  bool refused = true;
  EXPECT_FALSE(ParseStrictJson("[admins users]", kMaxJsonDepth, &refused).ok());
  EXPECT_FALSE(refused);
  EXPECT_FALSE(ParseStrictJson(R"([{"a":1,"a":2}])", kMaxJsonDepth, &refused).ok());
  EXPECT_TRUE(refused);
  EXPECT_FALSE(ParseStrictJson("[[[]]]", 2, &refused).ok());
  EXPECT_TRUE(refused);
  EXPECT_TRUE(ParseStrictJson("[1]", kMaxJsonDepth, &refused).ok());
  EXPECT_FALSE(refused);
}

TEST(JsonDepth, CountsContainersWithoutRecursing) {
  EXPECT_EQ(JsonDepth(nlohmann::json(1), 10), 0);
  EXPECT_EQ(JsonDepth(nlohmann::json::parse("[]"), 10), 1);
  EXPECT_EQ(JsonDepth(nlohmann::json::parse(R"({"a": [1, [2]], "b": {}})"), 10), 3);
  EXPECT_EQ(JsonDepth(nlohmann::json::parse("[[[[[]]]]]"), 2), 3) << "stops past the limit";
}

}  // namespace
}  // namespace rolesel::internal
