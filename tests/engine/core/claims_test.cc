#include "rolesel/core/claims.h"

#include "gtest/gtest.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/core/list_decoding.h"
#include "test_util.h"

namespace rolesel {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

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

}  // namespace
}  // namespace rolesel

namespace rolesel {
namespace {

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
  ASSERT_EQ(claims.limit_exceeded(), "claim custom:long is longer than 16384 bytes");
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

TEST(Claims, AStringThatIsNotUtf8IsKeptAndWrittenWithoutThrowing) {
  Claims claims;
  SetJsonClaim(claims, "custom:x", json::array({std::string("a\xff"), std::string("b")}));
  ASSERT_NE(claims.Find("custom:x"), nullptr);
  EXPECT_EQ(testing::Vec(claims.Find("custom:x")->elements()), (Strings{"a\xff", "b"}));
  EXPECT_EQ(claims.Find("custom:x")->text(), "[\"a\xef\xbf\xbd\",\"b\"]");
}

}  // namespace
}  // namespace rolesel
