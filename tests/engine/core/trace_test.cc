#include "rolesel/core/trace.h"

#include "gtest/gtest.h"
#include "rolesel/core/trace_json.h"

namespace rolesel {
namespace {

TEST(Trace, LabelsNameTheArrayIndexAndId) {
  Trace t;
  t.Add(TraceStep::Kind::kDeny, 0, "suspended", false, "groups: no");
  t.Add(TraceStep::Kind::kRule, 3, "gold", true, "");
  t.Add(TraceStep::Kind::kDefault, -1, "default", false, "no rule matched");
  EXPECT_EQ(t.steps[0].Label(), "deny[0] \"suspended\"");
  EXPECT_EQ(t.steps[1].Label(), "rules[3] \"gold\"");
  EXPECT_EQ(t.steps[2].Label(), "default");
  EXPECT_EQ(t.ToText(),
            "deny[0] \"suspended\": groups: no\n"
            "rules[3] \"gold\": matched\n"
            "default: no rule matched\n");
}

TEST(Trace, JsonHasOneObjectPerStep) {
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
