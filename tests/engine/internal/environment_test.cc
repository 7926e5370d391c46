#include "rolesel/internal/environment.h"

#include <cstdlib>
#include <string>

#include "gtest/gtest.h"

namespace rolesel::internal {
namespace {

class EnvironmentTest : public ::testing::Test {
 protected:
  void TearDown() override { unsetenv("ROLESEL_TEST_SETTING"); }
  void Set(const char* value) { setenv("ROLESEL_TEST_SETTING", value, 1); }
};

TEST_F(EnvironmentTest, UnsetOrEmptyKeepsTheDefault) {
  double value = 7;
  EXPECT_TRUE(NumberFromEnv("ROLESEL_TEST_SETTING", 0, 10, &value).ok());
  Set("");
  EXPECT_TRUE(NumberFromEnv("ROLESEL_TEST_SETTING", 0, 10, &value).ok());
  EXPECT_EQ(value, 7);
}

TEST_F(EnvironmentTest, ReadsANumberInRange) {
  double value = 0;
  Set("2.5");
  EXPECT_TRUE(NumberFromEnv("ROLESEL_TEST_SETTING", 0, 10, &value).ok());
  EXPECT_EQ(value, 2.5);
}

TEST_F(EnvironmentTest, RefusesWhatIsNotANumberInRangeNamingTheVariable) {
  for (const char* bad : {"abc", "nan", "inf", "-1", "11", "1,5", "5ms"}) {
    double value = 3;
    Set(bad);
    absl::Status status = NumberFromEnv("ROLESEL_TEST_SETTING", 0, 10, &value);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(std::string(status.message()).find("ROLESEL_TEST_SETTING"), std::string::npos);
    EXPECT_EQ(value, 3) << "a refused value changes nothing";
  }
}

TEST_F(EnvironmentTest, MillisecondsAndSeconds) {
  absl::Duration margin = absl::Milliseconds(500);
  Set("250");
  ASSERT_TRUE(MillisecondsFromEnv("ROLESEL_TEST_SETTING", &margin).ok());
  EXPECT_EQ(margin, absl::Milliseconds(250));
  absl::Duration poll = absl::Seconds(45);
  Set("0.5");
  ASSERT_TRUE(SecondsFromEnv("ROLESEL_TEST_SETTING", &poll).ok());
  EXPECT_EQ(poll, absl::Milliseconds(500));
  Set("90000");
  EXPECT_FALSE(MillisecondsFromEnv("ROLESEL_TEST_SETTING", &margin).ok());
}

}  // namespace
}  // namespace rolesel::internal
