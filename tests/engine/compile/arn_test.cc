#include "rolesel/compile/arn.h"

#include "gtest/gtest.h"

namespace rolesel {
namespace {

TEST(IsWellFormedRoleArn, AcceptsEveryPartitionAndRolePaths) {
  EXPECT_TRUE(IsWellFormedRoleArn("arn:aws:iam::123456789012:role/pets-admin"));
  EXPECT_TRUE(IsWellFormedRoleArn("arn:aws-cn:iam::123456789012:role/r"));
  EXPECT_TRUE(IsWellFormedRoleArn("arn:aws-us-gov:iam::123456789012:role/r"));
  EXPECT_TRUE(IsWellFormedRoleArn("arn:aws:iam::123456789012:role/service/team/app_Role+=,.@-"));
}

TEST(IsWellFormedRoleArn, RefusesWhatIsNotAnIamRoleArnAndSaysWhy) {
  struct Case {
    const char* arn;
    const char* why_contains;
  } cases[] = {
      {"", "starts with"},
      {"pets-admin", "starts with"},
      {"arn:aws-iso:iam::123456789012:role/r", "partition"},
      {"arn:aws:sts::123456789012:role/r", "service"},
      {"arn:aws:iam:us-east-1:123456789012:role/r", "service"},
      {"arn:aws:iam::12345678901:role/r", "12 digits"},
      {"arn:aws:iam::12345678901a:role/r", "12 digits"},
      {"arn:aws:iam::123456789012:user/r", "role/"},
      {"arn:aws:iam::123456789012:role/", "1 to 64"},
      {"arn:aws:iam::123456789012:role/a b", "letters"},
      {"arn:aws:iam::123456789012:role/pets-*", "letters"},
      {"arn:aws:iam::123456789012:role/p*th/r", "wildcards"},
      {"arn:aws:iam::123456789012:role//r", "empty segment"},
  };
  for (const auto& c : cases) {
    std::string why;
    EXPECT_FALSE(IsWellFormedRoleArn(c.arn, &why)) << c.arn;
    EXPECT_NE(why.find(c.why_contains), std::string::npos) << c.arn << " -> " << why;
  }
  EXPECT_FALSE(IsWellFormedRoleArn("arn:aws:iam::123456789012:role/" + std::string(65, 'a')));
}

TEST(GlobMatch, StarMatchesAnyRunIncludingSlashAndColon) {
  EXPECT_TRUE(GlobMatch("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/a/b"));
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "aXXbYY"));
  EXPECT_TRUE(GlobMatch("arn:aws:iam::*:role/*Admin*", "arn:aws:iam::1:role/x/SuperAdmin"));
  EXPECT_FALSE(GlobMatch("arn:aws:iam::*:role/*Admin*", "arn:aws:iam::1:role/pets-admin"));
}

TEST(GlobMatch, QuestionMarkMatchesExactlyOneCharacter) {
  EXPECT_TRUE(GlobMatch("role/r?", "role/r1"));
  EXPECT_FALSE(GlobMatch("role/r?", "role/r"));
  EXPECT_FALSE(GlobMatch("role/r?", "role/r12"));
}

TEST(GlobMatch, EverythingElseIsLiteral) {
  EXPECT_FALSE(GlobMatch("role/[ab]", "role/a"));
  EXPECT_TRUE(GlobMatch("role/[ab]", "role/[ab]"));
  EXPECT_FALSE(GlobMatch("role.x", "roleAx"));
}

TEST(ArnGlob, RefusesMalformedGlobs) {
  EXPECT_FALSE(ArnGlob::Create("").ok());
  EXPECT_FALSE(ArnGlob::Create("pets-*").ok());
  EXPECT_FALSE(ArnGlob::Create("arn:aws:iam::*:role/a b").ok());
  EXPECT_FALSE(ArnGlob::Create("arn:aws:iam::*:role/\xc3\xa9").ok());
  ASSERT_TRUE(ArnGlob::Create("*").ok());
  auto glob = ArnGlob::Create("arn:aws:iam::123456789012:role/pets-*");
  ASSERT_TRUE(glob.ok());
  EXPECT_TRUE(glob->Matches("arn:aws:iam::123456789012:role/pets-read"));
  EXPECT_FALSE(glob->Matches("arn:aws:iam::123456789013:role/pets-read"));
}

}  // namespace
}  // namespace rolesel
