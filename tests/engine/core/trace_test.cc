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

}  // namespace
}  // namespace rolesel
