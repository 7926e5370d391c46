#include "rolesel/claims.h"

#include "gtest/gtest.h"
#include "test_util.h"

namespace rolesel {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

TEST(DecodeStringList, ReadsEveryEncodingTheSame) {
  const Strings expected = {"admins", "users", "vets"};
  EXPECT_EQ(DecodeStringList("admins,users,vets"), expected);
  EXPECT_EQ(DecodeStringList("[admins users vets]"), expected);
  EXPECT_EQ(DecodeStringList("[\"admins\",\"users\",\"vets\"]"), expected);
  EXPECT_EQ(DecodeStringList(" admins , users,vets "), expected);
}

TEST(DecodeStringList, SingleAndEmptyLists) {
  EXPECT_EQ(DecodeStringList("admins"), Strings{"admins"});
  EXPECT_EQ(DecodeStringList("[admins]"), Strings{"admins"});
  EXPECT_EQ(DecodeStringList(""), Strings{});
  EXPECT_EQ(DecodeStringList("[]"), Strings{});
  EXPECT_EQ(DecodeStringList(",,"), Strings{});
}

TEST(DecodeStringList, JsonArrayElementsMayHoldSpacesAndCommas) {
  EXPECT_EQ(DecodeStringList("[\"a b\",\"c,d\"]"), (Strings{"a b", "c,d"}));
}

TEST(Claims, AStringKeepsItsWholeValueAndItsListReading) {
  Claims c;
  c.SetString("name", "Doe, John");
  const ClaimValue* v = c.Find("name");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->text(), "Doe, John");
  EXPECT_EQ(testing::Vec(v->elements()), Strings{"Doe, John"});
  EXPECT_EQ(testing::Vec(v->list()), (Strings{"Doe", "John"}));
}

TEST(Claims, AJsonArrayIsAListForEveryReading) {
  auto c = Claims::FromJson(json{{"cognito:groups", {"a", "b"}}});
  ASSERT_TRUE(c.ok());
  const ClaimValue* v = c->Find("cognito:groups");
  EXPECT_EQ(testing::Vec(v->elements()), (Strings{"a", "b"}));
  EXPECT_EQ(testing::Vec(v->list()), (Strings{"a", "b"}));
}

TEST(Claims, NumbersAndBooleansKeepTheirJsonText) {
  auto c = Claims::FromJson(json::parse(R"({"n": 42, "b": false, "f": 1.5})"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->Find("n")->text(), "42");
  EXPECT_EQ(c->Find("b")->text(), "false");
  EXPECT_EQ(c->Find("f")->text(), "1.5");
}

TEST(Claims, NullIsAbsent) {
  auto c = Claims::FromJson(json::parse(R"({"x": null})"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->Find("x"), nullptr);
  EXPECT_TRUE(c->empty());
}

TEST(Claims, StructuredValuesAreMalformedAsLists) {
  auto c = Claims::FromJson(json::parse(R"({"o": {"a": 1}, "nested": [["a"]], "ok": ["a", 1]})"));
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->Find("o")->malformed_as_list());
  EXPECT_TRUE(c->Find("nested")->malformed_as_list());
  EXPECT_FALSE(c->Find("ok")->malformed_as_list());
  EXPECT_EQ(testing::Vec(c->Find("ok")->list()), (Strings{"a", "1"}));
}

TEST(Claims, FromJsonRefusesANonObject) {
  EXPECT_FALSE(Claims::FromJson(json::array()).ok());
  EXPECT_FALSE(Claims::FromJson(json("alice")).ok());
}

}  // namespace
}  // namespace rolesel

namespace rolesel {
namespace {

TEST(DecodeStringList, BracketedWordsThatLookLikeJsonLiteralsStillDecode) {
  using Strings = std::vector<std::string>;
  EXPECT_EQ(DecodeStringList("[nobody users]"), (Strings{"nobody", "users"}));
  EXPECT_EQ(DecodeStringList("[true false]"), (Strings{"true", "false"}));
  EXPECT_EQ(DecodeStringList("[1, 2]"), (Strings{"1", "2"})) << "a JSON array of numbers";
  EXPECT_EQ(DecodeStringList("[-1 x]"), (Strings{"-1", "x"}));
}

}  // namespace
}  // namespace rolesel
