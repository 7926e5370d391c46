#include "rolesel/core/decision.h"

#include "gtest/gtest.h"
#include "rolesel/core/decision_json.h"

namespace rolesel {
namespace {

TEST(DenyReason, NamesRoundTrip) {
  for (DenyReason r : {DenyReason::kDenyRule, DenyReason::kNoMatch, DenyReason::kRoleNotAllowed,
                       DenyReason::kRoleDenied, DenyReason::kUnsafePath, DenyReason::kBadRequest,
                       DenyReason::kInvalidToken}) {
    auto name = DenyReasonName(r);
    ASSERT_FALSE(name.empty());
    EXPECT_EQ(DenyReasonFromName(name), r);
  }
  EXPECT_EQ(DenyReasonFromName("nope"), std::nullopt);
  EXPECT_EQ(DenyReasonName(DenyReason::kDenyRule), "deny_rule");
  EXPECT_EQ(DenyReasonName(DenyReason::kInvalidToken), "invalid_token");
}

TEST(Decision, DefaultConstructedIsADeny) {
  Decision d;
  EXPECT_FALSE(d.allow);
  EXPECT_EQ(d.reason, DenyReason::kBadRequest);
}

}  // namespace
}  // namespace rolesel
