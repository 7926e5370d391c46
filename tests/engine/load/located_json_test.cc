#include "rolesel/load/located_json.h"

#include "gtest/gtest.h"
#include "rolesel/internal/strict_json.h"

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

// Positions are counted on from the previous one: a file on one line (as
// generators write them) has every position right, not only fast.
TEST(LocatedJson, PositionsOnOneLongLineAreExact) {
  std::string text = "{\"rules\":[";
  std::vector<size_t> starts;
  for (int i = 0; i < 2000; ++i) {
    if (i > 0) text += ",";
    starts.push_back(text.size());
    text += "{\"id\":\"r" + std::to_string(i) + "\",\"x\":\"\xc3\xa9\"}";
  }
  text += "]}";
  auto json = MustParse(text);
  for (int i : {0, 1, 999, 1999}) {
    // Every entry before i holds one two-byte character.
    const int column = static_cast<int>(starts[i]) + 1 - i;
    EXPECT_AT(json.ValueLocation("/rules/" + std::to_string(i)), 1, column);
    EXPECT_AT(json.KeyLocation("/rules/" + std::to_string(i) + "/id"), 1, column + 1);
  }
}

TEST(LocatedJson, PositionsStayRightAcrossLinesCommentsAndNumbers) {
  auto json = MustParse("{\"a\": 12345\n, \"b\": [true,\n  7], /* c\n */ \"d\": -1.5e3}");
  EXPECT_AT(json.ValueLocation("/a"), 1, 7);
  EXPECT_AT(json.KeyLocation("/b"), 2, 3);
  EXPECT_AT(json.ValueLocation("/b/0"), 2, 9);
  EXPECT_AT(json.ValueLocation("/b/1"), 3, 3);
  EXPECT_AT(json.KeyLocation("/d"), 4, 5);
  EXPECT_AT(json.ValueLocation("/d"), 4, 10);
}

TEST(LocatedJson, KeysTwiceInOneObjectAreRecordedWithBothPositions) {
  auto json = MustParse("{\"path\": \"/admin/**\",\n \"path\": \"/nothing\", \"o\": {\"k\": 1}}");
  ASSERT_EQ(json.duplicate_keys().size(), 1u);
  const auto& duplicate = json.duplicate_keys()[0];
  EXPECT_EQ(duplicate.pointer, "/path");
  EXPECT_AT(duplicate.diagnostic.location, 2, 2);
  EXPECT_EQ(duplicate.diagnostic.check, "duplicate-key");
  EXPECT_EQ(duplicate.diagnostic.message,
            "duplicate key \"path\" (first at line 1, column 2); a key may appear once in an "
            "object");
  EXPECT_TRUE(MustParse(R"({"a": {"k": 1}, "b": {"k": 1}, "c": [{"k": 1}, {"k": 2}]})")
                  .duplicate_keys()
                  .empty());
  // After unescaping, as every reader compares keys.
  EXPECT_EQ(MustParse(R"({"path": 1, "pat\u0068": 2})").duplicate_keys().size(), 1u);
}

TEST(LocatedJson, NestingIsLimitedAtTheBoundary) {
  const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  MustParse(nested(internal::kMaxJsonDepth));
  Diagnostic error = SyntaxError(nested(internal::kMaxJsonDepth + 1));
  EXPECT_EQ(error.check, "too-deep");
  EXPECT_EQ(error.message, "nesting deeper than 128 levels");
  EXPECT_AT(error.location, 1, internal::kMaxJsonDepth + 1);
  // 16,000 deep used to cost half a gigabyte of JSON pointers.
  EXPECT_EQ(SyntaxError(nested(16000)).check, "too-deep");
}

TEST(LocatedJson, RawTextIsEachValueAsWritten) {
  auto json = MustParse(
      "{\"a\": {\"n\": 1.50, /* c */ \"s\": \"x\\\"y\"} , \"b\": [1, 2e0 ], "
      "\"t\": true}");
  EXPECT_EQ(json.RawText("/a"), "{\"n\": 1.50, /* c */ \"s\": \"x\\\"y\"}");
  EXPECT_EQ(json.RawText("/a/n"), "1.50");
  EXPECT_EQ(json.RawText("/a/s"), "\"x\\\"y\"");
  EXPECT_EQ(json.RawText("/b"), "[1, 2e0 ]");
  EXPECT_EQ(json.RawText("/b/1"), "2e0");
  EXPECT_EQ(json.RawText("/t"), "true");
  EXPECT_EQ(json.RawText("/nope"), "");
}

}  // namespace
}  // namespace rolesel
