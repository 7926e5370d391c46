#include "rolesel/internal/strict_json.h"

#include <string>
#include <vector>

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

// Same value, same kinds (an unsigned, a signed and a float number are
// different kinds to nlohmann), node by node.
void ExpectSameTree(const nlohmann::json& got, const nlohmann::json& want, const std::string& at) {
  ASSERT_EQ(got.type(), want.type()) << at;
  ASSERT_EQ(got.dump(), want.dump()) << at;
  if (want.is_object()) {
    for (const auto& [key, value] : want.items())
      ExpectSameTree(got.at(key), value, at + "/" + key);
  } else if (want.is_array()) {
    for (size_t i = 0; i < want.size(); ++i)
      ExpectSameTree(got[i], want[i], at + "/" + std::to_string(i));
  }
}

// Documents are read with simdjson when it can vouch for the result and
// with nlohmann otherwise: either way the value is nlohmann's own reading.
TEST(ParseStrictJson, ReadsEveryDocumentAsNlohmannDoes) {
  const std::vector<std::string> documents = {
      R"({"sub":"5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f","exp":1795790700,"email_verified":true})",
      R"({"n":[0,-0,-1,1,9223372036854775807,9223372036854775808,18446744073709551615]})",
      R"({"f":[1.0,-0.0,1e2,1E-2,0.1,123456789012345678901234567890]})",
      R"({"s":["a\"b","c\\d","\/","\b\f\n\r\t","é","𝄞","\u00e9","\ud834\udd1e"]})",
      R"({"empty":{},"list":[],"nested":{"a":{"b":[[],[{}]]}},"null":null,"no":false})",
      R"("Bearer eyJraWQiOiJrMSJ9.e30.c2ln")",
      R"(-0)",
      R"(0)",
      R"(42)",
      R"(-7)",
      R"(true)",
      R"(null)",
      " \n\t{ \"spaced\" : [ 1 , 2 ] }\r\n",
      R"({"":"","a-0":"-0"})",
      R"({"k":1,"K":2,"k2":{"k":3}})"};
  for (const std::string& text : documents) {
    auto parsed = ParseStrictJson(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status();
    ExpectSameTree(*parsed, nlohmann::json::parse(text), text);
  }
}

// What the fast reading would accept is refused as before, with the same
// words: a key twice (also as "\u" escapes), nesting, surrogates alone,
// trailing content, numbers beyond 64 bits where they are refused.
TEST(ParseStrictJson, RefusesTheSameDocumentsWhicheverReadingIsTried) {
  EXPECT_EQ(Problem(R"({"a":{"x":1,"x":2}})"), "has the key \"x\" twice in one object");
  EXPECT_EQ(Problem(R"({"a":1,"\u0061":2})"), "has the key \"a\" twice in one object");
  EXPECT_EQ(Problem(R"(["\ud800"])"), "is not valid JSON");
  EXPECT_EQ(Problem(R"(["\udc00"])"), "is not valid JSON");
  EXPECT_EQ(Problem(R"({"a":1} x)"), "is not valid JSON");
  EXPECT_EQ(Problem(R"({"a":01})"), "is not valid JSON");
  EXPECT_EQ(Problem(std::string("[\"\x01\"]")), "is not valid JSON");
  EXPECT_EQ(Problem(std::string(129, '[') + std::string(129, ']')), "nests deeper than 128 levels");
}

}  // namespace
}  // namespace rolesel::internal
