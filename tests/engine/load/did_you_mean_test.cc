#include "rolesel/load/did_you_mean.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace rolesel {
namespace {

TEST(ClosestMatch, SuggestsOnlyNearMisses) {
  std::vector<std::string> keys = {"methods", "groups", "path"};
  EXPECT_EQ(ClosestMatch("method", keys), "methods");
  EXPECT_EQ(ClosestMatch("grups", keys), "groups");
  EXPECT_EQ(ClosestMatch("paths", keys), "path");
  EXPECT_EQ(ClosestMatch("banana", keys), std::nullopt);
}

}  // namespace
}  // namespace rolesel
