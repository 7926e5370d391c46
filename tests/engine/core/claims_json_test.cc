#include "rolesel/core/claims_json.h"

#include "gtest/gtest.h"
#include "rolesel/core/list_decoding.h"
#include "test_util.h"

namespace rolesel {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

// A value nesting `depth` arrays around "x".
json Nested(int depth) {
  json value = "x";
  for (int i = 0; i < depth; ++i) value = json::array({value});
  return value;
}

TEST(Claims, AJsonArrayIsAListForEveryReading) {
  auto c = ClaimsFromJson(json{{"cognito:groups", {"a", "b"}}});
  ASSERT_TRUE(c.ok());
  const ClaimValue* v = c->Find("cognito:groups");
  EXPECT_EQ(testing::Vec(v->elements()), (Strings{"a", "b"}));
  EXPECT_EQ(testing::Vec(v->list()), (Strings{"a", "b"}));
}

TEST(Claims, NumbersAndBooleansKeepTheirJsonText) {
  auto c = ClaimsFromJson(json::parse(R"({"n": 42, "b": false, "f": 1.5})"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->Find("n")->text(), "42");
  EXPECT_EQ(c->Find("b")->text(), "false");
  EXPECT_EQ(c->Find("f")->text(), "1.5");
}

TEST(Claims, NullIsAbsent) {
  auto c = ClaimsFromJson(json::parse(R"({"x": null})"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->Find("x"), nullptr);
  EXPECT_TRUE(c->empty());
}

TEST(Claims, StructuredValuesAreMalformedAsLists) {
  auto c = ClaimsFromJson(json::parse(R"({"o": {"a": 1}, "nested": [["a"]], "ok": ["a", 1]})"));
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->Find("o")->malformed_as_list());
  EXPECT_TRUE(c->Find("nested")->malformed_as_list());
  EXPECT_FALSE(c->Find("ok")->malformed_as_list());
  EXPECT_EQ(testing::Vec(c->Find("ok")->list()), (Strings{"a", "1"}));
}

TEST(ClaimsFromJson, RefusesANonObject) {
  EXPECT_FALSE(ClaimsFromJson(json::array()).ok());
  EXPECT_FALSE(ClaimsFromJson(json("alice")).ok());
}

TEST(ClaimLimits, ValuesNestAtMostKMaxClaimDepthLevels) {
  Claims claims;
  SetJsonClaim(claims, "custom:deep", Nested(kMaxClaimDepth));
  EXPECT_EQ(claims.limit_exceeded(), "");
  SetJsonClaim(claims, "custom:deeper", Nested(kMaxClaimDepth + 1));
  EXPECT_EQ(claims.limit_exceeded(), "claim custom:deeper nests deeper than 32 levels");
  // As a string holding the array, the same limit holds.
  Claims in_string;
  in_string.SetString("cognito:groups", Nested(kMaxClaimDepth + 1).dump());
  EXPECT_TRUE(in_string.Find("cognito:groups")->malformed_as_list());
}

// Writing a claim's text recurses; a value 70,000 levels deep (a 140 KB
// event) overflowed the stack there.
TEST(ClaimLimits, AValueNestedSeventyThousandLevelsIsRefusedNotACrash) {
  std::string text(70000, '[');
  text += std::string(70000, ']');
  auto parsed = json::parse(text, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  Claims claims;
  SetJsonClaim(claims, "custom:deep", parsed);
  EXPECT_EQ(claims.limit_exceeded(), "claim custom:deep nests deeper than 32 levels");
}

}  // namespace
}  // namespace rolesel
