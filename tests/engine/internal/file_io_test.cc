#include "rolesel/internal/file_io.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.h"

namespace rolesel::internal {
namespace {

using ::rolesel::testing::IsOk;
using ::rolesel::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ReadFileToString, ReadsEveryByte) {
  const std::string path = ::testing::TempDir() + "/file_io_test.bin";
  const std::string bytes("a\0b\xff\n", 5);
  std::ofstream(path, std::ios::binary) << bytes;
  absl::StatusOr<std::string> read = ReadFileToString(path);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(*read, bytes);
  std::remove(path.c_str());
}

TEST(ReadFileToString, AMissingFileIsNotFoundNamingThePath) {
  EXPECT_THAT(ReadFileToString("/nonexistent/rules.json"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("/nonexistent/rules.json")));
}

TEST(DirectoryOf, IsWhatRelativePathsInTheFileAreRelativeTo) {
  EXPECT_EQ(DirectoryOf("rules.json"), ".");
  EXPECT_EQ(DirectoryOf("rules/pets.json"), "rules");
  EXPECT_EQ(DirectoryOf("/pets.json"), "/");
  EXPECT_EQ(DirectoryOf("/a/b/c.json"), "/a/b");
}

}  // namespace
}  // namespace rolesel::internal
