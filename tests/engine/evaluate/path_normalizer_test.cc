#include "rolesel/evaluate/path_normalizer.h"

#include <vector>

#include "gtest/gtest.h"

namespace rolesel {
namespace {

std::vector<std::string> Segments(const std::string& raw) {
  NormalizedPath p;
  std::string why;
  EXPECT_TRUE(NormalizePath(raw, &p, &why)) << raw << ": " << why;
  return {p.segments().begin(), p.segments().end()};
}

std::string Refusal(const std::string& raw) {
  NormalizedPath p;
  std::string why;
  EXPECT_FALSE(NormalizePath(raw, &p, &why)) << raw;
  return why;
}

TEST(NormalizePath, SplitsIntoSegmentsAndDropsOneTrailingSlash) {
  EXPECT_EQ(Segments("/"), std::vector<std::string>{});
  EXPECT_EQ(Segments("/pets"), std::vector<std::string>{"pets"});
  EXPECT_EQ(Segments("/pets/"), std::vector<std::string>{"pets"});
  EXPECT_EQ(Segments("/pets/7/owner"), (std::vector<std::string>{"pets", "7", "owner"}));
  NormalizedPath p;
  ASSERT_TRUE(NormalizePath("/pets/", &p, nullptr));
  EXPECT_EQ(p.path(), "/pets");
  ASSERT_TRUE(NormalizePath("/", &p, nullptr));
  EXPECT_EQ(p.path(), "/");
}

TEST(NormalizePath, DecodesPercentEscapesExactlyOnce) {
  NormalizedPath p;
  ASSERT_TRUE(NormalizePath("/a%20b/%2541", &p, nullptr) == false);  // %25 is refused
  ASSERT_TRUE(NormalizePath("/a%20b/caf%C3%A9/%41", &p, nullptr));
  EXPECT_EQ(p.path(), "/a b/caf\xc3\xa9/A");
}

// Plain segments are split in place until the first '%'; the path is then
// decoded from its start, so the segments read before it are not repeated.
TEST(NormalizePath, AnEscapeAfterPlainSegmentsDecodesTheWholePath) {
  EXPECT_EQ(Segments("/pets/7/%41"), (std::vector<std::string>{"pets", "7", "A"}));
  EXPECT_EQ(Segments("/pets/a%20b/owner"), (std::vector<std::string>{"pets", "a b", "owner"}));
  NormalizedPath p;
  ASSERT_TRUE(NormalizePath("/a/b/c/%64/", &p, nullptr));
  EXPECT_EQ(p.path(), "/a/b/c/d");
  EXPECT_EQ(p.segments().size(), 4u);
  EXPECT_NE(Refusal("/pets/7/a%2Fb").find("escaped '/'"), std::string::npos);
  // A refusal before the escape is the same as the decoding pass gives.
  EXPECT_NE(Refusal("/pets//%41").find("empty segment"), std::string::npos);
  EXPECT_NE(Refusal("/pets/\x01/%41").find("control character"), std::string::npos);
}

TEST(NormalizePath, MustStartWithSlash) {
  EXPECT_NE(Refusal("").find("start with '/'"), std::string::npos);
  EXPECT_NE(Refusal("pets").find("start with '/'"), std::string::npos);
  EXPECT_NE(Refusal("%2Fpets").find("start with '/'"), std::string::npos);
}

TEST(NormalizePath, RefusesEmptySegmentsAnywhere) {
  for (const char* raw : {"//", "//pets", "/pets//7", "/pets//", "///"}) {
    EXPECT_NE(Refusal(raw).find("empty segment"), std::string::npos) << raw;
  }
}

TEST(NormalizePath, RefusesDotSegmentsBeforeAndAfterDecoding) {
  for (const char* raw : {"/.", "/..", "/pets/../admin", "/pets/./x", "/%2e%2e/admin", "/%2E/x",
                          "/.%2e", "/pets/.."}) {
    EXPECT_NE(Refusal(raw).find("\"..\""), std::string::npos) << raw;
  }
  EXPECT_EQ(Segments("/..."), std::vector<std::string>{"..."});
  EXPECT_EQ(Segments("/.hidden"), std::vector<std::string>{".hidden"});
}

TEST(NormalizePath, RefusesEscapedSeparatorsPercentAndControls) {
  for (const char* raw : {"/a%2Fb", "/a%2fb", "/a%5Cb", "/a%5cb", "/a%25b"}) {
    EXPECT_NE(Refusal(raw).find("escaped"), std::string::npos) << raw;
  }
  for (const char* raw : {"/a%00", "/a%0a", "/a%1F", "/a%7F", "/a%7f"}) {
    EXPECT_NE(Refusal(raw).find("control"), std::string::npos) << raw;
  }
  EXPECT_EQ(Segments("/a%20"), std::vector<std::string>{"a "});
  EXPECT_EQ(Segments("/a%7E"), std::vector<std::string>{"a~"});
}

TEST(NormalizePath, RefusesInvalidEscapes) {
  for (const char* raw : {"/a%", "/a%4", "/a%zz", "/a%4g", "/a%%41"}) {
    EXPECT_NE(Refusal(raw).find("invalid percent-escape"), std::string::npos) << raw;
  }
}

TEST(NormalizePath, RefusesRawControlBytes) {
  EXPECT_NE(Refusal(std::string("/a\0b", 4)).find("control"), std::string::npos);
  EXPECT_NE(Refusal("/a\nb").find("control"), std::string::npos);
  EXPECT_NE(Refusal("/a\tb").find("control"), std::string::npos);
  EXPECT_NE(Refusal("/a\x7f").find("control"), std::string::npos);
}

TEST(NormalizePath, EnforcesTheLengthLimitAtTheBoundary) {
  std::string at_limit = "/" + std::string(kMaxPathBytes - 1, 'a');
  EXPECT_EQ(Segments(at_limit).size(), 1u);
  EXPECT_NE(Refusal(at_limit + "a").find("8192"), std::string::npos);
}

TEST(NormalizePath, EnforcesTheSegmentLimitAtTheBoundary) {
  std::string path;
  for (size_t i = 0; i < kMaxPathSegments; ++i) path += "/s";
  EXPECT_EQ(Segments(path).size(), kMaxPathSegments);
  EXPECT_NE(Refusal(path + "/s").find("256"), std::string::npos);
}

// A decoded path that is not UTF-8 would make RE2 patterns fail to match
// (so a deny written as a regex could be skipped): refused, every form.
TEST(NormalizePath, RefusesADecodedPathThatIsNotUtf8) {
  for (const char* raw : {
           "/secret/%ff",           // never a UTF-8 byte
           "/secret/%80",           // a continuation byte alone
           "/secret/%C3",           // a sequence cut short at the end
           "/secret/%C3/x",         // ... and before a '/'
           "/secret/%C3%28",        // a lead byte then a non-continuation
           "/secret/%c0%ae",        // an overlong '.'
           "/secret/%e0%80%af",     // an overlong '/'
           "/secret/%ed%a0%80",     // a UTF-16 surrogate
           "/secret/%f4%90%80%80",  // above U+10FFFF
           "/secret/\xff",          // raw, not escaped (the C++ API takes any bytes)
           "/secret/caf\xc3",       // raw, cut short
       }) {
    EXPECT_EQ(Refusal(raw), "path is not valid UTF-8 once decoded") << raw;
  }
}

TEST(NormalizePath, KeepsValidUtf8RawOrEscaped) {
  NormalizedPath p;
  ASSERT_TRUE(NormalizePath("/caf\xc3\xa9/%F0%9F%98%80", &p, nullptr));
  EXPECT_EQ(p.path(), "/caf\xc3\xa9/\xf0\x9f\x98\x80");
  ASSERT_TRUE(NormalizePath("/caf\xc3\xa9", &p, nullptr));
  EXPECT_EQ(p.path(), "/caf\xc3\xa9");
  EXPECT_EQ(Segments("/\xe2\x80\xae/x"), (std::vector<std::string>{"\xe2\x80\xae", "x"}));
}

// Tomcat, Jetty and Spring read "..;x" as "..": refused like ".." itself.
TEST(NormalizePath, RefusesDotSegmentsCarryingPathParameters) {
  for (const char* raw : {"/pets/..;/admin", "/pets/..;jsessionid=1/admin", "/pets/.;x/7", "/..;",
                          "/pets/%2e%2e;/admin", "/pets/%2e%2e%3b/admin", "/pets/.%3b"}) {
    EXPECT_EQ(Refusal(raw), "path has a \".\" or \"..\" segment") << raw;
  }
  // Only the part before the first ';' counts.
  EXPECT_EQ(Segments("/pets/...;x"), (std::vector<std::string>{"pets", "...;x"}));
  EXPECT_EQ(Segments("/pets/.x;y"), (std::vector<std::string>{"pets", ".x;y"}));
  EXPECT_EQ(Segments("/pets/a;.."), (std::vector<std::string>{"pets", "a;.."}));
}

}  // namespace
}  // namespace rolesel
