#include "rolesel/matchers/arn.h"

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

TEST(IsWellFormedRoleArn, ARoleNameHoldsExactlyIamsCharacters) {
  const std::string allowed =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-";
  for (int byte = 0; byte < 256; ++byte) {
    const char c = static_cast<char>(byte);
    if (c == '/') continue;  // "a/z": the role z on the path a/
    const std::string arn = std::string("arn:aws:iam::123456789012:role/a") + c + "z";
    EXPECT_EQ(IsWellFormedRoleArn(arn), allowed.find(c) != std::string::npos) << byte;
  }
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

namespace rolesel {
namespace {

// ArnGlob::Matches (pieces, no backtracking) and GlobMatch (backtracking)
// must agree everywhere: exhaustively over a small alphabet.
TEST(ArnGlob, AgreesWithGlobMatchOnEveryShortPatternAndText) {
  const std::string alphabet = "ab*?";
  const std::string text_alphabet = "ab";
  std::vector<std::string> patterns = {""}, texts = {""};
  for (int length = 1; length <= 5; ++length) {
    std::vector<std::string> next;
    for (const auto& p : patterns) {
      if (static_cast<int>(p.size()) != length - 1) continue;
      for (char c : alphabet) next.push_back(p + c);
    }
    patterns.insert(patterns.end(), next.begin(), next.end());
    std::vector<std::string> next_texts;
    for (const auto& t : texts) {
      if (static_cast<int>(t.size()) != length - 1) continue;
      for (char c : text_alphabet) next_texts.push_back(t + c);
    }
    texts.insert(texts.end(), next_texts.begin(), next_texts.end());
  }
  int compared = 0;
  for (const auto& p : patterns) {
    for (const std::string prefix : {"*", "arn:"}) {  // Create needs one of them
      auto glob = ArnGlob::Create(prefix + p);
      ASSERT_TRUE(glob.ok());
      for (const auto& t : texts) {
        for (const std::string& text : {t, "arn:" + t}) {
          ASSERT_EQ(glob->Matches(text), GlobMatch(prefix + p, text))
              << prefix << p << " vs " << text;
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 10000);
}

}  // namespace
}  // namespace rolesel
