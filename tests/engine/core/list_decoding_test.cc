#include "rolesel/core/list_decoding.h"

#include "gtest/gtest.h"
#include "rolesel/core/claims_json.h"
#include "test_util.h"

namespace rolesel {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

// One list claim, added the way the event reader adds it.
const ClaimValue& Added(Claims& claims, const json& value) {
  claims.Clear();
  if (value.is_string()) {
    claims.AddString("cognito:groups", value.get<std::string>());
  } else {
    AddJsonClaim(claims, "cognito:groups", value);
  }
  return *claims.Find("cognito:groups");
}

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

TEST(DecodeStringList, TheHttpApiFormSplitsOnSpacesTabsAndLineBreaksOnly) {
  EXPECT_EQ(DecodeStringList("[ admins\tusers\n\r vets  ]"), (Strings{"admins", "users", "vets"}));
  EXPECT_EQ(DecodeStringList("[  \t ]"), Strings{});
  // Vertical tab and form feed are not separators in this form (they are
  // trimmed only at the ends of the whole value).
  EXPECT_EQ(DecodeStringList("[a\vb c\fd]"), (Strings{"a\vb", "c\fd"}));
}

TEST(DecodeStringList, JsonArrayElementsMayHoldSpacesAndCommas) {
  EXPECT_EQ(DecodeStringList("[\"a b\",\"c,d\"]"), (Strings{"a b", "c,d"}));
}

TEST(DecodeStringList, BracketedWordsThatLookLikeJsonLiteralsStillDecode) {
  using Strings = std::vector<std::string>;
  EXPECT_EQ(DecodeStringList("[nobody users]"), (Strings{"nobody", "users"}));
  EXPECT_EQ(DecodeStringList("[true false]"), (Strings{"true", "false"}));
  EXPECT_EQ(DecodeStringList("[1, 2]"), (Strings{"1", "2"})) << "a JSON array of numbers";
  EXPECT_EQ(DecodeStringList("[-1 x]"), (Strings{"-1", "x"}));
}

// A JSON array reads the same, element for element and malformed or not,
// whether it arrives as an array or as a string holding it: a difference
// would let "[\"suspended\",null]" skip the deny its array form hits.
TEST(ListClaims, AnArrayInsideAStringReadsExactlyAsTheArray) {
  for (const char* array_text : {
           R"(["suspended",null])",
           R"(["suspended",{}])",
           R"(["suspended",[]])",
           R"(["suspended",{"a":1}])",
           R"([{},"suspended"])",
           R"([["suspended"]])",
           R"(["a","b"])",
           R"([1,true,"x"])",
           R"(["[a b]"])",
           R"(["a,b"," c "])",
           R"([])",
           R"([null])",
           R"([ "suspended" , "x" ])",
           R"([false])",
       }) {
    const json array = json::parse(array_text);
    Claims as_array, as_string;
    const ClaimValue& from_array = Added(as_array, array);
    const ClaimValue& from_string = Added(as_string, json(std::string(array_text)));
    EXPECT_EQ(testing::Vec(from_string.list()), testing::Vec(from_array.list())) << array_text;
    EXPECT_EQ(from_string.malformed_as_list(), from_array.malformed_as_list()) << array_text;
    EXPECT_EQ(as_string.may_hold_malformed_list(), as_array.may_hold_malformed_list())
        << array_text;
  }
}

TEST(ListClaims, ArraysHoldingArraysOrObjectsAreMalformedInEveryEncoding) {
  Claims claims;
  EXPECT_TRUE(Added(claims, json::parse(R"(["suspended",{}])")).malformed_as_list());
  EXPECT_TRUE(Added(claims, json(R"(["suspended",{}])")).malformed_as_list());
  EXPECT_TRUE(Added(claims, json(R"( [ ["suspended"] ] )")).malformed_as_list());
  EXPECT_FALSE(Added(claims, json(R"(["suspended",null])")).malformed_as_list());
  EXPECT_EQ(testing::Vec(Added(claims, json(R"(["suspended",null])")).list()),
            Strings{"suspended"});
}

// The HTTP API form "[a b]" holds names; one holding JSON punctuation is
// neither that nor a JSON array, and is refused rather than read as names
// that match nothing.
TEST(ListClaims, AnHttpApiFormHoldingJsonPunctuationIsMalformed) {
  Claims claims;
  for (const char* text : {R"(["suspended" x])", R"([{} suspended])", R"([suspended {"a":1}])",
                           R"(["suspended"] ["x"])", R"([a] [b])"}) {
    EXPECT_TRUE(Added(claims, json(text)).malformed_as_list()) << text;
    bool well_formed = true;
    DecodeStringList(text, &well_formed);
    EXPECT_FALSE(well_formed) << text;
  }
  for (const char* text : {"[admins users]", "[a-b c.d e_f]", "admins,users", "[]"}) {
    EXPECT_FALSE(Added(claims, json(text)).malformed_as_list()) << text;
  }
}

TEST(ListClaims, AStringArrayWithAKeyTwiceIsMalformedNotReadAsNames) {
  Claims claims;
  EXPECT_TRUE(Added(claims, json(R"([{"a":1,"a":2}, "suspended"])")).malformed_as_list());
}

}  // namespace
}  // namespace rolesel
