#include "rolesel/matchers/claim_matcher.h"

#include "gtest/gtest.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/matchers/path_pattern.h"
#include "test_util.h"

namespace rolesel {
namespace {

using nlohmann::json;

ClaimMatcher Make(const std::string& op, const json& operand) {
  auto m = ClaimMatcher::Create("c", op, operand);
  EXPECT_TRUE(m.ok()) << m.status().message();
  return *m;
}

ClaimValue Scalar(const std::string& text) {
  Claims claims;
  claims.SetString("c", text);
  return *claims.Find("c");
}

ClaimValue Array(const std::vector<std::string>& values) {
  Claims claims;
  SetJsonClaim(claims, "c", nlohmann::json(values));
  return *claims.Find("c");
}

TEST(ClaimMatcher, Equals) {
  auto m = Make("equals", "gold");
  ClaimValue gold = Scalar("gold"), silver = Scalar("silver");
  EXPECT_TRUE(m.Matches(&gold, false));
  EXPECT_FALSE(m.Matches(&silver, false));
  EXPECT_FALSE(m.Matches(nullptr, false));
}

TEST(ClaimMatcher, NotEqualsNeedsThePresentClaimToDifferInEveryElement) {
  auto m = Make("not_equals", "true");
  ClaimValue yes = Scalar("true"), no = Scalar("false");
  EXPECT_FALSE(m.Matches(&yes, false));
  EXPECT_TRUE(m.Matches(&no, false));
  EXPECT_FALSE(m.Matches(nullptr, false)) << "absent makes not_equals false";
  ClaimValue list = Array({"a", "true"});
  EXPECT_FALSE(m.Matches(&list, true));
  ClaimValue empty = Array({});
  EXPECT_TRUE(m.Matches(&empty, true)) << "present, and no element equals";
}

TEST(ClaimMatcher, StartsWithAndContains) {
  ClaimValue v = Scalar("P-0042");
  EXPECT_TRUE(Make("starts_with", "P-").Matches(&v, false));
  EXPECT_FALSE(Make("starts_with", "p-").Matches(&v, false));
  EXPECT_TRUE(Make("contains", "004").Matches(&v, false));
  EXPECT_FALSE(Make("contains", "x").Matches(&v, false));
  EXPECT_FALSE(Make("contains", "x").Matches(nullptr, false));
}

TEST(ClaimMatcher, InMatchesAnyListedValue) {
  auto m = Make("in", json::array({"gold", "platinum"}));
  ClaimValue gold = Scalar("gold"), bronze = Scalar("bronze");
  EXPECT_TRUE(m.Matches(&gold, false));
  EXPECT_FALSE(m.Matches(&bronze, false));
  EXPECT_FALSE(Make("in", json::array()).Matches(&gold, false));
}

TEST(ClaimMatcher, RegexIsAFullMatch) {
  auto m = Make("regex", "high|critical");
  ClaimValue high = Scalar("high"), highway = Scalar("highway");
  EXPECT_TRUE(m.Matches(&high, false));
  EXPECT_FALSE(m.Matches(&highway, false));
}

TEST(ClaimMatcher, ExistsTrueAndFalse) {
  ClaimValue v = Scalar("");
  EXPECT_TRUE(Make("exists", true).Matches(&v, false));
  EXPECT_FALSE(Make("exists", true).Matches(nullptr, false));
  EXPECT_FALSE(Make("exists", false).Matches(&v, false));
  EXPECT_TRUE(Make("exists", false).Matches(nullptr, false));
}

TEST(ClaimMatcher, ListClaimsMatchWhenAnyElementDoes) {
  ClaimValue teams = Scalar("billing,search");
  auto m = Make("equals", "search");
  EXPECT_TRUE(m.Matches(&teams, /*as_list=*/true));
  EXPECT_FALSE(m.Matches(&teams, /*as_list=*/false)) << "a non-list claim stays whole";
  ClaimValue array = Array({"a", "search"});
  EXPECT_TRUE(m.Matches(&array, false)) << "a JSON array is a list for any claim";
}

TEST(ClaimMatcher, NumbersAndBooleansCompareByTheirJsonText) {
  Claims claims;
  SetJsonClaim(claims, "n", 42);
  SetJsonClaim(claims, "b", true);
  EXPECT_TRUE(Make("equals", "42").Matches(claims.Find("n"), false));
  EXPECT_TRUE(Make("equals", "true").Matches(claims.Find("b"), false));
  EXPECT_FALSE(Make("equals", "True").Matches(claims.Find("b"), false));
}

TEST(ClaimMatcher, RefusesBadOperatorsAndOperands) {
  EXPECT_FALSE(ClaimMatcher::Create("c", "equal", "x").ok());
  EXPECT_FALSE(ClaimMatcher::Create("c", "equals", 3).ok());
  EXPECT_FALSE(ClaimMatcher::Create("c", "in", "gold").ok());
  EXPECT_FALSE(ClaimMatcher::Create("c", "in", json::array({1})).ok());
  EXPECT_FALSE(ClaimMatcher::Create("c", "exists", "yes").ok());
  auto bad_regex = ClaimMatcher::Create("c", "regex", "(unclosed");
  ASSERT_FALSE(bad_regex.ok());
  EXPECT_NE(bad_regex.status().message().find("missing )"), std::string::npos)
      << bad_regex.status().message();
}

TEST(ClaimMatcher, ExplainNamesTheValueAndTheOperand) {
  auto m = Make("in", json::array({"gold", "platinum"}));
  ClaimValue silver = Scalar("silver");
  EXPECT_EQ(m.Explain(&silver, false), "claims.c: \"silver\" not in [\"gold\",\"platinum\"]");
  EXPECT_EQ(m.Explain(nullptr, false), "claims.c: absent; must be in [\"gold\",\"platinum\"]");
}

TEST(ClaimMatcher, RegexesAreLimitedTo4096Bytes) {
  EXPECT_TRUE(ClaimMatcher::Create("c", "regex", std::string(kMaxPatternBytes, 'a')).ok());
  auto over = ClaimMatcher::Create("c", "regex", std::string(kMaxPatternBytes + 1, 'a'));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().message(), "the regex is longer than 4096 bytes");
}

}  // namespace
}  // namespace rolesel
