#include "rolesel/core/claims.h"

#include "gtest/gtest.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/core/list_decoding.h"
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

TEST(Claims, AStringKeepsItsWholeValueAndItsListReading) {
  Claims c;
  c.SetString("name", "Doe, John");
  const ClaimValue* v = c.Find("name");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->text(), "Doe, John");
  EXPECT_EQ(testing::Vec(v->elements()), Strings{"Doe, John"});
  EXPECT_EQ(testing::Vec(v->list()), (Strings{"Doe", "John"}));
}

// A plain value is its own one-element list without being decoded; every
// other shape (space at either end, a leading '[', a comma, only spaces)
// reads as the list it encodes, and text() keeps the value as it came.
TEST(Claims, OnlyValuesThatCouldEncodeAnotherListAreDecoded) {
  struct Case {
    std::string value;
    Strings list;
  };
  const Case cases[] = {
      {"admins", {"admins"}},
      {"a b", {"a b"}},
      {"[", {"["}},
      {"]", {"]"}},
      {" admins", {"admins"}},
      {"admins\t", {"admins"}},
      {"\vadmins", {"admins"}},
      {"a,b", {"a", "b"}},
      {"admins,", {"admins"}},
      {",", {}},
      {"[a b]", {"a", "b"}},
      {"[a", {"[a"}},
      {"", {}},
      {" ", {}},
      {" \t\n ", {}},
  };
  for (const Case& c : cases) {
    Claims claims;
    ASSERT_TRUE(claims.AddString("cognito:groups", c.value));
    const ClaimValue* v = claims.Find(WellKnownClaim::kGroups);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->text(), c.value);
    EXPECT_EQ(testing::Vec(v->list()), c.list) << "value \"" << c.value << "\"";
    EXPECT_EQ(testing::Vec(v->list()), DecodeStringList(c.value)) << "value \"" << c.value << "\"";
  }
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

// The evaluator skips its per-list-claim check when this is false, so it
// must be true whenever a malformed claim may be present.
TEST(Claims, SaysWhetherAMalformedListMayBePresent) {
  auto plain = ClaimsFromJson(json::parse(R"({"s": "a,b", "n": 1, "a": ["x", 2]})"));
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->may_hold_malformed_list());
  for (const char* bad : {R"({"o": {"a": 1}})", R"({"nested": ["a", ["b"]]})"}) {
    auto c = ClaimsFromJson(json::parse(bad));
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(c->may_hold_malformed_list()) << bad;
    c->Clear();
    EXPECT_FALSE(c->may_hold_malformed_list()) << bad;
  }
  Claims added;
  EXPECT_TRUE(AddJsonClaim(added, "cognito:groups", json::parse(R"([{"a": 1}])")));
  EXPECT_TRUE(added.may_hold_malformed_list());
}

TEST(Claims, FromJsonRefusesANonObject) {
  EXPECT_FALSE(ClaimsFromJson(json::array()).ok());
  EXPECT_FALSE(ClaimsFromJson(json("alice")).ok());
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

TEST(ClaimLimits, AValueOfExactlyTheLimitIsReadOneByteMoreIsNot) {
  Claims claims;
  claims.SetString("custom:bio", std::string(kMaxClaimValueBytes, 'x'));
  EXPECT_EQ(claims.limit_exceeded(), "");
  claims.SetString("custom:notes", std::string(kMaxClaimValueBytes + 1, 'x'));
  EXPECT_EQ(claims.limit_exceeded(), "claim custom:notes is longer than 16384 bytes");
}

TEST(ClaimLimits, NumberTextAndObjectsCountTheirJsonText) {
  Claims claims;
  SetJsonClaim(claims, "custom:blob", json({{"k", std::string(kMaxClaimValueBytes, 'x')}}));
  EXPECT_EQ(claims.limit_exceeded(), "claim custom:blob is longer than 16384 bytes");
}

TEST(ClaimLimits, TheClaimCountIsLimited) {
  Claims claims;
  for (size_t i = 0; i < kMaxClaims; ++i) claims.SetString("c" + std::to_string(i), "v");
  EXPECT_EQ(claims.limit_exceeded(), "") << kMaxClaims << " claims are fine";
  claims.SetString("c0", "replaced");
  EXPECT_EQ(claims.limit_exceeded(), "") << "replacing a claim adds none";
  claims.SetString("one-more", "v");
  EXPECT_EQ(claims.limit_exceeded(), "more than 256 claims");
}

TEST(ClaimLimits, ListElementsAreLimitedInEveryEncoding) {
  std::vector<std::string> groups(kMaxListElements, "g");
  Claims at_limit;
  SetJsonClaim(at_limit, "cognito:groups", nlohmann::json(groups));
  std::string comma_list = "g";
  for (size_t i = 1; i < kMaxListElements; ++i) comma_list += ",g";
  at_limit.SetString("custom:teams", comma_list);
  ASSERT_EQ(at_limit.Find("custom:teams")->list().size(), kMaxListElements);
  EXPECT_EQ(at_limit.limit_exceeded(), "");

  groups.push_back("g");
  Claims array;
  SetJsonClaim(array, "cognito:groups", nlohmann::json(groups));
  EXPECT_EQ(array.limit_exceeded(), "claim cognito:groups has more than 256 elements");
  comma_list += ",g";
  Claims text;
  text.SetString("cognito:groups", comma_list);
  EXPECT_EQ(text.limit_exceeded(), "claim cognito:groups has more than 256 elements");
}

TEST(ClaimLimits, LongClaimNamesAreRefused) {
  Claims claims;
  claims.SetString(std::string(kMaxClaimNameBytes, 'n'), "v");
  EXPECT_EQ(claims.limit_exceeded(), "");
  claims.SetString(std::string(kMaxClaimNameBytes + 1, 'n'), "v");
  EXPECT_EQ(claims.limit_exceeded(), "a claim name is longer than 256 bytes");
}

TEST(ClaimLimits, ARequestOverALimitIsDeniedAsBadRequestNamingIt) {
  auto rules = testing::MustLoad(R"({"version": 1, "rules": [{"id": "all",
      "role": "arn:aws:iam::123456789012:role/pets-reader"}]})");
  json request = {
      {"method", "GET"},
      {"path", "/pets"},
      {"claims",
       {{"cognito:username", "alice"}, {"custom:x", std::string(kMaxClaimValueBytes + 1, 'x')}}}};
  Decision decision = testing::DecideRequest(*rules, request);
  EXPECT_FALSE(decision.allow);
  EXPECT_EQ(decision.reason, DenyReason::kBadRequest);
  EXPECT_EQ(decision.detail, "claim custom:x is longer than 16384 bytes");
  request["claims"].erase("custom:x");
  EXPECT_TRUE(testing::DecideRequest(*rules, request).allow);
}

TEST(Claims, ClearForgetsEveryClaimAndTheLimitBreach) {
  Claims claims;
  claims.SetString("cognito:groups", "admins,users");
  claims.SetString("custom:a", "x");
  SetJsonClaim(claims, "custom:list", nlohmann::json::array({"p", "q", "r"}));
  claims.SetString("custom:long", std::string(kMaxClaimValueBytes + 1, 'x'));
  ASSERT_FALSE(claims.limit_exceeded().empty());
  claims.Clear();
  EXPECT_TRUE(claims.empty());
  EXPECT_EQ(claims.Find("cognito:groups"), nullptr);
  EXPECT_EQ(claims.Find("custom:a"), nullptr);
  EXPECT_TRUE(claims.limit_exceeded().empty());
  // Storage is re-used, and nothing of the old values shows through.
  claims.SetString("custom:list", "one");
  ASSERT_NE(claims.Find("custom:list"), nullptr);
  EXPECT_EQ(claims.Find("custom:list")->text(), "one");
  EXPECT_EQ(claims.Find("custom:list")->elements().size(), 1u);
  EXPECT_EQ(claims.Find("custom:list")->list().size(), 1u);
  EXPECT_FALSE(claims.Find("custom:list")->malformed_as_list());
  EXPECT_EQ(claims.size(), 1u);
}

TEST(Claims, SettingAClaimAgainReplacesItAndNullErasesIt) {
  Claims claims;
  claims.SetString("custom:a", "a,b");
  claims.SetString("custom:b", "b");
  claims.SetString("custom:a", "c");
  EXPECT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims.Find("custom:a")->list().size(), 1u);
  SetJsonClaim(claims, "custom:a", nullptr);
  EXPECT_EQ(claims.Find("custom:a"), nullptr);
  ASSERT_NE(claims.Find("custom:b"), nullptr);
  EXPECT_EQ(claims.Find("custom:b")->text(), "b");
  EXPECT_EQ(claims.size(), 1u);
}

TEST(Claims, AddingANamePresentAlreadyChangesNothing) {
  Claims claims;
  EXPECT_TRUE(claims.AddString("custom:a", "a,b"));
  EXPECT_TRUE(claims.AddJsonScalar("custom:n", "7"));
  EXPECT_TRUE(claims.AddString("sub", "s-1"));  // a well-known slot
  EXPECT_FALSE(claims.AddString("custom:a", "c"));
  EXPECT_FALSE(claims.AddJsonScalar("custom:a", "1"));
  EXPECT_FALSE(AddJsonClaim(claims, "custom:a", nlohmann::json::array({"x"})));
  EXPECT_FALSE(AddJsonClaim(claims, "custom:a", nullptr));
  EXPECT_FALSE(claims.AddString("sub", "s-2"));
  EXPECT_EQ(claims.Find("custom:a")->text(), "a,b");
  EXPECT_EQ(claims.Find("custom:a")->list().size(), 2u);
  EXPECT_EQ(claims.Find("sub")->text(), "s-1");
  // A null adds nothing; its name stays free.
  EXPECT_TRUE(AddJsonClaim(claims, "custom:z", nullptr));
  EXPECT_EQ(claims.Find("custom:z"), nullptr);
  EXPECT_TRUE(AddJsonClaim(claims, "custom:z", "zz"));
  EXPECT_EQ(claims.Find("custom:z")->text(), "zz");
  EXPECT_EQ(claims.size(), 4u);
}

// Names are told apart by their whole text, also when the quick filter
// cannot (same length and end bytes), and also after Clear() and erasing.
TEST(Claims, NamesSharingLengthAndEndsStayDistinct) {
  Claims claims;
  for (char middle = 'a'; middle <= 'z'; ++middle) {
    ASSERT_TRUE(claims.AddString(std::string("custom:") + middle + "x", std::string(1, middle)));
  }
  for (char middle = 'a'; middle <= 'z'; ++middle) {
    const ClaimValue* value = claims.Find(std::string("custom:") + middle + "x");
    ASSERT_NE(value, nullptr) << middle;
    EXPECT_EQ(value->text(), std::string(1, middle));
  }
  EXPECT_EQ(claims.Find("custom:Ax"), nullptr);
  SetJsonClaim(claims, "custom:mx", nullptr);
  EXPECT_EQ(claims.Find("custom:mx"), nullptr);
  EXPECT_NE(claims.Find("custom:nx"), nullptr);
  claims.Clear();
  EXPECT_EQ(claims.Find("custom:ax"), nullptr);
  EXPECT_TRUE(claims.AddString("custom:ax", "again"));
  EXPECT_EQ(claims.Find("custom:ax")->text(), "again");
}

}  // namespace
}  // namespace rolesel

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

json Nested(int depth) {
  json value = "x";
  for (int i = 0; i < depth; ++i) value = json::array({value});
  return value;
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

TEST(Claims, AStringThatIsNotUtf8IsKeptAndWrittenWithoutThrowing) {
  Claims claims;
  SetJsonClaim(claims, "custom:x", json::array({std::string("a\xff"), std::string("b")}));
  ASSERT_NE(claims.Find("custom:x"), nullptr);
  EXPECT_EQ(testing::Vec(claims.Find("custom:x")->elements()), (Strings{"a\xff", "b"}));
  EXPECT_EQ(claims.Find("custom:x")->text(), "[\"a\xef\xbf\xbd\",\"b\"]");
}

}  // namespace
}  // namespace rolesel
