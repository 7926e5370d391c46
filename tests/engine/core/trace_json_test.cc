#include "rolesel/core/trace_json.h"

#include "gtest/gtest.h"

namespace rolesel {
namespace {

TEST(TraceToJson, HasOneObjectPerStep) {
  Trace t;
  t.Add(TraceStep::Kind::kRule, 1, "r", false, "why");
  auto j = TraceToJson(t);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["kind"], "rule");
  EXPECT_EQ(j[0]["index"], 1);
  EXPECT_EQ(j[0]["id"], "r");
  EXPECT_EQ(j[0]["matched"], false);
  EXPECT_EQ(j[0]["why"], "why");
}

}  // namespace
}  // namespace rolesel
