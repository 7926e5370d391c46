#include "rolesel/matchers/path_pattern.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "rolesel/evaluate/path_normalizer.h"

namespace rolesel {
namespace {

bool Matches(const std::string& pattern, const std::string& path) {
  auto compiled = PathPattern::Parse(pattern);
  EXPECT_TRUE(compiled.ok()) << pattern << ": " << compiled.status().message();
  NormalizedPath normalized;
  std::string why;
  EXPECT_TRUE(NormalizePath(path, &normalized, &why)) << path << ": " << why;
  return compiled->Matches(normalized.path(), normalized.segments());
}

std::string ParseError(const std::string& pattern) {
  auto compiled = PathPattern::Parse(pattern);
  EXPECT_FALSE(compiled.ok()) << pattern;
  return std::string(compiled.status().message());
}

TEST(PathPattern, LiteralMatchesExactlyIgnoringOneTrailingSlash) {
  EXPECT_TRUE(Matches("/pets", "/pets"));
  EXPECT_TRUE(Matches("/pets", "/pets/"));
  EXPECT_TRUE(Matches("/pets/", "/pets"));
  EXPECT_FALSE(Matches("/pets", "/pets/1"));
  EXPECT_FALSE(Matches("/pets", "/Pets"));
  EXPECT_FALSE(Matches("/pets", "/petsx"));
}

TEST(PathPattern, RootMatchesOnlyRoot) {
  EXPECT_TRUE(Matches("/", "/"));
  EXPECT_FALSE(Matches("/", "/pets"));
  EXPECT_FALSE(Matches("/pets", "/"));
}

TEST(PathPattern, VariableMatchesOneSegment) {
  EXPECT_TRUE(Matches("/pets/{petId}", "/pets/7"));
  EXPECT_FALSE(Matches("/pets/{petId}", "/pets"));
  EXPECT_FALSE(Matches("/pets/{petId}", "/pets/7/owner"));
  EXPECT_TRUE(Matches("/pets/{petId}/owner", "/pets/7/owner"));
}

TEST(PathPattern, GreedyVariableMatchesOneOrMoreSegments) {
  EXPECT_TRUE(Matches("/files/{proxy+}", "/files/a"));
  EXPECT_TRUE(Matches("/files/{proxy+}", "/files/a/b/c"));
  EXPECT_FALSE(Matches("/files/{proxy+}", "/files"));
  EXPECT_TRUE(Matches("/{proxy+}", "/anything/at/all"));
  EXPECT_FALSE(Matches("/{proxy+}", "/"));
}

TEST(PathPattern, StarMatchesExactlyOneSegment) {
  EXPECT_TRUE(Matches("/pets/*", "/pets/7"));
  EXPECT_FALSE(Matches("/pets/*", "/pets"));
  EXPECT_FALSE(Matches("/pets/*", "/pets/7/8"));
  EXPECT_TRUE(Matches("/*/photos", "/cats/photos"));
}

TEST(PathPattern, DoubleStarMatchesZeroOrMoreSegments) {
  EXPECT_TRUE(Matches("/admin/**", "/admin"));
  EXPECT_TRUE(Matches("/admin/**", "/admin/x"));
  EXPECT_TRUE(Matches("/admin/**", "/admin/x/y/z"));
  EXPECT_FALSE(Matches("/admin/**", "/administrator"));
  EXPECT_TRUE(Matches("/**", "/"));
  EXPECT_TRUE(Matches("/**/photos", "/photos"));
  EXPECT_TRUE(Matches("/**/photos", "/a/b/photos"));
  EXPECT_FALSE(Matches("/**/photos", "/a/b/photos/x"));
  EXPECT_TRUE(Matches("/a/**/b/**/c", "/a/x/b/y/z/c"));
  EXPECT_FALSE(Matches("/a/**/b/**/c", "/a/x/c"));
}

TEST(PathPattern, MatchesTheDecodedPath) {
  EXPECT_TRUE(Matches("/pets/a b", "/pets/a%20b"));
  EXPECT_TRUE(Matches("/caf\xc3\xa9", "/caf%C3%A9"));
}

TEST(PathPattern, RegexIsAFullMatchAgainstTheNormalizedPath) {
  EXPECT_TRUE(Matches("re:^/v[0-9]+/pets$", "/v2/pets"));
  EXPECT_TRUE(Matches("re:/v[0-9]+/pets", "/v2/pets/"));
  EXPECT_FALSE(Matches("re:/v[0-9]+/pets", "/v2/pets/1"));
  EXPECT_FALSE(Matches("re:/v[0-9]+", "/x/v2"));
}

TEST(PathPattern, RefusesMalformedPatternsWithAReason) {
  EXPECT_NE(ParseError("pets").find("starts with '/'"), std::string::npos);
  EXPECT_NE(ParseError("").find("starts with '/'"), std::string::npos);
  EXPECT_NE(ParseError("/a//b").find("empty segment"), std::string::npos);
  EXPECT_NE(ParseError("/files/{proxy+}/x").find("last segment"), std::string::npos);
  EXPECT_NE(ParseError("/pets/{petId").find("unbalanced"), std::string::npos);
  EXPECT_NE(ParseError("/pets/petId}").find("unbalanced"), std::string::npos);
  EXPECT_NE(ParseError("/pets/v{id}").find("whole segment"), std::string::npos);
  EXPECT_NE(ParseError("/pets/{}").find("unbalanced"), std::string::npos);
  EXPECT_NE(ParseError("/pets/{a b}").find("bad variable name"), std::string::npos);
  EXPECT_NE(ParseError("/admin/x**").find("whole segment"), std::string::npos);
  EXPECT_NE(ParseError("/files/*.txt").find("whole segment"), std::string::npos);
  EXPECT_NE(ParseError("/a/../b").find("\"..\""), std::string::npos);
  EXPECT_NE(ParseError("/a%2Fb").find("decoded"), std::string::npos);
  EXPECT_NE(ParseError("re:").find("empty"), std::string::npos);
}

TEST(PathPattern, ReportsRe2sOwnMessageForABadRegex) {
  std::string error = ParseError("re:^/pets/(");
  EXPECT_NE(error.find("RE2"), std::string::npos) << error;
  EXPECT_NE(error.find("missing )"), std::string::npos) << error;
}

}  // namespace
}  // namespace rolesel

namespace rolesel {
namespace {

std::vector<std::string> Prefix(const std::string& pattern) {
  auto compiled = PathPattern::Parse(pattern);
  EXPECT_TRUE(compiled.ok()) << pattern;
  return compiled->literal_prefix();
}

TEST(PathPattern, LiteralPrefixIsTheLeadingLiteralSegments) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Prefix("/pets/{id}/owner"), V{"pets"});
  EXPECT_EQ(Prefix("/admin/users/**"), (V{"admin", "users"}));
  EXPECT_EQ(Prefix("/pets"), V{"pets"});
  EXPECT_EQ(Prefix("/"), V{});
  EXPECT_EQ(Prefix("/**/x"), V{});
  EXPECT_EQ(Prefix("/*/x"), V{});
}

TEST(PathPattern, RegexLiteralPrefixKeepsOnlyWholeSegments) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Prefix("re:^/svc12/v[0-9]+/reports$"), V{"svc12"});
  EXPECT_EQ(Prefix("re:/a/b/c"), (V{"a", "b"})) << "only segments followed by '/' are whole";
  EXPECT_EQ(Prefix("re:^/svc1[0-9]/x$"), V{}) << "\"/svc1\" is not a whole segment";
  EXPECT_EQ(Prefix("re:^/v[0-9]+/pets$"), V{});
  EXPECT_EQ(Prefix("re:.*"), V{});
  EXPECT_EQ(Prefix("re:(?i)/pets/x"), V{}) << "case-insensitive: no literal prefix";
  EXPECT_EQ(Prefix("re:/pets/(a|b)"), V{"pets"});
}

// The prefix read off the syntax stops where a byte may be absent or stand
// for others; every path the regex accepts must start with it.
TEST(PathPattern, RegexLiteralPrefixStopsWhereTheSyntaxStopsBeingLiteral) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Prefix("re:/a/b?/c"), V{"a"}) << "'b' may be absent";
  EXPECT_EQ(Prefix("re:/a/b/*c"), V{"a"}) << "the second '/' may be absent";
  EXPECT_EQ(Prefix("re:/a/b/{0,1}c"), V{"a"});
  EXPECT_EQ(Prefix("re:/a/b/+c"), (V{"a", "b"})) << "'+' keeps at least one '/'";
  EXPECT_EQ(Prefix("re:/a/b\\/c/"), V{"a"});
  EXPECT_EQ(Prefix("re:/a/b./c/"), V{"a"});
  EXPECT_EQ(Prefix("re:/a/[b]/c/"), V{"a"});
  EXPECT_EQ(Prefix("re:/a/b/$"), (V{"a", "b"}));
  EXPECT_EQ(Prefix("re:/a/b/c|/a/b/d"), (V{"a", "b"})) << "from PossibleMatchRange";
  EXPECT_EQ(Prefix("re:/a/b/c/|/x/"), V{}) << "a top-level alternative starts elsewhere";
  EXPECT_EQ(Prefix("re:/\xc3\xa9/x/"), (V{"\xc3\xa9", "x"})) << "non-ASCII: PossibleMatchRange";
  // Paths each regex accepts, which the prefix must not rule out.
  const std::pair<const char*, const char*> accepted[] = {
      {"re:/a/b?/c", "/a//c"},   {"re:/a/b?/c", "/a/b/c"},  {"re:/a/b/*c", "/a/bc"},
      {"re:/a/b/+c", "/a/b//c"}, {"re:/a/b/c/|/x/", "/x/"}, {"re:/a/b/c|/a/b/d", "/a/b/d"}};
  for (const auto& [regex, path] : accepted) {
    ASSERT_TRUE(RE2::FullMatch(path, RE2(regex + 3))) << regex << " " << path;
    const std::vector<std::string> prefix = Prefix(regex);
    std::vector<std::string> segments = absl::StrSplit(std::string(path + 1), '/');
    ASSERT_GE(segments.size(), prefix.size()) << regex;
    EXPECT_TRUE(std::equal(prefix.begin(), prefix.end(), segments.begin())) << regex << " " << path;
  }
}

TEST(PathPattern, PatternsAreLimitedTo4096Bytes) {
  std::string at_limit = "/" + std::string(kMaxPatternBytes - 1, 'a');
  EXPECT_TRUE(PathPattern::Parse(at_limit).ok());
  auto over = PathPattern::Parse(at_limit + "a");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().message(), "the path pattern is longer than 4096 bytes");
  EXPECT_TRUE(PathPattern::Parse("re:" + std::string(kMaxPatternBytes - 3, 'a')).ok());
  EXPECT_FALSE(PathPattern::Parse("re:" + std::string(kMaxPatternBytes - 2, 'a')).ok());
}

}  // namespace
}  // namespace rolesel
