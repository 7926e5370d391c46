// Helpers shared by the tests: load rules from text, build requests.
#ifndef ROLESEL_TESTS_TEST_UTIL_H_
#define ROLESEL_TESTS_TEST_UTIL_H_

#include <memory>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolesel/rule_set.h"

namespace rolesel::testing {

// Loads rules text or fails the test with the load errors.
inline std::unique_ptr<RuleSet> MustLoad(std::string_view text) {
  auto rules = RuleSet::FromString(text, "test.rules.json");
  EXPECT_TRUE(rules.ok()) << rules.status().message();
  if (!rules.ok()) return nullptr;
  return *std::move(rules);
}

// Decides a direct request object given as a JSON value.
inline Decision DecideRequest(const RuleSet& rules, const nlohmann::json& request,
                              Trace* trace = nullptr) {
  return rules.DecideEvent(request.dump(), {trace, EventShapeHint::kDirectRequest});
}

inline std::string SourceDir() { return ROLESEL_SOURCE_DIR; }

// A claim view as a vector, for comparisons.
inline std::vector<std::string> Vec(absl::Span<const std::string> values) {
  return {values.begin(), values.end()};
}

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_TEST_UTIL_H_
