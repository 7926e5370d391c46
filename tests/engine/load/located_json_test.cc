#include "rolesel/load/located_json.h"

#include "gtest/gtest.h"

namespace rolesel {
namespace {

LocatedJson MustParse(const std::string& text) {
  LocatedJson json;
  Diagnostic error;
  EXPECT_TRUE(LocatedJson::Parse(text, &json, &error)) << error.message;
  return json;
}

Diagnostic SyntaxError(const std::string& text) {
  LocatedJson json;
  Diagnostic error;
  EXPECT_FALSE(LocatedJson::Parse(text, &json, &error));
  return error;
}

#define EXPECT_AT(loc, l, c)    \
  do {                          \
    EXPECT_EQ((loc).line, l);   \
    EXPECT_EQ((loc).column, c); \
  } while (0)

TEST(LocatedJson, LocatesKeysAndValuesOfEveryType) {
  auto json = MustParse(
      "{\n"
      "  \"a\": 1,\n"
      "  \"b\": [true, null, \"x\"],\n"
      "  \"c\": {\"d\": -2.5e3}\n"
      "}\n");
  EXPECT_AT(json.KeyLocation("/a"), 2, 3);
  EXPECT_AT(json.ValueLocation("/a"), 2, 8);
  EXPECT_AT(json.ValueLocation("/b"), 3, 8);
  EXPECT_AT(json.ValueLocation("/b/0"), 3, 9);
  EXPECT_AT(json.ValueLocation("/b/1"), 3, 15);
  EXPECT_AT(json.ValueLocation("/b/2"), 3, 21);
  EXPECT_AT(json.KeyLocation("/c/d"), 4, 9);
  EXPECT_AT(json.ValueLocation("/c/d"), 4, 14);
  EXPECT_AT(json.ValueLocation(""), 1, 1);
}

TEST(LocatedJson, AllowsCommentsAndKeepsPositionsAfterThem) {
  auto json = MustParse(
      "// header\n"
      "{ /* inline */ \"a\": /* x */ \"v\" // tail\n"
      "}\n");
  EXPECT_AT(json.KeyLocation("/a"), 2, 16);
  EXPECT_AT(json.ValueLocation("/a"), 2, 29);
  EXPECT_EQ(json.root()["a"], "v");
}

TEST(LocatedJson, KeysWithEscapedQuotesAndSlashesAreLocated) {
  auto json = MustParse("{\"a\\\"b\": 1, \"x/y~z\": 2}");
  EXPECT_AT(json.KeyLocation("/a\"b"), 1, 2);
  EXPECT_AT(json.KeyLocation(LocatedJson::Child("", "x/y~z")), 1, 13);
}

TEST(LocatedJson, ColumnsCountCharactersNotBytes) {
  auto json = MustParse("{\"\xc3\xa9\xc3\xa9\": 1, \"b\": 2}");
  EXPECT_AT(json.KeyLocation("/b"), 1, 11);  // "{" "\"" e e "\"" ":" " " "1" "," " " then "\"b\""
}

TEST(LocatedJson, SyntaxErrorsHaveLineAndColumn) {
  auto error = SyntaxError("{\n  \"a\": 1\n  \"b\": 2\n}");
  EXPECT_EQ(error.check, "syntax");
  EXPECT_EQ(error.location.line, 3);
  EXPECT_EQ(error.location.column, 3);
  EXPECT_NE(error.message.find("JSON syntax error"), std::string::npos);
}

TEST(LocatedJson, TrailingCommasAreNamedAtTheComma) {
  auto in_object = SyntaxError("{\n  \"a\": 1,\n}");
  EXPECT_EQ(in_object.message, "JSON syntax error: trailing comma is not allowed");
  EXPECT_AT(in_object.location, 2, 9);
  auto in_array = SyntaxError("{\"a\": [1, 2, ]}");
  EXPECT_EQ(in_array.message, "JSON syntax error: trailing comma is not allowed");
  EXPECT_AT(in_array.location, 1, 12);
}

TEST(LocatedJson, EmptyAndTruncatedInputs) {
  EXPECT_NE(SyntaxError("").message.find("empty"), std::string::npos);
  EXPECT_NE(SyntaxError("  \n ").message.find("empty"), std::string::npos);
  auto truncated = SyntaxError("{\"a\": [1, 2");
  EXPECT_EQ(truncated.location.line, 1);
  EXPECT_NE(SyntaxError("{} x").message.find("syntax error"), std::string::npos);
}

}  // namespace
}  // namespace rolesel
