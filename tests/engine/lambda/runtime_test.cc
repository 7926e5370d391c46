#include "rolesel/lambda/runtime.h"

#include <unistd.h>

#include <cstdlib>

#include "gtest/gtest.h"

namespace rolesel::lambda {
namespace {

TEST(RulesPathFromEnvironment, RolselRulesWins) {
  setenv("ROLESEL_RULES", "/etc/pets.rules.json", 1);
  EXPECT_EQ(RulesPathFromEnvironment(), "/etc/pets.rules.json");
  unsetenv("ROLESEL_RULES");
}

TEST(RulesPathFromEnvironment, DefaultsToRulesJsonNextToTheExecutable) {
  unsetenv("ROLESEL_RULES");
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  ASSERT_GT(n, 0);
  std::string path(exe, n);
  EXPECT_EQ(RulesPathFromEnvironment(), path.substr(0, path.rfind('/')) + "/rules.json");
  setenv("ROLESEL_RULES", "", 1);
  EXPECT_EQ(RulesPathFromEnvironment(), path.substr(0, path.rfind('/')) + "/rules.json")
      << "an empty ROLESEL_RULES is the same as none";
  unsetenv("ROLESEL_RULES");
}

TEST(RunHandler, OutsideLambdaItSaysSoAndReturnsOne) {
  unsetenv("AWS_LAMBDA_RUNTIME_API");
  EXPECT_EQ(RunHandler(nullptr), 1);
}

TEST(RuntimeClientName, IsBuiltInWithoutAwsLambdaCpp) {
#ifdef ROLESEL_EXPECT_AWS_LAMBDA_CPP
  EXPECT_STREQ(RuntimeClientName(), "aws-lambda-cpp");
#else
  EXPECT_STREQ(RuntimeClientName(), "built-in");
#endif
}

}  // namespace
}  // namespace rolesel::lambda
