#include "rolesel/source/file_source.h"

#include <fstream>

#include "gtest/gtest.h"
#include "tools/cli_runner.h"

namespace rolesel::source {
namespace {

void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(FileSource, AnswersTheTextOnceAndThenOnlyWhenItsBytesChange) {
  testing::TempDir dir;
  const std::string path = dir.Write("rules.json", R"({"version": 1})");
  FileSource source(path);
  auto first = source.Fetch("");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->text, R"({"version": 1})");
  EXPECT_EQ((*first)->revision, ContentRevision(R"({"version": 1})"));
  EXPECT_EQ((*first)->base_dir, dir.path());
  auto same = source.Fetch((*first)->revision);
  ASSERT_TRUE(same.ok());
  EXPECT_FALSE(same->has_value());
  Write(path, R"({"version": 1, "rules": []})");
  auto changed = source.Fetch((*first)->revision);
  ASSERT_TRUE(changed.ok());
  ASSERT_TRUE(changed->has_value());
  EXPECT_NE((*changed)->revision, (*first)->revision);
}

TEST(FileSource, AMissingFileIsAnError) {
  FileSource source("/nonexistent/rules.json");
  EXPECT_FALSE(source.Fetch("").ok());
}

}  // namespace
}  // namespace rolesel::source
