#include "cli/args.h"

#include "gtest/gtest.h"

namespace rolesel::cli {
namespace {

TEST(Args, ParsesValuesFlagsAndPositionals) {
  Args args({"rules"}, {"explain"});
  ASSERT_TRUE(args.Parse({"--rules", "r.json", "--explain", "a", "-", "--", "--not-an-option"}));
  EXPECT_EQ(args.Value("rules"), "r.json");
  EXPECT_TRUE(args.Flag("explain"));
  EXPECT_EQ(args.positional(), (std::vector<std::string>{"a", "-", "--not-an-option"}));
}

TEST(Args, AcceptsNameEqualsValue) {
  Args args({"rules"}, {});
  ASSERT_TRUE(args.Parse({"--rules=x.json"}));
  EXPECT_EQ(args.Value("rules"), "x.json");
}

TEST(Args, RefusesUnknownOptionsAndMissingValues) {
  Args unknown({"rules"}, {});
  EXPECT_FALSE(unknown.Parse({"--rule", "x"}));
  EXPECT_EQ(unknown.error(), "unknown option --rule");
  Args missing({"rules"}, {});
  EXPECT_FALSE(missing.Parse({"--rules"}));
  EXPECT_EQ(missing.error(), "option --rules needs a value");
  Args flag_value({}, {"explain"});
  EXPECT_FALSE(flag_value.Parse({"--explain=yes"}));
}

}  // namespace
}  // namespace rolesel::cli
