#include "rolesel/matchers/session_template.h"

#include "gtest/gtest.h"
#include "rolesel/core/claims_json.h"

namespace rolesel {
namespace {

std::string Render(const std::string& text, const Claims& claims,
                   const absl::flat_hash_set<std::string>& lists = {"cognito:groups"}) {
  auto t = SessionTemplate::Parse(text);
  EXPECT_TRUE(t.ok()) << t.status().message();
  t->UseListClaims(lists);
  std::string out;
  t->Render(claims, &out);
  return out;
}

TEST(SessionTemplate, ReplacesClaimsAndKeepsLiterals) {
  Claims c;
  c.SetString("cognito:username", "alice");
  c.SetString("custom:org", "acme");
  EXPECT_EQ(Render("{cognito:username}", c), "alice");
  EXPECT_EQ(Render("api-{custom:org}-{cognito:username}", c), "api-acme-alice");
  EXPECT_EQ(Render("fixed", c), "fixed");
}

TEST(SessionTemplate, UsesTheFirstElementOfAList) {
  Claims c;
  c.SetString("cognito:groups", "admins,users");
  SetJsonClaim(c, "arr", nlohmann::json::array({"x1", "y2"}));
  EXPECT_EQ(Render("{cognito:groups}", c), "admins");
  EXPECT_EQ(Render("{arr}", c), "x1");
}

TEST(SessionTemplate, ReplacesOtherCharactersWithDash) {
  Claims c;
  c.SetString("cognito:username", "ann marie/o'neil\xc3\xa9!");
  EXPECT_EQ(Render("{cognito:username}", c), "ann-marie-o-neil--");
  c.SetString("cognito:username", "a_b+c=d,e.f@g-h");
  EXPECT_EQ(Render("{cognito:username}", c), "a_b+c=d,e.f@g-h");
}

TEST(SessionTemplate, AMultiByteCharacterBecomesOneDash) {
  Claims c;
  c.SetString("cognito:username", "\xe6\x97\xa5\xe6\x9c\xac");  // two CJK characters
  EXPECT_EQ(Render("{cognito:username}", c), "--");
}

TEST(SessionTemplate, CutsTo64Characters) {
  Claims c;
  c.SetString("cognito:username", std::string(100, 'a'));
  EXPECT_EQ(Render("{cognito:username}", c), std::string(64, 'a'));
}

TEST(SessionTemplate, FallsBackToSubThenRolesel) {
  Claims c;
  c.SetString("sub", "5d6e7f80-9a1b");
  EXPECT_EQ(Render("{cognito:username}", c), "5d6e7f80-9a1b") << "absent claim";
  c.SetString("cognito:username", "x");
  EXPECT_EQ(Render("{cognito:username}", c), "5d6e7f80-9a1b") << "shorter than 2";
  Claims none;
  EXPECT_EQ(Render("{cognito:username}", none), "rolesel");
  Claims short_sub;
  short_sub.SetString("sub", "s");
  EXPECT_EQ(Render("{cognito:username}", short_sub), "rolesel");
  Claims partly;
  partly.SetString("a", "alpha");
  partly.SetString("sub", "subject");
  EXPECT_EQ(Render("{a}-{b}", partly), "subject") << "any absent claim falls back";
}

TEST(SessionTemplate, RefusesMalformedTemplates) {
  EXPECT_FALSE(SessionTemplate::Parse("").ok());
  EXPECT_FALSE(SessionTemplate::Parse("{cognito:username").ok());
  EXPECT_FALSE(SessionTemplate::Parse("cognito:username}").ok());
  EXPECT_FALSE(SessionTemplate::Parse("{}").ok());
  EXPECT_FALSE(SessionTemplate::Parse("{a{b}}").ok());
}

}  // namespace
}  // namespace rolesel
